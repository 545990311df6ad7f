//! The outcome of a task: its provider hands in the work (with an
//! idempotency key when it may be sent again), and an owner accepts it or
//! asks for changes, criterion by criterion.

use super::*;

/// Providers: hands in the work on their own task; the draft it was
/// written from goes with it. `key`: the idempotency key the browser made
/// for a submission it may send again (queued offline); a replay answers
/// the same and submits nothing.
#[tracing::instrument(skip(db, input, key), fields(member = provider.member_id()))]
pub async fn submit(
    db: &Database,
    provider: &Provider,
    task_id: i64,
    version: i64,
    input: &SubmissionInput,
    key: Option<&str>,
    now: i64,
) -> Result<Submitted> {
    let s = input.validate().map_err(Error::Invalid)?;
    let mut tx = db.write(provider, now).await?;
    if let Some(first) = tx.once(key).await? {
        return Ok(first);
    }
    let task = store::load(&mut tx, provider.workspace_id(), task_id).await?;
    let member = Member::Provider(provider.clone());
    let next = check_move(&member, &task, Move::Submit, version)?;
    let ticks: Vec<Tick> = task
        .criteria
        .iter()
        .enumerate()
        .map(|(i, criterion)| Tick {
            criterion: criterion.clone(),
            met: s.met.contains(&i),
        })
        .collect();
    let round = task.revisions + 1;
    timeline::insert_submission(
        &mut tx,
        task_id,
        round,
        &s,
        &ticks,
        provider.member_id(),
        now,
    )
    .await?;
    store::set_state(&mut tx, task_id, next, AlsoChange::Nothing, now).await?;
    let met = ticks.iter().filter(|t| t.met).count();
    let what = format!(
        "Submitted round {round} ({}; {met} of {} criteria met)",
        s.achieved.to_string().to_lowercase(),
        ticks.len()
    );
    event(&mut tx, task_id, provider.member_id(), &what, now).await?;
    draft::delete(
        &mut tx,
        provider.member_id(),
        task_id,
        DraftKind::Submission,
    )
    .await?;
    let ws = provider.workspace_id();
    changed(&mut tx, ws, task_id, &[task.assignee_id]);
    tx.notify(Notice::Owners {
        workspace_id: ws,
        kind: NotifyKind::WorkSubmitted,
        by: Some(provider.member_id()),
        task_id: Some(task_id),
        client_id: None,
        seen: None,
    });
    tx.commit_with(Submitted { task_id, round }).await
}

/// Owners: accepts the submitted work, or asks for changes with a note per
/// criterion.
#[tracing::instrument(skip(db, input), fields(member = owner.member_id()))]
pub async fn review(
    db: &Database,
    owner: &Owner,
    task_id: i64,
    version: i64,
    input: &ReviewInput,
    now: i64,
) -> Result<()> {
    let mut tx = db.write(owner, now).await?;
    let task = store::load(&mut tx, owner.workspace_id(), task_id).await?;
    let r = input.validate(&task.criteria).map_err(Error::Invalid)?;
    let next = check_move(
        &Member::Owner(owner.clone()),
        &task,
        r.decision.as_move(),
        version,
    )?;
    timeline::insert_review(&mut tx, task_id, &r, owner.member_id(), now).await?;
    match r.decision {
        Decision::Accept => {
            disclosure::end_for_task(
                &mut tx,
                &by_owner(owner),
                task_id,
                task.client_id,
                "the task was accepted",
            )
            .await?;
            store::set_state(&mut tx, task_id, next, AlsoChange::Nothing, now).await?;
            event(
                &mut tx,
                task_id,
                owner.member_id(),
                "Accepted the work",
                now,
            )
            .await?;
        }
        Decision::RequestChanges => {
            store::set_state(&mut tx, task_id, next, AlsoChange::AddRevision, now).await?;
            let what = match r.feedback.len() {
                1 => "Asked for changes (1 note)".to_string(),
                n => format!("Asked for changes ({n} notes)"),
            };
            event(&mut tx, task_id, owner.member_id(), &what, now).await?;
            if let Some(provider) = task.assignee_id {
                tx.notify(Notice::Member {
                    workspace_id: owner.workspace_id(),
                    member_id: provider,
                    kind: NotifyKind::ChangesRequested,
                    by: Some(owner.member_id()),
                    task_id,
                    seen: None,
                });
            }
        }
    }
    let ws = owner.workspace_id();
    changed(&mut tx, ws, task_id, &[task.assignee_id]);
    tx.commit().await?;
    Ok(())
}
