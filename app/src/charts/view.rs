//! Draws a chart in the browser with ECharts. On the server it renders a labelled container of a fixed height (the
//! page does not move when the chart appears) holding the chart's option, built there, and asks the browser to fetch
//! ECharts early, at low priority and without running it; the page always carries the same data as a table. A chart is drawn when it
//! comes near the screen (an `IntersectionObserver`), so a slow phone does not spend its first seconds drawing the
//! charts further down a page. ECharts (our own build with only the charts we draw, about 190 KB gzip) is never
//! part of the shell: the first chart drawn adds its script, so pages without charts never load it.

use super::ChartSpec;
use leptos::prelude::*;

/// A chart container. `chart` describes the chart by its data; the server builds its ECharts option into the page
/// (`data-option`), and the browser asks the server for it (`api::charts::chart_option`) when it renders the page
/// itself after a client-side navigation. `label` describes the chart for screen readers.
#[component]
pub fn ChartView(
    id: &'static str,
    chart: ChartSpec,
    label: String,
    #[prop(default = 420)] height: u32,
    /// Where clicking each data item leads (by data index): the link of the same address on the page is followed,
    /// so the router navigates as for a click on the table next to the chart.
    #[prop(optional)]
    links: Vec<String>,
) -> impl IntoView {
    // Hydration leaves the attribute as the server wrote it, so the browser passes an empty one.
    #[cfg(feature = "ssr")]
    let option = chart.option(crate::components::use_lang());
    #[cfg(not(feature = "ssr"))]
    let option = String::new();
    #[cfg(feature = "hydrate")]
    {
        let chart = StoredValue::new(chart);
        let links = links.clone();
        Effect::new(move |_| {
            draw(id, chart.get_value(), height, links.clone(), 0);
        });
    }
    // A chart in a drawn part is drawn by the part (`draw_within`), which reads its height and links from the
    // element; the part adds the preload of ECharts itself.
    #[cfg(feature = "ssr")]
    let in_part = use_context::<crate::components::drawn_part::InDrawnPart>().is_some();
    #[cfg(not(feature = "ssr"))]
    let in_part = false;
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    let _ = links;
    #[cfg(feature = "ssr")]
    let links = (in_part && !links.is_empty()).then(|| serde_json::to_string(&links).unwrap_or_default());
    #[cfg(not(feature = "ssr"))]
    let links: Option<String> = None;
    #[cfg(not(feature = "hydrate"))]
    let _ = chart;
    view! {
        {(!in_part).then(|| view! { <leptos_meta::Link rel="preload" href=ECHARTS as_="script" fetchpriority="low"/> })}
        <figure class="chart-figure">
            <div id=id class="chart" style=format!("height:{height}px") role="img" aria-label=label.clone()
                data-option=option data-height=in_part.then_some(height) data-links=links></div>
            <figcaption class="visually-hidden">{label}</figcaption>
        </figure>
    }
}

/// Where ECharts is served from: Kinerja's own build of it (`app/echarts/entry.js`, bundled by
/// `scripts/assets.sh`), named by the ECharts version and the first 8 hex digits of the entry's SHA-256, so that the
/// server may let browsers keep it for a year. A test checks the name against the entry.
pub(crate) const ECHARTS: &str = "/vendor/echarts-5.5.1-8edb2d4a.js";

/// Draws the chart once its container is in the document (after a client-side navigation the effect can run before
/// the new page is attached; retried for up to a minute) and near the screen: with the option the server wrote into
/// the page, or else (a page rendered in the browser) with the one it answers for the chart's data.
#[cfg(feature = "hydrate")]
fn draw(id: &'static str, chart: ChartSpec, height: u32, links: Vec<String>, attempt: u32) {
    match gloo::utils::document().get_element_by_id(id).filter(|e| e.is_connected()) {
        Some(element) => {
            let written = element.get_attribute("data-option").filter(|o| !o.is_empty());
            when_near_screen(&element, move || match written {
                Some(option) => render(id.to_string(), option, height, links),
                None => leptos::task::spawn_local(async move {
                    let spec = serde_json::to_string(&chart).unwrap_or_default();
                    match crate::api::charts::chart_option(spec).await {
                        Ok(option) => render(id.to_string(), option, height, links),
                        Err(e) => leptos::logging::warn!("chart {id} not drawn: {e}"),
                    }
                }),
            })
        }
        None if attempt < 600 => {
            gloo::timers::callback::Timeout::new(100, move || draw(id, chart, height, links, attempt + 1)).forget();
        }
        None => {}
    }
}

