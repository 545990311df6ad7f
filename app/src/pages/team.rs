use crate::api::{
    load_team, DeactivateMember, InviteMember, ReactivateMember, RevokeInvitation, TeamOverview,
};
use crate::components::empty_state::EmptyState;
use crate::components::form::{error_of, Field, FormAlert};
use crate::components::mail::MailCard;
use crate::components::thread::NewLink;
use handoff::{InvitationStatus, Role};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

lazy_page!(TeamRoute, TeamPage, owners);

#[component]
pub fn TeamPage() -> impl IntoView {
    let invite = ServerAction::<InviteMember>::new();
    let revoke = ServerAction::<RevokeInvitation>::new();
    let deactivate = ServerAction::<DeactivateMember>::new();
    let reactivate = ServerAction::<ReactivateMember>::new();
    let query = use_query_map();
    // Deactivating takes two steps: a link names the member (no state
    // changes on GET), then the form on the confirmation does it.
    let confirming =
        move || query.with(|q| q.get("deactivate").and_then(|id| id.parse::<i64>().ok()));
    let team = Resource::new(
        move || {
            (
                revoke.version().get(),
                deactivate.version().get(),
                reactivate.version().get(),
                invite.version().get(),
            )
        },
        |_| load_team(),
    );
    let invite_errors = error_of(invite.value());
    let action_errors = Signal::derive(move || {
        revoke
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| deactivate.value().get().and_then(|r| r.err()))
            .or_else(|| reactivate.value().get().and_then(|r| r.err()))
    });
    // Once an invitation is made the form starts empty again (without
    // JavaScript the page comes back empty by itself).
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if let Some(Ok(_)) = invite.value().get() {
            if let Some(form) = form.get_untracked() {
                form.reset();
            }
        }
    });
    // A new error replaces the last "Invitation created".
    let link_is_current = move || !matches!(invite.value().get(), Some(Err(_)));

    view! {
        <Title text="Team" />
        <div class="page-head">
            <div>
                <h1>"Team"</h1>
                <p class="subtitle">"The owners and providers of your workspace, and the invitations waiting for them."</p>
            </div>
        </div>
        <FormAlert errors=action_errors />
        // One suspense for the lists and the new link (both come from the
        // same load); the form stays outside it, so what was typed survives
        // a reload of the team.
        <div class="team-grid">
            <Transition fallback=|| view! { <p class="muted team-lists">"Loading the team…"</p> }>
                {move || Suspend::new(async move {
                    match team.await {
                        Ok(mut team) => {
                            let link = team.new_link.take();
                            Either::Left(view! {
                                <div class="team-lists">
                                    {team_lists(team, revoke, (deactivate, reactivate), confirming())}
                                </div>
                                <div class="team-link">
                                    {move || link_is_current().then(|| new_link(link.clone()))}
                                </div>
                            })
                        }
                        Err(e) => Either::Right(view! {
                            <section class="card narrow team-lists">
                                <p class="error" role="alert">{e.to_string()}</p>
                                <p><a href="/login">"Sign in as an owner"</a></p>
                            </section>
                        }),
                    }
                })}
            </Transition>
            <section class="card team-invite" aria-labelledby="invite-heading">
                <h2 id="invite-heading">"Invite a provider or co-owner"</h2>
                <p class="hint">"We e-mail them a link to join. It works once, for 7 days."</p>
                <ActionForm action=invite node_ref=form>
                    <FormAlert errors=invite_errors />
                    <Field label="Email" name="email" kind="email" errors=invite_errors />
                    <div class="field">
                        <label for="field-role">"Joins as"</label>
                        <select id="field-role" name="role">
                            <option value="provider">"Provider"</option>
                            <option value="owner">"Co-owner"</option>
                        </select>
                    </div>
                    <button type="submit" class="button" disabled=move || invite.pending().get()>
                        {move || if invite.pending().get() { "Sending…" } else { "Send invitation" }}
                    </button>
                </ActionForm>
            </section>
        </div>
        <MailCard />
    }
}

/// The link of the invitation this session just made. It comes from the
/// server (never from the URL: links in URLs stay in browser history and
/// proxy logs, and a page that showed a link from its query could be made
/// to show anyone's).
fn new_link(link: Option<String>) -> impl IntoView {
    link.map(|link| {
        view! {
            <section class="card notice" role="status" aria-labelledby="new-link-heading">
                <h2 id="new-link-heading">"Invitation created"</h2>
                <p>"It is on its way by e-mail. If it does not arrive, copy this link and send it yourself: it works once, for 7 days, and is shown here for a few minutes only."</p>
                <NewLink link label="Invitation link" />
            </section>
        }
    })
}

