//! The demo's clients and tasks, made through the use cases an owner's
//! requests go through.

use super::*;

/// (name, email, phone, address, date of birth, notes, custom fields)
type DemoClient = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str, &'static str)],
);

const DEMO_CLIENTS: [DemoClient; 3] = [
    (
        "Maria Gomez",
        "maria.gomez@example.com",
        "+1 503 555 0142",
        "41 Alder Street, Apt 3, Portland, OR 97201",
        "1986-04-12",
        "Prefers late-afternoon sessions. Referred by Dr. Chen.",
        &[
            ("Preferred language", "Spanish", "general"),
            ("Presenting concern", "Anxiety after a job change", "health"),
            ("Insurance plan", "Aetna PPO, member 4471-220", "payment"),
            (
                "Emergency contact",
                "Luis Gomez, +1 503 555 0199",
                "contact",
            ),
        ],
    ),
    (
        "James O'Connor",
        "jim.oconnor@example.net",
        "(617) 555-0117",
        "12 Harbor View Road, Boston, MA 02110",
        "1972-11-03",
        "Pays by invoice at month end. Ask before calling his office line.",
        &[
            ("Billing account", "BPT-0931, invoiced monthly", "payment"),
            ("Sessions per month", "2", "general"),
        ],
    ),
    (
        "Priya Raman",
        "priya.r@example.org",
        "+44 20 7946 0321",
        "Flat 5, 18 Elm Row, Edinburgh EH7 4AA",
        "1994-07-28",
        "New client; wants a welcome pack before the first session.",
        &[
            ("Preferred name", "Pri", "identity"),
            (
                "How she found us",
                "Search, then the website chat",
                "general",
            ),
        ],
    ),
];

/// A demo task: what it says, for whom, by whom, what to disclose, its
/// terms, and the moves that bring it to its demo state.
struct DemoTask {
    title: &'static str,
    instructions: &'static str,
    client: Option<usize>,
    provider: Option<usize>,
    disclose: &'static [&'static str],
    criteria: &'static str,
    outcome: (&'static str, &'static str),
    /// (kind, price, bonus)
    price: (&'static str, &'static str, &'static str),
    /// Hours from now, in the owner's zone; `None` with `overnight` false: no due time.
    due_in_hours: Option<i64>,
    overnight: bool,
    script: &'static [Step],
}

#[derive(Clone, Copy)]
enum Step {
    Start,
    Submit,
    Accept,
    RequestChanges,
    Resume,
    Cancel,
}

