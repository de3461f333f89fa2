//! Draws a chart in the browser with ECharts (loaded as a classic script). On the server it renders an empty,
//! labelled container; the page always carries the same data as a table.

use leptos::prelude::*;

/// A chart container. `chart` is the serialised option built by a pure builder; `label` describes it for screen
/// readers.
#[component]
pub fn ChartView(
    id: &'static str,
    chart: charming::Chart,
    label: String,
    #[prop(default = 420)] height: u32,
) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        let chart = StoredValue::new(chart);
        Effect::new(move |_| {
            draw(id, chart.get_value(), height, 0);
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = chart;
    view! {
        <figure class="chart-figure">
            <div id=id class="chart" style=format!("height:{height}px") role="img" aria-label=label.clone()></div>
            <figcaption class="visually-hidden">{label}</figcaption>
        </figure>
    }
}

/// Renders once `echarts` is available (the script is deferred); retries briefly while it loads.
#[cfg(feature = "hydrate")]
fn draw(id: &'static str, chart: charming::Chart, height: u32, attempt: u32) {
    // Wait for the ECharts script and for the container to be in the document (after a client-side navigation the
    // effect can run before the new page is attached).
    let attached = gloo::utils::document().get_element_by_id(id).is_some_and(|e| e.is_connected());
    let ready = js_sys_echarts_ready() && attached;
    if ready {
        let renderer = charming::WasmRenderer::new_opt(None, Some(height));
        if let Err(e) = renderer.render(id, &chart) {
            leptos::logging::warn!("chart {id} not drawn: {e:?}");
        }
    } else if attempt < 50 {
        gloo::timers::callback::Timeout::new(100, move || draw(id, chart, height, attempt + 1)).forget();
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
