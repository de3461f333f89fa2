//! `/skp/:nip/periods/:period?year=`: one person's evaluation of one period against the plan in force. The owner
//! records realisations with evidence and a self-assessment while the period is open; the direct supervisor rates
//! results and behaviour with written feedback; everyone who may read the plan sees the predikat with its "why"
//! (the regulation's matrix with the applying cell marked) and the allowance it pays.

use crate::api::skp::load_evaluation_part;
use crate::components::{Frame, LiveDrawnContent, query_notice, tr};
use crate::i18n::T;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
#[cfg(feature = "ssr")]
use {
    super::{aspect_label, period_label, period_state_badge, predikat_badge, target_text},
    crate::api::plan::AddPlanItem,
    crate::api::skp::{
        SkpAcknowledgeDialogue, SkpAssessSelf, SkpDecideObjection, SkpFileObjection, SkpRate, SkpRealise,
        SkpRecordDialogue, SkpRemoveEvidence,
    },
    crate::api::{CurveView, EvaluationPage, EvidenceFile},
    crate::charts::skp::curve_summary,
    crate::charts::{ChartSpec, ChartView},
    crate::components::{Erase, use_lang},
    crate::domain::skp::{Bound, Predikat, Rating, Realisation, ResultRow, RuleView, predikat, size_label},
    crate::i18n::{Lang, objection_state_name, org_predikat_name, predikat_name, rating_name},
    leptos::server_fn::ServerFn,
};

#[component]
pub fn EvaluationPageView() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let changed = RwSignal::new(0);
    let data = Resource::new(
        move || {
            (
                params.with(|p| p.get("nip").unwrap_or_else(|| "me".into())),
                query.with(|q| q.get("year").and_then(|y| y.parse::<i32>().ok())),
                params.with(|p| p.get("period").and_then(|n| n.parse::<u8>().ok()).unwrap_or(0)),
                changed.get(),
            )
        },
        |(nip, year, period, _)| load_evaluation_part(nip, year.unwrap_or(0), period),
    );
    view! {
        <Title text=format!("{} · Kinerja", tr(T::SkpEvaluationOf))/>
        <Frame>
            {query_notice(T::SkpEvaluationSaved)}
            <LiveDrawnContent data changed/>
        </Frame>
    }
}

/// The evaluation, drawn on the server; every form in it posts in the background (the evidence upload, a
/// multipart form, posts as a page).
#[cfg(feature = "ssr")]
pub(crate) fn part(page: EvaluationPage) -> crate::api::DrawnPart {
    crate::components::drawn_part::render(move || view! { <Evaluation page/> })
}

