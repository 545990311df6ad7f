use crate::components::layout::Layout;
use crate::pages::{
    account::AccountRoute, audit::AuditRoute, client::ClientRoute, client_new::NewClientRoute,
    clients::ClientsRoute, forgot_password::ForgotPasswordRoute, home::HomeRoute,
    invite::InviteRoute, login::LoginPage, not_found::NotFound, portal::PortalRoute,
    portal_ended::LinkExpiredRoute, portal_ended::PortalSignedOutRoute,
    portal_open::PortalOpenRoute, relay::RelayRoute, reset_password::ResetPasswordRoute,
    sign_in_code::SignInCodeRoute, signup::SignUpRoute, status::StatusRoute, task::TaskRoute,
    task_new::NewTaskRoute, tasks::TasksRoute, team::TeamRoute, two_factor::TwoFactorRoute,
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, MetaTags, Stylesheet};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy, SsrMode};

/// The HTML document the server sends around every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let hydrate = !crate::plain_page::requested();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                {hydrate.then(|| view! { <HydrationScripts options /> })}
                <script src="/device.js" defer></script>
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    #[cfg(feature = "ssr")]
    {
        // This page's own policy, with the nonce Leptos put on its scripts.
        use axum::http::{header::CONTENT_SECURITY_POLICY, HeaderValue};
        if let (Some(nonce), Some(response)) = (
            leptos::nonce::use_nonce(),
            use_context::<leptos_axum::ResponseOptions>(),
        ) {
            if let Ok(value) = HeaderValue::from_str(&crate::guard::page_csp(&nonce)) {
                response.insert_header(CONTENT_SECURITY_POLICY, value);
            }
        }
    }

    view! {
        <Stylesheet id="leptos" href="/pkg/handoff.css" />
        <Link rel="icon" href="/favicon.ico" />
        // Pages render whole on the server (SsrMode::Async): a person without
        // JavaScript, or before hydration, sees the data, not a placeholder,
        // and the status code can depend on what was found.
        <Router>
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view={Lazy::<HomeRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/status") view={Lazy::<StatusRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async />
                    <Route path=path!("/forgot-password") view={Lazy::<ForgotPasswordRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/reset-password/:token") view={Lazy::<ResetPasswordRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/signup") view={Lazy::<SignUpRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/account") view={Lazy::<AccountRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/login/code") view={Lazy::<SignInCodeRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/account/two-factor") view={Lazy::<TwoFactorRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/team") view={Lazy::<TeamRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/invite/:token") view={Lazy::<InviteRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/clients") view={Lazy::<ClientsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/clients/new") view={Lazy::<NewClientRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/clients/:id") view={Lazy::<ClientRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/tasks") view={Lazy::<TasksRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/tasks/new") view={Lazy::<NewTaskRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/tasks/:id") view={Lazy::<TaskRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/audit") view={Lazy::<AuditRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/relay") view={Lazy::<RelayRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/p/:token") view={Lazy::<PortalOpenRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/portal") view={Lazy::<PortalRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/portal/link-expired") view={Lazy::<LinkExpiredRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/portal/signed-out") view={Lazy::<PortalSignedOutRoute>::new()} ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}
