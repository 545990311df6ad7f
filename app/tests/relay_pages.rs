//! The relay's pages over HTTP, rendered on the server as a browser without
//! JavaScript gets them: the relay queue with its flagged passages marked,
//! both sides of a task's team thread, the client's page (thread, forward
//! preview, portal link), and the client portal: a private link whose page
//! changes nothing and sends no Referer, exchanged by a POST for a portal
//! cookie of its own, and a portal with no provider's name. Runs on the
//! engine `HANDOFF_TEST_DATABASE_URL` names.

#[path = "../../server/tests/support/mod.rs"]
mod support;
mod web;

use axum::body::Body;
use axum::http::{header, Request};
use handoff_server::testkit::{self, World};
use handoff_server::{portal, relay, task, thread};
use support::TestDb;
use web::{app, call, get, now, session_cookie};

/// A form posted without JavaScript from `page`: the status, the redirect's
/// target and every `Set-Cookie`.
async fn post_form(
    app: &axum::Router,
    path: &str,
    cookie: Option<&str>,
    page: &str,
    args: &[(&str, &str)],
) -> (u16, String, Vec<String>) {
    let body = args
        .iter()
        .map(|(k, v)| format!("{k}={}", web::urlencode(v)))
        .collect::<Vec<_>>()
        .join("&");
    let mut request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header("sec-fetch-site", "same-origin")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::REFERER, format!("http://127.0.0.1:3000{page}"));
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let response = web::respond(app, request.body(Body::from(body)).unwrap()).await;
    let location = response
        .headers()
        .get(header::LOCATION)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let cookies = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect();
    (response.status().as_u16(), location, cookies)
}

