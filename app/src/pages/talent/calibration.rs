//! `/talent/calibrations` and `/talent/calibrations/:id`: calibration sessions of the talent matrix. HR or the head
//! opens one for a unit and a closed performance year; members move people between boxes only with a written
//! reason; the page shows how the distribution moved (chart and table), the people with their original and
//! calibrated boxes, and every move; closing fixes the calibrated boxes.

use crate::api::talent::{load_calibration_part, load_calibrations_part};
use crate::components::{Frame, LiveDrawnContent, query_notice, tr};
use crate::i18n::T;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
#[cfg(feature = "ssr")]
use {
    crate::api::talent::{CloseCalibration, MoveInCalibration, OpenCalibration},
    crate::api::{CalibrationEntry, CalibrationInfo, CalibrationMove, CalibrationPage, CalibrationsPage},
    crate::charts::{ChartSpec, ChartView},
    crate::components::{Erase, use_lang},
    crate::domain::talent::{CalibrationState, MOVE_REASON_MAX, MOVE_REASON_MIN, follow_up},
    crate::i18n::format::num,
    crate::i18n::{Lang, follow_up_name, predikat_name},
    leptos::server_fn::ServerFn,
};

/// `/talent/calibrations`. The server draws the sessions ([`calibrations_part`]); opening one goes to it (the
/// server function redirects there, with JavaScript too).
#[component]
pub fn CalibrationsPageView() -> impl IntoView {
    let changed = RwSignal::new(0);
    let data = Resource::new(move || changed.get(), |_| load_calibrations_part());
    view! {
        <Title text=format!("{} · Kinerja", tr(T::CalibrationsTitle))/>
        <Frame>
            <h1>{tr(T::CalibrationsTitle)}</h1>
            {query_notice(T::CalibrationMoved)}
            <p class="hint">{tr(T::CalibrationsHint)}</p>
            <p><a href="/talent">{tr(T::TalentTitle)}</a></p>
            <LiveDrawnContent data changed/>
        </Frame>
    }
}

/// The sessions, drawn on the server.
#[cfg(feature = "ssr")]
pub fn calibrations_part(page: CalibrationsPage) -> crate::api::DrawnPart {
    crate::components::drawn_part::render(move || view! { <Calibrations page/> })
}

#[cfg(feature = "ssr")]
fn state_name(s: CalibrationState) -> T {
    match s {
        CalibrationState::Open => T::CalibrationStateOpen,
        CalibrationState::Closed => T::CalibrationStateClosed,
    }
}

#[cfg(feature = "ssr")]
#[component]
fn Calibrations(page: CalibrationsPage) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section aria-labelledby="sessions-h">
            <h2 id="sessions-h">{tr(T::CalibrationsTitle)}</h2>
            {if page.sessions.is_empty() {
                view! { <p class="empty">{tr(T::CalibrationsNone)}</p> }.erase()
            } else {
                view! { <div class="table-wrap"><table>
                    <caption class="visually-hidden">{tr(T::CalibrationsTitle)}</caption>
                    <thead><tr>
                        <th scope="col">{tr(T::Unit)}</th>
                        <th scope="col">{tr(T::CalibrationYearLabel)}</th>
                        <th scope="col">{tr(T::NominationState)}</th>
                        <th scope="col">{tr(T::CalibrationPeople)}</th>
                    </tr></thead>
                    <tbody>{page.sessions.iter().map(|s| view! { <tr>
                        <th scope="row"><a href=format!("/talent/calibrations/{}", s.id)>{s.unit_name.clone()}</a></th>
                        <td>{s.year}</td>
                        <td>{tr(state_name(s.state))}</td>
                        <td>{lang.fill(T::CalibrationCounts, &[("people", &s.people), ("moves", &s.moves)])}</td>
                    </tr> }).collect_view()}</tbody>
                </table></div> }.erase()
            }}
        </section>
        {page.may_open.then(|| view! {
            <section class="card" aria-labelledby="new-calibration-h">
                <h2 id="new-calibration-h">{tr(T::CalibrationNew)}</h2>
                {if page.years.is_empty() {
                    view! { <p class="empty">{tr(T::CalibrationNoYears)}</p> }.erase()
                } else {
                    view! {
                        <form method="post" action=OpenCalibration::PATH class="stack">
                            <label for="calibration-unit">{tr(T::Unit)}</label>
                            <select id="calibration-unit" name="unit" required>
                                {page.units.iter().map(|(k, n, d)| view! {
                                    <option value=k.clone()>{format!("{}{}", "\u{a0}\u{a0}".repeat(*d as usize), n)}</option>
                                }).collect_view()}
                            </select>
                            <label for="calibration-year">{tr(T::CalibrationYearLabel)}</label>
                            <select id="calibration-year" name="year" required>
                                {page.years.iter().map(|y| view! { <option value=y.to_string()>{*y}</option> }).collect_view()}
                            </select>
                            <button type="submit" class="button">{tr(T::CalibrationOpen)}</button>
                        </form>
                    }.erase()
                }}
            </section>
        })}
    }
}