#[cfg(feature = "ssr")]
#[component]
fn Evaluation(page: EvaluationPage) -> impl IntoView {
    let lang = use_lang();
    let year = page.period.year;
    let number = page.period.number;
    let label = period_label(&page.period, lang);
    let missing = page.missing.len();
    let self_text = page.doc.self_assessment.clone();
    let self_draft = self_text.clone();
    view! {
        <h1>{tr(T::SkpEvaluationOf)} ": " {label.clone()} " " {year}</h1>
        <p class="muted">{page.name.clone()} " · " {page.position.clone()} " · "
            <a href=format!("/skp/{}?year={year}", page.nip)>{tr(T::SkpTitle)}</a> " · "
            <a href=format!("/skp/{}/print?year={year}&period={number}", page.nip)>{tr(T::SkpPrintEvaluation)}</a></p>
        <p>{tr(T::Period)} ": " {page.period.start.clone()} " – " {page.period.end.clone()} " · "
            {tr(T::SkpDeadline)} ": " {page.period.deadline.clone()} " · " {period_state_badge(page.period.state)}</p>
        {match page.plan_version {
            None => view! { <p class="notice" role="status">{tr(T::SkpNoPlanToRate)}</p> }.erase(),
            Some(_) => view! {
                <section aria-labelledby="realisation-h">
                    <h2 id="realisation-h">{tr(T::SkpRealisation)}</h2>
                    {(missing > 0).then(|| view! { <p class="hint">{lang.fill(T::SkpMissingCount, &[("n", &missing)])}</p> })}
                    <div class="table-wrap"><table>
                        <caption class="visually-hidden">{tr(T::SkpRealisation)}</caption>
                        <thead><tr>
                            <th scope="col">{tr(T::SkpResult)}</th>
                            <th scope="col">{tr(T::SkpIndicatorsHeading)}</th>
                            <th scope="col">{tr(T::SkpRealisation)}</th>
                        </tr></thead>
                        <tbody>{page.rows.iter().map(|r| {
                            let done = page.doc.realisations.iter().find(|x| x.row == r.key).cloned();
                            let files = page.files.iter().filter(|f| f.row == r.key).cloned().collect();
                            row_view(r, done, files, page.may_realise, (year, number), lang)
                        }).collect_view()}</tbody>
                    </table></div>
                </section>
            }.erase(),
        }}
        <section aria-labelledby="self-h">
            <h2 id="self-h">{tr(T::SkpSelfAssessment)}</h2>
            {if !self_text.is_empty() {
                view! { <p class="prewrap">{self_text}</p> }.erase()
            } else if !page.may_realise {
                view! { <p class="empty">{tr(T::SkpNoSelfAssessment)}</p> }.erase()
            } else {
                ().erase()
            }}
            {page.may_realise.then(|| view! {
                <form method="post" action=SkpAssessSelf::PATH class="stack" data-ok=tr(T::SkpEvaluationSaved)>
                    <input type="hidden" name="year" value=year/>
                    <input type="hidden" name="period" value=number/>
                    <label for="self-text" class="visually-hidden">{tr(T::SkpSelfAssessment)}</label>
                    <textarea id="self-text" name="text" rows="3" maxlength="2000">{self_draft}</textarea>
                    <button type="submit" class="button secondary">{tr(T::SkpSaveSelf)}</button>
                </form>
            })}
        </section>
        <section aria-labelledby="rating-h">
            <h2 id="rating-h">{tr(T::SkpRatingHeading)}</h2>
            {match page.rating.clone() {
                None => view! { <p class="empty">{tr(T::SkpNotRated)}</p> }.erase(),
                Some(r) => view! {
                    <p class="predikat-line">{tr(T::SkpPredikat)} ": " {predikat_badge(r.predikat)}
                        {r.by_objection.then(|| view! { " " <span class="badge by-objection">{tr(T::SkpChangedByObjection)}</span> })}</p>
                    <dl class="pairs">
                        <dt>{tr(T::SkpRatingResults)}</dt><dd>{tr(rating_name(r.ratings.results))}</dd>
                        <dt>{tr(T::SkpRatingBehaviour)}</dt><dd>{tr(rating_name(r.ratings.behaviour))}</dd>
                        <dt>{tr(T::SkpFeedback)}</dt><dd class="prewrap">{r.feedback.clone()}</dd>
                    </dl>
                    <p class="muted">{lang.fill(T::SkpRatedBy, &[("name", &r.rated_by.1), ("at", &r.rated_at)])}</p>
                    {r.curve_warning.clone().map(|w| view! {
                        <div class="notice" role="note">
                            <p><strong>{tr(T::SkpCurveRatingOutside)}</strong></p>
                            <ul>{w.breaches.iter().map(|b| view! { <li>{rule_text(b, lang)}</li> }).collect_view()}</ul>
                            <p>{if r.curve_reason.is_empty() {
                                tr(T::SkpCurveNoReason).to_string()
                            } else {
                                format!("{} {}", lang.t(T::SkpCurveReasonGiven), r.curve_reason)
                            }}</p>
                        </div>
                    })}
                    <Why results=r.ratings.results behaviour=r.ratings.behaviour allowance=page.allowance.clone()/>
                }.erase(),
            }}
            {page.curve.clone().map(|c| view! { <Curve curve=c/> })}
            {page.may_rate.then(|| view! { <RateForm page=page.clone()/> })}
        </section>
        <Objection page=page.clone()/>
        <Dialogue page=page.clone()/>
    }
}