/// Draws every chart of a drawn part (`components::drawn_part`) once it comes near the screen, from the option,
/// height and links the server wrote into its element.
#[cfg(feature = "hydrate")]
pub(crate) fn draw_within(root: &web_sys::Element) {
    use wasm_bindgen::JsCast;
    let Ok(charts) = root.query_selector_all(".chart[data-option]") else { return };
    for i in 0..charts.length() {
        let Some(element) = charts.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
        let Some(option) = element.get_attribute("data-option") else { continue };
        let id = element.id();
        let height = element.get_attribute("data-height").and_then(|h| h.parse().ok()).unwrap_or(420);
        let links = element.get_attribute("data-links").map(|l| json_strings(&l)).unwrap_or_default();
        when_near_screen(&element, move || render(id, option, height, links));
    }
}

/// The strings of a JSON array of strings (read with the browser's JSON: no JSON reader in the wasm for it).
#[cfg(feature = "hydrate")]
fn json_strings(json: &str) -> Vec<String> {
    web_sys::js_sys::JSON::parse(json)
        .ok()
        .map(|v| web_sys::js_sys::Array::from(&v).iter().filter_map(|s| s.as_string()).collect())
        .unwrap_or_default()
}

/// Calls `f` once `element` is within a screen's height of the viewport (at once where the browser cannot tell).
#[cfg(feature = "hydrate")]
pub(crate) fn when_near_screen(element: &web_sys::Element, f: impl FnOnce() + 'static) {
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};
    let pending = Rc::new(RefCell::new(Some(f)));
    let fire = pending.clone();
    let callback = Closure::<dyn FnMut(web_sys::js_sys::Array, IntersectionObserver)>::new(
        move |entries: web_sys::js_sys::Array, observer: IntersectionObserver| {
            if entries.iter().any(|e| e.unchecked_into::<IntersectionObserverEntry>().is_intersecting()) {
                observer.disconnect();
                if let Some(f) = fire.borrow_mut().take() {
                    f();
                }
            }
        },
    );
    let options = IntersectionObserverInit::new();
    options.set_root_margin("100% 0px");
    match IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options) {
        Ok(observer) => {
            observer.observe(element);
            // Kept for the document's lifetime, like the click handlers below: one small closure per chart (the
            // chart's data is dropped once drawn; a chart never scrolled to keeps its data until the page is left).
            callback.forget();
        }
        Err(_) => {
            if let Some(f) = pending.borrow_mut().take() {
                f();
            }
        }
    }
}

/// A chart waiting to be drawn.
#[cfg(feature = "hydrate")]
struct Pending {
    id: String,
    option: String,
    height: u32,
    links: Vec<String>,
}

#[cfg(feature = "hydrate")]
thread_local! {
    /// The charts waiting to be drawn, in the order they came near the screen, and whether one is being drawn.
    static QUEUE: std::cell::RefCell<(std::collections::VecDeque<Pending>, bool)> = Default::default();
}

/// Draws the chart once `echarts` is available (adding its script to the page the first time) and the charts before
/// it are drawn. Drawing a chart is ECharts' costliest work, and a slow phone's first chart takes it a quarter of a
/// second: so the charts are drawn one at a time, each in three tasks of its own (the chart made, its option set,
/// then drawn in the next frame, see [`draw_next`]), so that a page stays responsive while its charts appear.
#[cfg(feature = "hydrate")]
fn render(id: String, option: String, height: u32, links: Vec<String>) {
    let idle = QUEUE.with_borrow_mut(|(queue, busy)| {
        queue.push_back(Pending { id, option, height, links });
        !std::mem::replace(busy, true)
    });
    if idle {
        draw_next(0);
    }
}

