//! The work-loop parts of a task page: terms, due times across zones,
//! submission, review, timeline, and the forms that move a task on.

use crate::api::{MoveTask, ReviewWork, SubmitWork};
use crate::components::draft_sync::{DraftSync, Sends};
use crate::components::form::{error_of, FormAlert};
use handoff::work::{Achieved, DueView, Move, ReviewView, SubmissionView, Terms, TimelineEntry};
use leptos::either::Either;
use leptos::prelude::*;

/// "due in 5 h" as a badge; red when overdue.
/// Nothing for a closed task's due time (its `relative` is empty).
pub fn due_badge(due: &DueView) -> impl IntoView {
    (!due.relative.is_empty()).then(|| {
        view! {
            <span class="due" class:overdue=due.overdue title=due.local.clone()>{due.relative.clone()}</span>
        }
    })
}

fn text<T: AsRef<str>>(t: &T) -> String {
    t.as_ref().to_string()
}

// Both audiences read these: an owner's texts are `String`s, a provider's
// the provider lens's types; both render as text (HTML only where it was
// sanitized on the server).
/// `lead` comes first among the facts: who the task is for and with, on the
/// owner's page.
pub fn terms_view<T: AsRef<str>>(terms: Terms<T>, lead: impl IntoView) -> impl IntoView {
    let due = terms.due.map(|d| {
        view! {
            <div class="fact-wide">
                <dt>"Due"</dt>
                <dd>
                    {d.local.clone()}" "{due_badge(&d)}
                    {d.other.clone().map(|o| view! { <br /><span class="muted">{format!("That is {o}")}</span> })}
                </dd>
            </div>
        }
    });
    let criteria = if terms.criteria.is_empty() {
        Either::Left(view! { <p class="muted">"No acceptance criteria."</p> })
    } else {
        Either::Right(
            view! { <ol class="criteria">{terms.criteria.iter().map(|c| view! { <li>{text(c)}</li> }).collect_view()}</ol> },
        )
    };
    let (kind, target) = (text(&terms.outcome_kind), text(&terms.outcome_target));
    let outcome = if target.is_empty() {
        kind
    } else {
        format!("{kind}: {target}")
    };
    view! {
        <section class="card terms-card" aria-labelledby="terms-heading">
            <h2 id="terms-heading">"Outcome and terms"</h2>
            <dl class="facts">
                {lead}
                <div class="fact-wide"><dt>"Expected outcome"</dt><dd>{if outcome.is_empty() { "Not stated yet".to_string() } else { outcome }}</dd></div>
                {due}
                <div><dt>"Priority"</dt><dd>{terms.priority.to_string()}</dd></div>
                <div><dt>"Pay"</dt><dd>{terms.price}</dd></div>
                <div><dt>"Rounds of changes"</dt><dd>{terms.revisions}</dd></div>
            </dl>
            <h3>"Acceptance criteria"</h3>
            {criteria}
        </section>
    }
}

pub fn submission_view<T: AsRef<str>, H: AsRef<str>>(s: SubmissionView<T, H>) -> impl IntoView {
    let result = text(&s.result_value);
    let note = text(&s.note);
    view! {
        <section class="card" aria-labelledby="submission-heading">
            <h2 id="submission-heading">{format!("Submission, round {}", s.round)}</h2>
            <p class="muted">{s.when}</p>
            <p><strong>{s.achieved.to_string()}</strong>{(!result.is_empty()).then(|| format!(": {result}"))}</p>
            <ul class="ticks">
                {s.ticks.into_iter().map(|t| view! {
                    <li class:met=t.met>{if t.met { "✓ " } else { "✗ " }}{text(&t.criterion)}</li>
                }).collect_view()}
            </ul>
            <div class="prose" inner_html=text(&s.body_html)></div>
            {(!note.is_empty()).then(|| view! { <p class="muted">{format!("Note: {note}")}</p> })}
        </section>
    }
}

pub fn review_view<T: AsRef<str>>(r: ReviewView<T>) -> impl IntoView {
    let heading = if r.accepted {
        "Accepted"
    } else {
        "Changes requested"
    };
    view! {
        <section class="card review-card" class:accepted=r.accepted aria-labelledby="review-heading">
            <h2 id="review-heading">{heading}</h2>
            <p class="muted">{r.when}</p>
            <ul class="feedback">
                {r.feedback.iter().map(|f| view! { <li><strong>{text(&f.criterion)}</strong>": "{text(&f.note)}</li> }).collect_view()}
            </ul>
            {r.process_change.as_ref().map(|p| view! { <p><strong>"Process change: "</strong>{text(p)}</p> })}
        </section>
    }
}