/// The objection (*keberatan*): the owner's form while they may object, the whole trail once filed (reasons,
/// evidence, the rating objected to, who decides by when, the decision), and the decider's form.
#[cfg(feature = "ssr")]
#[component]
fn Objection(page: EvaluationPage) -> impl IntoView {
    let lang = use_lang();
    let (year, period) = (page.period.year, page.period.number);
    let shown = page.objection.is_some() || page.may_object_until.is_some();
    let original = page.objection.as_ref().map(|o| o.original);
    shown.then(|| view! {
        <section aria-labelledby="objection-h">
            <h2 id="objection-h">{tr(T::SkpObjection)}</h2>
            {page.may_object_until.clone().map(|until| view! {
                <p class="hint">{lang.fill(T::SkpObjectionHint, &[("date", &until)])}</p>
                <form method="post" action=SkpFileObjection::PATH class="stack" data-ok=tr(T::SkpEvaluationSaved)>
                    <input type="hidden" name="year" value=year/>
                    <input type="hidden" name="period" value=period/>
                    <label for="objection-reasons">{tr(T::SkpObjectionReasonsLabel)}</label>
                    <textarea id="objection-reasons" name="reasons" rows="4" required maxlength="2000"></textarea>
                    <label for="objection-link">{tr(T::SkpEvidence)}</label>
                    <input id="objection-link" type="url" name="link" maxlength="500" inputmode="url" placeholder="https://"/>
                    <button type="submit" class="button secondary">{tr(T::SkpObjectionFile)}</button>
                </form>
            })}
            {page.objection.clone().map(|o| view! {
                <p>
                    <span class=format!("badge objection-{}", o.state.code())>{tr(objection_state_name(o.state))}</span> " "
                    {lang.fill(T::SkpObjectionFiledAt, &[("at", &o.filed_at)])}
                </p>
                <dl class="pairs">
                    <dt>{tr(T::SkpObjectionReasonsLabel)}</dt><dd class="prewrap">{o.doc.reasons.clone()}</dd>
                    {(!o.doc.link.is_empty()).then(|| view! {
                        <dt>{tr(T::SkpEvidence)}</dt>
                        <dd><a href=o.doc.link.clone() rel="noopener noreferrer nofollow" target="_blank">{tr(T::SkpOpenEvidence)}</a></dd>
                    })}
                    <dt>{tr(T::SkpObjectionOriginal)}</dt>
                    <dd>{predikat_badge(o.original.predikat())} " ("
                        {tr(T::SkpRatingResults)} ": " {tr(rating_name(o.original.results))} "; "
                        {tr(T::SkpRatingBehaviour)} ": " {tr(rating_name(o.original.behaviour))} ")"</dd>
                </dl>
                <p class="muted">
                    {match &o.decider {
                        Some((_, name)) => lang.fill(T::SkpObjectionDecider, &[("name", name)]),
                        None => lang.fill(T::SkpObjectionDecider, &[("name", &lang.t(T::SkpObjectionDeciderHr))]),
                    }} " · " {lang.fill(T::SkpObjectionDue, &[("date", &o.due)])}
                    {o.overdue.then(|| view! { " " <span class="badge overdue">{tr(T::SkpObjectionOverdue)}</span> })}
                </p>
                {o.decision.clone().map(|d| view! {
                    <h3>{tr(T::SkpDecisionHeading)}</h3>
                    <p class="prewrap">{d.reason.clone()}</p>
                    {d.new_ratings.map(|r| view! {
                        <p>{tr(T::SkpChangedByObjection)} ": " {predikat_badge(r.predikat())} " ("
                            {tr(T::SkpRatingResults)} ": " {tr(rating_name(r.results))} "; "
                            {tr(T::SkpRatingBehaviour)} ": " {tr(rating_name(r.behaviour))} ")"</p>
                    })}
                    <p class="muted">{lang.fill(T::SkpDecidedBy, &[("name", &d.decided_by.1), ("at", &d.decided_at)])}</p>
                })}
            })}
            {(page.may_decide).then(|| view! { <DecideForm nip=page.nip.clone() year period original/> })}
        </section>
    })
}

/// One rating (results or behaviour) as three radio buttons, best first; ids are `<prefix><name>-<rating>`.
#[cfg(feature = "ssr")]
fn rating_choices(
    prefix: &'static str,
    name: &'static str,
    legend: T,
    chosen: Option<Rating>,
    required: bool,
) -> impl IntoView {
    view! {
        <fieldset class="choices">
            <legend>{tr(legend)}</legend>
            {[Rating::Above, Rating::Meets, Rating::Below].into_iter().map(|r| {
                let id = format!("{prefix}{name}-{}", r.code());
                let label_for = id.clone();
                view! { <label for=label_for>
                    <input type="radio" id=id name=name value=r.code() required=required checked=chosen == Some(r)/>
                    " " {tr(rating_name(r))}
                </label> }
            }).collect_view()}
        </fieldset>
    }
}

