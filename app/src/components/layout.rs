use crate::api::{current_member, load_waiting, SignOut};
use crate::components::live::Live;
use crate::components::me::MeResource;
use crate::error::AppError;
use handoff::dashboard::badge_text;
use handoff::{LiveKind, Me, Role, Waiting};
use leptos::either::Either;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_location;

/// The frame every page shares: skip link, header, main landmark, footer.
///
/// `data-hydrated` appears once the browser build has taken over the page,
/// so tests (and people debugging) can tell a live page from a static one.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    // A plain page has nothing to hydrate: it is ready as sent.
    let page_ready = PageReadySignal(RwSignal::new(crate::plain_page::requested()));
    provide_context(page_ready);
    let location = use_location();
    let me: MeResource = Resource::new(move || location.pathname.get(), |_| current_member());
    provide_context(me);
    // Live updates: one stream per tab while a member is signed in, or
    // while the client portal is open (its stream answers to the portal's
    // cookie and carries only that client's hints).
    let live = Live::new();
    provide_context(live);
    #[cfg(feature = "hydrate")]
    crate::components::live::keep_open(
        live,
        move || {
            if location.pathname.get() == "/portal" {
                return Some(true);
            }
            me.get().and_then(|me| match me {
                Ok(Some(me)) => Some(!me.two_factor_setup_needed),
                Ok(None) => Some(false),
                Err(_) => None,
            })
        },
        move || me.refetch(),
    );
    // The counts beside "Tasks" and "Relay", asked for only when someone is
    // signed in, again when a task, a thread or the relay queue changes.
    let waiting = Resource::new(
        move || {
            (
                location.pathname.get(),
                LiveKind::ALL.map(|kind| live.track(kind)),
            )
        },
        move |_| async move {
            match me.await {
                Ok(Some(_)) => load_waiting().await.ok(),
                _ => None,
            }
        },
    );
    // The client portal has a frame of its own: no member's navigation, no
    // sign-in, nothing that speaks to the business rather than its client.
    let portal = move || is_portal_path(&location.pathname.get());
    // The title is written after the render, when no signal may be read:
    // the portal's pages never lead to a member's page, so the path the
    // frame was made for decides.
    let on_portal = is_portal_path(&location.pathname.get_untracked());
    // The phone menu closes when a link in it opens another page; not on
    // hydration, which may come after someone opened it.
    let menu = NodeRef::<leptos::html::Details>::new();
    Effect::watch(
        move || location.pathname.get(),
        move |_, _, _| {
            if let Some(menu) = menu.get_untracked() {
                let _ = menu.remove_attribute("open");
            }
        },
        false,
    );

    view! {
        // A client must not learn that the business hands work out: the
        // portal's pages carry the business's own words only, never
        // Handoff's name or what Handoff is for.
        {move || (!portal()).then(|| view! {
            <Meta name="description" content="Hand work to contractors without handing them your clients." />
        })}
        <Title formatter=move |page: String| title_of(page, on_portal) />
        <div
            class="app"
            data-hydrated=move || hydrated.get().then_some("true")
            data-page-ready=move || page_ready.0.get().then_some("true")
        >
            <a class="skip-link" href="#main">"Skip to content"</a>
            <header class="topbar">
                {move || if portal() {
                    Either::Left(view! {
                        <a class="brand" href="/portal"><span class="brand-name">"Your messages"</span></a>
                    })
                } else {
                    Either::Right(view! {
                        <a class="brand" href="/">
                            <span class="brand-mark" aria-hidden="true">"H"</span>
                            <span class="brand-name">"Handoff"</span>
                        </a>
                    })
                }}
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        let me = me.await;
                        // `device.js` wipes this device's Handoff data when
                        // a member's page finds nobody signed in, with or
                        // without the browser build.
                        let forget = !portal()
                            && matches!(me, Ok(None) | Err(AppError::Unauthenticated));
                        let waiting = waiting.await;
                        view! {
                            {forget.then(|| view! { <span hidden data-forget-device="" /> })}
                            {(!portal()).then(|| shell_nav(me.ok().flatten(), waiting, menu))}
                        }
                    })}
                </Transition>
            </header>
            <main id="main" class="page" tabindex="-1">
                <crate::components::device_data::DeviceData />
                <crate::components::sign_in_first::SignInFirst />
                {children()}
            </main>
            <footer class="footer">
                {move || if portal() {
                    Either::Left(view! { <p>"Only you and the business read this conversation."</p> })
                } else {
                    Either::Right(view! {
                        <p>"Handoff — outcomes, not hours. Your clients stay yours."</p>
                        <p><a href="/status">"Service status"</a></p>
                    })
                }}
            </footer>
        </div>
    }
}