#[tokio::test]
async fn the_relay_pages_render_for_each_audience_and_the_portal_opens_by_post_only() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, now()).await;
    let task_id = task::create(
        db,
        &w.owner,
        &testkit::task_input("Book the intake call", Some(w.client), Some(&w.ava_actor)),
        now(),
    )
    .await
    .unwrap();
    relay::request(
        db,
        &w.ava,
        task_id,
        "Happy to help! Email me at ava.private@gmail.com and pay me directly.",
        None,
        now(),
    )
    .await
    .unwrap();
    thread::provider_post(
        db,
        &w.ava,
        task_id,
        "Which day suits the client?",
        None,
        now(),
    )
    .await
    .unwrap();
    let app = app(db);
    let owner = session_cookie(db, "owner@bright.example").await;
    let ava = session_cookie(db, "ava@bright.example").await;

    // The relay queue: the request, its client and provider, flags marked.
    let (status, html) = get(&app, "/relay", Some(owner.clone())).await;
    assert_eq!(status, 200);
    assert!(html.contains("Book the intake call"), "{html}");
    assert!(html.contains("Maria Gomez"));
    assert!(html.contains("Ava Reyes"));
    assert!(
        html.contains("<mark") && html.contains("data-flag="),
        "flags are marked"
    );
    assert!(html.contains("I have read the flagged passages"));
    // A provider never gets the queue.
    let (status, _) = get(&app, "/relay", Some(ava.clone())).await;
    assert_eq!(status, 403);

    // The owner's task page: the team thread and the portal toggle.
    let (status, html) = get(&app, &format!("/tasks/{task_id}"), Some(owner.clone())).await;
    assert_eq!(status, 200);
    assert!(html.contains("Team thread"));
    assert!(html.contains("Which day suits the client?"));
    assert!(
        html.contains("Show in the client&#x27;s portal")
            || html.contains("Show in the client's portal")
    );

    // The provider's task page: the thread, the relay compose and the
    // request's state; never the client's name.
    let (status, html) = get(&app, &format!("/tasks/{task_id}"), Some(ava.clone())).await;
    assert_eq!(status, 200);
    assert!(html.contains("Message for the client"));
    assert!(html.contains("Waiting for an owner"));
    assert!(
        !html.contains("Maria"),
        "the client's name reached the provider"
    );

    // A decision without the acknowledgement comes back beside its box.
    let queue = relay::queue(db, &w.owner).await.unwrap();
    let item = &queue[0];
    let (status, body) = call(
        &app,
        "/api/decide_relay",
        Some(owner.clone()),
        &[
            ("relay_id", item.relay_id.to_string()),
            ("version", item.version.to_string()),
            ("decision", "approve".into()),
        ],
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(
        body.contains(&format!("acknowledge_flags-{}", item.relay_id)),
        "{body}"
    );

    // The client's page: the portal link card; a link made there is shown
    // once, on the next page, and never in a URL.
    let client_page = format!("/clients/{}", w.client);
    let (status, html) = get(&app, &client_page, Some(owner.clone())).await;
    assert_eq!(status, 200);
    assert!(html.contains("Conversation with the client"));
    assert!(html.contains("No link yet."));
    let (status, location, cookies) = post_form(
        &app,
        "/api/create_portal_link",
        Some(&owner),
        &client_page,
        &[("client_id", &w.client.to_string())],
    )
    .await;
    assert_eq!(status, 302);
    assert!(!location.contains("/p/"), "{location}");
    let kept = cookies
        .iter()
        .find(|c| c.starts_with("handoff_new_portal_link_"))
        .expect("the new link is kept for the next page");
    assert!(kept.contains("HttpOnly"));
    let kept_pair = kept.split(';').next().unwrap().to_string();
    let token = kept_pair.split('=').nth(1).unwrap().to_string();
    let (_, html) = get(&app, &client_page, Some(format!("{owner}; {kept_pair}"))).await;
    assert!(
        html.contains(&format!("http://127.0.0.1:3000/p/{token}")),
        "shown once"
    );
    assert!(html.contains("data-link-state=\"live\""));

    // The link's page: no side effect, no Referer.
    let request = Request::get(format!("/p/{token}"))
        .header(header::ACCEPT, "text/html")
        .body(Body::empty())
        .unwrap();
    let response = web::respond(&app, request).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()[header::REFERRER_POLICY], "no-referrer");
    assert_eq!(
        portal::link_status(db, &w.owner, w.client, now())
            .await
            .unwrap(),
        handoff::thread::PortalLinkStatus::Live {
            created_at: match portal::link_status(db, &w.owner, w.client, now())
                .await
                .unwrap()
            {
                handoff::thread::PortalLinkStatus::Live { created_at, .. } => created_at,
                other => panic!("{other:?}"),
            },
            expires_at: match portal::link_status(db, &w.owner, w.client, now())
                .await
                .unwrap()
            {
                handoff::thread::PortalLinkStatus::Live { expires_at, .. } => expires_at,
                other => panic!("{other:?}"),
            },
            last_opened_at: None,
        },
        "opening the link's page is not opening the portal"
    );

    // The POST opens the portal: a portal cookie of its own, then /portal.
    let (status, location, cookies) = post_form(
        &app,
        "/api/open_portal",
        None,
        &format!("/p/{token}"),
        &[("token", &token)],
    )
    .await;
    assert_eq!(status, 302);
    assert!(location.ends_with("/portal"), "{location}");
    let portal_cookie = cookies
        .iter()
        .find(|c| c.starts_with("handoff_portal="))
        .expect("a portal cookie");
    assert!(portal_cookie.contains("HttpOnly") && portal_cookie.contains("SameSite=Lax"));
    let portal_pair = portal_cookie.split(';').next().unwrap().to_string();

    // The portal: the business's name and no member navigation; the
    // provider's name nowhere.
    thread::post(
        db,
        &w.owner,
        handoff::thread::ThreadRef::Client {
            client_id: w.client,
        },
        "Hello Maria, we are on it.",
        now(),
    )
    .await
    .unwrap();
    let (status, html) = get(&app, "/portal", Some(portal_pair.clone())).await;
    assert_eq!(status, 200);
    assert!(html.contains("Bright Path"), "{html}");
    assert!(html.contains("Hello Maria, we are on it."));
    assert!(
        !html.contains("Ava"),
        "a provider's name reached the client"
    );
    assert!(
        !html.contains("Create a workspace"),
        "member navigation in the portal"
    );
    // Nothing tells the client that the business hands work out: no
    // Handoff, no tagline, on every portal page.
    let (_, link_page) = get(&app, &format!("/p/{token}"), None).await;
    let (_, expired_page) = get(&app, "/portal/link-expired", None).await;
    let (_, signed_out_page) = get(&app, "/portal/signed-out", None).await;
    for (page, body) in [
        ("/portal", &html),
        ("/p/<token>", &link_page),
        ("/portal/link-expired", &expired_page),
        ("/portal/signed-out", &signed_out_page),
    ] {
        for word in ["Handoff", "contractor", "outcomes, not hours"] {
            assert!(!body.contains(word), "{page} says {word:?}: {body}");
        }
    }
    // Opening the link again from the same browser keeps its session.
    let (status, _, cookies) = post_form(
        &app,
        "/api/open_portal",
        Some(&portal_pair),
        &format!("/p/{token}"),
        &[("token", &token)],
    )
    .await;
    assert_eq!(status, 302);
    let again = cookies
        .iter()
        .find(|c| c.starts_with("handoff_portal="))
        .expect("the cookie, set again");
    assert_eq!(again.split(';').next().unwrap(), portal_pair);
    // A portal session is no member session: member pages stay shut.
    let (_, html) = get(&app, "/relay", Some(portal_pair.clone())).await;
    assert!(!html.contains("Book the intake call"));

    // A dead link leads to the page that says so.
    portal::revoke_link(db, &w.owner, w.client, now())
        .await
        .unwrap();
    let (status, location, cookies) = post_form(
        &app,
        "/api/open_portal",
        None,
        &format!("/p/{token}"),
        &[("token", &token)],
    )
    .await;
    assert_eq!(status, 302);
    assert!(location.ends_with("/portal/link-expired"), "{location}");
    assert!(cookies.iter().all(|c| !c.starts_with("handoff_portal=")));
    let (_, html) = get(&app, "/portal/link-expired", None).await;
    assert!(html.contains("This link no longer works"));
    t.finish().await;
}
