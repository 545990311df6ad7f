//! The canary test (R1, R3): clients whose every field holds a unique
//! canary value. Signed in as each provider, it opens every page and calls
//! every server function, and fails if any canary that provider may not see
//! appears anywhere in any response: HTML, JSON, streamed chunks, errors.
//! Canaries also sit where the lens must do more than leave out fields:
//! contact details inside a disclosed general field, client values in the
//! outcome kind, a task without a client that names clients, and a task that
//! moved from one client to another. The live-update stream is read too,
//! replayed from its start, for each provider and for the client portal.
//! Runs on the engine `HANDOFF_TEST_DATABASE_URL` names.

#[path = "../../server/tests/support/mod.rs"]
mod support;
mod web;

use handoff::thread::ThreadRef;
use handoff::{ClientInput, TaskInput};
use handoff_server::testkit::owner as as_owner;
use handoff_server::{clients, disclosure, portal, task as tasks, thread, Actor, Database};
use support::TestDb;
use web::{app, call, get, join, now, session_cookie, sign_up};

/// Everything `GET /events` sends this caller, replayed from the first
/// hint kept (`Last-Event-ID: 0`), within a moment.
async fn replayed_stream(app: &axum::Router, cookie: &str) -> String {
    use axum::body::Body;
    use axum::http::{header, Request};
    use futures_util::StreamExt;
    let request = Request::get("/events")
        .header(header::ACCEPT, "text/event-stream")
        .header(header::COOKIE, cookie)
        .header("last-event-id", "0")
        .body(Body::empty())
        .unwrap();
    let response = web::respond(app, request).await;
    assert_eq!(response.status(), 200, "the stream opens");
    let mut body = response.into_body().into_data_stream();
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_millis(700);
    let mut text = String::new();
    while let Ok(Some(Ok(bytes))) = tokio::time::timeout_at(deadline, body.next()).await {
        text.push_str(&String::from_utf8_lossy(&bytes));
    }
    text
}

/// A client whose every value is a canary tagged with `n`.
struct Canaries {
    client_id: i64,
    /// (field key, value) for every field, built-in and custom.
    fields: Vec<(String, String)>,
    /// Values as people write them in free text, each with the field it
    /// belongs to (none for a new address, which is never disclosable):
    /// the date of birth in other forms, an address not on record.
    written: Vec<(String, String)>,
}

/// The date of birth of canary client `n`, and its forms in free text:
/// ordinals, month first, abbreviated, without the year, in other
/// languages and scripts (issue #27).
fn birth(n: u32) -> (String, Vec<String>) {
    let (y, d) = (1950 + n, 16 + n);
    let yy = y % 100;
    (
        format!("{y}-03-{d}"),
        vec![
            format!("the {d}th of March"),
            format!("March {d}th"),
            format!("Mar. {d}, {y}"),
            format!("{d}th Mar '{yy}"),
            format!("3/{d}/{yy}"),
            format!("{d}. März"),
            format!("{d} de marzo"),
            format!("{y}年3月{d}日"),
        ],
    )
}

/// A new home address the client writes (and an owner forwards): its
/// street, flat and postcode are canaries for every provider.
fn moved_to(n: u32) -> (String, Vec<String>) {
    (
        format!("we moved to {n}{n} Quillfeather Close, Flat {n}{n}, Leeds LS{n} 2QT"),
        vec![
            format!("{n}{n} Quillfeather"),
            format!("Flat {n}{n}"),
            format!("LS{n} 2QT"),
        ],
    )
}

/// A contact detail inside a disclosable general field: the field is shown,
/// this part of it never.
fn hidden_login(n: u32) -> String {
    format!("zqlogin{n}@canary.example")
}

