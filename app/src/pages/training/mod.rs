//! Training pages: `/trainings` (catalog; HR edits, imports CSV and sets report weights), `/trainings/new`,
//! `/trainings/:key/edit` and `/trainings/needs` (training-needs analysis with a plan under a budget).

mod form;
pub(crate) mod needs;

pub use form::TrainingFormPage;
pub use needs::NeedsPageView;

use crate::api::training::load_catalog_part;
use crate::components::{Frame, LiveDrawnContent, query_notice, tr};
use crate::i18n::{Lang, T};
use leptos::prelude::*;
use leptos_meta::Title;
#[cfg(feature = "ssr")]
use {
    crate::api::report::SaveReportSettings,
    crate::api::training::ImportTrainings,
    crate::api::{CatalogPage, ReportSettings},
    crate::components::{Erase, use_lang},
    crate::domain::report::JpmProfile,
    crate::i18n::format::rupiah,
    leptos::server_fn::ServerFn,
};

/// `/trainings`. The server draws the catalog ([`part`], a drawn part); HR's import and settings are forms in it
/// that post in the background (`components::live_forms`) and without JavaScript alike.
#[component]
pub fn TrainingsPage() -> impl IntoView {
    let changed = RwSignal::new(0);
    let data = Resource::new(move || changed.get(), |_| load_catalog_part());
    view! {
        <Title text=format!("{} · Kinerja", tr(T::NavTrainings))/>
        <Frame>
            <h1>{tr(T::CatalogTitle)}</h1>
            {query_notice(T::Saved)}
            <LiveDrawnContent data changed/>
        </Frame>
    }
}

/// The catalog (and for HR the import and the report settings), drawn on the server.
#[cfg(feature = "ssr")]
pub fn part(page: CatalogPage, settings: Option<ReportSettings>) -> crate::api::DrawnPart {
    crate::components::drawn_part::render(move || view! { <Catalog page settings/> })
}

#[cfg(feature = "ssr")]
#[component]
fn Catalog(page: CatalogPage, settings: Option<ReportSettings>) -> impl IntoView {
    let lang = use_lang();
    let en = lang == Lang::En;
    view! {
        <p class="actions">
            {page.can_analyse.then(|| view! { <a class="button" href="/trainings/needs">{tr(T::NeedsTitle)}</a> })}
            {page.can_edit.then(|| view! { <a class="button secondary" href="/trainings/new">{tr(T::NewTraining)}</a> })}
        </p>
        <div class="table-wrap">
            <table>
                <caption>{format!("{} ({})", lang.t(T::CatalogTitle), page.trainings.len())}</caption>
                <thead><tr>
                    <th scope="col">{tr(T::TrainingCode)}</th>
                    <th scope="col">{tr(T::TrainingTitle)}</th>
                    <th scope="col">{tr(T::Mode)}</th>
                    <th scope="col">{tr(T::CompetenciesDeveloped)}</th>
                    <th scope="col" class="num">{tr(T::LevelRange)}</th>
                    <th scope="col" class="num">"JP"</th>
                    <th scope="col" class="num">{tr(T::Cost)}</th>
                </tr></thead>
                <tbody>
                    {page.trainings.iter().map(|t| view! {
                        <tr class:inactive=!t.active>
                            <th scope="row">{if page.can_edit {
                                view! { <a href=format!("/trainings/{}/edit", t.key)>{t.code.clone()}</a> }.erase()
                            } else { t.code.clone().erase() }}</th>
                            <td>{t.title.get(en).to_string()} <br/><span class="muted">{t.provider.clone()}
                                {(!t.active).then(|| format!(" · {}", lang.t(T::Inactive)))}</span></td>
                            <td>{mode_label(&t.mode, lang)}</td>
                            <td>{t.competencies.join(", ")}</td>
                            <td class="num">{t.level_min} "–" {t.level_max}</td>
                            <td class="num">{t.jp}</td>
                            <td class="num">{rupiah(t.cost)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <p class="hint">{tr(T::LevelRangeHint)}</p>
        {page.can_edit.then(|| view! {
            <section aria-labelledby="import-h">
                <h2 id="import-h">{tr(T::ImportCsv)}</h2>
                <p class="hint">{tr(T::ImportCsvHint)}</p>
                <pre class="csv-template">"code,title_id,title_en,provider,mode,competencies,level_min,level_max,jp,cost\nKOM-09,Menulis Laporan,Report writing,BPSDM,e-learning,M.03|M.04,1,3,16,0"</pre>
                <form method="post" action=ImportTrainings::PATH class="stack" data-ok=tr(T::ImportDone)>
                    <label for="csv-file">{tr(T::CsvFile)}</label>
                    // Filled by public/forms.js (no inline handler: the CSP forbids inline scripts).
                    <input id="csv-file" type="file" accept=".csv,text/csv" data-fill-text="csv"/>
                    <label for="csv">{tr(T::CsvContent)}</label>
                    <textarea id="csv" name="csv" rows="8" required></textarea>
                    <button type="submit" class="button">{tr(T::Import)}</button>
                </form>
            </section>
        })}
        {settings.map(|s| view! { <SettingsForm s/> })}
    }
}

/// HR: group weights and JPM settings.
#[cfg(feature = "ssr")]
#[component]
fn SettingsForm(s: ReportSettings) -> impl IntoView {
    let w = s.weights;
    let j = s.jpm;
    let field = |name: &'static str, label: T, value: String| {
        view! { <label>{tr(label)} <input type="number" name=name value=value step="any" min="0" required/></label> }
    };
    view! {
        <section aria-labelledby="settings-h">
            <h2 id="settings-h">{tr(T::ReportSettingsTitle)}</h2>
            <form method="post" action=SaveReportSettings::PATH class="stack" data-ok=tr(T::Saved)>
                <fieldset>
                    <legend>{tr(T::GroupWeights)}</legend>
                    <div class="row">
                        {field("self_rating", T::GroupSelf, w.self_rating.to_string())}
                        {field("supervisor", T::GroupSupervisor, w.supervisor.to_string())}
                        {field("peer", T::GroupPeer, w.peer.to_string())}
                        {field("subordinate", T::GroupSubordinate, w.subordinate.to_string())}
                    </div>
                </fieldset>
                <fieldset>
                    <legend>"JPM"</legend>
                    <label>{tr(T::JpmProfileLabel)}
                        <select name="profile">
                            <option value="mapping" selected=j.profile == JpmProfile::Mapping>{tr(T::ProfileMapping)}</option>
                            <option value="selection" selected=j.profile == JpmProfile::Selection>{tr(T::ProfileSelection)}</option>
                        </select>
                    </label>
                    <div class="row">
                        {field("selection_high", T::SelectionHigh, j.selection.0.to_string())}
                        {field("selection_low", T::SelectionLow, j.selection.1.to_string())}
                        {field("mapping_high", T::MappingHigh, j.mapping.0.to_string())}
                        {field("mapping_low", T::MappingLow, j.mapping.1.to_string())}
                    </div>
                    <label class="check"><input type="checkbox" name="cap" value="on" checked=j.cap_at_100/> {tr(T::CapAt100)}</label>
                </fieldset>
                <button type="submit" class="button">{tr(T::Save)}</button>
            </form>
        </section>
    }
}

/// The label of a training mode.
pub fn mode_label(mode: &str, lang: Lang) -> &'static str {
    lang.t(match mode {
        "e-learning" => T::ModeElearning,
        "coaching" => T::ModeCoaching,
        "on_the_job" => T::ModeOnTheJob,
        _ => T::ModeClassroom,
    })
}
