//! `/rounds` (list, create), `/rounds/:id` (progress, open/close, fixes, CSV) and `/rounds/:id/results/:nip`.

use crate::api::feedback::*;
use crate::api::{ProgressRow, ResultPage, RoundChange, RoundProgress, RoundSummary, RoundsPage};
use crate::charts::ChartView;
use crate::charts::progress::{progress_chart, progress_summary};
use crate::components::{ErrorNotice, Frame, Loading, Outcome, tr, use_lang};
use crate::domain::feedback::{RaterGroup, Withheld, completion_percent, round2};
use crate::i18n::{Lang, T};
use crate::pages::feedback::group_label;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn status_label(status: &str) -> &'static str {
    tr(match status {
        "open" => T::RoundOpen,
        "closing" => T::RoundClosing,
        "opening" => T::RoundOpening,
        "closed" => T::RoundClosed,
        _ => T::RoundDraft,
    })
}

#[component]
pub fn RoundsListPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_rounds());
    view! {
        <Title text=format!("{} · Kinerja", tr(T::NavRounds))/>
        <Frame>
            <h1>{tr(T::RoundsTitle)}</h1>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(p) => view! { <Rounds page=p/> }.into_any(),
                        Err(e) => view! { <ErrorNotice err=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </Frame>
    }
}

#[component]
fn Rounds(page: RoundsPage) -> impl IntoView {
    view! {
        {if page.rounds.is_empty() {
            view! { <p class="empty">{tr(T::NoRounds)}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table>
                        <caption class="visually-hidden">{tr(T::RoundsTitle)}</caption>
                        <thead><tr>
                            <th scope="col">{tr(T::Round)}</th>
                            <th scope="col">{tr(T::Status)}</th>
                            <th scope="col">{tr(T::Period)}</th>
                            <th scope="col">{tr(T::RoundCloses)}</th>
                            <th scope="col" class="num">{tr(T::Assignments)}</th>
                        </tr></thead>
                        <tbody>
                            {page.rounds.clone().into_iter().map(|r| {
                                let href = format!("/rounds/{}", r.key);
                                view! { <tr>
                                    <th scope="row"><a href=href>{r.name.clone()}</a></th>
                                    <td><span class=format!("badge status-{}", r.status)>{status_label(&r.status)}</span></td>
                                    <td>{r.period_start.clone()} " – " {r.period_end.clone()}</td>
                                    <td>{r.closes.clone()}</td>
                                    <td class="num">{r.assignment_count}</td>
                                </tr> }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        {page.can_manage.then(|| view! { <CreateRound page=page.clone()/> })}
    }
}

#[component]
fn CreateRound(page: RoundsPage) -> impl IntoView {
    let action = ServerAction::<CreateRound>::new();
    let lang = use_lang();
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(key)) = action.value().get() {
            navigate(&format!("/rounds/{key}"), Default::default());
        }
    });
    let query = use_query_map();
    let from_query = query.with_untracked(|q| q.get("error"));
    view! {
        <section class="card" aria-labelledby="create-h">
            <h2 id="create-h">{tr(T::CreateRound)}</h2>
            <ActionForm action=action attr:class="stack">
                <label for="r-name">{tr(T::RoundName)}</label>
                <input id="r-name" name="name" type="text" required maxlength="120"
                    placeholder=lang.t(T::RoundNamePlaceholder)/>
                <div class="grid-2">
                    <div class="stack">
                        <label for="r-ps">{tr(T::PeriodStart)}</label>
                        <input id="r-ps" name="period_start" type="date" required/>
                    </div>
                    <div class="stack">
                        <label for="r-pe">{tr(T::PeriodEnd)}</label>
                        <input id="r-pe" name="period_end" type="date" required/>
                    </div>
                    <div class="stack">
                        <label for="r-opens">{tr(T::RoundOpens)}</label>
                        <input id="r-opens" name="opens" type="date" required/>
                    </div>
                    <div class="stack">
                        <label for="r-closes">{tr(T::RoundCloses)}</label>
                        <input id="r-closes" name="closes" type="date" required/>
                    </div>
                    <div class="stack">
                        <label for="r-thr">{tr(T::Threshold)}</label>
                        <input id="r-thr" name="threshold" type="number" min="3" max="10" value="3" required
                            aria-describedby="r-thr-help"/>
                        <p class="help" id="r-thr-help">{tr(T::ThresholdHelp)}</p>
                    </div>
                    <div class="stack">
                        <label for="r-peers">{tr(T::MaxPeers)}</label>
                        <input id="r-peers" name="max_peers" type="number" min="0" max="20" value="4" required/>
                    </div>
                </div>
                <fieldset class="checklist">
                    <legend>{tr(T::Competencies)}</legend>
                    {page.competencies.iter().map(|(k, code, name, on)| {
                        let id = format!("rc-{k}");
                        let id2 = id.clone();
                        view! { <label for=id2>
                            <input type="checkbox" id=id name=format!("competencies[{k}]") value="on" checked=*on/>
                            " " {code.clone()} " " {name.get(lang == Lang::En).to_string()}
                        </label> }
                    }).collect_view()}
                </fieldset>
                <fieldset class="checklist scroll">
                    <legend>{tr(T::UnitsInScope)}</legend>
                    <p class="help">{tr(T::UnitsInScopeHelp)}</p>
                    {page.units.iter().map(|(k, n, d)| {
                        let id = format!("ru-{k}");
                        let id2 = id.clone();
                        let pad = format!("padding-left:{}em", d.saturating_sub(1));
                        view! { <label for=id2 style=pad>
                            <input type="checkbox" id=id name=format!("units[{k}]") value="on"/> " " {n.clone()}
                        </label> }
                    }).collect_view()}
                </fieldset>
                <div aria-live="polite">
                    {move || action.value().get().and_then(|r| r.err()).map(|e| view! { <p class="form-error" role="alert">{e.to_string()}</p> })}
                    {from_query.clone().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                </div>
                <button type="submit" class="button" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { lang.t(T::Saving) } else { lang.t(T::CreateRound) }}
                </button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn RoundPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || params.with(|p| p.get("id").unwrap_or_default());
    let open = ServerAction::<OpenRound>::new();
    let close = ServerAction::<CloseRound>::new();
    let assign = ServerAction::<AddAssignment>::new();
    let unassign = ServerAction::<RemoveAssignment>::new();
    let data = Resource::new(
        move || (key(), open.version().get(), close.version().get(), assign.version().get(), unassign.version().get()),
        |(k, _, _, _, _)| load_progress(k),
    );
    view! {
        <Title text=format!("{} · Kinerja", tr(T::RoundProgress))/>
        <Frame>
            <nav class="breadcrumbs" aria-label=tr(T::NavRounds)><a href="/rounds">{tr(T::RoundsTitle)}</a></nav>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(p) => view! { <Progress p=p open close assign unassign/> }.into_any(),
                        Err(e) => view! { <ErrorNotice err=e/> }.into_any(),
                    }
                })}
            </Transition>
        </Frame>
    }
}

