//! Leadership programmes. `/programmes?programme=&unit=`: a programme's requirements and, in the viewer's scope, the
//! eligible people ranked by talent box and JPM and the nearly eligible with what they lack (trainers, HR and the head:
//! everyone or one unit; supervisors: their subtree). `/programmes/person/:nip`: one person's eligibility for every
//! programme with every requirement explained, and the records it rests on, kept by HR.

use crate::api::programme::{
    load_cohort_part, load_cohorts_part, load_comparison_part, load_person_programmes_part, load_programmes_part,
};
use crate::components::{DrawnContent, Frame, LiveDrawnContent, query_notice, tr};
use crate::i18n::T;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
#[cfg(feature = "ssr")]
use {
    crate::api::programme::{
        AddPenalty, CreateCohort, DecideNomination, Nominate, RecordCompletion, RemoveCompletion, RemovePenalty,
        SaveRules, SetRankSince,
    },
    crate::api::{
        Candidate, CohortPage, CohortsPage, ComparedCandidate, ComparisonPage, NominationRow, PersonProgrammes,
        ProgrammesPage,
    },
    crate::components::{Erase, use_lang},
    crate::domain::discipline::PenaltyLevel,
    crate::domain::programme::{Check, Eligibility, Programme, RuleSet, Verdict},
    crate::i18n::format::num,
    crate::i18n::{
        Lang, check_name, condition_text, nomination_state_name, penalty_level_name, predikat_name, seen_text,
    },
    crate::pages::widgets::UnitSelect,
    leptos::server_fn::ServerFn,
};

#[component]
pub fn ProgrammesPageView() -> impl IntoView {
    let query = use_query_map();
    let changed = RwSignal::new(0);
    let data = Resource::new(
        move || (query.with(|q| (q.get("programme"), q.get("unit"))), changed.get()),
        |((programme, unit), _)| load_programmes_part(programme, unit),
    );
    let rules_saved = query.with_untracked(|q| q.get("rules").is_some());
    view! {
        <Title text=format!("{} · Kinerja", tr(T::ProgrammesTitle))/>
        <Frame>
            <h1>{tr(T::ProgrammesTitle)}</h1>
            {query_notice(T::Nominated)}
            {rules_saved.then(|| view! { <p class="form-ok" role="status">{tr(T::RulesSaved)}</p> })}
            <p class="hint">{tr(T::ProgrammesHint)}</p>
            <p><a href="/programmes/cohorts">{tr(T::NavCohorts)}</a></p>
            <LiveDrawnContent data changed/>
        </Frame>
    }
}

/// A programme's candidates, drawn on the server; trainers' and HR's forms post in the background.
#[cfg(feature = "ssr")]
pub fn programmes_part(page: ProgrammesPage) -> crate::api::DrawnPart {
    crate::components::drawn_part::render(move || view! { <Programmes page/> })
}

#[cfg(feature = "ssr")]
#[component]
fn Programmes(page: ProgrammesPage) -> impl IntoView {
    let lang = use_lang();
    let years = page.years.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
    let basis = lang.fill(
        T::ProgrammeBasis,
        &[
            ("years", &if years.is_empty() { tr(T::ProgrammeNoBasisYears).to_string() } else { years }),
            ("round", &page.round_name.clone().unwrap_or_else(|| tr(T::ProgrammeNoBasisRound).to_string())),
        ],
    );
    let programme = page.programme;
    // Trainers and HR nominate (the server offers them the running cohorts; others get none and no column).
    let nominating = page.may_nominate.then(|| Nominating {
        programme,
        cohorts: page.cohorts.clone(),
        nominated: page.nominated.clone(),
    });
    view! {
        <form method="get" action="/programmes" class="row no-print">
            <label>{tr(T::ProgrammeLabel)}
                <select name="programme">
                    {Programme::ALL.into_iter().map(|p| view! {
                        <option value=p.code() selected=p == programme>{p.short_name()}</option>
                    }).collect_view()}
                </select>
            </label>
            {(!page.units.is_empty()).then(|| view! { <UnitSelect units=page.units.clone() selected=page.unit.clone()/> })}
            <button type="submit" class="button">{tr(T::Show)}</button>
        </form>
        <p class="muted">{tr(T::Scope)} ": " {page.scope_name.clone()} " · " {basis}</p>
        {
            let q = page.unit.as_deref().map(|u| format!("?unit={u}")).unwrap_or_default();
            view! { <p class="no-print">
                <a href=format!("/programmes/{}/candidates.csv{q}", programme.code()) rel="external" download="">{tr(T::ProgrammeDownload)}</a> " · "
                <a href=format!("/programmes/{}/candidates.xlsx{q}", programme.code()) rel="external" download="">{tr(T::DownloadXlsx)}</a>
            </p> }
        }
        {rules_view(page.rules.clone(), lang)}
        {page.may_edit_rules.then(|| rules_form(page.rules.clone()))}
        <p role="status">{lang.fill(T::ProgrammeEvaluated, &[
            ("n", &page.evaluated), ("eligible", &page.eligible_count), ("nearly", &page.nearly_count),
        ])}</p>
        // The candidates' "compare" boxes belong to this form (the rows hold nomination forms of their own).
        <form id="compare-form" method="get" action="/programmes/compare" class="row no-print">
            <input type="hidden" name="programme" value=programme.code()/>
            <button type="submit" class="button secondary">{tr(T::CompareSelected)}</button>
        </form>
        <section aria-labelledby="eligible-h">
            <h2 id="eligible-h">{tr(T::ProgrammeEligible)} " (" {page.eligible_count} ")"</h2>
            {candidates(page.eligible.clone(), page.eligible_count, true, lang, nominating)}
        </section>
        <section aria-labelledby="nearly-h">
            <h2 id="nearly-h">{tr(T::ProgrammeNearly)} " (" {page.nearly_count} ")"</h2>
            {candidates(page.nearly.clone(), page.nearly_count, false, lang, None)}
        </section>
    }
}

