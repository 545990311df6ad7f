//! The authorization matrix: every registered server function, called over
//! HTTP as each kind of caller, must answer as the matrix says. A server
//! function missing from the matrix fails the test, so none slips past.
//! Runs on the engine `HANDOFF_TEST_DATABASE_URL` names (SQLite by default).

#[path = "../../server/tests/support/mod.rs"]
mod support;
mod web;

use handoff::{ClientInput, TaskInput};
use handoff_app::auth::CookiePolicy;
use handoff_app::error::AppError;
use handoff_server::accounts;
use handoff_server::{clients, portal, relay, task, team, testkit, Actor, Database};
use std::collections::BTreeSet;
use support::{hasher, TestDb};
use web::{app, call, join, now, sign_up, NOW_PASSWORD};

/// Who calls. The owner goes last: some calls of theirs change what the
/// others' calls would find (a revoked invitation, a deactivated provider).
/// `Portal` is the client of workspace A with a portal session cookie: to
/// every member function it is nobody (no member session), and members are
/// nobody to the portal's functions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Caller {
    Anonymous,
    Portal,
    Provider,
    OtherProvider,
    OtherOwner,
    Owner,
}

const CALLERS: [Caller; 6] = [
    Caller::Anonymous,
    Caller::Portal,
    Caller::Provider,
    Caller::OtherProvider,
    Caller::OtherOwner,
    Caller::Owner,
];

/// What a call must come to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    /// Past authorization: done, or refused for its input only.
    Allow,
    /// `Unauthenticated`.
    SignIn,
    /// `Forbidden` or `NotFound`.
    Deny,
}
use Expect::{Allow, Deny, SignIn};

struct Fixture {
    owner: Actor,
    target_provider_id: i64,
    invitation_id: i64,
    /// A client of workspace A with two custom fields, and a task for it
    /// assigned to `Caller::Provider`.
    client_id: i64,
    kept_field_id: i64,
    removed_field_id: i64,
    task_id: i64,
    /// A pending relay request on the task, and a message the client wrote
    /// in their portal.
    relay_id: i64,
    client_message_id: i64,
}

fn client_args(f: &Fixture) -> Vec<(&'static str, String)> {
    vec![
        ("client_id", f.client_id.to_string()),
        ("name", "Renamed Client".into()),
        ("email", String::new()),
        ("phone", String::new()),
        ("address", String::new()),
        ("date_of_birth", String::new()),
        ("notes", String::new()),
    ]
}

fn task_args(f: &Fixture) -> Vec<(&'static str, String)> {
    vec![
        ("task_id", f.task_id.to_string()),
        ("version", "1".into()),
        ("task[title]", "A task".into()),
        ("task[instructions]", "Do it.".into()),
        ("task[client_id]", f.client_id.to_string()),
        ("task[assignee_id]", String::new()),
        ("task[criteria]", "Done right".into()),
        ("task[outcome_kind]", "intake booked".into()),
        ("task[outcome_target]", String::new()),
        ("task[priority]", "normal".into()),
        ("task[due]", String::new()),
        ("task[price_kind]", "retainer".into()),
        ("task[price]", String::new()),
        ("task[bonus]", String::new()),
    ]
}

const OWNERS_ONLY: [Expect; 5] = [SignIn, Deny, Deny, Deny, Allow];
/// Owners only, and another workspace's owner meets their own (empty) data.
const OWNERS_OWN_WORKSPACE: [Expect; 5] = [SignIn, Deny, Deny, Allow, Allow];

/// The portal's own functions, which only a portal session may call.
const PORTAL_ONLY: [Expect; 5] = [SignIn; 5];
/// A provider's own task (the fixture's task is `Caller::Provider`'s).
const ITS_PROVIDER: [Expect; 5] = [SignIn, Allow, Deny, Deny, Deny];