/// The decider's form: uphold with a new rating, or reject; reasons always.
#[cfg(feature = "ssr")]
#[component]
fn DecideForm(nip: String, year: i32, period: u8, original: Option<crate::domain::skp::Ratings>) -> impl IntoView {
    let group = move |name, legend, chosen| rating_choices("decide-", name, legend, chosen, false);
    view! {
        <h3>{tr(T::SkpDecisionHeading)}</h3>
        <form method="post" action=SkpDecideObjection::PATH class="stack" data-ok=tr(T::SkpEvaluationSaved)>
            <input type="hidden" name="nip" value=nip/>
            <input type="hidden" name="year" value=year/>
            <input type="hidden" name="period" value=period/>
            <fieldset class="choices">
                <legend>{tr(T::SkpDecisionHeading)}</legend>
                <label for="decision-upheld"><input type="radio" id="decision-upheld" name="decision" value="upheld" required/>
                    " " {tr(T::SkpDecisionUphold)}</label>
                <label for="decision-rejected"><input type="radio" id="decision-rejected" name="decision" value="rejected" required/>
                    " " {tr(T::SkpDecisionReject)}</label>
            </fieldset>
            <p class="hint">{tr(T::SkpNewRating)}</p>
            {group("results", T::SkpRatingResults, original.map(|o| o.results))}
            {group("behaviour", T::SkpRatingBehaviour, original.map(|o| o.behaviour))}
            <label for="decision-reason">{tr(T::SkpDecisionReasonLabel)}</label>
            <textarea id="decision-reason" name="reason" rows="4" required maxlength="2000"></textarea>
            <button type="submit" class="button">{tr(T::SkpDecide)}</button>
        </form>
    }
}

/// A row's evidence files as downloads, each with a remove button while the owner may still change the period.
#[cfg(feature = "ssr")]
fn evidence_list(files: Vec<EvidenceFile>, editable: bool, (year, period): (i32, u8)) -> impl IntoView {
    let lang = use_lang();
    (!files.is_empty()).then(|| {
        view! {
            <p class="label">{tr(T::SkpEvidenceFiles)}</p>
            <ul class="files">{files.into_iter().map(|f| {
                let id = f.id.clone();
                view! { <li>
                    <a href=format!("/skp/evidence/{}", f.id) download=f.name.clone()>{f.name.clone()}</a>
                    " (" {size_label(f.size)} ", " {lang.fill(T::SkpEvidenceUploadedBy, &[("at", &f.uploaded_at)])} ")"
                    {editable.then(|| view! {
                        <form method="post" action=SkpRemoveEvidence::PATH class="inline-form" data-ok=tr(T::SkpEvaluationSaved)>
                            <input type="hidden" name="year" value=year/>
                            <input type="hidden" name="period" value=period/>
                            <input type="hidden" name="id" value=id/>
                            <button type="submit" class="button-link" aria-label=format!("{} {}", tr(T::SkpRemoveEvidence), f.name)>
                                {tr(T::SkpRemoveEvidence)}
                            </button>
                        </form>
                    })}
                </li> }
            }).collect_view()}</ul>
        }
    })
}

