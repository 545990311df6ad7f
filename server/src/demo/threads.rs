//! The demo's conversations: a team thread, a relay request with a flag,
//! and a client's reply forwarded to the provider.

use super::*;

/// Today's conversations, after the tasks were made: a team thread, one
/// pending relay request with a solicitation flag, and a client thread:
/// the business's welcome, the portal link mailed to the client, and her
/// reply (news of a move, forwarded to the provider without the address),
/// so the thread, queue and portal pages have something to show.
pub(super) async fn seed_threads(db: &Database, owner: &crate::Owner, now_ms: i64) -> Result<()> {
    use handoff::thread::ThreadRef;
    let row: Option<(i64, i64, i64)> = sqlx::query_as(
        "SELECT id, assignee_id, client_id FROM tasks WHERE workspace_id = $1 \
         AND assignee_id IS NOT NULL AND client_id IS NOT NULL AND closed = 0 ORDER BY id LIMIT 1",
    )
    .bind(owner.workspace_id())
    .fetch_optional(db.pool())
    .await?;
    let Some((task_id, provider_id, client_id)) = row else {
        return Ok(());
    };
    let provider = crate::Provider(crate::Actor {
        member_id: provider_id,
        workspace_id: owner.workspace_id(),
        role: Role::Provider,
        token_hash: String::new(),
        needs_two_factor_setup: false,
    });
    let client = crate::PortalClient {
        client_id,
        workspace_id: owner.workspace_id(),
        token_hash: String::new(),
    };
    let minute = 60_000;
    let at = now_ms - 90 * minute;
    let team = ThreadRef::Team { task_id };
    crate::thread::post(
        db,
        owner,
        team,
        "Hi! The client asked for **mornings** only: offer those before the late-afternoon slots in the instructions.",
        at,
    )
    .await?;
    crate::thread::provider_post(
        db,
        &provider,
        task_id,
        "Thanks, noted. Should I send the consent form before the call?",
        None,
        at + 12 * minute,
    )
    .await?;
    crate::thread::post(
        db,
        owner,
        team,
        "Yes please, propose a message for the client and I will pass it on.",
        at + 20 * minute,
    )
    .await?;
    crate::relay::request(db, &provider, task_id, "Hello! I will send you the consent form today. If it is easier, WhatsApp me on +1 555 0100 4477. The app blocks numbers, so if you cannot see it, it ends nine four one two.", None, at + 30 * minute).await?;
    crate::thread::post(db, owner, ThreadRef::Client { client_id }, "Welcome to Bright Path. We will keep you posted here; call us any time on the practice line.", at + 35 * minute).await?;
    // Her portal link goes out by e-mail before she can answer there.
    crate::portal::show_task(db, owner, task_id, true, at + 36 * minute).await?;
    crate::portal::mail_link(db, owner, client_id, at + 37 * minute).await?;
    // The client's news of a move reaches the provider forwarded, without
    // the new address (R1).
    let reply = crate::portal::reply(
        db,
        &client,
        "Thank you! Mornings before 10 suit me best. Also, we have moved: \
         14 Rosewood Close, Flat 4, Leeds LS6 2QT.",
        at + 50 * minute,
    )
    .await?;
    if let Some(message_id) = reply.message_id {
        crate::thread::forward(db, owner, message_id, task_id, None, at + 55 * minute).await?;
    }
    Ok(())
}
