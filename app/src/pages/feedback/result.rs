//! `/rounds/:id/results/:nip`: one person's materialised result in a closed round. Only figures and comments: the
//! server draws it ([`part`], a drawn part).

use crate::api::feedback::load_result_part;
use crate::components::{DrawnContent, Frame, tr};
use crate::i18n::T;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
#[cfg(feature = "ssr")]
use {
    super::group_label,
    crate::api::ResultPage,
    crate::components::{Erase, use_lang},
    crate::domain::feedback::{RaterGroup, Withheld},
    crate::i18n::Lang,
};

#[component]
pub fn RoundResultPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.with(|p| (p.get("id").unwrap_or_default(), p.get("nip").unwrap_or_default())),
        |(r, n)| load_result_part(r, n),
    );
    view! {
        <Title text=format!("{} · Kinerja", tr(T::ResultTitle))/>
        <Frame>
            <DrawnContent data/>
        </Frame>
    }
}

/// The result, drawn on the server.
#[cfg(feature = "ssr")]
pub fn part(page: ResultPage) -> crate::api::DrawnPart {
    crate::components::drawn_part::render(move || view! { <ResultView page=page/> })
}

#[cfg(feature = "ssr")]
fn withheld_text(w: &Withheld, lang: Lang) -> String {
    match w {
        Withheld::NoResponses => lang.t(T::WithheldNone).to_string(),
        Withheld::TooFewRaters { count, needed } => format!("{} ({count}/{needed})", lang.t(T::WithheldFew)),
        Withheld::PartialItem => lang.t(T::WithheldPartialItem).to_string(),
        Withheld::ChangedByHand => lang.t(T::WithheldChangedByHand).to_string(),
    }
}

#[cfg(feature = "ssr")]
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
        <p class="hint">{lang.fill(T::AnonymityNote, &[("n", &page.data.threshold)])}</p>
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
                                    }.erase(),
                                    Some(s) => view! {
                                        <td class="num withheld">{s.withheld.map(|w| withheld_text(&w, lang)).unwrap_or_default()}</td>
                                    }.erase(),
                                    None => view! { <td></td> }.erase(),
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
        <super::ResultComments competencies=page.data.competencies.clone()/>
    }
}
