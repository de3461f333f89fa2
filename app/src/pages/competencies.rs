//! `/competencies`: the competency dictionary (levels, indicators, questionnaire items) and the required level
//! per position type; HR edits them. `/competencies/new` and `/competencies/:key/edit`: the competency form.
//! Also the "required levels of this position" section of a profile.

use crate::api::DictionaryPage;
use crate::api::competency::*;
use crate::components::ActionForm;
use crate::components::Erase;
use crate::components::FormAction;
use crate::components::{ErrorNotice, Frame, Loading, tr, use_lang};
use crate::domain::competency::Competency;
use crate::i18n::level_name;
use crate::i18n::{Lang, T};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

fn kind_label(kind: &str) -> &'static str {
    tr(match kind {
        "managerial" => T::KindManagerial,
        "sociocultural" => T::KindSociocultural,
        _ => T::KindTechnical,
    })
}

#[component]
pub fn CompetenciesPage() -> impl IntoView {
    let standard = FormAction::<SetStandard>::new();
    let data = Resource::new(move || standard.version().get(), |_| load_dictionary());
    view! {
        <Title text=format!("{} · Kinerja", tr(T::NavCompetencies))/>
        <Frame>
            <h1>{tr(T::DictionaryTitle)}</h1>
            <p class="hint">{tr(T::DictionaryIntro)}</p>
            <Transition fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(p) => view! { <Dictionary page=p standard/> }.erase(),
                        Err(e) => view! { <ErrorNotice err=e/> }.erase(),
                    }
                })}
            </Transition>
        </Frame>
    }
}

#[component]
fn Dictionary(page: DictionaryPage, standard: FormAction<SetStandard>) -> impl IntoView {
    let lang = use_lang();
    let can_edit = page.can_edit;
    view! {
        {can_edit.then(|| view! { <p><a class="button" href="/competencies/new">{tr(T::AddCompetency)}</a></p> })}
        <section aria-labelledby="standards" id="standards">
            <h2 id="standards-h">{tr(T::StandardsTitle)}</h2>
            <p class="hint">{tr(T::StandardsHint)}</p>
            {move || standard.value().get().and_then(|r| r.err()).map(|e| view! { <p class="form-error" role="alert">{e.to_string()}</p> })}
            <div class="table-wrap">
                <table>
                    <caption class="visually-hidden">{tr(T::StandardsTitle)}</caption>
                    <thead><tr>
                        <th scope="col">{tr(T::PositionKind)}</th>
                        <th scope="col">{tr(T::RequiredLevel)}</th>
                    </tr></thead>
                    <tbody>
                        {page.standards.clone().into_iter().map(|(code, label, level)| {
                            let cell = if can_edit {
                                let id = format!("std-{code}");
                                let id2 = id.clone();
                                let label2 = label.clone();
                                view! {
                                    <ActionForm action=standard attr:class="row-form">
                                        <input type="hidden" name="kind" value=code.clone()/>
                                        <label for=id2 class="visually-hidden">{format!("{} {label2}", tr(T::RequiredLevel))}</label>
                                        <select id=id name="level">
                                            {(1..=5u8).map(|l| view! {
                                                <option value=l selected=l == level>{format!("{l} {}", lang.t(level_name(l)))}</option>
                                            }).collect_view()}
                                        </select>
                                        <button type="submit" class="button secondary">{tr(T::Save)}</button>
                                    </ActionForm>
                                }.erase()
                            } else {
                                view! { {format!("{level} {}", lang.t(level_name(level)))} }.erase()
                            };
                            view! { <tr><th scope="row">{label}</th><td>{cell}</td></tr> }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        <section aria-labelledby="list-h">
            <h2 id="list-h">{tr(T::Competencies)}</h2>
            {page.competencies.into_iter().map(|c| view! { <CompetencyCard c=c can_edit/> }).collect_view()}
        </section>
    }
}

#[component]
fn CompetencyCard(c: Competency, can_edit: bool) -> impl IntoView {
    let lang = use_lang();
    let en = lang == Lang::En;
    let edit = format!("/competencies/{}/edit", c.key);
    view! {
        <details class="competency-card" id=format!("c-{}", c.key)>
            <summary>
                <span class="code">{c.code.clone()}</span> " " {c.name.get(en).to_string()}
                " " <span class="badge">{kind_label(c.kind.code())}</span>
                {(!c.active).then(|| view! { " " <span class="badge">{tr(T::Inactive)}</span> })}
            </summary>
            <p>{c.description.get(en).to_string()}</p>
            <div class="table-wrap">
                <table>
                    <caption>{tr(T::Levels)}</caption>
                    <thead><tr>
                        <th scope="col">{tr(T::Level)}</th>
                        <th scope="col">{tr(T::Description)}</th>
                        <th scope="col">{tr(T::Indicators)}</th>
                    </tr></thead>
                    <tbody>
                        {c.levels.iter().map(|l| view! { <tr>
                            <th scope="row">{l.level} " " {lang.t(level_name(l.level)).to_string()}</th>
                            <td>{l.description.get(en).to_string()}</td>
                            <td><ul>{l.indicators.iter().map(|i| view! { <li>{i.get(en).to_string()}</li> }).collect_view()}</ul></td>
                        </tr> }).collect_view()}
                    </tbody>
                </table>
            </div>
            <h3>{tr(T::QuestionnaireItems)}</h3>
            <ol>{c.items.iter().map(|i| view! { <li>{i.get(en).to_string()}</li> }).collect_view()}</ol>
            {can_edit.then(|| view! { <p><a class="button secondary" href=edit>{tr(T::Edit)}</a></p> })}
        </details>
    }
}

#[component]
pub fn CompetencyFormPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || params.with(|p| p.get("key").unwrap_or_default());
    let data = Resource::new(key, |k| async move {
        if k.is_empty() {
            return Ok(None);
        }
        let page = load_dictionary().await?;
        Ok(page.competencies.into_iter().find(|c| c.key == k))
    });
    view! {
        <Title text=format!("{} · Kinerja", tr(T::CompetencyForm))/>
        <Frame require=crate::domain::Role::HrAdmin>
            <nav class="breadcrumbs" aria-label=tr(T::NavCompetencies)><a href="/competencies">{tr(T::DictionaryTitle)}</a></nav>
            <h1>{tr(T::CompetencyForm)}</h1>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(c) => view! { <CompetencyEditor c=c/> }.erase(),
                        Err(e) => view! { <ErrorNotice err=e/> }.erase(),
                    }
                })}
            </Suspense>
        </Frame>
    }
}

