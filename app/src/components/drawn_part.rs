//! Parts of a page the server draws. A page that mostly shows figures (the dashboard, the competency report) has its
//! server function render its tables and charts to HTML in the viewer's language ([`render`]) and shows that HTML
//! ([`DrawnPartView`]): the browser needs no code to draw them, no types to read their data, and nothing to
//! hydrate in them — on a slow phone that is most of such a page's wasm and of the time spent hydrating it. What
//! stays interactive is the page's own hydrated view around the parts; links in a part are followed by the router
//! like any other, its GET forms are plain forms, its print button and option filter are handled by `forms.js`, and
//! its charts are drawn from the options the server wrote into them (`charts::view::draw_within`). Its POST forms to
//! server functions post without JavaScript too; with it they are sent in the background and the part is drawn again
//! with what changed (`components::live_forms`).

use crate::api::DrawnPart;
use crate::components::{Erase, ErrorNotice, Loading};
use crate::error::AppError;
use leptos::prelude::*;

/// Provided while a drawn part is rendered: its charts leave the preload of ECharts to [`DrawnPartView`] and
/// write what `draw_within` needs into their element.
#[derive(Clone, Copy, Debug)]
pub struct InDrawnPart;

/// Renders a view to a drawn part, with the language of the request (server functions only).
#[cfg(feature = "ssr")]
pub fn render<V: IntoView + 'static>(view: impl FnOnce() -> V) -> DrawnPart {
    use leptos::tachys::view::RenderHtml;
    let owner = Owner::new();
    let html = owner.with(|| {
        provide_context(crate::api::context::lang());
        provide_context(InDrawnPart);
        view().into_view().to_html()
    });
    DrawnPart { html }
}

/// Shows a drawn part. Hydration keeps the HTML the server wrote (the browser does not compare or rewrite it); a
/// page the browser renders after a client-side navigation sets it from the part its server function answered.
/// Either way the part's charts are drawn once it is in the document, and inside a [`LiveDrawnContent`] its forms
/// post in the background.
#[component]
pub fn DrawnPartView(part: DrawnPart) -> impl IntoView {
    let node = NodeRef::<leptos::html::Div>::new();
    #[cfg(feature = "hydrate")]
    {
        let live = use_context::<Live>();
        Effect::new(move |_| {
            if let Some(element) = node.get() {
                if let Some(live) = live {
                    (live.attach)(&element, live.changed);
                }
                crate::charts::view::draw_within(&element);
            }
        });
    }
    let charts = part.html.contains("data-option=");
    view! {
        {charts.then(|| view! {
            <leptos_meta::Link rel="preload" href=crate::charts::view::ECHARTS as_="script" fetchpriority="low"/>
        })}
        <div class="drawn-part" node_ref=node inner_html=part.html></div>
    }
}

/// A page's content that the server draws: the loading state, then the part (or the error instead). A change of
/// the resource's arguments keeps the part on screen until the next one is there.
#[component]
pub fn DrawnContent(data: Resource<Result<DrawnPart, AppError>>) -> impl IntoView {
    view! {
        <Transition fallback=|| view! { <Loading/> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(part) => view! { <DrawnPartView part=part/> }.erase(),
                    Err(e) => view! { <ErrorNotice err=e/> }.erase(),
                }
            })}
        </Transition>
    }
}

/// What brings the forms of the parts inside a [`LiveDrawnContent`] to life. Provided by it, so that only the pages
/// whose parts hold such forms carry that code (`components::live_forms`).
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
struct Live {
    changed: RwSignal<usize>,
    #[cfg(feature = "hydrate")]
    attach: fn(&web_sys::Element, RwSignal<usize>),
}

/// A [`DrawnContent`] whose POST forms to server functions post in the background: a success counts in `changed`
/// (which the resource reads, so the part is fetched and drawn again) and is announced in a live region that
/// outlives the drawings; a failure is shown in the form (`components::live_forms`).
#[component]
pub fn LiveDrawnContent(data: Resource<Result<DrawnPart, AppError>>, changed: RwSignal<usize>) -> impl IntoView {
    provide_context(Live {
        changed,
        #[cfg(feature = "hydrate")]
        attach: crate::components::live_forms::attach,
    });
    view! {
        <div class="drawn-content">
            <p class="live-notice visually-hidden" role="status"></p>
            <DrawnContent data/>
        </div>
    }
}

/// Calls `f` once, when `element` comes near the screen or anything in it takes the focus or changes (a script may
/// set a field without focusing it), whichever comes first: a drawn part that turns live loads its code only when
/// the reader gets to it. (`element` needs a box of its own: a drawn part is laid out as its content, so the page
/// observes a container around it.)
#[cfg(feature = "hydrate")]
pub fn when_needed(element: &web_sys::Element, f: impl FnOnce() + 'static) {
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let once = Rc::new(RefCell::new(Some(f)));
    let fire = move || {
        if let Some(f) = once.borrow_mut().take() {
            f()
        }
    };
    let touched = Closure::<dyn FnMut()>::new(fire.clone());
    for event in ["focusin", "change"] {
        let _ = element.add_event_listener_with_callback(event, touched.as_ref().unchecked_ref());
    }
    // Kept for the page's lifetime: one small closure per part.
    touched.forget();
    crate::charts::view::when_near_screen(element, fire);
}

/// Moves the focus to the element `id` (a live part took the place of the drawn one the reader was in).
#[cfg(feature = "hydrate")]
pub fn refocus(id: String) {
    use wasm_bindgen::JsCast;
    gloo::timers::callback::Timeout::new(0, move || {
        if let Some(e) =
            gloo::utils::document().get_element_by_id(&id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = e.focus();
        }
    })
    .forget();
}