fn team_lists(
    team: TeamOverview,
    revoke: ServerAction<RevokeInvitation>,
    (deactivate, reactivate): (
        ServerAction<DeactivateMember>,
        ServerAction<ReactivateMember>,
    ),
    confirming: Option<i64>,
) -> impl IntoView {
    let confirmation = confirming
        .and_then(|id| team.members.iter().find(|m| m.member_id == id && m.active && m.role == Role::Provider))
        .map(|m| {
            let (id, name) = (m.member_id, m.display_name.clone());
            view! {
                <section class="card confirm" aria-labelledby="confirm-heading">
                    <h2 id="confirm-heading">{format!("Deactivate {name}?")}</h2>
                    <p>"Their sessions end at once and they can no longer sign in. Their name stays in your history."</p>
                    <div class="actions">
                        <ActionForm action=deactivate attr:class="inline-form">
                            <input type="hidden" name="member_id" value=id />
                            <button type="submit" class="button danger">{format!("Yes, deactivate {name}")}</button>
                        </ActionForm>
                        <a class="button secondary" href="/team">"Cancel"</a>
                    </div>
                </section>
            }
        });
    let members = team
        .members
        .into_iter()
        .map(|m| {
            let can_deactivate = m.active && m.role == Role::Provider;
            let can_reactivate = !m.active && m.role == Role::Provider;
            let label = format!("Deactivate {}", m.display_name);
            let again = format!("Reactivate {}", m.display_name);
            view! {
                <tr>
                    <th scope="row">{m.display_name}</th>
                    <td data-label="Email" class="break">{m.email}</td>
                    <td data-label="Role">{m.role.to_string()}</td>
                    <td data-label="Time zone">{m.time_zone.replace('_', " ")}</td>
                    <td data-label="Status">
                        <span class="status-pill" class:off=!m.active>{if m.active { "Active" } else { "Deactivated" }}</span>
                    </td>
                    <td class="row-actions">
                        {can_deactivate.then(|| view! {
                            <a class="button secondary small" href=format!("/team?deactivate={}", m.member_id) aria-label=label>"Deactivate"</a>
                        })}
                        {can_reactivate.then(|| view! {
                            <ActionForm action=reactivate attr:class="inline-form">
                                <input type="hidden" name="member_id" value=m.member_id />
                                <button type="submit" class="button secondary small" aria-label=again>"Reactivate"</button>
                            </ActionForm>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let no_invitations = team.invitations.is_empty();
    let invitations = team
        .invitations
        .into_iter()
        .map(|i| {
            let label = format!("Revoke the invitation for {}", i.email);
            view! {
                <tr>
                    <th scope="row" class="break">{i.email}</th>
                    <td data-label="Role">{i.role.to_string()}</td>
                    <td data-label="Status">
                        <span class="status-pill" class:off=i.status != InvitationStatus::Pending>{i.status.to_string()}</span>
                    </td>
                    <td class="row-actions">
                        {(i.status == InvitationStatus::Pending).then(|| view! {
                            <ActionForm action=revoke attr:class="inline-form">
                                <input type="hidden" name="invitation_id" value=i.invitation_id />
                                <button type="submit" class="button secondary small" aria-label=label>"Revoke"</button>
                            </ActionForm>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let invitations = if no_invitations {
        Either::Left(view! {
            <EmptyState
                icon="people"
                heading="No invitations yet"
                text="Invite the people you hand work to. Each gets a link that works once, for 7 days."
                href="#field-email"
                action="Invite someone"
            />
        })
    } else {
        Either::Right(view! {
            <table class="stack">
                <caption class="visually-hidden">"Invitations, newest first"</caption>
                <thead><tr><th scope="col">"Email"</th><th scope="col">"Role"</th><th scope="col">"Status"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr></thead>
                <tbody>{invitations}</tbody>
            </table>
        })
    };
    view! {
        {confirmation}
        <section class="card" aria-labelledby="members-heading">
            <h2 id="members-heading">"Members"</h2>
            <table class="stack">
                <caption class="visually-hidden">"Members, owners first"</caption>
                <thead><tr><th scope="col">"Name"</th><th scope="col">"Email"</th><th scope="col">"Role"</th><th scope="col">"Time zone"</th><th scope="col">"Status"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr></thead>
                <tbody>{members}</tbody>
            </table>
        </section>
        <section class="card" aria-labelledby="invitations-heading">
            <h2 id="invitations-heading">"Invitations"</h2>
            {invitations}
        </section>
    }
}