#[cfg(feature = "ssr")]
fn row_view(
    r: &ResultRow,
    done: Option<Realisation>,
    files: Vec<EvidenceFile>,
    editable: bool,
    (year, period): (i32, u8),
    lang: Lang,
) -> impl IntoView {
    let file_id = format!("file-{}", r.key);
    let (file_for, upload_row) = (file_id.clone(), r.key.clone());
    let id = format!("real-{}", r.key);
    let link_id = format!("link-{}", r.key);
    let (id_for, link_for, key) = (id.clone(), link_id.clone(), r.key.clone());
    let details_id = format!("realise-{}", r.key);
    let (text, link) = done.as_ref().map(|d| (d.text.clone(), d.link.clone())).unwrap_or_default();
    view! { <tr>
        <td>{r.text.clone()}</td>
        <td><ul>{r.indicators.iter().map(|i| view! {
            <li>{aspect_label(i.aspect)} ": " {i.text.clone()} " — " {tr(T::SkpTargetLabel)} " " {target_text(&i.target, lang)}</li>
        }).collect_view()}</ul></td>
        <td>
            {match &done {
                Some(d) => view! {
                    <p class="prewrap">{d.text.clone()}</p>
                    {(!d.link.is_empty()).then(|| view! {
                        <p><a href=d.link.clone() rel="noopener noreferrer nofollow" target="_blank">{tr(T::SkpOpenEvidence)}</a></p>
                    })}
                }.erase(),
                None => view! { <p class="muted">{tr(T::SkpMissing)}</p> }.erase(),
            }}
            {editable.then(|| view! {
                <details open=done.is_none() id=details_id>
                    <summary>{tr(T::SkpEnterRealisation)}</summary>
                    <form method="post" action=SkpRealise::PATH class="stack" data-ok=tr(T::SkpEvaluationSaved)>
                        <input type="hidden" name="year" value=year/>
                        <input type="hidden" name="period" value=period/>
                        <input type="hidden" name="row" value=key/>
                        <label for=id_for>{tr(T::SkpRealisation)}</label>
                        <textarea id=id name="text" rows="2" required maxlength="2000">{text}</textarea>
                        <label for=link_for>{tr(T::SkpEvidence)}</label>
                        <input id=link_id type="url" name="link" maxlength="500" inputmode="url" placeholder="https://" value=link/>
                        <button type="submit" class="button small">{tr(T::SkpSaveRealisation)}</button>
                    </form>
                </details>
            })}
            {evidence_list(files, editable, (year, period))}
            {editable.then(|| view! {
                // A plain form: files go to /skp/evidence as multipart, with or without JavaScript.
                <form method="post" action="/skp/evidence" enctype="multipart/form-data" class="stack upload"
                    id=format!("evidence-{upload_row}")>
                    <input type="hidden" name="year" value=year/>
                    <input type="hidden" name="period" value=period/>
                    <input type="hidden" name="row" value=upload_row.clone()/>
                    <label for=file_for>{tr(T::SkpEvidenceFile)}</label>
                    <input id=file_id type="file" name="file" required
                        accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"/>
                    <button type="submit" class="button small">{tr(T::SkpUploadEvidence)}</button>
                </form>
            })}
        </td>
    </tr> }
}

/// The performance dialogue: the record, the employee's acknowledgement, follow-ups that become development-plan
/// activities, and the supervisor's form.
#[cfg(feature = "ssr")]
#[component]
fn Dialogue(page: EvaluationPage) -> impl IntoView {
    let lang = use_lang();
    let (year, period) = (page.period.year, page.period.number);
    let own = page.is_owner;
    let draft = page.dialogue.as_ref().map(|d| d.doc.clone()).unwrap_or_default();
    let due = page.follow_up_due.clone();
    view! {
        <section aria-labelledby="dialogue-h">
            <h2 id="dialogue-h">{tr(T::SkpDialogue)}</h2>
            <p class="hint">{tr(T::SkpDialogueHint)}</p>
            {match page.dialogue.clone() {
                None => view! { <p class="empty">{tr(T::SkpDialogueNone)}</p> }.erase(),
                Some(d) => view! {
                    <dl class="pairs">
                        <dt>{tr(T::SkpDialogueHeldOn)}</dt><dd>{d.doc.held_on.clone()}</dd>
                        <dt>{tr(T::SkpDialogueDiscussedLabel)}</dt><dd class="prewrap">{d.doc.discussed.clone()}</dd>
                    </dl>
                    {follow_up_list(d.doc.follow_ups.clone(), own, due.clone())}
                    <p class="muted">{lang.fill(T::SkpDialogueRecordedBy, &[("name", &d.recorded_by.1), ("at", &d.recorded_at)])} " · "
                        {match &d.acknowledged_at {
                            Some(at) => lang.fill(T::SkpDialogueAcknowledgedAt, &[("at", at)]),
                            None => lang.t(T::SkpDialogueAwaiting).to_string(),
                        }}</p>
                }.erase(),
            }}
            {page.may_acknowledge.then(|| view! {
                <form method="post" action=SkpAcknowledgeDialogue::PATH data-ok=tr(T::SkpEvaluationSaved)>
                    <input type="hidden" name="year" value=year/>
                    <input type="hidden" name="period" value=period/>
                    <button type="submit" class="button">{tr(T::SkpDialogueAcknowledge)}</button>
                </form>
            })}
            {page.may_record_dialogue.then(|| view! {
                <form method="post" action=SkpRecordDialogue::PATH class="stack" data-ok=tr(T::SkpEvaluationSaved)>
                    <input type="hidden" name="nip" value=page.nip.clone()/>
                    <input type="hidden" name="year" value=year/>
                    <input type="hidden" name="period" value=period/>
                    <label for="dialogue-date">{tr(T::SkpDialogueHeldOn)}</label>
                    <input id="dialogue-date" type="date" name="held_on" required value=draft.held_on.clone()/>
                    <label for="dialogue-discussed">{tr(T::SkpDialogueDiscussedLabel)}</label>
                    <textarea id="dialogue-discussed" name="discussed" rows="3" required maxlength="2000">{draft.discussed.clone()}</textarea>
                    <label for="dialogue-follow-ups">{tr(T::SkpDialogueFollowUpsLabel)}</label>
                    <textarea id="dialogue-follow-ups" name="follow_ups" rows="3">{draft.follow_ups.join("\n")}</textarea>
                    <button type="submit" class="button secondary">{tr(T::SkpDialogueRecord)}</button>
                </form>
            })}
        </section>
    }
}