/// A page's title: "Tasks · Handoff"; in the portal the page's own words.
fn title_of(page: String, portal: bool) -> String {
    match (page.is_empty(), portal) {
        (true, true) => "Your messages".to_string(),
        (true, false) => "Handoff".to_string(),
        (false, true) => page,
        (false, false) => format!("{page} · Handoff"),
    }
}

/// The client portal's pages: the private link, the portal and its ends.
pub fn is_portal_path(path: &str) -> bool {
    path.starts_with("/p/") || crate::paths::is_under(path, &["/portal"])
}

#[derive(Clone, Copy)]
struct PageReadySignal(RwSignal<bool>);

/// Put at the end of every page: once the page itself (not only the frame
/// around it) has hydrated, `data-page-ready` appears on the frame. A lazy
/// page hydrates after its chunk arrives, later than the frame.
#[component]
pub fn PageReady() -> impl IntoView {
    if let Some(ready) = use_context::<PageReadySignal>() {
        Effect::new(move |_| ready.0.set(true));
    }
}

/// One link of the primary navigation: `aria-current="page"` (and its
/// highlight) while the address is the link's page or one below it.
fn nav_link(href: &'static str, label: &'static str, counts: Vec<Count>) -> impl IntoView {
    let location = use_location();
    let current = move || {
        let path = location.pathname.get();
        let here = if href == "/" {
            path == "/"
        } else {
            path == href || path.starts_with(&format!("{href}/"))
        };
        here.then_some("page")
    };
    view! {
        <a href=href class="nav-link" aria-current=current>
            {label}
            {counts.into_iter().map(count_badge).collect_view()}
        </a>
    }
}

/// A number waiting, shown as a pill; screen readers hear what it counts.
/// `word`, when set, says it on the pill too (a provider's pills sit side
/// by side on one link, and a number alone does not say which is which);
/// `info` marks news rather than work.
#[derive(Clone, Copy, Default)]
struct Count {
    n: i64,
    what: &'static str,
    word: &'static str,
    urgent: bool,
    info: bool,
}

fn count_badge(c: Count) -> impl IntoView {
    (c.n > 0).then(|| {
        view! {
            <span class="count" class:urgent=c.urgent class:info=c.info title=format!("{} {}", badge_text(c.n), c.what)>
                <span aria-hidden="true">
                    {badge_text(c.n)}
                    {(!c.word.is_empty()).then(|| view! { " " <span class="count-word">{c.word}</span> })}
                </span>
                <span class="visually-hidden">{format!(", {} {}", badge_text(c.n), c.what)}</span>
            </span>
        }
    })
}