pub fn timeline_view<T: AsRef<str>>(entries: Vec<TimelineEntry<T>>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">"Timeline"</h2>
            <ol class="timeline">
                {entries.into_iter().map(|e| view! {
                    <li><span class="muted">{e.when.clone()}</span>" — "<strong>{e.who.clone()}</strong>" "{text(&e.what)}</li>
                }).collect_view()}
            </ol>
        </section>
    }
}

/// The provider's buttons: start, resume, decline (with a reason), submit.
#[component]
pub fn ProviderMoves(
    task_id: i64,
    version: i64,
    moves: Vec<Move>,
    criteria: Vec<String>,
    /// The last submission, when the work came back for changes: the next
    /// round starts from it.
    #[prop(optional)]
    draft: Option<SubmitDraft>,
) -> impl IntoView {
    let step = ServerAction::<MoveTask>::new();
    let step_errors = error_of(step.value());
    let simple = moves
        .clone()
        .into_iter()
        .filter(|m| matches!(m, Move::Start | Move::Resume))
        .map(|m| {
            let label = if m == Move::Start {
                "Start work"
            } else {
                "Start on the changes"
            };
            view! {
                <ActionForm action=step attr:class="inline-form">
                    <input type="hidden" name="task_id" value=task_id />
                    <input type="hidden" name="version" value=version />
                    <input type="hidden" name="step" value=m.as_str() />
                    <button type="submit" class="button">{label}</button>
                </ActionForm>
            }
        })
        .collect_view();
    let decline = moves.contains(&Move::Decline).then(|| {
        let message = move || step_errors.get().and_then(|e| e.field("reason"));
        view! {
            <details class="decline">
                <summary>"Decline this task"</summary>
                <ActionForm action=step>
                    <input type="hidden" name="task_id" value=task_id />
                    <input type="hidden" name="version" value=version />
                    <input type="hidden" name="step" value="decline" />
                    <div class="field" class:has-error=move || message().is_some()>
                        <label for="field-reason">"Why are you declining?"</label>
                        <textarea id="field-reason" name="reason" rows=2 aria-describedby="field-reason-error"></textarea>
                        <p class="field-error" id="field-reason-error" aria-live="polite">{message}</p>
                    </div>
                    <button type="submit" class="button secondary">"Decline task"</button>
                </ActionForm>
            </details>
        }
    });
    let submit = moves
        .contains(&Move::Submit)
        .then(|| view! { <SubmitForm task_id version criteria draft=draft.unwrap_or_default() /> });
    view! {
        <section class="card narrow" aria-labelledby="work-heading">
            <h2 id="work-heading">"Your work"</h2>
            <FormAlert errors=step_errors />
            <div class="actions">{simple}</div>
            {decline}
            {submit}
        </section>
    }
}

/// What the submit form starts from: empty, or the last round's text,
/// outcome and ticks (the provider's own words, read through their lens).
#[derive(Clone, Debug, Default)]
pub struct SubmitDraft {
    pub body: String,
    pub achieved: Option<Achieved>,
    pub result_value: String,
    /// Criteria ticked last time, by their words: a criterion the owner
    /// rewrote since starts unticked.
    pub met: Vec<String>,
}

impl SubmitDraft {
    pub fn from_submission<T: AsRef<str>, H>(s: &SubmissionView<T, H>) -> SubmitDraft {
        SubmitDraft {
            body: text(&s.body),
            achieved: Some(s.achieved),
            result_value: text(&s.result_value),
            met: s
                .ticks
                .iter()
                .filter(|t| t.met)
                .map(|t| text(&t.criterion))
                .collect(),
        }
    }
}