fn pct(r: &ProgressRow) -> String {
    format!("{}%", round2(completion_percent(r.submitted, r.total)))
}

#[component]
fn Progress(
    p: RoundProgress,
    open: ServerAction<OpenRound>,
    close: ServerAction<CloseRound>,
    assign: ServerAction<AddAssignment>,
    unassign: ServerAction<RemoveAssignment>,
) -> impl IntoView {
    let lang = use_lang();
    let r: RoundSummary = p.round.clone();
    let percent = round2(completion_percent(p.submitted, p.total));
    let chart = progress_chart(&p.by_unit, lang);
    let summary = progress_summary(&p.by_unit, lang);
    let height = (p.by_unit.len() as u32 * 22 + 90).clamp(200, 1600);
    let query = use_query_map();
    let query_error = query.with_untracked(|q| q.get("error"));
    let closed = r.status == "closed";
    let key = r.key.clone();
    view! {
        <h1>{r.name.clone()}</h1>
        <p>
            <span class=format!("badge status-{}", r.status)>{status_label(&r.status)}</span> " "
            {tr(T::Period)} ": " {r.period_start.clone()} " – " {r.period_end.clone()} " · "
            {tr(T::RoundCloses)} ": " {r.closes.clone()} " · " {tr(T::Threshold)} ": " {r.threshold}
            " · " {tr(T::UnitsInScope)} ": "
            {if r.unit_names.is_empty() { tr(T::WholeAgency).to_string() } else { r.unit_names.join(", ") }}
        </p>
        {p.scoped.then(|| view! { <p class="hint">{tr(T::ProgressScoped)}</p> })}
        {query_error.map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
        <div class="stats">
            <div class="stat"><span class="stat-value">{p.total}</span><span class="stat-label">{tr(T::Assignments)}</span></div>
            <div class="stat"><span class="stat-value">{p.submitted}</span><span class="stat-label">{tr(T::StateSubmitted)}</span></div>
            <div class="stat"><span class="stat-value">{p.drafts}</span><span class="stat-label">{tr(T::StateDraft)}</span></div>
            <div class="stat"><span class="stat-value">{format!("{percent}%")}</span><span class="stat-label">{tr(T::FbCompleted)}</span></div>
            <div class="stat"><span class="stat-value">{p.proposed}</span><span class="stat-label">{tr(T::StateProposed)}</span></div>
        </div>
        <p><progress max=p.total.max(1) value=p.submitted aria-label=tr(T::FbCompleted)>{format!("{percent}%")}</progress></p>
        {p.can_manage.then(|| {
            let k1 = key.clone();
            let k2 = key.clone();
            view! {
                <div class="actions">
                    {(r.status == "draft").then(|| view! {
                        <ActionForm action=open>
                            <input type="hidden" name="key" value=k1/>
                            <button type="submit" class="button" disabled=move || open.pending().get()>
                                {move || if open.pending().get() { lang.t(T::Opening) } else { lang.t(T::OpenRound) }}
                            </button>
                        </ActionForm>
                    })}
                    {(r.status == "open" || r.status == "closing").then(|| view! {
                        <ActionForm action=close>
                            <input type="hidden" name="key" value=k2/>
                            <button type="submit" class="button" disabled=move || close.pending().get()>
                                {move || if close.pending().get() { lang.t(T::Closing) } else { lang.t(T::CloseRound) }}
                            </button>
                        </ActionForm>
                    })}
                    <div aria-live="polite">
                        {move || open.value().get().and_then(|r| r.err()).map(|e| view! { <p class="form-error" role="alert">{e.to_string()}</p> })}
                        {move || close.value().get().and_then(|r| r.err()).map(|e| view! { <p class="form-error" role="alert">{e.to_string()}</p> })}
                        {move || close.value().get().and_then(|r| r.ok()).map(|n| view! { <p class="form-ok" role="status">{format!("{} {n}", lang.t(T::ClosedFor))}</p> })}
                    </div>
                </div>
            }
        })}
        {(p.total > 0).then(|| view! {
            <p><a class="button secondary" href=format!("/rounds/{key}/pending.csv") rel="external" download="">{tr(T::DownloadPending)}</a></p>
        })}
        {(!p.by_unit.is_empty()).then(|| view! {
            <section aria-labelledby="units-h">
                <h2 id="units-h">{tr(T::ProgressByUnit)}</h2>
                <ChartView id="progress-chart" chart=chart label=summary height=height/>
                <ProgressTable rows=p.by_unit.clone() caption=tr(T::ProgressByUnit) link=None/>
            </section>
        })}
        <section aria-labelledby="raters-h">
            <h2 id="raters-h">{tr(T::PendingRaters)}</h2>
            {if p.raters.is_empty() {
                view! { <p class="empty">{tr(T::NobodyPending)}</p> }.into_any()
            } else {
                view! { <ProgressTable rows=p.raters.clone() caption=tr(T::PendingRaters) link=Some("/employees/".to_string())/> }.into_any()
            }}
        </section>
        <section aria-labelledby="ratees-h">
            <h2 id="ratees-h">{tr(T::FeedbackReceived)}</h2>
            <ProgressTable rows=p.ratees.clone() caption=tr(T::FeedbackReceived)
                link=Some(if closed { format!("/rounds/{key}/results/") } else { "/employees/".to_string() })/>
        </section>
        {(!p.changes.is_empty()).then(|| view! { <Changes list=p.changes.clone()/> })}
        {(p.can_manage && r.status == "open").then(|| view! {
            <AssignForm round=r.key.clone() action=assign/>
            <UnassignForm round=r.key.clone() action=unassign/>
        })}
    }
}

/// Assignments HR changed by hand: shown to everyone who follows the round, so that no change goes unseen.
#[component]
fn Changes(list: Vec<RoundChange>) -> impl IntoView {
    view! {
        <section aria-labelledby="changes-h">
            <h2 id="changes-h">{tr(T::ChangesByHand)}</h2>
            <p class="hint">{tr(T::ChangesByHandHelp)}</p>
            <div class="table-wrap">
                <table>
                    <caption class="visually-hidden">{tr(T::ChangesByHand)}</caption>
                    <thead><tr>
                        <th scope="col">{tr(T::AuditWhen)}</th>
                        <th scope="col">{tr(T::ChangeAction)}</th>
                        <th scope="col">{tr(T::RaterNip)}</th>
                        <th scope="col">{tr(T::RateeNip)}</th>
                        <th scope="col">{tr(T::RaterGroupLabel)}</th>
                        <th scope="col">{tr(T::ChangedBy)}</th>
                    </tr></thead>
                    <tbody>
                        {list.into_iter().map(|c| view! { <tr>
                            <td>{c.at}</td>
                            <td>{tr(if c.action == "add" { T::ChangeAdded } else { T::ChangeRemoved })}</td>
                            <td>{c.rater}</td>
                            <td><a href=format!("/employees/{}", c.ratee)>{c.ratee.clone()}</a></td>
                            <td>{group_label(c.group)}</td>
                            <td>{c.actor}</td>
                        </tr> }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn ProgressTable(rows: Vec<ProgressRow>, caption: &'static str, link: Option<String>) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table>
                <caption class="visually-hidden">{caption}</caption>
                <thead><tr>
                    <th scope="col">{tr(T::Name)}</th>
                    <th scope="col" class="num">{tr(T::Assignments)}</th>
                    <th scope="col" class="num">{tr(T::StateSubmitted)}</th>
                    <th scope="col" class="num">{tr(T::StateDraft)}</th>
                    <th scope="col" class="num">"%"</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let name = if r.name.is_empty() { r.key.clone() } else { r.name.clone() };
                        let cell = match &link {
                            Some(prefix) => view! { <a href=format!("{prefix}{}", r.key)>{name}</a> }.into_any(),
                            None => view! { {name} }.into_any(),
                        };
                        view! { <tr>
                            <th scope="row">{cell}</th>
                            <td class="num">{r.total}</td>
                            <td class="num">{r.submitted}</td>
                            <td class="num">{r.drafts}</td>
                            <td class="num">{pct(&r)}</td>
                        </tr> }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The rater and ratee NIP fields of the assignment forms.
#[component]
fn NipPair(prefix: &'static str) -> impl IntoView {
    let (rater, ratee) = (format!("{prefix}-rater"), format!("{prefix}-ratee"));
    view! {
        <label for=rater.clone()>{tr(T::RaterNip)}</label>
        <input id=rater name="rater" type="text" inputmode="numeric" required/>
        <label for=ratee.clone()>{tr(T::RateeNip)}</label>
        <input id=ratee name="ratee" type="text" inputmode="numeric" required/>
    }
}

#[component]
fn AssignForm(round: String, action: ServerAction<AddAssignment>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="assign-h">
            <h2 id="assign-h">{tr(T::AddAssignment)}</h2>
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="round" value=round/>
                <NipPair prefix="as"/>
                <label for="as-group">{tr(T::RaterGroupLabel)}</label>
                <select id="as-group" name="group">
                    {RaterGroup::ALL.into_iter().map(|g| view! { <option value=g.code()>{group_label(g)}</option> }).collect_view()}
                </select>
                <Outcome value=action.value() ok=T::Saved/>
                <button type="submit" class="button">{tr(T::AddAssignment)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn UnassignForm(round: String, action: ServerAction<RemoveAssignment>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="unassign-h">
            <h2 id="unassign-h">{tr(T::RemoveAssignment)}</h2>
            <p class="hint">{tr(T::RemoveAssignmentHint)}</p>
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="round" value=round/>
                <NipPair prefix="un"/>
                <Outcome value=action.value() ok=T::Saved/>
                <button type="submit" class="button secondary">{tr(T::RemoveAssignment)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn RoundResultPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.with(|p| (p.get("id").unwrap_or_default(), p.get("nip").unwrap_or_default())),
        |(r, n)| load_result(r, n),
    );
    view! {
        <Title text=format!("{} · Kinerja", tr(T::ResultTitle))/>
        <Frame>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(p) => view! { <ResultView page=p/> }.into_any(),
                        Err(e) => view! { <ErrorNotice err=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </Frame>
    }
}

fn withheld_text(w: &Withheld, lang: Lang) -> String {
    match w {
        Withheld::NoResponses => lang.t(T::WithheldNone).to_string(),
        Withheld::TooFewRaters { count, needed } => format!("{} ({count}/{needed})", lang.t(T::WithheldFew)),
        Withheld::PartialItem => lang.t(T::WithheldPartialItem).to_string(),
        Withheld::ChangedByHand => lang.t(T::WithheldChangedByHand).to_string(),
    }
}

#[component]
fn ResultView(page: ResultPage) -> impl IntoView {
    let lang = use_lang();
    let en = lang == Lang::En;
    let groups: Vec<RaterGroup> = page.data.responses.iter().map(|(g, _, _)| *g).collect();
    view! {
        <nav class="breadcrumbs" aria-label=tr(T::NavRounds)>
            <a href=format!("/rounds/{}", page.round_key)>{page.round_name.clone()}</a>
        </nav>
        <h1>{tr(T::ResultTitle)} ": " {page.ratee_name.clone()}</h1>
        <p class="muted">{page.ratee_position.clone()} " · " {page.round_name.clone()} " · "
            <a href=format!("/reports/{}?round={}", page.ratee_nip, page.round_key)>{tr(T::OpenReport)}</a></p>
        <p class="hint">{format!("{} {}.", lang.t(T::AnonymityNote), page.data.threshold)}</p>
        <section aria-labelledby="resp-h">
            <h2 id="resp-h">{tr(T::Responses)}</h2>
            <ul>
                {page.data.responses.iter().map(|(g, invited, done)| view! {
                    <li>{group_label(*g)} ": " {*done} " / " {*invited}</li>
                }).collect_view()}
            </ul>
        </section>
        <section aria-labelledby="scores-h">
            <h2 id="scores-h">{tr(T::ScoresByGroup)}</h2>
            <div class="table-wrap">
                <table>
                    <caption class="visually-hidden">{tr(T::ScoresByGroup)}</caption>
                    <thead><tr>
                        <th scope="col">{tr(T::Competency)}</th>
                        <th scope="col" class="num">{tr(T::RequiredLevel)}</th>
                        {groups.iter().map(|g| view! { <th scope="col" class="num">{group_label(*g)}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {page.data.competencies.iter().map(|c| {
                            let cells = groups.iter().map(|g| {
                                let s = c.groups.iter().find(|s| s.group == *g).copied();
                                match s {
                                    Some(s) if s.is_shown() => view! {
                                        <td class="num">{format!("{:.2}", s.mean.unwrap_or_default())}
                                            <span class="muted">" (n=" {s.count} ")"</span></td>
                                    }.into_any(),
                                    Some(s) => view! {
                                        <td class="num withheld">{s.withheld.map(|w| withheld_text(&w, lang)).unwrap_or_default()}</td>
                                    }.into_any(),
                                    None => view! { <td></td> }.into_any(),
                                }
                            }).collect_view();
                            view! { <tr>
                                <th scope="row">{c.code.clone()} " " {c.name.get(en).to_string()}</th>
                                <td class="num">{if c.required > 0 { c.required.to_string() } else { "–".into() }}</td>
                                {cells}
                            </tr> }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        <section aria-labelledby="comments-h">
            <h2 id="comments-h">{tr(T::Comments)}</h2>
            {page.data.competencies.iter().filter(|c| !c.comments.is_empty()).map(|c| view! {
                <h3>{c.code.clone()} " " {c.name.get(en).to_string()}</h3>
                {c.comments.iter().map(|(g, list)| view! {
                    <h4>{group_label(*g)}</h4>
                    <ul class="comments">{list.iter().map(|t| view! { <li>{t.clone()}</li> }).collect_view()}</ul>
                }).collect_view()}
            }).collect_view()}
            <p class="hint">{tr(T::CommentsNote)}</p>
        </section>
    }
}