/// The links of a role, with what waits beside "Tasks".
fn primary_links(role: Role, waiting: Option<Waiting>) -> impl IntoView {
    match (role, waiting) {
        (Role::Owner, w) => {
            let (to_review, overdue, relay_pending, unread_client) = match w {
                Some(Waiting::Owner {
                    to_review,
                    overdue,
                    relay_pending,
                    unread_client,
                }) => (to_review, overdue, relay_pending, unread_client),
                _ => (0, 0, 0, 0),
            };
            let relay = vec![Count {
                n: relay_pending,
                what: "waiting for approval",
                ..Count::default()
            }];
            let clients = vec![Count {
                n: unread_client,
                what: "unread client messages",
                ..Count::default()
            }];
            let counts = vec![
                Count {
                    n: to_review,
                    what: "to review",
                    ..Count::default()
                },
                Count {
                    n: overdue,
                    what: "overdue",
                    urgent: true,
                    ..Count::default()
                },
            ];
            Either::Left(view! {
                {nav_link("/", "Home", Vec::new())}
                {nav_link("/tasks", "Tasks", counts)}
                {nav_link("/relay", "Relay", relay)}
                {nav_link("/clients", "Clients", clients)}
                {nav_link("/team", "Team", Vec::new())}
                {nav_link("/audit", "Audit log", Vec::new())}
            })
        }
        (Role::Provider, w) => {
            let (to_do, changes, unread) = match w {
                Some(Waiting::Provider {
                    to_do,
                    changes_requested,
                    unread_team,
                    returned_relays,
                }) => (to_do, changes_requested, unread_team + returned_relays),
                _ => (0, 0, 0),
            };
            let counts = vec![
                Count {
                    n: changes,
                    what: "with changes requested",
                    word: "changes",
                    urgent: true,
                    ..Count::default()
                },
                Count {
                    n: to_do,
                    what: "to do",
                    word: "to do",
                    ..Count::default()
                },
                Count {
                    n: unread,
                    what: "new messages",
                    word: "new",
                    info: true,
                    ..Count::default()
                },
            ];
            Either::Right(view! {
                {nav_link("/", "Home", Vec::new())}
                {nav_link("/tasks", "My tasks", counts)}
            })
        }
    }
}

fn member_link(me: &Me) -> impl IntoView {
    view! {
        <a href="/account" class="member">
            <span class="member-name">{me.display_name.clone()}</span>
            <span class="role-badge">{me.role.to_string()}</span>
        </a>
    }
}

// `Either`, not `AnyView`: an AnyView keeps its server-rendering code in the
// browser build, which costs wasm size on every page.
fn shell_nav(
    me: Option<Me>,
    waiting: Option<Waiting>,
    menu: NodeRef<leptos::html::Details>,
) -> impl IntoView {
    match me {
        Some(me) => {
            let total = waiting.map(Waiting::total).unwrap_or(0);
            Either::Left(view! {
                // Wide screens: the links and the account side by side.
                <nav class="primary-nav wide" aria-label="Main">
                    {primary_links(me.role, waiting)}
                </nav>
                <nav class="account-nav wide" aria-label="Account">
                    <span class="workspace-name">{me.workspace_name.clone()}</span>
                    {member_link(&me)}
                    // A plain form, not an ActionForm: signing out reloads the
                    // page anyway (to /login), and an ActionForm here put the
                    // form-decoding code into every page's first load.
                    <form method="post" action=SignOut::PATH class="inline-form">
                        <button type="submit" class="button secondary small">"Sign out"</button>
                    </form>
                </nav>
                // Phones: one disclosure menu, without JavaScript too.
                <details class="phone-menu" node_ref=menu>
                    <summary class="menu-button">
                        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
                            <path d="M4 6h16M4 12h16M4 18h16" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
                        </svg>
                        "Menu"
                        {count_badge(Count { n: total, what: "waiting", ..Count::default() })}
                    </summary>
                    <div class="menu-panel">
                        <nav aria-label="Main menu">{primary_links(me.role, waiting)}</nav>
                        <div class="menu-account">
                            <span class="workspace-name">{me.workspace_name.clone()}</span>
                            {member_link(&me)}
                            <form method="post" action=SignOut::PATH class="inline-form">
                                <button type="submit" class="button secondary small">"Sign out"</button>
                            </form>
                        </div>
                    </div>
                </details>
            })
        }
        None => Either::Right(view! {
            <nav class="account-nav" aria-label="Account">
                <a href="/login" class="nav-link">"Sign in"</a>
                <a href="/signup" class="button small header-signup">"Create a workspace"</a>
            </nav>
        }),
    }
}
