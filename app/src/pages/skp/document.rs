//! `/skp/:nip/print?year=&period=`: the SKP as the document agencies print and sign (A4): the agency, the two
//! parties, the results grouped main and additional with the supervisor's result each supports and its indicators
//! and targets, the BerAKHLAK values with the supervisor's expectations, and the signature block; with `period`, the
//! evaluation document: each result's realisation and evidence, both ratings, the predikat and the feedback.
//!
//! A document to read and print: the server draws it ([`part`], a drawn part), the browser carries none of its code.

use crate::api::skp::load_skp_document_part;
use crate::components::{DrawnContent, Frame, tr};
use crate::i18n::T;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
#[cfg(feature = "ssr")]
use {
    super::{aspect_label, period_label, target_text},
    crate::api::{Signatory, SkpDocument},
    crate::components::{Erase, use_lang},
    crate::domain::skp::{CoreValue, ResultRow, RowKind, SkpStatus},
    crate::i18n::{core_value, predikat_name, rating_name},
};

#[component]
pub fn SkpDocumentView() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            (
                params.with(|p| p.get("nip").unwrap_or_else(|| "me".into())),
                query.with(|q| q.get("year").and_then(|y| y.parse::<i32>().ok())),
                query.with(|q| q.get("period").and_then(|n| n.parse::<u8>().ok())),
            )
        },
        |(nip, year, period)| load_skp_document_part(nip, year, period),
    );
    view! {
        <Title text=format!("{} · Kinerja", tr(T::SkpDocTitle))/>
        <Frame>
            <DrawnContent data/>
        </Frame>
    }
}

/// The document, drawn on the server.
#[cfg(feature = "ssr")]
pub fn part(doc: SkpDocument) -> crate::api::DrawnPart {
    crate::components::drawn_part::render(move || view! { <Document doc=doc/> })
}

#[cfg(feature = "ssr")]
fn party(title: T, s: Option<Signatory>) -> impl IntoView {
    view! {
        <table class="party">
            <caption>{tr(title)}</caption>
            <tbody>{match s {
                Some(s) => view! {
                    <tr><th scope="row">{tr(T::Name)}</th><td>{s.name}</td></tr>
                    <tr><th scope="row">"NIP"</th><td>{s.nip}</td></tr>
                    <tr><th scope="row">{tr(T::Rank)}</th><td>{s.rank}</td></tr>
                    <tr><th scope="row">{tr(T::Position)}</th><td>{s.position}</td></tr>
                    <tr><th scope="row">{tr(T::Unit)}</th><td>{s.unit}</td></tr>
                }.erase(),
                None => view! { <tr><td>{tr(T::SkpDocNoRater)}</td></tr> }.erase(),
            }}</tbody>
        </table>
    }
}

#[cfg(feature = "ssr")]
fn signature(title: T, s: Option<Signatory>) -> impl IntoView {
    let (name, nip) = s.map(|s| (s.name, s.nip)).unwrap_or_default();
    view! {
        <div class="signature">
            <p>{tr(title)}</p>
            <p class="signature-space" aria-hidden="true"></p>
            <p class="signature-name">{name}</p>
            <p>"NIP " {nip}</p>
        </div>
    }
}