/// Draws the first chart waiting, then the next. Waits while ECharts loads (for up to a minute: a slow phone may
/// take that long; after that the charts waiting are dropped, and their tables are there).
#[cfg(feature = "hydrate")]
fn draw_next(attempt: u32) {
    use gloo::timers::callback::Timeout;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::js_sys::{JSON, Object, Reflect};
    if !js_sys_echarts_ready() {
        load_echarts();
        if attempt < 600 {
            Timeout::new(100, move || draw_next(attempt + 1)).forget();
        } else {
            QUEUE.with_borrow_mut(|(queue, busy)| {
                queue.clear();
                *busy = false;
            });
        }
        return;
    }
    let Some(Pending { id, option, height, links }) = QUEUE.with_borrow_mut(|(queue, busy)| {
        let next = queue.pop_front();
        *busy = next.is_some();
        next
    }) else {
        return;
    };
    // The page may have been left meanwhile.
    let Some(element) = gloo::utils::document().get_element_by_id(&id).filter(|e| e.is_connected()) else {
        Timeout::new(0, || draw_next(0)).forget();
        return;
    };
    Timeout::new(0, move || {
        let size = Object::new();
        let _ = Reflect::set(&size, &JsValue::from_str("height"), &JsValue::from(height));
        let echarts = init(&element, "", &size);
        Timeout::new(0, move || {
            match JSON::parse(&option) {
                Ok(option) => {
                    // Drawn in the next frame rather than now (`lazyUpdate`).
                    let lazily = Object::new();
                    let _ = Reflect::set(&lazily, &JsValue::from_str("lazyUpdate"), &JsValue::TRUE);
                    echarts.set_option(&option, &lazily);
                    if !links.is_empty() {
                        on_click(&echarts, links);
                    }
                }
                Err(e) => leptos::logging::warn!("chart {id} not drawn: {e:?}"),
            }
            // The next chart once this one has been drawn: after the next frame.
            let after_frame = wasm_bindgen::closure::Closure::once_into_js(|| {
                Timeout::new(0, || draw_next(0)).forget();
            });
            let _ = gloo::utils::window().request_animation_frame(after_frame.unchecked_ref());
        })
        .forget();
    })
    .forget();
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// An ECharts instance.
    type Instance;
    #[wasm_bindgen(js_namespace = echarts, js_name = init)]
    fn init(element: &web_sys::Element, theme: &str, size: &web_sys::js_sys::Object) -> Instance;
    #[wasm_bindgen(method, js_name = setOption)]
    fn set_option(this: &Instance, option: &wasm_bindgen::JsValue, opts: &web_sys::js_sys::Object);
    #[wasm_bindgen(method, js_name = on)]
    fn on(this: &Instance, event: &str, handler: &wasm_bindgen::closure::Closure<dyn FnMut(wasm_bindgen::JsValue)>);
}

/// Follows the link of each clicked item: the page's own anchor to that address (so the router handles it), or a
/// plain page load where there is none.
#[cfg(feature = "hydrate")]
fn on_click(echarts: &Instance, links: Vec<String>) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::js_sys::Reflect;
    let reflect_get = |target: &JsValue, key: &JsValue| Reflect::get(target, key).unwrap_or(JsValue::UNDEFINED);
    let handler = Closure::<dyn FnMut(JsValue)>::new(move |params: JsValue| {
        let Some(href) =
            reflect_get(&params, &JsValue::from_str("dataIndex")).as_f64().and_then(|i| links.get(i as usize))
        else {
            return;
        };
        let anchor = gloo::utils::document()
            .query_selector(&format!("a[href=\"{href}\"]"))
            .ok()
            .flatten()
            .and_then(|a| a.dyn_into::<leptos::web_sys::HtmlElement>().ok());
        match anchor {
            Some(a) => a.click(),
            None => {
                let _ = gloo::utils::window().location().set_href(href);
            }
        }
    });
    echarts.on("click", &handler);
    // The chart lives as long as its page; so does its handler.
    handler.forget();
}

/// Adds the ECharts script to the document once (asynchronous: it never holds up the page).
#[cfg(feature = "hydrate")]
fn load_echarts() {
    let document = gloo::utils::document();
    if document.get_element_by_id("echarts-script").is_some() {
        return;
    }
    let Ok(script) = document.create_element("script") else { return };
    let _ = script.set_attribute("id", "echarts-script");
    let _ = script.set_attribute("src", ECHARTS);
    let _ = script.set_attribute("async", "");
    if let Some(head) = document.head() {
        let _ = head.append_child(&script);
    }
}

#[cfg(feature = "hydrate")]
fn js_sys_echarts_ready() -> bool {
    use wasm_bindgen::JsValue;
    let window = gloo::utils::window();
    let value: &JsValue = window.as_ref();
    js_has(value, "echarts")
}

#[cfg(feature = "hydrate")]
fn js_has(target: &wasm_bindgen::JsValue, key: &str) -> bool {
    #[wasm_bindgen::prelude::wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = Reflect, js_name = has)]
        fn reflect_has(target: &wasm_bindgen::JsValue, key: &wasm_bindgen::JsValue) -> bool;
    }
    reflect_has(target, &wasm_bindgen::JsValue::from_str(key))
}

#[cfg(test)]
mod tests {
    use sha2::{Digest, Sha256};

    /// The script's name follows its content: changing the entry without renaming it here would let browsers keep
    /// the old build for a year.
    #[test]
    fn the_echarts_build_is_named_by_its_version_and_the_hash_of_its_entry() {
        let entry = include_bytes!("../../echarts/entry.js");
        let hash = format!("{:x}", Sha256::digest(entry));
        let assets = include_str!("../../../scripts/assets.sh");
        let version = assets
            .lines()
            .find_map(|l| l.strip_prefix("ECHARTS_VERSION="))
            .and_then(|v| v.split_whitespace().next())
            .expect("scripts/assets.sh pins ECHARTS_VERSION");
        assert_eq!(super::ECHARTS, format!("/vendor/echarts-{version}-{}.js", &hash[..8]));
    }
}