/// The agreed follow-ups; the employee can turn each into a development-plan activity (due `due` unless changed).
#[cfg(feature = "ssr")]
fn follow_up_list(follow_ups: Vec<String>, own: bool, due: String) -> Option<impl IntoView> {
    (!follow_ups.is_empty()).then(move || {
        let items = follow_ups
            .into_iter()
            .enumerate()
            .map(|(i, f)| {
                let due_id = format!("follow-up-due-{i}");
                let due_for = due_id.clone();
                let due = due.clone();
                let title = f.clone();
                view! { <li>{f}
                    {own.then(move || view! {
                        <form method="post" action=AddPlanItem::PATH class="inline-form" data-ok=tr(T::SkpFollowUpAdded)>
                            <input type="hidden" name="title" value=title/>
                            <label for=due_for class="visually-hidden">{tr(T::SkpFollowUpDue)}</label>
                            <input id=due_id type="date" name="due" value=due required/>
                            <button type="submit" class="button-link">{tr(T::SkpFollowUpToPlan)}</button>
                        </form>
                    })}
                </li> }
            })
            .collect_view();
        view! {
            <h3>{tr(T::SkpDialogueFollowUpsHeading)}</h3>
            <ul class="follow-ups">{items}</ul>
        }
    })
}

/// A guideline rule in words: "paling banyak 70% Baik".
#[cfg(feature = "ssr")]
pub(crate) fn rule_text(r: &RuleView, lang: Lang) -> String {
    let names = r.predikat.iter().map(|p| lang.t(predikat_name(*p))).collect::<Vec<_>>().join(" / ");
    match r.bound {
        Bound::AtMost(pct) => lang.fill(T::CurveAtMost, &[("pct", &pct), ("names", &names)]),
        Bound::AtLeast(pct) => lang.fill(T::CurveAtLeast, &[("pct", &pct), ("names", &names)]),
        Bound::AtLeastOne => lang.fill(T::CurveAtLeastOne, &[("names", &names)]),
        Bound::NoneAllowed => lang.fill(T::CurveNoneAllowed, &[("names", &names)]),
    }
}

/// The unit's distribution against its guideline: a chart, the same as a table, and each rule kept or broken.
#[cfg(feature = "ssr")]
#[component]
fn Curve(curve: CurveView) -> impl IntoView {
    let lang = use_lang();
    let d = curve.distribution;
    let org = lang.t(org_predikat_name(curve.org));
    view! {
        <section aria-labelledby="curve-h" class="card">
            <h3 id="curve-h">{lang.fill(T::SkpCurveOf, &[("unit", &curve.unit_name), ("org", &org)])}</h3>
            <ChartView id="curve-chart" chart={ChartSpec::Curve { distribution: d }} label=curve_summary(&d, lang) height=260/>
            <div class="table-wrap"><table>
                <caption class="visually-hidden">{tr(T::SkpCurve)}</caption>
                <thead><tr>
                    <th scope="col">{tr(T::SkpPredikat)}</th>
                    <th scope="col">{tr(T::SkpCount)}</th>
                    <th scope="col">{tr(T::SkpShare)}</th>
                </tr></thead>
                <tbody>{Predikat::ALL.into_iter().map(|p| view! { <tr>
                    <th scope="row">{tr(predikat_name(p))}</th>
                    <td>{d.count(p)}</td>
                    <td>{format!("{}%", crate::domain::feedback::round2(d.percent(p)))}</td>
                </tr> }).collect_view()}</tbody>
            </table></div>
            <p role="status">{if curve.breaches.is_empty() { tr(T::SkpCurveOk) } else { tr(T::SkpCurveOutside) }}</p>
            <ul class="rules">{curve.rules.iter().map(|r| {
                let broken = curve.breaches.contains(r);
                view! { <li class:broken=broken>{if broken { "⚠ " } else { "✓ " }}{rule_text(r, lang)}</li> }
            }).collect_view()}</ul>
        </section>
    }
}