const DEMO_TASKS: [DemoTask; 7] = [
    DemoTask {
        title: "Book the intake call",
        instructions: "Book a 50-minute intake call in the next two weeks.\n\n\
         - Offer late-afternoon slots first.\n\
         - If they don't answer, try again at +1 503 555 0142 the next day.\n\n\
         **Outcome:** intake booked in the calendar.",
        client: Some(0),
        provider: Some(1),
        disclose: &["Preferred language", "Presenting concern"],
        criteria: "Call booked within two weeks\nPreferred language noted on the booking\nConfirmation sent through Handoff",
        outcome: ("intake booked", "1 intake call in the calendar"),
        price: ("fixed", "40", ""),
        due_in_hours: Some(50),
        overnight: false,
        script: &[Step::Start],
    },
    DemoTask {
        title: "Reconcile October invoices",
        instructions: "Match October's session invoices against payments received.\n\n\
         Questions about the account go to the owner, not to the client (jim.oconnor@example.net).\n\n\
         **Outcome:** invoices reconciled, differences listed.",
        client: Some(1),
        provider: Some(2),
        disclose: &["Billing account", "Sessions per month"],
        criteria: "Every October invoice matched to a payment or listed as open\nDifferences listed with amounts",
        outcome: ("invoice reconciled", "all October invoices"),
        price: ("bonus", "60", "15"),
        due_in_hours: Some(-5),
        overnight: false,
        script: &[Step::Start, Step::Submit, Step::RequestChanges, Step::Resume, Step::Submit],
    },
    DemoTask {
        title: "Draft the welcome letter",
        instructions: "Write a warm one-page welcome letter for a new client.\n\n\
         Priya asked for it before her first session: use the preferred name \
         (her first name stays hidden from you). Mention what to expect in the \
         first session.\n\n\
         **Outcome:** letter ready for the owner to review.",
        client: Some(2),
        provider: Some(2),
        disclose: &["Preferred name", "How she found us"],
        criteria: "One page\nUses the preferred name\nSays what happens in the first session",
        outcome: ("letter drafted", "1 letter ready to send"),
        price: ("fixed", "35", ""),
        due_in_hours: Some(-30),
        overnight: false,
        script: &[Step::Start, Step::Submit, Step::Accept],
    },
    DemoTask {
        title: "Update the intake checklist",
        instructions: "Review the intake checklist and suggest what to cut.",
        client: None,
        provider: None,
        disclose: &[],
        criteria: "",
        outcome: ("checklist revised", ""),
        price: ("retainer", "", ""),
        due_in_hours: None,
        overnight: false,
        script: &[],
    },
    DemoTask {
        title: "Confirm tomorrow's appointments",
        instructions: "Go through tomorrow's calendar before 09:00: check that each appointment has a room, \
         an intake form received and its fee agreed. List what is missing for the owner, who \
         contacts the clients.",
        client: None,
        provider: Some(1),
        disclose: &[],
        criteria: "Every appointment checked\nWhat is missing listed for the owner",
        outcome: ("appointments confirmed", "all of tomorrow's"),
        price: ("retainer", "", ""),
        due_in_hours: None,
        overnight: true,
        script: &[],
    },
    DemoTask {
        title: "Send the November newsletter draft",
        instructions: "Draft the November newsletter from the notes in the playbook.",
        client: None,
        provider: Some(1),
        disclose: &[],
        criteria: "",
        outcome: ("newsletter drafted", ""),
        price: ("fixed", "50", ""),
        due_in_hours: Some(-72),
        overnight: false,
        script: &[Step::Cancel],
    },
    DemoTask {
        title: "Chase unpaid session fees",
        instructions: "List sessions unpaid for more than 30 days and draft a polite reminder for each.",
        client: Some(1),
        provider: Some(2),
        disclose: &["Billing account"],
        criteria: "List of unpaid sessions with dates\nOne reminder draft per client",
        outcome: ("reminders drafted", "every session unpaid > 30 days"),
        price: ("fixed", "25", ""),
        due_in_hours: Some(20),
        overnight: false,
        script: &[Step::Start, Step::Submit, Step::RequestChanges],
    },
];