/// A programme's requirements: the common ones, then each route.
#[cfg(feature = "ssr")]
fn rules_view(rules: RuleSet, lang: Lang) -> impl IntoView {
    let p = rules.programme;
    view! {
        <details class="card">
            <summary>{lang.fill(T::ProgrammeRules, &[("programme", &p.short_name()), ("n", &rules.version)])}</summary>
            <p class="muted">{rules.source.clone()}</p>
            {(!rules.verified).then(|| view! { <p class="notice">{tr(T::ProgrammeUnverified)}</p> })}
            <h3>{tr(T::ProgrammeCommon)}</h3>
            <ul>{rules.common.iter().map(|c| view! { <li>{condition_text(c, p, lang)}</li> }).collect_view()}</ul>
            {(!rules.routes.is_empty()).then(|| view! {
                <h3>{tr(T::ProgrammeRoutes)}</h3>
                <ol>{rules.routes.iter().map(|r| view! { <li>
                    <strong>{r.label.clone()}</strong>
                    <ul>{r.conditions.iter().map(|c| view! { <li>{condition_text(c, p, lang)}</li> }).collect_view()}</ul>
                </li> }).collect_view()}</ol>
            })}
        </details>
    }
}

/// HR's editor of a programme's rules: the rules as text, their basis, whether checked; saving makes a new version.
#[cfg(feature = "ssr")]
fn rules_form(rules: RuleSet) -> impl IntoView {
    let text = crate::domain::programme::text::format_rules(&rules.common, &rules.routes);
    let lines = text.lines().count().clamp(6, 24);
    view! {
        <details class="card" id="rules-editor">
            <summary>{tr(T::RulesEdit)}</summary>
            <form method="post" action=SaveRules::PATH class="stack" data-ok=tr(T::RulesSaved)>
                <input type="hidden" name="programme" value=rules.programme.code()/>
                <label for="rules-text">{tr(T::RulesText)}</label>
                <textarea id="rules-text" name="rules" rows=lines spellcheck="false" aria-describedby="rules-help" required>{text}</textarea>
                <p id="rules-help" class="hint">{tr(T::RulesHelp)}</p>
                <label for="rules-source">{tr(T::RulesSource)}</label>
                <input id="rules-source" name="source" type="text" maxlength="300" value=rules.source.clone()/>
                <label class="check"><input type="checkbox" name="verified" value="1" checked=rules.verified/> {tr(T::RulesVerified)}</label>
                <button type="submit" class="button">{tr(T::RulesSave)}</button>
            </form>
        </details>
    }
}