/// The regulation's matrix with the applying cell marked, and the allowance per predikat.
#[cfg(feature = "ssr")]
#[component]
fn Why(results: Rating, behaviour: Rating, allowance: Vec<(crate::domain::skp::Predikat, u8)>) -> impl IntoView {
    let given = predikat(results, behaviour);
    let order = [Rating::Above, Rating::Meets, Rating::Below];
    let columns = [Rating::Below, Rating::Meets, Rating::Above];
    view! {
        <details class="why">
            <summary>{tr(T::SkpWhy)}</summary>
            <p class="hint">{tr(T::SkpWhyText)}</p>
            <div class="table-wrap"><table class="matrix">
                <caption>{tr(T::SkpWhy)}</caption>
                <thead><tr>
                    <th scope="col">{tr(T::SkpRatingResults)} " ↓ · " {tr(T::SkpRatingBehaviour)} " →"</th>
                    {columns.into_iter().map(|c| view! { <th scope="col">{tr(rating_name(c))}</th> }).collect_view()}
                </tr></thead>
                <tbody>{order.into_iter().map(|row| view! { <tr>
                    <th scope="row">{tr(rating_name(row))}</th>
                    {columns.into_iter().map(|col| {
                        let here = row == results && col == behaviour;
                        view! { <td class:current=here aria-current=here.then_some("true")>
                            {tr(predikat_name(predikat(row, col)))}{here.then_some(" ✓")}
                        </td> }
                    }).collect_view()}
                </tr> }).collect_view()}</tbody>
            </table></div>
            <div class="table-wrap"><table>
                <caption>{tr(T::SkpAllowance)}</caption>
                <tbody>{allowance.into_iter().map(|(p, pct)| view! {
                    <tr class:current=p == given><th scope="row">{tr(predikat_name(p))}</th><td>{format!("{pct}%")}</td></tr>
                }).collect_view()}</tbody>
            </table></div>
        </details>
    }
}

#[cfg(feature = "ssr")]
#[component]
fn RateForm(page: EvaluationPage) -> impl IntoView {
    let current = page.rating.as_ref().map(|r| r.ratings);
    let feedback = page.rating.as_ref().map(|r| r.feedback.clone()).unwrap_or_default();
    let reason = page.rating.as_ref().map(|r| r.curve_reason.clone()).unwrap_or_default();
    let group = move |name, legend, chosen| rating_choices("", name, legend, chosen, true);
    view! {
        <form method="post" action=SkpRate::PATH class="stack" data-ok=tr(T::SkpEvaluationSaved)>
            <input type="hidden" name="nip" value=page.nip.clone()/>
            <input type="hidden" name="year" value=page.period.year/>
            <input type="hidden" name="period" value=page.period.number/>
            {group("results", T::SkpRatingResults, current.map(|c| c.results))}
            {group("behaviour", T::SkpRatingBehaviour, current.map(|c| c.behaviour))}
            <label for="rate-feedback">{tr(T::SkpFeedback)}</label>
            <textarea id="rate-feedback" name="feedback" rows="4" required maxlength="2000">{feedback}</textarea>
            {page.curve.is_some().then(|| view! {
                <label for="rate-curve-reason">{tr(T::SkpCurveReason)}</label>
                <textarea id="rate-curve-reason" name="curve_reason" rows="2" maxlength="2000">{reason.clone()}</textarea>
            })}
            <button type="submit" class="button">{tr(T::SkpRate)}</button>
        </form>
    }
}
