//! `/trainings/new` and `/trainings/:key/edit`: HR's form for one training of the catalog.

use super::mode_label;
use crate::api::training::*;
use crate::api::{CatalogPage, TRAINING_MODES, TrainingInfo};
use crate::components::ActionForm;
use crate::components::Erase;
use crate::components::FormAction;
use crate::components::query_notice;
use crate::components::{ErrorNotice, Frame, Loading, tr, use_lang};
use crate::i18n::{Lang, T};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn TrainingFormPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || params.with(|p| p.get("key"));
    let data = Resource::new(key, |_| load_catalog());
    let save = FormAction::<SaveTraining>::new();
    view! {
        <Title text=format!("{} · Kinerja", tr(T::NavTrainings))/>
        <Frame require=crate::domain::Role::HrAdmin>
            <nav class="breadcrumbs" aria-label=tr(T::NavTrainings)><a href="/trainings">{tr(T::CatalogTitle)}</a></nav>
            {query_notice(T::Saved)}
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    let editing = key();
                    match data.await {
                        Ok(p) => {
                            let existing = editing.as_ref().and_then(|k| p.trainings.iter().find(|t| &t.key == k).cloned());
                            if editing.is_some() && existing.is_none() {
                                return view! { <p class="empty">{tr(T::ErrNotFound)}</p> }.erase();
                            }
                            view! { <TrainingForm page=p existing save/> }.erase()
                        }
                        Err(e) => view! { <ErrorNotice err=e/> }.erase(),
                    }
                })}
            </Suspense>
        </Frame>
    }
}

#[component]
pub(super) fn TrainingForm(
    page: CatalogPage,
    existing: Option<TrainingInfo>,
    save: FormAction<SaveTraining>,
) -> impl IntoView {
    let lang = use_lang();
    let en = lang == Lang::En;
    let t = existing.clone().unwrap_or(TrainingInfo {
        key: String::new(),
        code: String::new(),
        title: Default::default(),
        provider: String::new(),
        mode: "classroom".into(),
        competencies: vec![],
        level_min: 1,
        level_max: 3,
        jp: 24,
        cost: 0,
        active: true,
    });
    let editing = existing.is_some();
    if !page.can_edit {
        return view! { <p class="form-error" role="alert">{tr(T::ErrForbidden)}</p> }.erase();
    }
    view! {
        <h1>{if editing { format!("{} {}", lang.t(T::EditTraining), t.code) } else { lang.t(T::NewTraining).to_string() }}</h1>
        <ActionForm action=save attr:class="stack">
            <input type="hidden" name="editing" value=if editing { t.key.clone() } else { String::new() }/>
            <label>{tr(T::TrainingCode)}
                <input type="text" name="code" required maxlength="20" value=t.code.clone() readonly=editing/></label>
            <label>{tr(T::TrainingTitle)} " (ID)"<input type="text" name="title_id" required maxlength="200" value=t.title.id.clone()/></label>
            <label>{tr(T::TrainingTitle)} " (EN)"<input type="text" name="title_en" maxlength="200" value=t.title.en.clone()/></label>
            <label>{tr(T::Provider)}<input type="text" name="provider" maxlength="200" value=t.provider.clone()/></label>
            <label>{tr(T::Mode)}
                <select name="mode">
                    {TRAINING_MODES.iter().map(|m| view! {
                        <option value=*m selected=t.mode == *m>{mode_label(m, lang)}</option>
                    }).collect_view()}
                </select>
            </label>
            <fieldset>
                <legend>{tr(T::CompetenciesDeveloped)}</legend>
                {page.competencies.iter().map(|(c, n)| view! {
                    <label class="check"><input type="checkbox" name=format!("competencies[{c}]") value="on"
                        checked=t.competencies.contains(c)/> {c.clone()} " " {n.get(en).to_string()}</label>
                }).collect_view()}
            </fieldset>
            <div class="row">
                <label>{tr(T::LevelFrom)}<input type="number" name="level_min" min="1" max="5" required value=t.level_min.to_string()/></label>
                <label>{tr(T::LevelTo)}<input type="number" name="level_max" min="1" max="5" required value=t.level_max.to_string()/></label>
                <label>"JP"<input type="number" name="jp" min="1" max="2000" required value=t.jp.to_string()/></label>
                <label>{tr(T::Cost)} " (Rp)"<input type="text" inputmode="numeric" name="cost" value=t.cost.to_string()/></label>
            </div>
            <p class="hint">{tr(T::LevelRangeHint)}</p>
            {editing.then(|| view! {
                <label class="check"><input type="checkbox" name="active" value="on" checked=t.active/> {tr(T::Active)}</label>
            })}
            <div aria-live="polite">
                {move || save.value().get().map(|r| match r {
                    Ok(_) => view! { <p class="form-ok" role="status">{tr(T::Saved)} " " <a href="/trainings">{tr(T::CatalogTitle)}</a></p> }.erase(),
                    Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.erase(),
                })}
            </div>
            <button type="submit" class="button">{tr(T::Save)}</button>
        </ActionForm>
    }
    .erase()
}