/// `/talent/calibrations/:id?box=`. The server draws the session ([`part`]); moving a person and closing post in
/// the background (`components::live_forms`).
#[component]
pub fn CalibrationPageView() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let changed = RwSignal::new(0);
    let data = Resource::new(
        move || {
            (
                params.with(|p| p.get("id").unwrap_or_default()),
                query.with(|q| q.get("box").and_then(|b| b.parse::<u8>().ok())),
                changed.get(),
            )
        },
        |(id, selected, _)| load_calibration_part(id, selected),
    );
    view! {
        <Title text=format!("{} · Kinerja", tr(T::CalibrationsTitle))/>
        <Frame>
            {query_notice(T::CalibrationMoved)}
            <LiveDrawnContent data changed/>
        </Frame>
    }
}

/// A session, drawn on the server.
#[cfg(feature = "ssr")]
pub fn part(page: CalibrationPage) -> crate::api::DrawnPart {
    crate::components::drawn_part::render(move || view! { <Calibration page/> })
}

#[cfg(feature = "ssr")]
#[cfg(feature = "ssr")]
/// A link to the session's page listing the people of `selected` (all when `None`).
fn session_href(id: &str, selected: Option<u8>) -> String {
    match selected {
        Some(b) => format!("/talent/calibrations/{id}?box={b}"),
        None => format!("/talent/calibrations/{id}"),
    }
}

#[cfg(feature = "ssr")]
#[component]
fn Calibration(page: CalibrationPage) -> impl IntoView {
    let lang = use_lang();
    let s = page.session.clone();
    let id = s.id.clone();
    let title = format!("{}: {} · {}", tr(T::CalibrationsTitle), s.unit_name, s.year);
    let facts = session_facts(s, lang);
    let distribution = distribution_view(&page, lang);
    let people = people_view(&page, lang);
    view! {
        <h1>{title}</h1>
        {facts}
        <p><a href="/talent/calibrations">{tr(T::CalibrationsTitle)}</a> " · " <a href="/talent">{tr(T::TalentTitle)}</a></p>
        {distribution}
        {people}
        {moves_view(page.moves.clone(), lang)}
        {page.may_change.then(|| view! {
            <section class="card" aria-labelledby="close-h">
                <h2 id="close-h">{tr(T::CalibrationCloseButton)}</h2>
                <p class="hint">{tr(T::CalibrationCloseHint)}</p>
                <form method="post" action=CloseCalibration::PATH data-ok=tr(T::CalibrationClosedOk)>
                    <input type="hidden" name="id" value=id.clone()/>
                    <button type="submit" class="button">{tr(T::CalibrationCloseButton)}</button>
                </form>
            </section>
        })}
    }
}

#[cfg(feature = "ssr")]
fn session_facts(s: CalibrationInfo, lang: Lang) -> impl IntoView {
    let opened = lang.fill(T::CalibrationOpenedBy, &[("name", &s.opened_by), ("date", &s.opened_at)]);
    let closed = s.closed_at.as_ref().map(|d| format!(", {}", lang.fill(T::CalibrationClosedOn, &[("date", d)])));
    view! {
        <p class="muted"><strong>{tr(state_name(s.state))}</strong> " · " {opened} {closed} " · "
            {lang.fill(T::CalibrationCounts, &[("people", &s.people), ("moves", &s.moves)])}</p>
        {(s.state == CalibrationState::Closed).then(|| view! {
            <p class="form-ok" role="status">{tr(T::CalibrationClosedNotice)}</p>
        })}
    }
}

