use crate::api::{current_member, SignOut};
use crate::error::AppError;
use handoff::{Me, Role};
use leptos::either::Either;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_location;

/// Who is signed in, fetched again on every navigation (so a session that
/// ended elsewhere shows at once). Pages read it from context.
pub type MeResource = Resource<Result<Option<Me>, AppError>>;

/// The frame every page shares: skip link, header, main landmark, footer.
///
/// `data-hydrated` appears once the browser build has taken over the page,
/// so tests (and people debugging) can tell a live page from a static one.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let page_ready = PageReadySignal(RwSignal::new(false));
    provide_context(page_ready);
    let location = use_location();
    let me: MeResource = Resource::new(move || location.pathname.get(), |_| current_member());
    provide_context(me);

    view! {
        <div
            class="app"
            data-hydrated=move || hydrated.get().then_some("true")
            data-page-ready=move || page_ready.0.get().then_some("true")
        >
            <a class="skip-link" href="#main">"Skip to content"</a>
            <header class="topbar">
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true">"H"</span>
                    <span class="brand-name">"Handoff"</span>
                </a>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move { account_nav(me.await.ok().flatten()) })}
                </Transition>
            </header>
            <main id="main" class="page" tabindex="-1">
                {children()}
            </main>
            <footer class="footer">
                <p>"Handoff — outcomes, not hours. Your clients stay yours."</p>
            </footer>
        </div>
    }
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

// `Either`, not `AnyView`: an AnyView keeps its server-rendering code in the
// browser build, which costs wasm size on every page.
fn account_nav(me: Option<Me>) -> impl IntoView {
    match me {
        Some(me) => {
            Either::Left(view! {
                <nav class="account-nav" aria-label="Account">
                    <span class="workspace-name">{me.workspace_name}</span>
                    {if me.role == Role::Owner {
                        Either::Left(view! {
                            <a href="/clients">"Clients"</a>
                            <a href="/tasks">"Tasks"</a>
                            <a href="/team">"Team"</a>
                            <a href="/audit">"Audit log"</a>
                        })
                    } else {
                        Either::Right(view! { <a href="/tasks">"My tasks"</a> })
                    }}
                    <a href="/account" class="member">
                        {me.display_name}
                        <span class="badge">{me.role.to_string()}</span>
                    </a>
                    // A plain form, not an ActionForm: signing out reloads the
                    // page anyway (to /login), and an ActionForm here put the
                    // form-decoding code into every page's first load.
                    <form method="post" action=SignOut::PATH class="inline-form">
                        <button type="submit" class="button secondary small">"Sign out"</button>
                    </form>
                </nav>
            })
        }
        None => Either::Right(view! {
            <nav class="account-nav" aria-label="Account">
                <a href="/login">"Sign in"</a>
                <a href="/signup" class="button small">"Create a workspace"</a>
            </nav>
        }),
    }
}