async fn canary_client(db: &Database, owner: &Actor, n: u32) -> Canaries {
    let owner = &as_owner(owner);
    let input = ClientInput {
        name: format!("Zqname{n} Canarysurname"),
        email: format!("zqmail{n}@canary.example"),
        phone: format!("+1 202 555 01{n:02}"),
        address: format!("{n} Zqaddress Lane, Canaryville"),
        date_of_birth: birth(n).0,
        notes: format!("Zqnotes{n} private remark"),
    };
    let client_id = clients::create(db, owner, &input, now()).await.unwrap();
    for kind in ["contact", "identity", "health", "payment", "general"] {
        clients::save_field(
            db,
            owner,
            client_id,
            None,
            (
                &format!("{kind} field"),
                &format!("Zq{kind}{n} value"),
                kind,
            ),
            now(),
        )
        .await
        .unwrap();
    }
    clients::save_field(
        db,
        owner,
        client_id,
        None,
        (
            "Portal",
            &format!("Portal login {}", hidden_login(n)),
            "general",
        ),
        now(),
    )
    .await
    .unwrap();
    let record = clients::record(db, owner, client_id).await.unwrap();
    let fields = record
        .fields()
        .into_iter()
        .map(|(field, _, _, value)| (field.key(), value))
        .collect::<Vec<_>>();
    let born = fields[4].0.clone();
    let written = birth(n)
        .1
        .into_iter()
        .map(|form| (born.clone(), form))
        .chain(moved_to(n).1.into_iter().map(|part| (String::new(), part)))
        .collect();
    Canaries {
        client_id,
        fields,
        written,
    }
}

impl Canaries {
    fn key(&self, label_kind: &str) -> String {
        let i = match label_kind {
            "name" => 0,
            "date_of_birth" => 4,
            "notes" => 5,
            "portal" => 11,
            custom => {
                6 + ["contact", "identity", "health", "payment", "general"]
                    .iter()
                    .position(|k| *k == custom)
                    .unwrap()
            }
        };
        self.fields[i].0.clone()
    }

    fn value(&self, key: &str) -> &str {
        &self.fields.iter().find(|(k, _)| k == key).unwrap().1
    }

    /// Instructions that name every value of the client, as an owner might
    /// carelessly write them.
    fn careless_text(&self) -> String {
        let n = self.fields[0]
            .1
            .trim_start_matches("Zqname")
            .split(' ')
            .next();
        let n: u32 = n.and_then(|n| n.parse().ok()).unwrap_or(0);
        let mut text: String = self
            .fields
            .iter()
            .map(|(_, v)| format!("- {v}\n"))
            .collect();
        // Each form as people write a birthday: other clients' days and
        // months alone are any other day.
        let cues = [
            "born on",
            "birthday",
            "DOB",
            "b-day",
            "date of birth",
            "geboren am",
            "cumpleaños el",
            "生日",
        ];
        for (cue, form) in cues.iter().zip(birth(n).1) {
            text.push_str(&format!("- {cue} {form}\n"));
        }
        text.push_str(&format!("- {}\n", moved_to(n).0));
        text
    }

    /// Every value and written form, each with its field.
    fn all(&self) -> impl Iterator<Item = &(String, String)> {
        self.fields.iter().chain(&self.written)
    }
}

async fn task(
    db: &Database,
    owner: &Actor,
    client: &Canaries,
    assignee: i64,
    disclose: &[String],
) -> i64 {
    let owner = &as_owner(owner);
    let id = tasks::create(
        db,
        owner,
        &TaskInput {
            title: format!("Call {}", client.fields[0].1),
            instructions: client.careless_text(),
            client_id: client.client_id.to_string(),
            assignee_id: assignee.to_string(),
            criteria: client.careless_text(),
            outcome_kind: format!("{} booked", client.fields[0].1),
            outcome_target: client.fields[0].1.clone(),
            ..TaskInput::default()
        },
        now(),
    )
    .await
    .unwrap();
    disclosure::set(db, owner, id, disclose, true, now())
        .await
        .unwrap();
    id
}