#[cfg(feature = "ssr")]
#[component]
fn Document(doc: SkpDocument) -> impl IntoView {
    let lang = use_lang();
    let evaluation = doc.evaluation.clone();
    let title = if evaluation.is_some() { T::SkpDocEvaluationTitle } else { T::SkpDocTitle };
    let period_line = match &evaluation {
        Some(e) => lang.fill(
            T::SkpDocPeriod,
            &[("period", &period_label(&e.period, lang)), ("start", &e.period.start), ("end", &e.period.end)],
        ),
        None => lang.fill(T::SkpDocYear, &[("year", &doc.year)]),
    };
    let draft = doc.status.is_some_and(|s| s != SkpStatus::Approved);
    let mut number = 0;
    let groups: Vec<(RowKind, Vec<ResultRow>)> = [RowKind::Utama, RowKind::Tambahan]
        .into_iter()
        .map(|k| (k, doc.rows.iter().filter(|r| r.kind == k).cloned().collect()))
        .collect();
    let columns = if evaluation.is_some() { 7 } else { 5 };
    view! {
        <p class="hint no-print">{tr(T::SkpDocPrintHint)}</p>
        <article class="document">
            <header class="document-head">
                <p>{doc.agency.clone()}</p>
                <h1>{tr(title)}</h1>
                <p>{period_line}</p>
                {doc.version.map(|n| view! { <p class="muted">{lang.fill(T::SkpDocVersion, &[("n", &n)])}</p> })}
                {draft.then(|| view! { <p class="notice">{tr(T::SkpDocNotApproved)}</p> })}
            </header>
            <div class="parties">
                {party(T::SkpDocEmployee, Some(doc.person.clone()))}
                {party(T::SkpDocRater, doc.supervisor.clone())}
            </div>
            <table class="document-table">
                <caption>{tr(T::SkpResults)}</caption>
                <thead><tr>
                    <th scope="col">{tr(T::SkpDocNo)}</th>
                    <th scope="col">{tr(T::SkpSupports)}</th>
                    <th scope="col">{tr(T::SkpResult)}</th>
                    <th scope="col">{tr(T::SkpIndicatorsHeading)}</th>
                    <th scope="col">{tr(T::SkpTargetLabel)}</th>
                    {evaluation.is_some().then(|| view! {
                        <th scope="col">{tr(T::SkpRealisation)}</th>
                        <th scope="col">{tr(T::SkpEvidence)}</th>
                    })}
                </tr></thead>
                <tbody>{groups.into_iter().filter(|(_, rows)| !rows.is_empty()).map(|(kind, rows)| view! {
                    <tr class="group"><th scope="rowgroup" colspan=columns>{tr(if kind == RowKind::Utama { T::SkpMain } else { T::SkpAdditional })}</th></tr>
                    {rows.into_iter().map(|r| {
                        number += 1;
                        let supports = r.supports.as_ref()
                            .and_then(|k| doc.supervisor_rows.iter().find(|s| s.key == *k))
                            .map(|s| s.text.clone())
                            .unwrap_or_default();
                        let done = evaluation.as_ref().and_then(|e| e.doc.realisations.iter().find(|x| x.row == r.key).cloned());
                        view! { <tr>
                            <td>{number}</td>
                            <td>{supports}</td>
                            <td>{r.text.clone()}</td>
                            <td><ul>{r.indicators.iter().map(|i| view! { <li>{aspect_label(i.aspect)} ": " {i.text.clone()}</li> }).collect_view()}</ul></td>
                            <td><ul>{r.indicators.iter().map(|i| view! { <li>{target_text(&i.target, lang)}</li> }).collect_view()}</ul></td>
                            {evaluation.is_some().then(|| view! {
                                <td class="prewrap">{done.as_ref().map(|d| d.text.clone()).unwrap_or_default()}</td>
                                <td class="evidence">{done.map(|d| d.link).unwrap_or_default()}</td>
                            })}
                        </tr> }
                    }).collect_view()}
                }).collect_view()}</tbody>
            </table>
            <table class="document-table">
                <caption>{tr(T::SkpBehaviour)}</caption>
                <thead><tr>
                    <th scope="col">{tr(T::SkpDocNo)}</th>
                    <th scope="col">{tr(T::SkpBehaviour)}</th>
                    <th scope="col">{tr(T::SkpExpectationLabel)}</th>
                </tr></thead>
                <tbody>{CoreValue::ALL.into_iter().enumerate().map(|(i, v)| {
                    let (name, guides) = core_value(v);
                    let expectation = doc.expectations.iter().find(|(c, _)| *c == v).map(|(_, t)| t.clone()).unwrap_or_default();
                    view! { <tr>
                        <td>{i + 1}</td>
                        <td><strong>{tr(name)}</strong><ul>{guides.into_iter().map(|g| view! { <li>{tr(g)}</li> }).collect_view()}</ul></td>
                        <td>{expectation}</td>
                    </tr> }
                }).collect_view()}</tbody>
            </table>
            {evaluation.clone().map(evaluation_part)}
            <footer class="signatures">
                <p class="signed-on">{doc.printed_on.clone()}</p>
                <div class="signature-row">
                    {signature(T::SkpDocEmployee, Some(doc.person.clone()))}
                    {signature(T::SkpDocRater, doc.supervisor.clone())}
                </div>
            </footer>
        </article>
    }
}

#[cfg(feature = "ssr")]
fn evaluation_part(e: crate::api::DocumentEvaluation) -> impl IntoView {
    view! {
        <table class="document-table">
            <caption>{tr(T::SkpRatingHeading)}</caption>
            <tbody>{match e.ratings {
                Some(r) => view! {
                    <tr><th scope="row">{tr(T::SkpRatingResults)}</th><td>{tr(rating_name(r.results))}</td></tr>
                    <tr><th scope="row">{tr(T::SkpRatingBehaviour)}</th><td>{tr(rating_name(r.behaviour))}</td></tr>
                    <tr><th scope="row">{tr(T::SkpPredikat)}</th><td><strong>{tr(predikat_name(r.predikat()))}</strong>
                        {e.by_objection.then(|| view! { " (" {tr(T::SkpChangedByObjection)} ")" })}</td></tr>
                    <tr><th scope="row">{tr(T::SkpFeedback)}</th><td class="prewrap">{e.feedback.clone()}</td></tr>
                    <tr><th scope="row">{tr(T::SkpRatedAt)}</th><td>{e.rated_at.clone().unwrap_or_default()}</td></tr>
                }.erase(),
                None => view! { <tr><td>{tr(T::SkpNotRated)}</td></tr> }.erase(),
            }}
            {(!e.doc.self_assessment.is_empty()).then(|| view! {
                <tr><th scope="row">{tr(T::SkpSelfAssessment)}</th><td class="prewrap">{e.doc.self_assessment.clone()}</td></tr>
            })}
            </tbody>
        </table>
    }
}