/// The demo's clients and tasks, made through the use cases an owner's
/// requests go through, so the demo obeys every rule the product does.
pub(super) async fn seed_clients_and_tasks(
    db: &Database,
    workspace_id: i64,
    start: i64,
    now_ms: i64,
) -> Result<()> {
    const MINUTE: i64 = 60_000;
    const HOUR: i64 = 60 * MINUTE;
    let members: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, email FROM members WHERE workspace_id = $1 ORDER BY id")
            .bind(workspace_id)
            .fetch_all(db.pool())
            .await?;
    let member = |i: usize| {
        members
            .iter()
            .find(|(_, email)| email == DEMO_MEMBERS[i].0)
            .map(|(id, _)| *id)
            .ok_or_else(|| crate::Error::internal("demo member missing"))
    };
    let owner = crate::Owner(crate::Actor {
        member_id: member(0)?,
        workspace_id,
        role: Role::Owner,
        token_hash: String::new(),
        needs_two_factor_setup: false,
    });
    let provider_member = |i: usize| -> Result<crate::Member> {
        Ok(crate::Member::Provider(crate::Provider(crate::Actor {
            member_id: member(i)?,
            workspace_id,
            role: Role::Provider,
            token_hash: String::new(),
            needs_two_factor_setup: false,
        })))
    };
    let (ava, ben) = (provider_member(1)?, provider_member(2)?);
    super::mail::seed_preferences(db, ben, ava, start).await?;
    let mut client_ids = Vec::new();
    for (name, email, phone, address, dob, notes, custom) in DEMO_CLIENTS {
        let input = handoff::ClientInput {
            name: name.into(),
            email: email.into(),
            phone: phone.into(),
            address: address.into(),
            date_of_birth: dob.into(),
            notes: notes.into(),
        };
        let id = crate::clients::create(db, &owner, &input, start + 10 * MINUTE).await?;
        for (label, value, kind) in custom {
            crate::clients::save_field(
                db,
                &owner,
                id,
                None,
                (label, value, kind),
                start + 10 * MINUTE,
            )
            .await?;
        }
        client_ids.push(id);
    }
    let owner_zone: chrono_tz::Tz = DEMO_TIME_ZONE.parse().unwrap_or(chrono_tz::Tz::UTC);
    for (k, task) in DEMO_TASKS.iter().enumerate() {
        // Made on the first day, one after another; an overnight handoff
        // was made last thing (its provider's next morning is still ahead).
        let created = if task.overnight {
            now_ms - MINUTE
        } else {
            start + HOUR + k as i64 * 10 * MINUTE
        };
        let due = task
            .due_in_hours
            .and_then(|h| {
                chrono::TimeZone::timestamp_millis_opt(&owner_zone, now_ms + h * 3_600_000).single()
            })
            .map(|t| t.format("%Y-%m-%dT%H:%M").to_string())
            .unwrap_or_default();
        let input = handoff::TaskInput {
            title: task.title.into(),
            instructions: task.instructions.into(),
            client_id: task
                .client
                .map(|c| client_ids[c].to_string())
                .unwrap_or_default(),
            assignee_id: match task.provider {
                Some(p) => member(p)?.to_string(),
                None => String::new(),
            },
            criteria: task.criteria.into(),
            outcome_kind: task.outcome.0.into(),
            outcome_target: task.outcome.1.into(),
            priority: "normal".into(),
            due,
            due_next_morning: if task.overnight {
                "yes".into()
            } else {
                String::new()
            },
            // Every demo due time is after its task was made.
            due_passed_ok: String::new(),
            price_kind: task.price.0.into(),
            price: task.price.1.into(),
            bonus: task.price.2.into(),
        };
        let task_id = crate::task::create(db, &owner, &input, created).await?;
        if let Some(c) = task.client {
            let record = crate::clients::record(db, &owner, client_ids[c]).await?;
            let keys: Vec<String> = record
                .fields()
                .into_iter()
                .filter(|(_, label, _, _)| task.disclose.contains(&label.as_str()))
                .map(|(field, _, _, _)| field.key())
                .collect();
            crate::disclosure::set(db, &owner, task_id, &keys, true, created).await?;
        }
        let provider = match task.provider {
            Some(p) => Some(crate::Provider(crate::Actor {
                member_id: member(p)?,
                workspace_id,
                role: Role::Provider,
                token_hash: String::new(),
                needs_two_factor_setup: false,
            })),
            None => None,
        };
        for (i, step) in task.script.iter().enumerate() {
            // A few hours between steps, all days before today's messages.
            let at = created + (i as i64 + 1) * 3 * HOUR;
            let version = {
                let mut conn = db.pool().acquire().await?;
                crate::task::store::load(&mut conn, workspace_id, task_id)
                    .await?
                    .version
            };
            let provider = provider
                .as_ref()
                .ok_or_else(|| crate::Error::internal("demo step without provider"))?;
            let criteria = task.criteria.lines().count();
            match step {
                Step::Start => {
                    let member = crate::Member::Provider(provider.clone());
                    crate::task::move_task(db, &member, task_id, version, "start", "", at).await?
                }
                Step::Resume => {
                    let member = crate::Member::Provider(provider.clone());
                    crate::task::move_task(db, &member, task_id, version, "resume", "", at).await?
                }
                Step::Cancel => crate::task::cancel(db, &owner, task_id, version, at).await?,
                Step::Submit => {
                    let submission = handoff::submission::SubmissionInput {
                        body: "Done: see the summary below.\n\n- Worked through the list\n- Noted open questions for the owner".into(),
                        achieved: "yes".into(),
                        result_value: task.outcome.1.into(),
                        note: "Ready for review.".into(),
                        met: (0..criteria).collect(),
                    };
                    crate::task::submit(db, provider, task_id, version, &submission, None, at)
                        .await?;
                }
                Step::Accept => {
                    let review = handoff::submission::ReviewInput {
                        decision: "accept".into(),
                        feedback: vec!["Clear and complete, thank you.".into()],
                        process_change: String::new(),
                    };
                    crate::task::review(db, &owner, task_id, version, &review, at).await?
                }
                Step::RequestChanges => {
                    let review = handoff::submission::ReviewInput {
                        decision: "request_changes".into(),
                        feedback: vec!["Two items are missing their dates: add them.".into()],
                        process_change: "Add a date column to the reconciliation sheet template."
                            .into(),
                    };
                    crate::task::review(db, &owner, task_id, version, &review, at).await?
                }
            }
        }
    }
    seed_threads(db, &owner, now_ms).await?;
    super::mail::seed_mail(db, &owner, &client_ids, now_ms).await
}