#[component]
fn CompetencyEditor(c: Option<Competency>) -> impl IntoView {
    let lang = use_lang();
    let action = FormAction::<SaveCompetency>::new();
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(key)) = action.value().get() {
            navigate(&format!("/competencies#c-{key}"), Default::default());
        }
    });
    let lines = |f: fn(&Competency) -> Vec<String>| c.as_ref().map(f).unwrap_or_default().join("\n");
    let levels_id = lines(|c| c.levels.iter().map(|l| l.description.id.clone()).collect());
    let levels_en = lines(|c| c.levels.iter().map(|l| l.description.en.clone()).collect());
    let items_id = lines(|c| c.items.iter().map(|i| i.id.clone()).collect());
    let items_en = lines(|c| c.items.iter().map(|i| i.en.clone()).collect());
    let get = |f: fn(&Competency) -> String| c.as_ref().map(f).unwrap_or_default();
    let (key, code, name_id, name_en, desc_id, desc_en) = (
        get(|c| c.key.clone()),
        get(|c| c.code.clone()),
        get(|c| c.name.id.clone()),
        get(|c| c.name.en.clone()),
        get(|c| c.description.id.clone()),
        get(|c| c.description.en.clone()),
    );
    let kind = c.as_ref().map(|c| c.kind.code().to_string()).unwrap_or_else(|| "technical".into());
    let active = c.as_ref().is_none_or(|c| c.active);
    let error_for = move |field: &'static str| {
        move || {
            action.value().get().and_then(|r| r.err()).filter(|e| e.field() == Some(field)).map(|e| {
                view! { <p class="form-error" role="alert">{e.to_string()}</p> }
            })
        }
    };
    view! {
        <ActionForm action=action attr:class="stack card">
            <input type="hidden" name="key" value=key/>
            <label for="c-code">{tr(T::Code)}</label>
            <input id="c-code" name="code" type="text" required maxlength="12" value=code
                placeholder="T.01"/>
            {error_for("code")}
            <label for="c-kind">{tr(T::Kind)}</label>
            <select id="c-kind" name="kind">
                {["managerial", "sociocultural", "technical"].into_iter().map(|k| view! {
                    <option value=k selected=k == kind>{kind_label(k)}</option>
                }).collect_view()}
            </select>
            <label for="c-name-id">{tr(T::NameId)}</label>
            <input id="c-name-id" name="name_id" type="text" required value=name_id/>
            {error_for("name_id")}
            <label for="c-name-en">{tr(T::NameEn)}</label>
            <input id="c-name-en" name="name_en" type="text" value=name_en/>
            <label for="c-desc-id">{tr(T::DescriptionId)}</label>
            <textarea id="c-desc-id" name="description_id" rows="2">{desc_id}</textarea>
            <label for="c-desc-en">{tr(T::DescriptionEn)}</label>
            <textarea id="c-desc-en" name="description_en" rows="2">{desc_en}</textarea>
            <label for="c-levels-id">{tr(T::LevelsId)}</label>
            <p class="help">{tr(T::LevelsHelp)}</p>
            <textarea id="c-levels-id" name="levels_id" rows="6" required>{levels_id}</textarea>
            {error_for("levels_id")}
            <label for="c-levels-en">{tr(T::LevelsEn)}</label>
            <textarea id="c-levels-en" name="levels_en" rows="6">{levels_en}</textarea>
            <label for="c-items-id">{tr(T::ItemsId)}</label>
            <p class="help">{tr(T::ItemsHelp)}</p>
            <textarea id="c-items-id" name="items_id" rows="4" required>{items_id}</textarea>
            {error_for("items_id")}
            <label for="c-items-en">{tr(T::ItemsEn)}</label>
            <textarea id="c-items-en" name="items_en" rows="4">{items_en}</textarea>
            <label><input type="checkbox" name="active" value="on" checked=active/> " " {tr(T::Active)}</label>
            {move || action.value().get().and_then(|r| r.err()).filter(|e| e.field().is_none()).map(|e| {
                view! { <p class="form-error" role="alert">{e.to_string()}</p> }
            })}
            <button type="submit" class="button" disabled=move || action.pending().get()>
                {move || if action.pending().get() { lang.t(T::Saving) } else { lang.t(T::Save) }}
            </button>
        </ActionForm>
    }
}
