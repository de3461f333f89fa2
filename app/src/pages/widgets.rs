//! Small pieces shared by pages: employee tables and stat cards.

use crate::api::EmployeeSummary;
use crate::components::Erase;
use crate::components::tr;
use crate::i18n::T;
use leptos::prelude::*;

/// A table of employees (directory entries) with links to their profiles.
#[component]
pub fn EmployeeTable(
    employees: Vec<EmployeeSummary>,
    caption: &'static str,
    #[prop(optional)] show_unit: bool,
) -> impl IntoView {
    if employees.is_empty() {
        return view! { <p class="empty">{tr(T::NoResults)}</p> }.erase();
    }
    view! {
        <div class="table-wrap">
            <table>
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr(T::Name)}</th>
                        <th scope="col">{tr(T::Position)}</th>
                        {show_unit.then(|| view! { <th scope="col">{tr(T::Unit)}</th> })}
                    </tr>
                </thead>
                <tbody>
                    {employees
                        .into_iter()
                        .map(|e| {
                            let href = format!("/employees/{}", e.nip);
                            let unit_href = format!("/org/units/{}", e.unit_key);
                            view! {
                                <tr>
                                    <th scope="row"><a href=href>{e.name}</a></th>
                                    <td>{e.position}</td>
                                    {show_unit.then(|| view! { <td><a href=unit_href>{e.unit_name}</a></td> })}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .erase()
}

/// A number with a label.
#[component]
pub fn Stat(label: &'static str, value: u64) -> impl IntoView {
    view! {
        <div class="stat">
            <span class="stat-value">{value}</span>
            <span class="stat-label">{label}</span>
        </div>
    }
}

/// The unit chooser of an analysis form (`name="unit"`): the whole agency, then the org tree indented by depth.
/// Only in parts the server draws.
#[cfg(feature = "ssr")]
#[component]
pub fn UnitSelect(units: Vec<(String, String, u32)>, selected: Option<String>) -> impl IntoView {
    view! {
        <label>{tr(T::Unit)}
            <select name="unit">
                <option value="">{tr(T::WholeAgency)}</option>
                {units.into_iter().map(|(k, n, d)| {
                    let current = selected.as_deref() == Some(k.as_str());
                    view! { <option value=k selected=current>{format!("{}{}", "  ".repeat(d as usize), n)}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}