/// Every page a browser can open, with the ids of this fixture.
fn pages(client_ids: &[i64], task_ids: &[i64]) -> Vec<String> {
    let mut out: Vec<String> = [
        "/",
        "/status",
        "/login",
        "/signup",
        "/account",
        "/account/two-factor",
        "/login/code",
        "/team",
        "/invite/0000",
        "/clients",
        "/clients?q=zq",
        "/clients/new",
        "/tasks",
        "/tasks/new",
        "/audit",
        "/audit/export.csv",
        "/relay",
        "/portal",
        "/portal/link-expired",
        "/p/0000000000000000000000000000000000000000000000000000000000000000",
    ]
    .iter()
    .map(|p| p.to_string())
    .collect();
    out.extend(client_ids.iter().map(|id| format!("/clients/{id}")));
    out.extend(task_ids.iter().map(|id| format!("/tasks/{id}")));
    out
}

/// Arguments that name the fixture's objects, for every server function
/// (extra arguments are ignored by the ones that take fewer).
fn args(client_id: i64, task_id: i64, field: &str) -> Vec<(&'static str, String)> {
    vec![
        ("client_id", client_id.to_string()),
        ("task_id", task_id.to_string()),
        ("field_id", field.trim_start_matches("custom:").to_string()),
        ("search", "zq".into()),
        ("page", "1".into()),
        ("version", "1".into()),
        ("fields[]", field.to_string()),
        ("step", "start".into()),
        ("body", "Done.".into()),
        ("achieved", "yes".into()),
        ("result_value", String::new()),
        ("note", String::new()),
        ("met[]", String::new()),
        ("decision", "accept".into()),
        ("feedback[]", String::new()),
        ("process_change", String::new()),
        ("relay_body", "Could we meet on Tuesday?".into()),
        ("up_to", "0".into()),
        ("token", "0".repeat(64)),
    ]
}