struct Row {
    path: &'static str,
    /// anonymous, provider, other provider (same workspace), other
    /// workspace's owner, owner; the portal caller is expected as the
    /// anonymous one, except on the portal's own functions (`portal_expect`).
    expect: [Expect; 5],
    args: fn(&Fixture, Caller, &str) -> Vec<(&'static str, String)>,
}

fn none(_: &Fixture, _: Caller, _: &str) -> Vec<(&'static str, String)> {
    Vec::new()
}

fn matrix() -> Vec<Row> {
    vec![
        Row {
            path: "/api/status",
            expect: [Allow; 5],
            args: none,
        },
        Row {
            path: "/api/current_member",
            expect: [Allow; 5],
            args: none,
        },
        Row {
            path: "/api/sign_in",
            expect: [Allow; 5],
            args: |_, _, _| {
                vec![
                    ("email", "o@a.example".into()),
                    ("password", NOW_PASSWORD.into()),
                ]
            },
        },
        Row {
            path: "/api/sign_up",
            expect: [Allow; 5],
            args: |_, caller, unique| {
                vec![
                    ("workspace_name", "New Co".into()),
                    ("time_zone", "UTC".into()),
                    ("currency", "EUR".into()),
                    ("display_name", "New".into()),
                    (
                        "email",
                        format!("{caller:?}-{unique}@new.example").to_lowercase(),
                    ),
                    ("password", NOW_PASSWORD.into()),
                ]
            },
        },
        Row {
            path: "/api/sign_out",
            expect: [Allow; 5],
            args: none,
        },
        Row {
            path: "/api/sign_out_everywhere",
            expect: [SignIn, Allow, Allow, Allow, Allow],
            args: none,
        },
        Row {
            path: "/api/change_password",
            expect: [SignIn, Allow, Allow, Allow, Allow],
            args: |_, _, _| {
                vec![
                    ("current_password", NOW_PASSWORD.into()),
                    ("new_password", NOW_PASSWORD.into()),
                ]
            },
        },
        Row {
            path: "/api/update_profile",
            expect: [SignIn, Allow, Allow, Allow, Allow],
            args: |_, _, _| {
                vec![
                    ("display_name", "Renamed Member".into()),
                    ("time_zone", "Europe/Lisbon".into()),
                ]
            },
        },
        Row {
            path: "/api/verify_sign_in_code",
            expect: [SignIn; 5],
            args: |_, _, _| vec![("code", "123456".into())],
        },
        Row {
            path: "/api/load_two_factor",
            expect: [SignIn, Allow, Allow, Allow, Allow],
            args: none,
        },
        Row {
            path: "/api/start_two_factor",
            expect: [SignIn, Allow, Allow, Allow, Allow],
            args: |_, _, _| vec![("password", "not the password".into())],
        },
        Row {
            path: "/api/dismiss_recovery_codes",
            expect: [SignIn, Allow, Allow, Allow, Allow],
            args: none,
        },
        Row {
            path: "/api/confirm_two_factor",
            expect: [SignIn, Allow, Allow, Allow, Allow],
            args: |_, _, _| vec![("code", "000000".into())],
        },
        Row {
            path: "/api/disable_two_factor",
            expect: [SignIn, Allow, Allow, Allow, Allow],
            args: |_, _, _| vec![("password", "not the password".into())],
        },
        Row {
            path: "/api/require_owner_two_factor",
            expect: [SignIn, Deny, Deny, Allow, Allow],
            args: |_, _, _| vec![("required", "false".into())],
        },
        Row {
            path: "/api/invite_member",
            expect: [SignIn, Deny, Deny, Allow, Allow],
            args: |_, caller, unique| {
                vec![
                    (
                        "email",
                        format!("{caller:?}-{unique}@invitee.example").to_lowercase(),
                    ),
                    ("role", "provider".into()),
                ]
            },
        },
        Row {
            path: "/api/load_team",
            expect: [SignIn, Deny, Deny, Allow, Allow],
            args: none,
        },
        Row {
            path: "/api/revoke_invitation",
            expect: [SignIn, Deny, Deny, Deny, Allow],
            args: |f, _, _| vec![("invitation_id", f.invitation_id.to_string())],
        },
        Row {
            path: "/api/deactivate_member",
            expect: [SignIn, Deny, Deny, Deny, Allow],
            args: |f, _, _| vec![("member_id", f.target_provider_id.to_string())],
        },
        Row {
            // After the owner's deactivation above, so the owner finds the
            // provider inactive.
            path: "/api/reactivate_member",
            expect: [SignIn, Deny, Deny, Deny, Allow],
            args: |f, _, _| vec![("member_id", f.target_provider_id.to_string())],
        },
        Row {
            path: "/api/load_invitation",
            expect: [Allow; 5],
            args: |_, _, _| vec![("token", "0".repeat(64))],
        },
        Row {
            path: "/api/load_notifications",
            expect: [SignIn, Allow, Allow, Allow, Allow],
            args: none,
        },
        Row {
            // A provider's kind: owners are refused for the input only.
            path: "/api/save_notifications",
            expect: [SignIn, Allow, Allow, Allow, Allow],
            args: |_, _, _| {
                vec![
                    ("kinds[]", "team_message".into()),
                    ("choices[]", "digest".into()),
                    ("digest_hour", "8".into()),
                    ("language", "en".into()),
                ]
            },
        },
        Row {
            path: "/api/send_digest_now",
            expect: [SignIn, Allow, Allow, Allow, Allow],
            args: none,
        },
        Row {
            path: "/api/load_mail",
            expect: OWNERS_OWN_WORKSPACE,
            args: none,
        },
        Row {
            // Message 1 is workspace A's first invitation: sent or waiting,
            // so its owner is refused for the input only.
            path: "/api/retry_mail",
            expect: OWNERS_ONLY,
            args: |_, _, _| vec![("mail_id", "1".into())],
        },
        Row {
            // Anyone: the answer is the same for every address.
            path: "/api/request_password_reset",
            expect: [Allow; 5],
            args: |_, caller, unique| {
                vec![(
                    "email",
                    format!("{caller:?}-{unique}@nobody.example").to_lowercase(),
                )]
            },
        },
        Row {
            path: "/api/load_password_reset",
            expect: [Allow; 5],
            args: |_, _, _| vec![("token", "0".repeat(64))],
        },
        Row {
            path: "/api/reset_password",
            expect: [Allow; 5],
            args: |_, _, _| {
                vec![
                    ("token", "0".repeat(64)),
                    ("new_password", NOW_PASSWORD.into()),
                ]
            },
        },
        Row {
            path: "/api/load_clients",
            expect: OWNERS_OWN_WORKSPACE,
            args: |_, _, _| vec![("search", String::new()), ("page", "1".into())],
        },
        Row {
            path: "/api/load_client",
            expect: OWNERS_ONLY,
            args: |f, _, _| vec![("client_id", f.client_id.to_string())],
        },
        Row {
            path: "/api/create_client",
            expect: OWNERS_OWN_WORKSPACE,
            args: |f, _, _| client_args(f).into_iter().skip(1).collect(),
        },
        Row {
            path: "/api/update_client",
            expect: OWNERS_ONLY,
            args: |f, _, _| client_args(f),
        },
        Row {
            path: "/api/save_client_field",
            expect: OWNERS_ONLY,
            args: |f, _, _| {
                vec![
                    ("client_id", f.client_id.to_string()),
                    ("field_id", f.kept_field_id.to_string()),
                    ("label", "Preferred language".into()),
                    ("value", "Portuguese".into()),
                    ("kind", "general".into()),
                ]
            },
        },
        Row {
            path: "/api/remove_client_field",
            expect: OWNERS_ONLY,
            args: |f, _, _| {
                vec![
                    ("client_id", f.client_id.to_string()),
                    ("field_id", f.removed_field_id.to_string()),
                ]
            },
        },
        Row {
            path: "/api/load_task_choices",
            expect: OWNERS_OWN_WORKSPACE,
            args: none,
        },
        Row {
            // The editor's preview, for a task and client of workspace A:
            // another workspace's owner finds neither.
            path: "/api/preview_task",
            expect: OWNERS_ONLY,
            args: |f, _, _| {
                vec![
                    ("task_id", f.task_id.to_string()),
                    ("client_id", f.client_id.to_string()),
                    ("texts[0]", "Call the client".to_string()),
                ]
            },
        },
        Row {
            path: "/api/create_task",
            expect: OWNERS_OWN_WORKSPACE,
            args: |f, _, _| task_args(f).into_iter().skip(2).collect(),
        },
        Row {
            path: "/api/load_board",
            expect: OWNERS_OWN_WORKSPACE,
            args: |_, _, _| {
                vec![
                    ("filter[state]", "assigned".into()),
                    ("layout", "Columns".into()),
                    ("page", "1".into()),
                ]
            },
        },
        Row {
            // The task's provider may start it; an owner's call is refused
            // for the move, not the door.
            path: "/api/move_task",
            expect: [SignIn, Allow, Deny, Deny, Allow],
            args: |f, _, _| {
                vec![
                    ("task_id", f.task_id.to_string()),
                    ("version", "1".into()),
                    ("step", "start".into()),
                ]
            },
        },
        Row {
            // Only the task's provider, on their own open task.
            path: "/api/save_draft",
            expect: [SignIn, Allow, Deny, Deny, Deny],
            args: |f, _, _| {
                vec![
                    ("task_id", f.task_id.to_string()),
                    ("kind", "submission".into()),
                    ("base_version", "0".into()),
                    ("body", "Half done.".into()),
                    ("achieved", String::new()),
                    ("result_value", String::new()),
                    ("note", String::new()),
                    ("met[]", String::new()),
                ]
            },
        },
        Row {
            path: "/api/load_draft",
            expect: [SignIn, Allow, Deny, Deny, Deny],
            args: |f, _, _| {
                vec![
                    ("task_id", f.task_id.to_string()),
                    ("kind", "submission".into()),
                ]
            },
        },
        Row {
            // Providers only: the owner's call is refused at the door (the
            // use case takes a `Provider`), no longer by the move.
            path: "/api/submit_work",
            expect: [SignIn, Allow, Deny, Deny, Deny],
            args: |f, _, _| {
                vec![
                    ("task_id", f.task_id.to_string()),
                    ("version", "2".into()),
                    ("body", "Done.".into()),
                    ("achieved", "yes".into()),
                    ("result_value", String::new()),
                    ("note", String::new()),
                    ("met[]", String::new()),
                ]
            },
        },
        Row {
            path: "/api/review_work",
            expect: OWNERS_ONLY,
            args: |f, _, _| {
                vec![
                    ("task_id", f.task_id.to_string()),
                    ("version", "3".into()),
                    ("decision", "request_changes".into()),
                    ("feedback[]", String::new()),
                    ("feedback[]", "Add the dates.".into()),
                    ("process_change", String::new()),
                ]
            },
        },
        Row {
            path: "/api/load_owner_task",
            expect: OWNERS_ONLY,
            args: |f, _, _| vec![("task_id", f.task_id.to_string())],
        },
        Row {
            // Each member's own home page and counts, by their role.
            path: "/api/load_dashboard",
            expect: [SignIn, Allow, Allow, Allow, Allow],
            args: none,
        },
        Row {
            path: "/api/load_waiting",
            expect: [SignIn, Allow, Allow, Allow, Allow],
            args: none,
        },
        Row {
            path: "/api/load_my_tasks",
            expect: [SignIn, Allow, Allow, Deny, Deny],
            args: none,
        },
        Row {
            // Only the provider the task is assigned to.
            path: "/api/load_my_task",
            expect: [SignIn, Allow, Deny, Deny, Deny],
            args: |f, _, _| vec![("task_id", f.task_id.to_string())],
        },
        Row {
            path: "/api/set_disclosures",
            expect: OWNERS_ONLY,
            args: |f, _, _| {
                vec![
                    ("task_id", f.task_id.to_string()),
                    ("fields[]", String::new()),
                    ("fields[]", "name".into()),
                ]
            },
        },
        Row {
            path: "/api/load_audit",
            expect: OWNERS_OWN_WORKSPACE,
            args: |_, _, _| vec![("filter[action]", "sign_in".into()), ("page", "1".into())],
        },
        Row {
            path: "/api/update_task",
            expect: OWNERS_ONLY,
            args: |f, _, _| task_args(f),
        },
        Row {
            path: "/api/load_team_thread",
            expect: OWNERS_ONLY,
            args: |f, _, _| vec![("task_id", f.task_id.to_string())],
        },
        Row {
            path: "/api/load_client_thread",
            expect: OWNERS_ONLY,
            args: |f, _, _| vec![("client_id", f.client_id.to_string())],
        },
        Row {
            path: "/api/post_message",
            expect: OWNERS_ONLY,
            args: |f, _, _| {
                vec![
                    ("task_id", f.task_id.to_string()),
                    ("body", "A word from the owners.".into()),
                ]
            },
        },
        Row {
            path: "/api/load_provider_thread",
            expect: ITS_PROVIDER,
            args: |f, _, _| vec![("task_id", f.task_id.to_string())],
        },
        Row {
            path: "/api/provider_post",
            expect: ITS_PROVIDER,
            args: |f, _, _| {
                vec![
                    ("task_id", f.task_id.to_string()),
                    ("body", "A question for the owners.".into()),
                ]
            },
        },
        Row {
            path: "/api/request_relay",
            expect: ITS_PROVIDER,
            args: |f, _, _| {
                vec![
                    ("task_id", f.task_id.to_string()),
                    ("relay_body", "A question for the client.".into()),
                ]
            },
        },
        Row {
            path: "/api/load_relay_queue",
            expect: OWNERS_OWN_WORKSPACE,
            args: none,
        },
        Row {
            path: "/api/mark_read",
            expect: [SignIn, Allow, Deny, Deny, Allow],
            args: |f, _, _| vec![("task_id", f.task_id.to_string()), ("up_to", "0".into())],
        },
        Row {
            path: "/api/preview_forward",
            expect: OWNERS_ONLY,
            args: |f, _, _| {
                vec![
                    ("message_id", f.client_message_id.to_string()),
                    ("task_id", f.task_id.to_string()),
                ]
            },
        },
        Row {
            path: "/api/forward_message",
            expect: OWNERS_ONLY,
            args: |f, _, _| {
                vec![
                    ("client_id", f.client_id.to_string()),
                    ("message_id", f.client_message_id.to_string()),
                    ("task_id", f.task_id.to_string()),
                ]
            },
        },
        Row {
            path: "/api/decide_relay",
            expect: OWNERS_ONLY,
            args: |f, _, _| {
                vec![
                    ("relay_id", f.relay_id.to_string()),
                    ("version", "1".into()),
                    ("decision", "return".into()),
                    ("reason", "Keep it shorter.".into()),
                ]
            },
        },
        Row {
            path: "/api/show_in_portal",
            expect: OWNERS_ONLY,
            args: |f, _, _| vec![("task_id", f.task_id.to_string()), ("show", "yes".into())],
        },
        Row {
            path: "/api/load_portal_link",
            expect: OWNERS_ONLY,
            args: |f, _, _| vec![("client_id", f.client_id.to_string())],
        },
        Row {
            path: "/api/create_portal_link",
            expect: OWNERS_ONLY,
            args: |f, _, _| vec![("client_id", f.client_id.to_string())],
        },
        Row {
            path: "/api/revoke_portal_link",
            expect: OWNERS_ONLY,
            args: |f, _, _| vec![("client_id", f.client_id.to_string())],
        },
        Row {
            // Whoever holds a link may try it; the token is the key.
            path: "/api/open_portal",
            expect: [Allow; 5],
            args: |_, _, _| vec![("token", "0".repeat(64))],
        },
        Row {
            path: "/api/load_portal",
            expect: PORTAL_ONLY,
            args: none,
        },
        Row {
            path: "/api/portal_reply",
            expect: PORTAL_ONLY,
            args: |_, _, _| vec![("body", "A reply from the client.".into())],
        },
        Row {
            path: "/api/portal_mark_read",
            expect: PORTAL_ONLY,
            args: |_, _, _| vec![("up_to", "0".into())],
        },
        Row {
            // Without a portal session it only clears the cookie.
            path: "/api/portal_sign_out",
            expect: [Allow; 5],
            args: none,
        },
        Row {
            // After the rows that need the task open.
            path: "/api/cancel_task",
            expect: OWNERS_ONLY,
            args: |f, _, _| vec![("task_id", f.task_id.to_string()), ("version", "4".into())],
        },
        Row {
            // Last: it empties the client's record.
            path: "/api/erase_client",
            expect: OWNERS_ONLY,
            args: |f, _, _| vec![("client_id", f.client_id.to_string())],
        },
        Row {
            // Whoever holds a live link may accept it; the token is the key.
            path: "/api/accept_invitation",
            expect: [Allow; 5],
            args: |_, _, unique| {
                vec![
                    ("token", unique.to_string()),
                    ("display_name", "Joiner".into()),
                    ("time_zone", "UTC".into()),
                    ("password", NOW_PASSWORD.into()),
                ]
            },
        },
    ]
}

/// The portal's functions: only a portal session passes. Every other
/// function treats a portal session as nobody at all.
fn portal_expect(row: &Row) -> Expect {
    match row.path {
        "/api/load_portal" | "/api/portal_reply" | "/api/portal_mark_read" => Allow,
        _ => row.expect[0],
    }
}

fn expected(row: &Row, caller: Caller) -> Expect {
    match caller {
        Caller::Anonymous => row.expect[0],
        Caller::Portal => portal_expect(row),
        Caller::Provider => row.expect[1],
        Caller::OtherProvider => row.expect[2],
        Caller::OtherOwner => row.expect[3],
        Caller::Owner => row.expect[4],
    }
}

/// A fresh portal session of the fixture's client, through a new link
/// (a call may end the session before, or revoke the link).
async fn portal_cookie(db: &Database, f: &Fixture) -> String {
    let owner = testkit::owner(&f.owner);
    let link = portal::create_link(db, &owner, f.client_id, now())
        .await
        .unwrap();
    // Every exchange counts against its address, successes too: each
    // comes from an address of its own, as many clients' browsers would.
    static EXCHANGES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = EXCHANGES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let session = portal::exchange(db, &link.token, &format!("matrix-{n}"), now())
        .await
        .unwrap();
    format!(
        "{}={}",
        CookiePolicy { secure: false }.portal_name(),
        session.token
    )
}

/// A fresh session for the caller (a call may end the one before).
async fn cookie_for(db: &Database, caller: Caller, f: &Fixture) -> Option<String> {
    let email = match caller {
        Caller::Anonymous => return None,
        Caller::Portal => return Some(portal_cookie(db, f).await),
        Caller::Provider => "p1@a.example",
        Caller::OtherProvider => "p2@a.example",
        Caller::OtherOwner => "o@b.example",
        Caller::Owner => "o@a.example",
    };
    let s = accounts::sign_in(db, &hasher(), email, NOW_PASSWORD, "matrix", now())
        .await
        .unwrap();
    Some(format!(
        "{}={}",
        CookiePolicy { secure: false }.name(),
        s.token
    ))
}

fn outcome(status: u16, body: &str) -> Expect {
    if status < 400 {
        return Allow;
    }
    match serde_json::from_str::<AppError>(body) {
        Ok(AppError::Unauthenticated) => SignIn,
        Ok(AppError::Forbidden | AppError::NotFound) => Deny,
        Ok(
            AppError::Invalid(_)
            | AppError::SignInRefused
            | AppError::Throttled(_)
            | AppError::TooManyMessages(_)
            | AppError::Conflict
            | AppError::LinkNoLongerWorks,
        ) => Allow,
        other => panic!("unexpected answer {status}: {other:?} ({body})"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_server_function_answers_each_caller_as_the_matrix_says() {
    let t = TestDb::new().await;
    let db = &t.db;
    let owner = sign_up(db, "o@a.example").await;
    let other_owner = sign_up(db, "o@b.example").await;
    let provider_id = join(db, &owner, "p1@a.example").await;
    join(db, &owner, "p2@a.example").await;
    let target_provider_id = join(db, &owner, "p3@a.example").await;
    join(db, &other_owner, "p@b.example").await;
    let invitation_id = team::invite(
        db,
        &handoff_server::testkit::owner(&owner),
        "waiting@invitee.example",
        "provider",
        now(),
    )
    .await
    .unwrap()
    .summary
    .invitation_id;
    let owner_cap = testkit::owner(&owner);
    let client_id = clients::create(
        db,
        &owner_cap,
        &ClientInput {
            name: "Matrix Client".into(),
            email: "client@a.example".into(),
            ..ClientInput::default()
        },
        now(),
    )
    .await
    .unwrap();
    for (label, kind) in [("Kept", "general"), ("Removed", "general")] {
        clients::save_field(
            db,
            &owner_cap,
            client_id,
            None,
            (label, "value", kind),
            now(),
        )
        .await
        .unwrap();
    }
    let record = clients::record(db, &owner_cap, client_id).await.unwrap();
    let task_id = task::create(
        db,
        &owner_cap,
        &TaskInput {
            title: "Matrix task".into(),
            instructions: "Call the client.".into(),
            client_id: client_id.to_string(),
            assignee_id: provider_id.to_string(),
            criteria: "Done right".into(),
            outcome_kind: "intake booked".into(),
            ..TaskInput::default()
        },
        now(),
    )
    .await
    .unwrap();
    let provider_token = accounts::sign_in(db, &hasher(), "p1@a.example", NOW_PASSWORD, "t", now())
        .await
        .unwrap()
        .token;
    let provider_cap = handoff_server::door::provider(db, Some(&provider_token), now())
        .await
        .unwrap();
    let relay_id = relay::request(
        db,
        &provider_cap,
        task_id,
        "Hello from the provider.",
        None,
        now(),
    )
    .await
    .unwrap()
    .relay_id
    .unwrap();
    let link = portal::create_link(db, &owner_cap, client_id, now())
        .await
        .unwrap();
    // Every exchange counts against its address, successes too: each
    // comes from an address of its own, as many clients' browsers would.
    static EXCHANGES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = EXCHANGES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let session = portal::exchange(db, &link.token, &format!("matrix-{n}"), now())
        .await
        .unwrap();
    let client_cap = handoff_server::door::portal_client(db, Some(&session.token), now())
        .await
        .unwrap();
    let client_message_id = portal::reply(db, &client_cap, "When is my session?", now())
        .await
        .unwrap()
        .message_id
        .unwrap();
    let fixture = Fixture {
        relay_id,
        client_message_id,
        owner,
        target_provider_id,
        invitation_id,
        client_id,
        kept_field_id: record.custom[0].field_id,
        removed_field_id: record.custom[1].field_id,
        task_id,
    };
    let app = app(db);
    let rows = matrix();

    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_string())
        .collect();
    let covered: BTreeSet<String> = rows.iter().map(|r| r.path.to_string()).collect();
    let missing: Vec<_> = registered.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "server functions missing from the matrix: {missing:?}"
    );
    let stale: Vec<_> = covered.difference(&registered).collect();
    assert!(
        stale.is_empty(),
        "matrix rows for no server function: {stale:?}"
    );

    let mut failures = Vec::new();
    for caller in CALLERS {
        for row in &rows {
            let unique = if row.path == "/api/accept_invitation" {
                team::invite(
                    db,
                    &handoff_server::testkit::owner(&fixture.owner),
                    &format!("{caller:?}-{}@invitee.example", row.path.len()).to_lowercase(),
                    "provider",
                    now(),
                )
                .await
                .map(|inv| inv.token)
                .unwrap_or_default()
            } else {
                format!("{}", now())
            };
            let args = (row.args)(&fixture, caller, &unique);
            let cookie = cookie_for(db, caller, &fixture).await;
            let (status, body) = call(&app, row.path, cookie, &args).await;
            let got = outcome(status, &body);
            let want = expected(row, caller);
            if got != want {
                failures.push(format!(
                    "{} as {caller:?}: expected {want:?}, got {got:?} ({status} {body})",
                    row.path
                ));
            }
            // The portal's business is named "o@a.example" (the workspace);
            // it must never show a provider (named by their e-mail here).
            let leaked = match caller {
                Caller::OtherOwner | Caller::Anonymous => body.contains("@a.example"),
                Caller::Portal => ["p1@a.example", "p2@a.example", "p3@a.example"]
                    .iter()
                    .any(|p| body.contains(p)),
                _ => false,
            };
            if leaked {
                failures.push(format!(
                    "{} as {caller:?} leaked workspace A: {body}",
                    row.path
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} cells differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    t.finish().await;
}