/// Before and after, as a chart and a table with the change per box; each box links to its people.
#[cfg(feature = "ssr")]
fn distribution_view(page: &CalibrationPage, lang: Lang) -> impl IntoView + use<> {
    let id = page.session.id.clone();
    let label = (1..=9usize)
        .map(|n| {
            format!(
                "{}: {} → {}",
                lang.fill(T::TalentBox, &[("n", &n)]),
                page.before.get(n - 1).copied().unwrap_or(0),
                page.after.get(n - 1).copied().unwrap_or(0)
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    let rows: Vec<(u8, u32, u32)> = (1..=9u8)
        .map(|n| {
            let i = usize::from(n - 1);
            (n, page.before.get(i).copied().unwrap_or(0), page.after.get(i).copied().unwrap_or(0))
        })
        .collect();
    let selected = page.selected;
    let chart = ChartSpec::Calibration { before: page.before.clone(), after: page.after.clone() };
    let all_href = session_href(&id, None);
    let rows: Vec<(u8, u32, u32, String)> =
        rows.into_iter().map(|(n, b, a)| (n, b, a, session_href(&id, Some(n)))).collect();
    view! {
        <section aria-labelledby="distribution-h">
            <h2 id="distribution-h">{tr(T::CalibrationDistribution)}</h2>
            <ChartView id="calibration-chart" chart label height=300/>
            <div class="table-wrap"><table>
                <caption class="visually-hidden">{tr(T::CalibrationChartLabel)}</caption>
                <thead><tr>
                    <th scope="col">{tr(T::TalentBoxLabel)}</th>
                    <th scope="col" class="num">{tr(T::CalibrationBefore)}</th>
                    <th scope="col" class="num">{tr(T::CalibrationAfter)}</th>
                    <th scope="col" class="num">{tr(T::CalibrationChange)}</th>
                    <th scope="col">{tr(T::TalentFollowUp)}</th>
                </tr></thead>
                <tbody>{rows.into_iter().map(|(n, b, a, href)| {
                    let change = i64::from(a) - i64::from(b);
                    let current = selected == Some(n);
                    view! { <tr class:current=current>
                        <th scope="row"><a href=href aria-current=current.then_some("true")>
                            {lang.fill(T::TalentBox, &[("n", &n)])}</a></th>
                        <td class="num">{b}</td>
                        <td class="num">{a}</td>
                        <td class="num">{if change > 0 { format!("+{change}") } else { change.to_string() }}</td>
                        <td>{follow_up(n).map(|f| tr(follow_up_name(f)))}</td>
                    </tr> }
                }).collect_view()}</tbody>
            </table></div>
            {selected.map(|_| view! { <p><a href=all_href>{tr(T::CalibrationAllBoxes)}</a></p> })}
        </section>
    }
}

#[cfg(feature = "ssr")]
fn people_view(page: &CalibrationPage, lang: Lang) -> impl IntoView + use<> {
    let id = page.session.id.clone();
    let may_change = page.may_change;
    let rows: Vec<AnyView> =
        page.people.iter().map(|p| person_row(p.clone(), id.clone(), may_change, lang).erase()).collect();
    let (shown, matching) = (page.people.len() as u32, page.matching);
    let heading = match page.selected {
        Some(n) => lang.fill(T::TalentPeopleIn, &[("n", &n)]),
        None => tr(T::CalibrationPeople).to_string(),
    };
    view! {
        <section aria-labelledby="people-h">
            <h2 id="people-h">{heading.clone()} " (" {matching} ")"</h2>
            {(shown < matching).then(|| view! {
                <p class="hint">{lang.fill(T::TalentShowing, &[("shown", &shown), ("total", &matching)])}</p>
            })}
            <div class="table-wrap"><table>
                <caption class="visually-hidden">{heading}</caption>
                <thead><tr>
                    <th scope="col">{tr(T::Name)}</th>
                    <th scope="col">{tr(T::Unit)}</th>
                    <th scope="col">{tr(T::SkpPredikat)}</th>
                    <th scope="col" class="num">"JPM"</th>
                    <th scope="col">{tr(T::CalibrationOriginal)}</th>
                    <th scope="col">{tr(T::CalibrationCalibrated)}</th>
                    {may_change.then(|| view! { <th scope="col">{tr(T::CalibrationMove)}</th> })}
                </tr></thead>
                <tbody>{rows}</tbody>
            </table></div>
        </section>
    }
}

#[cfg(feature = "ssr")]
fn person_row(p: CalibrationEntry, id: String, may_change: bool, lang: Lang) -> impl IntoView {
    let predikats =
        p.predikats.iter().map(|(y, k)| format!("{y}: {}", tr(predikat_name(*k)))).collect::<Vec<_>>().join("; ");
    let moved = p.original != p.calibrated;
    let form_id = format!("move-{}", p.nip);
    let (to_id, reason_id) = (format!("{form_id}-to"), format!("{form_id}-reason"));
    let options: Vec<(String, String)> = (1..=9u8)
        .filter(|n| *n != p.calibrated)
        .map(|n| (n.to_string(), lang.fill(T::TalentBox, &[("n", &n)])))
        .collect();
    let form = may_change.then(|| {
        let (name, nip) = (p.name.clone(), p.nip.clone());
        view! { <td>
            <details>
                <summary>{tr(T::CalibrationMove)}<span class="visually-hidden">" " {name}</span></summary>
                <form method="post" action=MoveInCalibration::PATH class="stack" id=form_id data-ok=tr(T::CalibrationMoved)>
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="nip" value=nip/>
                    <label for=to_id.clone()>{tr(T::CalibrationMoveTo)}</label>
                    <select id=to_id name="to" required>
                        {options.into_iter().map(|(v, label)| view! { <option value=v>{label}</option> }).collect_view()}
                    </select>
                    <label for=reason_id.clone()>{tr(T::CalibrationMoveReason)}</label>
                    <textarea id=reason_id name="reason" required
                        minlength=MOVE_REASON_MIN maxlength=MOVE_REASON_MAX rows="3"></textarea>
                    <button type="submit" class="button small">{tr(T::CalibrationMove)}</button>
                </form>
            </details>
        </td> }
    });
    view! { <tr class:moved=moved>
        <th scope="row"><a href=format!("/employees/{}", p.nip)>{p.name.clone()}</a>
            <span class="muted">" · " {p.position.clone()}</span></th>
        <td>{p.unit_name.clone()}</td>
        <td>{predikats}</td>
        <td class="num">{num(p.jpm, lang)} " %"</td>
        <td>{lang.fill(T::TalentBox, &[("n", &p.original)])}</td>
        <td><strong>{lang.fill(T::TalentBox, &[("n", &p.calibrated)])}</strong></td>
        {form}
    </tr> }
}

#[cfg(feature = "ssr")]
fn moves_view(moves: Vec<CalibrationMove>, lang: Lang) -> impl IntoView {
    view! {
        <section aria-labelledby="moves-h">
            <h2 id="moves-h">{tr(T::CalibrationMoves)} " (" {moves.len()} ")"</h2>
            {if moves.is_empty() {
                view! { <p class="empty">{tr(T::CalibrationNoMoves)}</p> }.erase()
            } else {
                view! { <div class="table-wrap"><table>
                    <caption class="visually-hidden">{tr(T::CalibrationMoves)}</caption>
                    <thead><tr>
                        <th scope="col">{tr(T::Name)}</th>
                        <th scope="col">{tr(T::CalibrationFrom)}</th>
                        <th scope="col">{tr(T::CalibrationTo)}</th>
                        <th scope="col">{tr(T::NominationReasons)}</th>
                        <th scope="col">{tr(T::CalibrationBy)}</th>
                    </tr></thead>
                    <tbody>{moves.into_iter().map(|m| view! { <tr>
                        <th scope="row"><a href=format!("/employees/{}", m.nip)>{m.name}</a></th>
                        <td>{lang.fill(T::TalentBox, &[("n", &m.from)])}</td>
                        <td>{lang.fill(T::TalentBox, &[("n", &m.to)])}</td>
                        <td>{m.reason}</td>
                        <td>{m.by} " (" {m.at} ")"</td>
                    </tr> }).collect_view()}</tbody>
                </table></div> }.erase()
            }}
        </section>
    }
}
