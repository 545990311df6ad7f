use crate::api::{
    load_team, DeactivateMember, InviteMember, ReactivateMember, RevokeInvitation, TeamOverview,
};
use crate::components::form::{error_of, Field, FormAlert};
use handoff::{InvitationStatus, Role};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

lazy_page!(TeamRoute, TeamPage);

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

    view! {
        <Title text="Team" />
        <h1>"Team"</h1>
        <FormAlert errors=action_errors />
        <Transition fallback=|| view! { <p class="muted">"Loading the team…"</p> }>
            {move || Suspend::new(async move {
                match team.await {
                    Ok(team) => Either::Left(view! {
                        {new_link(team.new_link.clone())}
                        {team_lists(team, revoke, (deactivate, reactivate), confirming())}
                    }),
                    Err(e) => Either::Right(view! {
                        <section class="card narrow">
                            <p class="error" role="alert">{e.to_string()}</p>
                            <p><a href="/login">"Sign in as an owner"</a></p>
                        </section>
                    }),
                }
            })}
        </Transition>
        <section class="card narrow" aria-labelledby="invite-heading">
            <h2 id="invite-heading">"Invite a provider or co-owner"</h2>
            <ActionForm action=invite>
                <FormAlert errors=invite_errors />
                <Field label="Email" name="email" kind="email" errors=invite_errors />
                <div class="field">
                    <label for="field-role">"Joins as"</label>
                    <select id="field-role" name="role">
                        <option value="provider">"Provider"</option>
                        <option value="owner">"Co-owner"</option>
                    </select>
                </div>
                <button type="submit" class="button">"Create invitation link"</button>
            </ActionForm>
        </section>
    }
}

/// The link of the invitation this session just made. It comes from the
/// server (never from the URL: links in URLs stay in browser history and
/// proxy logs, and a page that showed a link from its query could be made
/// to show anyone's).
fn new_link(link: Option<String>) -> impl IntoView {
    link.map(|link| {
        view! {
            <section class="card narrow notice" role="status" aria-labelledby="new-link-heading">
                <h2 id="new-link-heading">"Invitation created"</h2>
                <p>"Send this link yourself; it works once, for 7 days. It is shown here for a few minutes only."</p>
                <input class="link-box" readonly value=link aria-label="Invitation link" />
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
                    <td>{m.email}</td>
                    <td>{m.role.to_string()}</td>
                    <td>{m.time_zone}</td>
                    <td>{if m.active { "Active" } else { "Deactivated" }}</td>
                    <td>
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
    let invitations = team
        .invitations
        .into_iter()
        .map(|i| {
            let label = format!("Revoke the invitation for {}", i.email);
            view! {
                <tr>
                    <th scope="row">{i.email}</th>
                    <td>{i.role.to_string()}</td>
                    <td>{i.status.to_string()}</td>
                    <td>
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
    view! {
        {confirmation}
        <section class="card" aria-labelledby="members-heading">
            <h2 id="members-heading">"Members"</h2>
            <div class="table-wrap">
                <table>
                    <thead><tr><th scope="col">"Name"</th><th scope="col">"Email"</th><th scope="col">"Role"</th><th scope="col">"Time zone"</th><th scope="col">"Status"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr></thead>
                    <tbody>{members}</tbody>
                </table>
            </div>
        </section>
        <section class="card" aria-labelledby="invitations-heading">
            <h2 id="invitations-heading">"Invitations"</h2>
            <div class="table-wrap">
                <table>
                    <thead><tr><th scope="col">"Email"</th><th scope="col">"Role"</th><th scope="col">"Status"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr></thead>
                    <tbody>{invitations}</tbody>
                </table>
            </div>
        </section>
    }
}