#[component]
fn SubmitForm(
    task_id: i64,
    version: i64,
    criteria: Vec<String>,
    draft: SubmitDraft,
) -> impl IntoView {
    let resubmission = draft.achieved.is_some();
    let submit = ServerAction::<SubmitWork>::new();
    let errors = error_of(submit.value());
    let message = move |name: &'static str| move || errors.get().and_then(|e| e.field(name));
    let sending = RwSignal::new(false);
    let busy = move || submit.pending().get() || sending.get();
    // The draft is kept in the browser and synced (R6); without JavaScript
    // the plain form posts as before.
    view! {
        <DraftSync task_id version sends=Sends::Submission(submit) sending>
        <ActionForm action=submit>
            <h3>{if resubmission { "Submit the changed work" } else { "Submit your work" }}</h3>
            {resubmission.then(|| view! { <p class="hint">"This starts from your last submission: change what was asked for, then submit again."</p> })}
            <FormAlert errors />
            <input type="hidden" name="task_id" value=task_id />
            <input type="hidden" name="version" value=version />
            <input type="hidden" name="met[]" value="" />
            <div class="field" class:has-error=move || message("body")().is_some()>
                <label for="field-body">"What you did"</label>
                <p class="hint" id="field-body-hint">"Markdown. Say what you did and where the result is."</p>
                <textarea id="field-body" name="body" rows=6 aria-describedby="field-body-hint field-body-error">{draft.body.clone()}</textarea>
                <p class="field-error" id="field-body-error" aria-live="polite">{message("body")}</p>
            </div>
            <div class="field-row">
                <div class="field" class:has-error=move || message("achieved")().is_some()>
                    <label for="field-achieved">"Outcome"</label>
                    <select id="field-achieved" name="achieved" aria-describedby="field-achieved-error">
                        {Achieved::ALL.into_iter().map(|a| view! { <option value=a.as_str() selected=draft.achieved == Some(a)>{a.to_string()}</option> }).collect_view()}
                    </select>
                    <p class="field-error" id="field-achieved-error" aria-live="polite">{message("achieved")}</p>
                </div>
                <div class="field">
                    <label for="field-result_value">"Result"</label>
                    <input id="field-result_value" name="result_value" value=draft.result_value.clone() />
                </div>
            </div>
            {(!criteria.is_empty()).then(|| view! {
                <fieldset>
                    <legend>"Acceptance criteria met"</legend>
                    <ul class="checks">
                        {criteria.into_iter().enumerate().map(|(i, c)| {
                            let id = format!("met-{i}");
                            let met = draft.met.contains(&c);
                            view! {
                                <li class="check">
                                    <input type="checkbox" id=id.clone() name="met[]" value=i.to_string() checked=met />
                                    <label for=id>{c}</label>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </fieldset>
            })}
            <div class="field" class:has-error=move || message("note")().is_some()>
                <label for="field-note">"Note for the owner"</label>
                <textarea id="field-note" name="note" rows=2 aria-describedby="field-note-error"></textarea>
                <p class="field-error" id="field-note-error" aria-live="polite">{message("note")}</p>
            </div>
            <button type="submit" class="button" disabled=busy>
                {move || if busy() { "Submitting…" } else { "Submit work" }}
            </button>
        </ActionForm>
        </DraftSync>
    }
}

/// The owner's review of a submission: accept, or changes with a note per
/// criterion.
#[component]
pub fn ReviewForm(task_id: i64, version: i64, criteria: Vec<String>) -> impl IntoView {
    let review = ServerAction::<ReviewWork>::new();
    let errors = error_of(review.value());
    let feedback_error = move || errors.get().and_then(|e| e.field("feedback"));
    let decision_error = move || errors.get().and_then(|e| e.field("decision"));
    view! {
        <section class="card narrow" aria-labelledby="review-form-heading">
            <h2 id="review-form-heading">"Review"</h2>
            <ActionForm action=review>
                <FormAlert errors />
                <input type="hidden" name="task_id" value=task_id />
                <input type="hidden" name="version" value=version />
                <input type="hidden" name="feedback[]" value="" />
                <fieldset>
                    <legend>"Feedback per criterion"</legend>
                    {criteria.into_iter().enumerate().map(|(i, c)| {
                        let id = format!("feedback-{i}");
                        view! {
                            <div class="field">
                                <label for=id.clone()>{c}</label>
                                <textarea id=id name="feedback[]" rows=2></textarea>
                            </div>
                        }
                    }).collect_view()}
                    <p class="field-error" aria-live="polite">{feedback_error}</p>
                </fieldset>
                <div class="field">
                    <label for="field-process_change">"Process change (optional)"</label>
                    <p class="hint">"A change to how this kind of task should be done, kept for the playbooks."</p>
                    <textarea id="field-process_change" name="process_change" rows=2></textarea>
                </div>
                <fieldset class:has-error=move || decision_error().is_some()>
                    <legend>"Decision"</legend>
                    <div class="check">
                        <input type="radio" id="decision-accept" name="decision" value="accept" />
                        <label for="decision-accept">"Accept the work: the outcome is met"</label>
                    </div>
                    <div class="check">
                        <input type="radio" id="decision-changes" name="decision" value="request_changes" />
                        <label for="decision-changes">"Ask for changes (say what beside the criteria above)"</label>
                    </div>
                    <p class="field-error" aria-live="polite">{decision_error}</p>
                </fieldset>
                <button type="submit" class="button" disabled=move || review.pending().get()>
                    {move || if review.pending().get() { "Sending…" } else { "Send review" }}
                </button>
            </ActionForm>
        </section>
    }
}