/// A name Ava had before she renamed herself: never in the portal.
const FORMER_NAME: &str = "Quillon Brightwater";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_provider_response_holds_an_undisclosed_canary() {
    let t = TestDb::new().await;
    let db = &t.db;
    let owner = sign_up(db, "owner@canary.example").await;
    let ava = join(db, &owner, "ava@canary.example").await;
    let ben = join(db, &owner, "ben@canary.example").await;
    let one = canary_client(db, &owner, 1).await;
    let two = canary_client(db, &owner, 2).await;

    // Ava: one open task disclosing identity, general and health fields;
    // a second, cancelled, whose disclosures (date of birth) have ended.
    let ava_disclosed: Vec<String> = ["identity", "general", "health", "portal"]
        .iter()
        .map(|k| one.key(k))
        .collect();
    let ava_task = task(db, &owner, &one, ava, &ava_disclosed).await;
    let ended = task(db, &owner, &one, ava, &[one.key("date_of_birth")]).await;
    let owner_cap = as_owner(&owner);
    let version = tasks::owner_task(db, &owner_cap, ended, now())
        .await
        .unwrap()
        .version;
    tasks::cancel(db, &owner_cap, ended, version, now())
        .await
        .unwrap();
    // A task without a client that names both clients, and one that moved
    // from client two to client one: neither leaks a value to Ava.
    let clientless = tasks::create(
        db,
        &owner_cap,
        &TaskInput {
            title: format!("Follow up with {} and {}", one.fields[0].1, two.fields[0].1),
            instructions: format!("{}{}", one.careless_text(), two.careless_text()),
            assignee_id: ava.to_string(),
            outcome_kind: format!("{} invoice paid", two.fields[0].1),
            ..TaskInput::default()
        },
        now(),
    )
    .await
    .unwrap();
    let moved = task(db, &owner, &two, ava, &[]).await;
    let mut input = tasks::owner_task(db, &owner_cap, moved, now())
        .await
        .unwrap()
        .input;
    input.client_id = one.client_id.to_string();
    // Shown in client two's portal before it moved: it must not follow
    // the task into client one's.
    portal::show_task(db, &owner_cap, moved, true, now())
        .await
        .unwrap();
    tasks::update(db, &owner_cap, moved, 1, &input, now())
        .await
        .unwrap();
    // Ben: client two's task, with everything disclosable disclosed.
    let ben_disclosed: Vec<String> = [
        "name",
        "date_of_birth",
        "notes",
        "identity",
        "general",
        "health",
        "payment",
        "portal",
    ]
    .iter()
    .map(|k| two.key(k))
    .collect();
    let ben_task = task(db, &owner, &two, ben, &ben_disclosed).await;

    // Threads: the owners write each client's every value into the team
    // thread of that client's task; client one answers in their portal with
    // theirs, and an owner forwards it to Ava's task. The provider lens
    // masks what was not disclosed.
    for (client, task_id) in [(&one, ava_task), (&two, ben_task)] {
        thread::post(
            db,
            &owner_cap,
            ThreadRef::Team { task_id },
            &client.careless_text(),
            now(),
        )
        .await
        .unwrap();
    }
    let link = portal::create_link(db, &owner_cap, one.client_id, now())
        .await
        .unwrap();
    let portal_session = portal::exchange(db, &link.token, "canary", now())
        .await
        .unwrap();
    let client_one = handoff_server::door::portal_client(db, Some(&portal_session.token), now())
        .await
        .unwrap();
    let reply = portal::reply(db, &client_one, &one.careless_text(), now())
        .await
        .unwrap()
        .message_id
        .unwrap();
    thread::forward(db, &owner_cap, reply, ava_task, None, now())
        .await
        .unwrap();

    let app = app(db);
    // Ava once went by another name, and a message of hers that named her
    // was approved for client one then; she has renamed herself since.
    let ava_token = session_cookie(db, "ava@canary.example").await;
    let rename = |name: &str| {
        vec![
            ("display_name", name.to_string()),
            ("time_zone", "UTC".to_string()),
        ]
    };
    let (status, _) = call(
        &app,
        "/api/update_profile",
        Some(ava_token.clone()),
        &rename(FORMER_NAME),
    )
    .await;
    assert!(status < 400, "{status}");
    let ava_cap =
        handoff_server::door::provider(db, ava_token.split_once('=').map(|(_, t)| t), now())
            .await
            .unwrap();
    handoff_server::relay::request(
        db,
        &ava_cap,
        ava_task,
        &format!("{FORMER_NAME} here: your forms are ready."),
        None,
        now(),
    )
    .await
    .unwrap();
    let item = handoff_server::relay::queue(db, &owner_cap)
        .await
        .unwrap()
        .pop()
        .unwrap();
    handoff_server::relay::decide(
        db,
        &owner_cap,
        item.relay_id,
        item.version,
        &handoff::thread::RelayDecision::Approve {
            acknowledge_flags: true,
        },
        now(),
    )
    .await
    .unwrap();
    let (status, _) = call(
        &app,
        "/api/update_profile",
        Some(ava_token),
        &rename("Ava Now"),
    )
    .await;
    assert!(status < 400, "{status}");
    let client_ids = [one.client_id, two.client_id];
    let task_ids = [ava_task, ended, ben_task, clientless, moved];
    let functions: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_string())
        // Signing out or in again would only end the caller's own session.
        .filter(|p| !p.ends_with("/sign_out") && !p.ends_with("/sign_out_everywhere"))
        .collect();

    let cases = [
        ("ava@canary.example", &one, ava_disclosed.clone(), ava_task),
        ("ben@canary.example", &two, ben_disclosed.clone(), ben_task),
    ];
    // Field keys to name in calls: a built-in one and custom ones of both
    // clients, disclosed to one provider and not the other.
    let keys = [
        "name".to_string(),
        one.key("health"),
        two.key("payment"),
        one.key("contact"),
    ];
    let logins = [hidden_login(1), hidden_login(2)];
    let mut leaks = Vec::new();
    let mut shown = 0;
    for (email, own, disclosed, own_task) in &cases {
        let canaries: Vec<&str> = [&one, &two]
            .iter()
            .flat_map(|client| client.all().map(move |f| (client, f)))
            .filter(|(client, (key, _))| {
                !(client.client_id == own.client_id && disclosed.contains(key))
            })
            .map(|(_, (_, value))| value.as_str())
            .chain(logins.iter().map(String::as_str))
            .collect();
        // One session for the whole visit: nothing called below ends it
        // (sign-out is left out), and the last check proves it still works.
        let cookie = session_cookie(db, email).await;
        let mut responses = Vec::new();
        for page in pages(&client_ids, &task_ids) {
            let (_, body) = get(&app, &page, Some(cookie.clone())).await;
            responses.push((format!("GET {page}"), body));
        }
        for path in &functions {
            for (client_id, task_id) in [
                (one.client_id, ava_task),
                (two.client_id, ben_task),
                (one.client_id, ended),
            ] {
                for key in &keys {
                    let (_, body) = call(
                        &app,
                        path,
                        Some(cookie.clone()),
                        &args(client_id, task_id, key),
                    )
                    .await;
                    responses.push((format!("POST {path} task {task_id} field {key}"), body));
                }
            }
        }
        let stream = replayed_stream(&app, &cookie).await;
        assert!(
            stream.contains("event: thread"),
            "{email}'s stream replays their thread's hints: {stream}"
        );
        responses.push(("GET /events".into(), stream));
        for (what, body) in &responses {
            for canary in &canaries {
                if body.contains(canary) {
                    leaks.push(format!("{email}: {what} contains {canary:?}"));
                }
            }
        }
        // The test must be able to see: the provider's own page does show
        // what was disclosed to them.
        let (_, own_page) = get(&app, &format!("/tasks/{own_task}"), Some(cookie)).await;
        for key in disclosed {
            // A disclosed field's contact detail is masked; the rest shows.
            let value = own.value(key);
            let visible = value.split(" zqlogin").next().unwrap_or(value);
            assert!(
                own_page.contains(visible),
                "{email}'s task page lacks the disclosed {key}"
            );
            shown += 1;
        }
    }
    assert!(shown > 0);

    // The portal, as client one: never a provider's name, never client
    // two's data; their own thread does show.
    let cookie = format!(
        "{}={}",
        handoff_app::auth::CookiePolicy { secure: false }.portal_name(),
        portal_session.token
    );
    let mut responses = Vec::new();
    for page in pages(&client_ids, &task_ids) {
        let (_, body) = get(&app, &page, Some(cookie.clone())).await;
        responses.push((format!("GET {page}"), body));
    }
    // Signing out would end the session this visit holds.
    for path in functions
        .iter()
        .filter(|p| !p.ends_with("/portal_sign_out"))
    {
        let (_, body) = call(
            &app,
            path,
            Some(cookie.clone()),
            &args(two.client_id, ben_task, "name"),
        )
        .await;
        responses.push((format!("POST {path}"), body));
    }
    let stream = replayed_stream(&app, &cookie).await;
    assert!(
        stream.contains("event: thread"),
        "the portal's stream replays its thread's hints: {stream}"
    );
    responses.push(("GET /events".into(), stream));
    let foreign: Vec<&str> = two
        .all()
        .map(|(_, v)| v.as_str())
        .chain(["ava@canary.example", "ben@canary.example"])
        .chain(FORMER_NAME.split(' '))
        .collect();
    for (what, body) in &responses {
        for canary in &foreign {
            if body.contains(canary) {
                leaks.push(format!("portal of client one: {what} contains {canary:?}"));
            }
        }
    }
    let (_, own_portal) = get(&app, "/portal", Some(cookie)).await;
    assert!(
        own_portal.contains(&one.fields[5].1),
        "the portal shows the client's own messages"
    );
    assert!(
        leaks.is_empty(),
        "{} leaks:\n{}",
        leaks.len(),
        leaks.join("\n")
    );
    t.finish().await;
}
