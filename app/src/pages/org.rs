//! `/org`: the unit tree with head counts and the org chart.

use crate::api::OrgTree;
use crate::api::org::load_org_tree;
use crate::charts::ChartSpec;
use crate::charts::ChartView;
use crate::charts::org_chart::org_chart_summary;
use crate::components::Erase;
use crate::components::{ErrorNotice, Frame, Loading, tr, use_lang};
use crate::i18n::T;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn OrgPage() -> impl IntoView {
    view! {
        <Title text=format!("{} · Kinerja", tr(T::OrgTitle))/>
        <Frame>
            <OrgContent/>
        </Frame>
    }
}

#[component]
fn OrgContent() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_org_tree());
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(t) => view! { <Org tree=t/> }.erase(),
                    Err(e) => view! { <ErrorNotice err=e/> }.erase(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Org(tree: OrgTree) -> impl IntoView {
    let lang = use_lang();
    let summary = org_chart_summary(&tree, lang);
    let height = (tree.units.iter().filter(|u| u.depth <= 3).count() as u32 * 22).clamp(360, 1400);
    let chart = ChartSpec::Org { tree: tree.clone(), open_depth: 3 };
    view! {
        <h1>{tr(T::OrgTitle)}</h1>
        <p class="subtitle">{tree.agency.clone()}</p>
        <section aria-labelledby="chart-h">
            <h2 id="chart-h">{tr(T::OrgChart)}</h2>
            <p class="hint">{tr(T::OrgChartHint)}</p>
            <ChartView id="org-chart" chart=chart label=summary height=height/>
        </section>
        <section aria-labelledby="tree-h">
            <h2 id="tree-h">{tr(T::UnitTree)}</h2>
            <div class="table-wrap">
                <table class="unit-tree">
                    <caption class="visually-hidden">{tr(T::UnitTree)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{tr(T::Unit)}</th>
                            <th scope="col">{tr(T::UnitHead)}</th>
                            <th scope="col" class="num">{tr(T::HeadCountDirect)}</th>
                            <th scope="col" class="num">{tr(T::HeadCountTotal)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {tree
                            .units
                            .into_iter()
                            .map(|u| {
                                let href = format!("/org/units/{}", u.key);
                                let indent = format!("padding-left:{}rem", (u.depth.saturating_sub(1)) as f32 * 1.1);
                                let leader = u.leader_nip.clone().map(|n| format!("/employees/{n}"));
                                view! {
                                    <tr data-unit=u.key.clone() data-depth=u.depth>
                                        <th scope="row" style=indent><a href=href>{u.name}</a></th>
                                        <td>
                                            {match (leader, u.leader_name) {
                                                (Some(h), Some(n)) => view! { <a href=h>{n}</a> }.erase(),
                                                _ => view! { "—" }.erase(),
                                            }}
                                        </td>
                                        <td class="num">{u.direct_count}</td>
                                        <td class="num total">{u.total_count}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
