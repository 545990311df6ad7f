//! The demo's mail, made through the same use cases as everywhere: Ben
//! (in Manila) gets his notifications in a daily digest at 08:00 his time;
//! Ava reads hers in Portuguese; a provider invited by e-mail has not
//! joined yet; Maria got her portal link by e-mail; Priya's address bounced
//! before, so the link mailed to her is dead and the owners' team page
//! shows why. With no SMTP
//! server configured, `.ci/serve` writes what is sent to `data/mail/`.

use super::*;

/// Before the tasks: Ben's notification settings, and Ava (in Lisbon)
/// reads her mail in Portuguese.
pub(super) async fn seed_preferences(
    db: &Database,
    ben: crate::Member,
    ava: crate::Member,
    now_ms: i64,
) -> Result<()> {
    crate::mail::preferences::save(db, &ava, &[], "8", "pt", now_ms).await?;
    let digest: Vec<(String, String)> = handoff::NotifyKind::for_role(Role::Provider)
        .iter()
        .map(|kind| (kind.as_str().to_string(), "digest".to_string()))
        .collect();
    crate::mail::preferences::save(db, &ben, &digest, "8", "en", now_ms).await
}

/// After the tasks and threads: an invitation, and a portal link mailed to
/// an address that bounced before.
pub(super) async fn seed_mail(
    db: &Database,
    owner: &crate::Owner,
    clients: &[i64],
    now_ms: i64,
) -> Result<()> {
    crate::team::invite(db, owner, "sam@demo.test", "provider", now_ms).await?;
    // Maria's link went out with her thread (threads.rs), before her reply.
    if let [_, _, priya, ..] = clients {
        crate::mail::store::suppress(
            db,
            "priya.r@example.org",
            "550 5.1.1 mailbox unavailable (bounced on an earlier message)",
            now_ms,
        )
        .await?;
        crate::portal::mail_link(db, owner, *priya, now_ms).await?;
    }
    Ok(())
}