/// What a nearly eligible person lacks, in words.
#[cfg(feature = "ssr")]
fn lacking_text(e: &Eligibility, lang: Lang) -> String {
    e.lacking()
        .iter()
        .map(|v| {
            format!(
                "{} — {}: {}",
                condition_text(&v.condition, e.programme, lang),
                tr(check_name(v.check)),
                seen_text(&v.seen, lang)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Where the eligible can be nominated to, and who already holds a seat.
#[cfg(feature = "ssr")]
#[derive(Clone)]
struct Nominating {
    programme: Programme,
    cohorts: Vec<(String, String)>,
    nominated: Vec<(String, String)>,
}

#[cfg(feature = "ssr")]
fn candidates(
    list: Vec<Candidate>,
    count: u32,
    eligible: bool,
    lang: Lang,
    nominating: Option<Nominating>,
) -> impl IntoView {
    if list.is_empty() {
        let empty = if eligible { T::ProgrammeNoneEligible } else { T::ProgrammeNoneNearly };
        return view! { <p class="empty">{tr(empty)}</p> }.erase();
    }
    let caption = if eligible { T::ProgrammeEligible } else { T::ProgrammeNearly };
    view! {
        {((list.len() as u32) < count).then(|| view! {
            <p class="hint">{lang.fill(T::TalentShowing, &[("shown", &list.len()), ("total", &count)])}</p>
        })}
        <div class="table-wrap"><table>
            <caption class="visually-hidden">{tr(caption)}</caption>
            <thead><tr>
                <th scope="col">{tr(T::CompareChoose)}</th>
                <th scope="col">{tr(T::Name)}</th>
                <th scope="col">{tr(T::Unit)}</th>
                <th scope="col">{tr(T::Rank)}</th>
                <th scope="col" class="num">{tr(T::TalentBoxColumn)}</th>
                <th scope="col" class="num">"JPM"</th>
                <th scope="col" class="num">{tr(T::TargetJpm)}</th>
                <th scope="col">{tr(if eligible { T::ProgrammeRouteTaken } else { T::ProgrammeLacking })}</th>
                {nominating.is_some().then(|| view! { <th scope="col">{tr(T::CohortNominations)}</th> })}
            </tr></thead>
            <tbody>{list.into_iter().map(|c| {
                let detail = if eligible {
                    c.eligibility.best.and_then(|i| c.eligibility.routes.get(i)).map(|(l, _)| l.clone()).unwrap_or_default()
                } else {
                    lacking_text(&c.eligibility, lang)
                };
                let choose = lang.fill(T::CompareChooseLabel, &[("name", &c.name)]);
                view! { <tr>
                    <td><input type="checkbox" form="compare-form" name="nip" value=c.nip.clone() aria-label=choose/></td>
                    <th scope="row"><a href=format!("/programmes/person/{}", c.nip)>{c.name.clone()}</a>
                        <span class="muted">" · " {c.position.clone()}</span></th>
                    <td>{c.unit_name.clone()}</td>
                    <td>{c.rank.clone()}</td>
                    <td class="num">{c.box_number.map(|b| b.to_string()).unwrap_or_else(|| "–".into())}</td>
                    <td class="num">{c.jpm.map(|j| format!("{} %", num(j, lang))).unwrap_or_else(|| "–".into())}</td>
                    <td class="num">{c.target_jpm.map(|j| format!("{} %", num(j, lang))).unwrap_or_else(|| "–".into())}</td>
                    <td>{detail}</td>
                    {nominating.clone().map(|n| nominate_cell(c.nip.clone(), n, lang))}
                </tr> }
            }).collect_view()}</tbody>
        </table></div>
    }
    .erase()
}

/// A candidate's nomination: the cohort they hold a seat in, or a form to nominate them to a running cohort.
#[cfg(feature = "ssr")]
fn nominate_cell(nip: String, n: Nominating, lang: Lang) -> impl IntoView {
    let held = n.nominated.iter().find(|(m, _)| *m == nip).map(|(_, c)| c.clone());
    view! { <td>{match held {
        Some(cohort) => view! { <span class="badge">{lang.fill(T::NominatedTo, &[("cohort", &cohort)])}</span> }.erase(),
        None if n.cohorts.is_empty() => view! {
            <span class="muted">{lang.fill(T::NoOpenCohort, &[("programme", &n.programme.short_name())])}</span>
        }.erase(),
        None => view! {
            <form method="post" action=Nominate::PATH class="row" data-ok=tr(T::Nominated)>
                <input type="hidden" name="nip" value=nip/>
                <input type="hidden" name="programme" value=n.programme.code()/>
                <label>{tr(T::NominateTo)}
                    <select name="cohort">{n.cohorts.iter().map(|(id, name)| view! {
                        <option value=id.clone()>{name.clone()}</option>
                    }).collect_view()}</select></label>
                <button type="submit" class="button small">{tr(T::Nominate)}</button>
            </form>
        }.erase(),
    }}</td> }
}

#[component]
pub fn PersonProgrammesView() -> impl IntoView {
    let params = use_params_map();
    let changed = RwSignal::new(0);
    let data = Resource::new(
        move || (params.with(|p| p.get("nip").unwrap_or_default()), changed.get()),
        |(nip, _)| load_person_programmes_part(nip),
    );
    view! {
        <Title text=format!("{} · Kinerja", tr(T::ProgrammeEligibility))/>
        <Frame>
            {query_notice(T::RankSinceSaved)}
            <LiveDrawnContent data changed/>
        </Frame>
    }
}

/// A person's eligibility and records, drawn on the server; HR's forms post in the background.
#[cfg(feature = "ssr")]
pub fn person_part(page: PersonProgrammes) -> crate::api::DrawnPart {
    crate::components::drawn_part::render(move || view! { <Person page/> })
}

#[cfg(feature = "ssr")]
#[component]
fn Person(page: PersonProgrammes) -> impl IntoView {
    let lang = use_lang();
    let nip = page.nip.clone();
    let title = lang.fill(T::ProgrammePersonTitle, &[("name", &page.name)]);
    view! {
        <h1>{title}</h1>
        <dl class="facts">
            <dt>{tr(T::Position)}</dt><dd>{page.position.clone()}</dd>
            <dt>{tr(T::Rank)}</dt><dd>{page.rank.clone()}</dd>
            <dt>{tr(T::RankSince)}</dt><dd>{page.rank_since.clone().unwrap_or_else(|| tr(T::SeenNothing).to_string())}</dd>
            <dt>{tr(T::TalentBoxColumn)}</dt><dd>{page.box_number.map(|b| lang.fill(T::TalentBox, &[("n", &b)])).unwrap_or_else(|| tr(T::SeenNothing).to_string())}</dd>
            <dt>"JPM"</dt><dd>{page.jpm.map(|j| format!("{} %", num(j, lang))).unwrap_or_else(|| tr(T::SeenNothing).to_string())}</dd>
        </dl>
        <p><a href=format!("/employees/{nip}")>{tr(T::Profile)}</a></p>
        {page.eligibility.iter().cloned().map(|e| eligibility_view(e, lang)).collect_view()}
        {completed_view(page.clone())}
        {penalties_view(page.clone(), lang)}
        {page.may_edit.then(|| view! {
            <section class="card" aria-labelledby="rank-since-h">
                <h2 id="rank-since-h">{tr(T::RankSince)}</h2>
                <form method="post" action=SetRankSince::PATH class="row" data-ok=tr(T::RankSinceSaved)>
                    <input type="hidden" name="nip" value=nip.clone()/>
                    <label>{tr(T::RankSince)}
                        <input name="rank_since" type="date" value=page.rank_since.clone().unwrap_or_default()/></label>
                    <button type="submit" class="button">{tr(T::RankSinceSave)}</button>
                </form>
            </section>
        })}
    }
}

#[cfg(feature = "ssr")]
fn verdict_rows(verdicts: Vec<Verdict>, programme: Programme, lang: Lang) -> impl IntoView {
    verdicts
        .into_iter()
        .map(|v| {
            let class = match v.check {
                Check::Met => "ok",
                Check::NotMet => "bad",
                Check::NoData => "unknown",
            };
            view! { <tr>
                <th scope="row">{condition_text(&v.condition, programme, lang)}</th>
                <td class=class>{tr(check_name(v.check))}</td>
                <td>{seen_text(&v.seen, lang)}</td>
            </tr> }
        })
        .collect_view()
}

#[cfg(feature = "ssr")]
fn eligibility_view(e: Eligibility, lang: Lang) -> impl IntoView {
    let p = e.programme;
    let id = format!("programme-{}", p.code());
    let labelled_by = id.clone();
    let verdict = if e.eligible { T::ProgrammeEligible } else { T::ProgrammeNotEligible };
    let head = || {
        view! { <thead><tr>
            <th scope="col">{tr(T::ProgrammeCondition)}</th>
            <th scope="col">{tr(T::ProgrammeOutcome)}</th>
            <th scope="col">{tr(T::ProgrammeSeen)}</th>
        </tr></thead> }
    };
    view! {
        <section class="card" aria-labelledby=labelled_by>
            <h2 id=id>{p.short_name()} " — " <span class=if e.eligible { "ok" } else { "bad" }>{tr(verdict)}</span></h2>
            {(!e.eligible).then(|| view! { <p>{tr(T::ProgrammeLacking)} ": " {lacking_text(&e, lang)}</p> })}
            <details open=e.eligible>
                <summary>{lang.fill(T::ProgrammeRules, &[("programme", &p.short_name()), ("n", &e.version)])}</summary>
                <div class="table-wrap"><table>
                    <caption>{tr(T::ProgrammeCommon)}</caption>
                    {head()}
                    <tbody>{verdict_rows(e.common.clone(), p, lang)}</tbody>
                </table></div>
                {e.routes.iter().enumerate().map(|(i, (label, verdicts))| view! {
                    <div class="table-wrap"><table class:best=e.best == Some(i)>
                        <caption>{lang.fill(T::ProgrammeRoute, &[("label", label)])}</caption>
                        {head()}
                        <tbody>{verdict_rows(verdicts.clone(), p, lang)}</tbody>
                    </table></div>
                }).collect_view()}
            </details>
        </section>
    }
}

#[cfg(feature = "ssr")]
fn completed_view(page: PersonProgrammes) -> impl IntoView {
    let nip = page.nip.clone();
    let may_edit = page.may_edit;
    view! {
        <section class="card" aria-labelledby="completed-h">
            <h2 id="completed-h">{tr(T::ProgrammeCompleted)}</h2>
            {if page.completed.is_empty() {
                view! { <p class="empty">{tr(T::ProgrammeNoneCompleted)}</p> }.erase()
            } else {
                view! { <ul>{page.completed.iter().map(|(p, year)| {
                    let (p, nip) = (*p, nip.clone());
                    view! { <li>{p.short_name()} " (" {*year} ")"
                        {may_edit.then(|| view! {
                            <form method="post" action=RemoveCompletion::PATH class="inline" data-ok=tr(T::Saved)>
                                <input type="hidden" name="nip" value=nip/>
                                <input type="hidden" name="programme" value=p.code()/>
                                <button type="submit" class="button small secondary">{tr(T::ProgrammeRemoveCompletion)}</button>
                            </form>
                        })}
                    </li> }
                }).collect_view()}</ul> }.erase()
            }}
            {may_edit.then(|| view! {
                <form method="post" action=RecordCompletion::PATH class="row" data-ok=tr(T::Saved)>
                    <input type="hidden" name="nip" value=nip.clone()/>
                    <label>{tr(T::ProgrammeLabel)}
                        <select name="programme">{Programme::ALL.into_iter().map(|p| view! {
                            <option value=p.code()>{p.short_name()}</option>
                        }).collect_view()}</select></label>
                    <label>{tr(T::ProgrammeYearLabel)}
                        <input name="year" type="number" min="1950" max="2100" inputmode="numeric" required/></label>
                    <button type="submit" class="button">{tr(T::ProgrammeRecordCompletion)}</button>
                </form>
            })}
        </section>
    }
}

#[cfg(feature = "ssr")]
fn penalties_view(page: PersonProgrammes, lang: Lang) -> impl IntoView {
    let nip = page.nip.clone();
    let may_edit = page.may_edit;
    view! {
        <section class="card" aria-labelledby="penalties-h">
            <h2 id="penalties-h">{tr(T::Penalties)}</h2>
            <p class="hint">{tr(T::PenaltiesHint)}</p>
            {match page.penalties.clone() {
                None => view! { <p class="muted">{tr(T::PenaltiesHidden)}</p> }.erase(),
                Some(list) if list.is_empty() => view! { <p class="empty">{tr(T::PenaltiesNone)}</p> }.erase(),
                Some(list) => view! {
                    <div class="table-wrap"><table>
                        <caption class="visually-hidden">{tr(T::Penalties)}</caption>
                        <thead><tr>
                            <th scope="col">{tr(T::PenaltyDecidedOn)}</th>
                            <th scope="col">{tr(T::PenaltyLevel)}</th>
                            <th scope="col">{tr(T::PenaltyKindLabel)}</th>
                            {may_edit.then(|| view! { <th scope="col">{tr(T::PenaltyRemove)}</th> })}
                        </tr></thead>
                        <tbody>{list.into_iter().map(|p| {
                            let nip = nip.clone();
                            view! { <tr>
                                <td>{p.decided_on.clone()}</td>
                                <td>{tr(penalty_level_name(p.level))}</td>
                                <td>{p.kind.clone()}</td>
                                {may_edit.then(|| view! { <td>
                                    <form method="post" action=RemovePenalty::PATH class="row" data-ok=tr(T::Saved)>
                                        <input type="hidden" name="nip" value=nip/>
                                        <input type="hidden" name="id" value=p.id.clone()/>
                                        <label>{tr(T::PenaltyRemoveReason)}
                                            <input name="reason" type="text" required/></label>
                                        <button type="submit" class="button small secondary">{tr(T::PenaltyRemove)}</button>
                                    </form>
                                </td> })}
                            </tr> }
                        }).collect_view()}</tbody>
                    </table></div>
                }.erase(),
            }}
            {may_edit.then(|| view! {
                <h3>{tr(T::PenaltyAdd)}</h3>
                <form method="post" action=AddPenalty::PATH class="stack" data-ok=tr(T::Saved)>
                    <input type="hidden" name="nip" value=nip.clone()/>
                    <label for="penalty-level">{tr(T::PenaltyLevel)}</label>
                    <select id="penalty-level" name="level" required>
                        <option value="">{tr(T::Choose)}</option>
                        {PenaltyLevel::ALL.into_iter().map(|l| view! {
                            <option value=l.code()>{lang.t(penalty_level_name(l))}</option>
                        }).collect_view()}
                    </select>
                    <label for="penalty-kind">{tr(T::PenaltyKindLabel)}</label>
                    <input id="penalty-kind" name="kind" type="text" maxlength="200" required/>
                    <label for="penalty-date">{tr(T::PenaltyDecidedOn)}</label>
                    <input id="penalty-date" name="decided_on" type="date" required/>
                    <button type="submit" class="button">{tr(T::PenaltyAdd)}</button>
                </form>
            })}
        </section>
    }
}

#[component]
pub fn CohortsPageView() -> impl IntoView {
    let changed = RwSignal::new(0);
    let data = Resource::new(move || changed.get(), |_| load_cohorts_part());
    view! {
        <Title text=format!("{} · Kinerja", tr(T::CohortsTitle))/>
        <Frame>
            <h1>{tr(T::CohortsTitle)}</h1>
            {query_notice(T::CohortCreated)}
            <p class="hint">{tr(T::CohortsHint)}</p>
            <p><a href="/programmes">{tr(T::ProgrammesTitle)}</a></p>
            <LiveDrawnContent data changed/>
        </Frame>
    }
}

/// The cohorts and the nominations awaiting a decision, drawn on the server. Forming a cohort opens it (the server
/// function redirects there, with JavaScript too).
#[cfg(feature = "ssr")]
pub fn cohorts_part(page: CohortsPage) -> crate::api::DrawnPart {
    crate::components::drawn_part::render(move || view! { <Cohorts page/> })
}

#[cfg(feature = "ssr")]
#[component]
fn Cohorts(page: CohortsPage) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section aria-labelledby="awaiting-h">
            <h2 id="awaiting-h">{tr(T::CohortAwaiting)}</h2>
            {nominations_table(page.awaiting.clone(), true)}
        </section>
        <section aria-labelledby="cohorts-h">
            <h2 id="cohorts-h">{tr(T::CohortsTitle)}</h2>
            {if page.cohorts.is_empty() {
                view! { <p class="empty">{tr(T::CohortsNone)}</p> }.erase()
            } else {
                view! { <div class="table-wrap"><table>
                    <caption class="visually-hidden">{tr(T::CohortsTitle)}</caption>
                    <thead><tr>
                        <th scope="col">{tr(T::CohortNameLabel)}</th>
                        <th scope="col">{tr(T::ProgrammeLabel)}</th>
                        <th scope="col">{tr(T::CohortStarts)}</th>
                        <th scope="col">{tr(T::CohortEnds)}</th>
                        <th scope="col">{tr(T::CohortCapacityLabel)}</th>
                    </tr></thead>
                    <tbody>{page.cohorts.iter().map(|c| view! { <tr>
                        <th scope="row"><a href=format!("/programmes/cohorts/{}", c.id)>{c.name.clone()}</a></th>
                        <td>{c.programme.short_name()}</td>
                        <td>{c.starts.clone()}</td>
                        <td>{c.ends.clone()}</td>
                        <td>{lang.fill(T::CohortSeats, &[("taken", &c.taken), ("capacity", &c.capacity), ("confirmed", &c.confirmed)])}</td>
                    </tr> }).collect_view()}</tbody>
                </table></div> }.erase()
            }}
        </section>
        {page.may_create.then(|| view! {
            <section class="card" aria-labelledby="new-cohort-h">
                <h2 id="new-cohort-h">{tr(T::CohortNew)}</h2>
                <form method="post" action=CreateCohort::PATH class="stack" data-ok=tr(T::CohortCreated)>
                    <label for="cohort-programme">{tr(T::ProgrammeLabel)}</label>
                    <select id="cohort-programme" name="programme">{Programme::ALL.into_iter().map(|p| view! {
                        <option value=p.code() selected=p == Programme::Pka>{p.short_name()}</option>
                    }).collect_view()}</select>
                    <label for="cohort-name">{tr(T::CohortNameLabel)}</label>
                    <input id="cohort-name" name="name" type="text" maxlength="120" required/>
                    <label for="cohort-starts">{tr(T::CohortStarts)}</label>
                    <input id="cohort-starts" name="starts" type="date" required/>
                    <label for="cohort-ends">{tr(T::CohortEnds)}</label>
                    <input id="cohort-ends" name="ends" type="date" required/>
                    <label for="cohort-capacity">{tr(T::CohortCapacityLabel)}</label>
                    <input id="cohort-capacity" name="capacity" type="number" min="1" max="200" inputmode="numeric" required/>
                    <button type="submit" class="button">{tr(T::CohortCreate)}</button>
                </form>
            </section>
        })}
    }
}

/// Nominations with their state and reasons; the viewer's decisions inline where they may decide.
#[cfg(feature = "ssr")]
fn nominations_table(rows: Vec<NominationRow>, show_cohort: bool) -> impl IntoView {
    if rows.is_empty() {
        let empty = if show_cohort { T::CohortNoneAwaiting } else { T::CohortNoNominations };
        return view! { <p class="empty">{tr(empty)}</p> }.erase();
    }
    view! {
        <div class="table-wrap"><table>
            <caption class="visually-hidden">{tr(T::CohortNominations)}</caption>
            <thead><tr>
                <th scope="col">{tr(T::Name)}</th>
                {show_cohort.then(|| view! { <th scope="col">{tr(T::CohortNameLabel)}</th> })}
                <th scope="col">{tr(T::Unit)}</th>
                <th scope="col">{tr(T::NominationState)}</th>
                <th scope="col">{tr(T::NominationBy)}</th>
                <th scope="col">{tr(T::NominationReasons)}</th>
            </tr></thead>
            <tbody>{rows.into_iter().map(|r| {
                let reasons = [r.supervisor_reason.clone(), r.hr_reason.clone()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join("; ");
                view! { <tr>
                    <th scope="row"><a href=format!("/programmes/person/{}", r.nip)>{r.name.clone()}</a>
                        <span class="muted">" · " {r.position.clone()}</span></th>
                    {show_cohort.then(|| view! { <td><a href=format!("/programmes/cohorts/{}", r.cohort)>
                        {r.programme.short_name()} " — " {r.cohort_name.clone()}</a></td> })}
                    <td>{r.unit_name.clone()}</td>
                    <td>{tr(nomination_state_name(r.state))}
                        {r.may_decide.then(|| decision_form(r.cohort.clone(), r.nip.clone()))}</td>
                    <td>{r.nominated_by.1.clone()} " (" {r.nominated_at.clone()} ")"</td>
                    <td>{reasons}</td>
                </tr> }
            }).collect_view()}</tbody>
        </table></div>
    }
    .erase()
}

#[cfg(feature = "ssr")]
fn decision_form(cohort: String, nip: String) -> impl IntoView {
    view! {
        <form method="post" action=DecideNomination::PATH class="stack decision" data-ok=tr(T::Saved)>
            <input type="hidden" name="cohort" value=cohort/>
            <input type="hidden" name="nip" value=nip/>
            <label>{tr(T::NominationDeclineReason)} <input name="reason" type="text" maxlength="2000"/></label>
            <div class="row">
                <button type="submit" name="decision" value="confirm" class="button small">{tr(T::NominationConfirm)}</button>
                <button type="submit" name="decision" value="decline" class="button small secondary">{tr(T::NominationDecline)}</button>
            </div>
        </form>
    }
}

#[component]
pub fn CohortPageView() -> impl IntoView {
    let params = use_params_map();
    let changed = RwSignal::new(0);
    let data = Resource::new(
        move || (params.with(|p| p.get("id").unwrap_or_default()), changed.get()),
        |(id, _)| load_cohort_part(id),
    );
    view! {
        <Title text=format!("{} · Kinerja", tr(T::CohortsTitle))/>
        <Frame>
            {query_notice(T::Nominated)}
            <LiveDrawnContent data changed/>
        </Frame>
    }
}

/// A cohort and its nominations, drawn on the server.
#[cfg(feature = "ssr")]
pub fn cohort_part(page: CohortPage) -> crate::api::DrawnPart {
    crate::components::drawn_part::render(move || view! { <Cohort page/> })
}

#[cfg(feature = "ssr")]
#[component]
fn Cohort(page: CohortPage) -> impl IntoView {
    let lang = use_lang();
    let c = page.cohort.clone();
    let seats =
        lang.fill(T::CohortSeats, &[("taken", &c.taken), ("capacity", &c.capacity), ("confirmed", &c.confirmed)]);
    view! {
        <h1>{c.programme.short_name()} " — " {c.name.clone()}</h1>
        <p class="muted">{c.starts.clone()} " – " {c.ends.clone()} " · " {seats}</p>
        <p><a href="/programmes/cohorts">{tr(T::CohortsTitle)}</a> " · "
            <a href=format!("/programmes?programme={}", c.programme.code())>{tr(T::ProgrammesTitle)}</a>
            {page.may_export.then(|| view! { " · " <a href=format!("/programmes/cohorts/{}/nominations.csv", c.id)
                rel="external" download="">{tr(T::CohortExport)}</a> " · " <a href=format!("/programmes/cohorts/{}/nominations.xlsx", c.id)
                rel="external" download="">{tr(T::DownloadXlsx)}</a> })}</p>
        <section aria-labelledby="nominations-h">
            <h2 id="nominations-h">{tr(T::CohortNominations)}</h2>
            {nominations_table(page.nominations.clone(), false)}
        </section>
    }
}

#[component]
pub fn ComparisonPageView() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || {
            query.with(|q| (q.get("programme").unwrap_or_default(), q.get_all("nip").unwrap_or_default().join(",")))
        },
        |(programme, nips)| load_comparison_part(programme, nips),
    );
    view! {
        <Title text=format!("{} · Kinerja", tr(T::CompareTitle))/>
        <Frame>
            <h1>{tr(T::CompareTitle)}</h1>
            <DrawnContent data/>
        </Frame>
    }
}

/// The comparison, drawn on the server: only figures and links.
#[cfg(feature = "ssr")]
pub fn comparison_part(page: ComparisonPage) -> crate::api::DrawnPart {
    crate::components::drawn_part::render(move || comparison(page))
}

#[cfg(feature = "ssr")]
/// One row of the comparison: a label and a cell per candidate.
fn compare_row(label: String, cells: Vec<AnyView>) -> impl IntoView {
    view! { <tr><th scope="row">{label}</th>{cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr> }
}

#[cfg(feature = "ssr")]
/// A condition's verdict for each candidate (`pick` finds it in their eligibility), as a row.
fn verdict_row(
    condition: String,
    people: &[ComparedCandidate],
    pick: impl Fn(&Eligibility) -> Option<&Verdict>,
    lang: Lang,
) -> AnyView {
    let cells = people
        .iter()
        .map(|c| match pick(&c.candidate.eligibility) {
            Some(v) => {
                let class = match v.check {
                    Check::Met => "ok",
                    Check::NotMet => "bad",
                    Check::NoData => "unknown",
                };
                let text = format!("{} · {}", tr(check_name(v.check)), seen_text(&v.seen, lang));
                view! { <span class=class>{text}</span> }.erase()
            }
            None => view! { <span>{tr(T::CompareNone)}</span> }.erase(),
        })
        .collect();
    compare_row(condition, cells).erase()
}

#[cfg(feature = "ssr")]
fn comparison(page: ComparisonPage) -> impl IntoView {
    let lang = use_lang();
    let p = page.programme;
    let people = page.people.clone();
    let cell = |f: &dyn Fn(&ComparedCandidate) -> String| -> Vec<AnyView> {
        people.iter().map(|c| view! { <span>{f(c)}</span> }.erase()).collect()
    };
    let dash = || tr(T::CompareNone).to_string();
    let years: Vec<i32> = people.first().map(|c| c.predikats.iter().map(|(y, _)| *y).collect()).unwrap_or_default();
    let mut rows: Vec<AnyView> = vec![
        compare_row(
            tr(T::CompareVerdict).to_string(),
            cell(&|c| {
                let e = &c.candidate.eligibility;
                if e.eligible {
                    let route =
                        e.best.and_then(|i| e.routes.get(i)).map(|(l, _)| format!(" ({l})")).unwrap_or_default();
                    format!("{}{route}", tr(T::ProgrammeEligible))
                } else {
                    format!("{}: {}", tr(T::ProgrammeNotEligible), lacking_text(e, lang))
                }
            }),
        )
        .erase(),
        compare_row(
            tr(T::Unit).to_string(),
            cell(&|c| format!("{} · {}", c.candidate.position, c.candidate.unit_name)),
        )
        .erase(),
        compare_row(tr(T::Rank).to_string(), cell(&|c| c.candidate.rank.clone())).erase(),
        compare_row(tr(T::CompareRankSince).to_string(), cell(&|c| c.rank_since.clone().unwrap_or_else(dash))).erase(),
        compare_row(
            tr(T::CompareAge).to_string(),
            cell(&|c| c.age.map(|a| lang.fill(T::CompareYears, &[("n", &a)])).unwrap_or_else(dash)),
        )
        .erase(),
        compare_row(
            tr(T::TalentBoxColumn).to_string(),
            cell(&|c| c.candidate.box_number.map(|b| b.to_string()).unwrap_or_else(dash)),
        )
        .erase(),
        compare_row(
            "JPM".to_string(),
            cell(&|c| c.candidate.jpm.map(|j| format!("{} %", num(j, lang))).unwrap_or_else(dash)),
        )
        .erase(),
        compare_row(
            lang.fill(T::TargetJpmOf, &[("position", &p.target().label())]),
            cell(&|c| c.candidate.target_jpm.map(|j| format!("{} %", num(j, lang))).unwrap_or_else(dash)),
        )
        .erase(),
    ];
    for (i, y) in years.iter().enumerate() {
        rows.push(
            compare_row(
                format!("{} {y}", tr(T::SkpPredikat)),
                cell(&|c| {
                    c.predikats
                        .get(i)
                        .and_then(|(_, k)| *k)
                        .map(|k| tr(predikat_name(k)).to_string())
                        .unwrap_or_else(dash)
                }),
            )
            .erase(),
        );
    }
    rows.push(
        compare_row(
            tr(T::CompareCompleted).to_string(),
            cell(&|c| {
                if c.completed.is_empty() {
                    dash()
                } else {
                    c.completed.iter().map(|(p, y)| format!("{} {y}", p.short_name())).collect::<Vec<_>>().join(", ")
                }
            }),
        )
        .erase(),
    );
    for (i, c) in page.rules.common.iter().enumerate() {
        rows.push(verdict_row(condition_text(c, p, lang), &people, |e| e.common.get(i), lang));
    }
    let span = people.len() + 1;
    for (r, route) in page.rules.routes.iter().enumerate() {
        let heading = lang.fill(T::ProgrammeRoute, &[("label", &route.label)]);
        rows.push(view! { <tr class="group"><th scope="rowgroup" colspan=span>{heading}</th></tr> }.erase());
        for (i, c) in route.conditions.iter().enumerate() {
            let label = condition_text(c, p, lang);
            rows.push(verdict_row(label, &people, |e| e.routes.get(r).and_then(|(_, v)| v.get(i)), lang));
        }
    }
    view! {
        <p><a href=format!("/programmes?programme={}", p.code())>{tr(T::ProgrammesTitle)} " — " {p.short_name()}</a></p>
        <p class="muted">{lang.fill(T::ProgrammeRules, &[("programme", &p.short_name()), ("n", &page.rules.version)])}</p>
        <div class="table-wrap"><table class="compare">
            <caption>{tr(T::CompareTitle)} " — " {p.short_name()}</caption>
            <thead><tr>
                <td></td>
                {page.people.iter().map(|c| view! { <th scope="col">
                    <a href=format!("/programmes/person/{}", c.candidate.nip)>{c.candidate.name.clone()}</a>
                </th> }).collect_view()}
            </tr></thead>
            <tbody>{rows}</tbody>
        </table></div>
    }
}
