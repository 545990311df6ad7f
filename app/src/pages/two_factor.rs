use crate::api::{
    load_two_factor, ConfirmTwoFactor, DisableTwoFactor, DismissRecoveryCodes,
    RequireOwnerTwoFactor, StartTwoFactor,
};
use crate::components::filters::url_encode;
use crate::components::form::{error_of, Field, FormAlert};
use handoff::TwoFactorStatus;
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_meta::Title;

lazy_page!(TwoFactorRoute, TwoFactorPage);

#[derive(Clone, Copy)]
struct Actions {
    start: ServerAction<StartTwoFactor>,
    confirm: ServerAction<ConfirmTwoFactor>,
    disable: ServerAction<DisableTwoFactor>,
    require: ServerAction<RequireOwnerTwoFactor>,
    dismiss: ServerAction<DismissRecoveryCodes>,
}

#[component]
pub fn TwoFactorPage() -> impl IntoView {
    let actions = Actions {
        start: ServerAction::new(),
        confirm: ServerAction::new(),
        disable: ServerAction::new(),
        require: ServerAction::new(),
        dismiss: ServerAction::new(),
    };
    let status = Resource::new(
        move || {
            (
                actions.start.version().get(),
                actions.confirm.version().get(),
                actions.disable.version().get(),
                actions.require.version().get(),
                actions.dismiss.version().get(),
            )
        },
        |_| load_two_factor(),
    );
    view! {
        <Title text="Two-factor sign-in" />
        <h1>"Two-factor sign-in"</h1>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match status.await {
                    Ok(s) => Either::Left(settings(s, actions)),
                    Err(e) => Either::Right(view! {
                        <section class="card narrow">
                            <p class="error" role="alert">{e.to_string()}</p>
                            <p><a href="/login">"Sign in"</a></p>
                        </section>
                    }),
                }
            })}
        </Transition>
    }
}

fn settings(s: TwoFactorStatus, a: Actions) -> impl IntoView {
    let confirm_errors = error_of(a.confirm.value());
    let disable_errors = error_of(a.disable.value());
    let start_errors = error_of(a.start.value());
    let codes = (!s.new_recovery_codes.is_empty()).then(|| {
        let text = codes_file(&s.new_recovery_codes);
        view! {
            <section class="card narrow" aria-labelledby="codes-heading">
                <h2 id="codes-heading">"Your recovery codes"</h2>
                <p>"Each works once if you lose your authenticator. Save them somewhere safe now: once you say you have, they are not shown again."</p>
                <ul class="codes">{s.new_recovery_codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}</ul>
                <SaveCodes text />
                <ActionForm action=a.dismiss>
                    <button type="submit" class="button secondary">"I have saved my recovery codes"</button>
                </ActionForm>
            </section>
        }
    });
    let due = s.setup_needed.then(|| {
        view! { <p class="form-alert" role="alert">"Your workspace requires two-factor sign-in for owners. Set it up to continue."</p> }
    });
    let main = if s.enabled {
        EitherOf3::A(view! {
            <section class="card narrow" aria-labelledby="state-heading">
                <h2 id="state-heading">"On"</h2>
                <p>{format!("Signing in asks for a code from your authenticator app. Recovery codes left: {}.", s.recovery_codes_left)}</p>
                <ActionForm action=a.disable>
                    <FormAlert errors=disable_errors />
                    <Field label="Password" name="password" kind="password" autocomplete="current-password" hint="To turn two-factor sign-in off, confirm your password." errors=disable_errors />
                    <button type="submit" class="button secondary">"Turn off two-factor sign-in"</button>
                </ActionForm>
            </section>
        })
    } else if let Some(key) = s.pending {
        EitherOf3::B(view! {
            <section class="card narrow" aria-labelledby="setup-heading">
                <h2 id="setup-heading">"Add Handoff to your authenticator app"</h2>
                <div class="totp-setup">
                    <div class="qr-frame" inner_html=key.qr_svg></div>
                    <ol>
                        <li>"In your authenticator app, add an account and scan this QR code."</li>
                        <li>"Can't scan it? Choose to enter a key instead, and type this one (time-based): " <code data-testid="totp-secret" class="secret">{key.secret}</code></li>
                        <li>"On this device? " <a href=key.otpauth_url>"Open the key in your authenticator app"</a> "."</li>
                        <li>"Enter the 6-digit code the app now shows."</li>
                    </ol>
                </div>
                <ActionForm action=a.confirm>
                    <FormAlert errors=confirm_errors />
                    <Field label="Code from the app" name="code" autocomplete="one-time-code" errors=confirm_errors />
                    <button type="submit" class="button">"Turn on two-factor sign-in"</button>
                </ActionForm>
            </section>
        })
    } else {
        EitherOf3::C(view! {
            <section class="card narrow" aria-labelledby="off-heading">
                <h2 id="off-heading">"Off"</h2>
                <p>"With two-factor sign-in, a stolen password alone cannot open your account: signing in also asks for a code from an authenticator app on your phone."</p>
                <ActionForm action=a.start>
                    <FormAlert errors=start_errors />
                    <Field label="Password" name="password" kind="password" autocomplete="current-password" hint="To set up two-factor sign-in, confirm your password." errors=start_errors />
                    <button type="submit" class="button">"Set up two-factor sign-in"</button>
                </ActionForm>
            </section>
        })
    };
    let requirement = s.can_require.then(|| {
        let required = s.required_for_owners;
        view! {
            <section class="card narrow" aria-labelledby="require-heading">
                <h2 id="require-heading">"For every owner"</h2>
                <p>{if required { "Every owner of this workspace must use two-factor sign-in." } else { "Owners may choose for themselves." }}</p>
                <ActionForm action=a.require>
                    <input type="hidden" name="required" value=(!required).to_string() />
                    <button type="submit" class="button secondary">
                        {if required { "Stop requiring it of owners" } else { "Require it of every owner" }}
                    </button>
                </ActionForm>
            </section>
        }
    });
    view! { {due} {codes} {main} {requirement} }
}

/// The recovery codes as a small text file: what "Download" saves.
fn codes_file(codes: &[String]) -> String {
    let mut text = String::from(
        "Handoff recovery codes\n\nEach code signs you in once if you lose your authenticator app.\nKeep this file somewhere safe, away from your phone.\n\n",
    );
    for code in codes {
        text.push_str(code);
        text.push('\n');
    }
    text
}

/// "Download" works without JavaScript (a `data:` link with `download`, so
/// nothing is fetched and no GET changes state); "Copy" needs the clipboard
/// API and so appears only once the page is live.
#[component]
fn SaveCodes(text: String) -> impl IntoView {
    let href = format!("data:text/plain;charset=utf-8,{}", url_encode(&text));
    let live = RwSignal::new(false);
    Effect::new(move |_| live.set(true));
    let copied = RwSignal::new(None::<bool>);
    let copy = move |_| copied.set(Some(crate::components::clipboard::copy(&text)));
    view! {
        <div class="code-actions">
            <a class="button secondary" href=href download="handoff-recovery-codes.txt">"Download"</a>
            {move || live.get().then(|| view! {
                <button type="button" class="button secondary" on:click=copy.clone()>"Copy"</button>
            })}
            <p class="muted" role="status" aria-live="polite">
                {move || copied.get().map(|ok| if ok { "Copied. Paste them into your password manager." } else { "This browser would not copy. Use Download, or select the codes and copy them." })}
            </p>
        </div>
    }
}
