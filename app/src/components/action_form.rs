//! `<ActionForm>` and [`FormAction`]: a form that posts to a server function, with and without JavaScript.
//!
//! The form is a plain `<form method="post">` to the server function's URL: it works before hydration and without
//! JavaScript (the server function redirects such a post back to a page). Once hydrated, a submission is sent by
//! `fetch` with the form's own fields, URL-encoded as the browser would post them, and the answer is kept in the
//! action for the page to show. Nothing about the server function's arguments is compiled into the browser's wasm:
//! leptos's `ServerAction` read every form into the function's argument type and wrote it out again (`serde_qs`
//! both ways, per server function) and carried its own copy of the action machinery per function — on a page with
//! nine forms that was a fifth of its code. One untyped request path serves every form; only the answer's type is
//! read per function (most answers are `()`, a number or a key).

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos::web_sys::SubmitEvent;
use serde::de::DeserializeOwned;
use std::marker::PhantomData;

/// The state of the forms that post to server function `S`: its latest answer, how many answers came back
/// (pages refetch their data on it), and whether a post is under way.
pub struct FormAction<S: ServerFn> {
    url: &'static str,
    value: RwSignal<Option<Result<Answer<S>, AppError>>>,
    version: RwSignal<usize>,
    pending: RwSignal<bool>,
    _fn: PhantomData<fn() -> S>,
}

type Answer<S> = <S as ServerFn>::Output;

impl<S: ServerFn> Clone for FormAction<S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S: ServerFn> Copy for FormAction<S> {}

impl<S> FormAction<S>
where
    S: ServerFn<Error = AppError> + 'static,
    S::Output: DeserializeOwned + Clone + Send + Sync + 'static,
{
    /// A new action. After a post without JavaScript that failed, the server redirects back with the error in the
    /// query string (`__path`, `__err`): the action for that function starts with it, on the server and in the
    /// browser alike.
    pub fn new() -> Self {
        let first = use_context::<leptos::server::ServerActionError>()
            .filter(|e| e.path() == S::PATH)
            .map(|e| Err(url_error(e.err())));
        FormAction {
            url: S::PATH,
            value: RwSignal::new(first),
            version: RwSignal::new(0),
            pending: RwSignal::new(false),
            _fn: PhantomData,
        }
    }

    /// The latest answer (`None` before the first).
    pub fn value(&self) -> RwSignal<Option<Result<S::Output, AppError>>> {
        self.value
    }

    /// How many answers came back.
    pub fn version(&self) -> RwSignal<usize> {
        self.version
    }

    /// Whether a post is under way.
    pub fn pending(&self) -> RwSignal<bool> {
        self.pending
    }

    /// The server function's URL, where the plain form posts.
    pub fn url(&self) -> &'static str {
        self.url
    }

    /// Sends the form of `ev` (a submit event) and keeps the answer (in the browser; a form is never submitted on
    /// the server).
    pub fn submit(&self, ev: &SubmitEvent) {
        #[cfg(feature = "hydrate")]
        {
            let this = *self;
            let Some(body) = form_request(ev) else { return };
            this.pending.set(true);
            leptos::task::spawn_local(async move {
                let answer = post_text(this.url, body).await.and_then(|text| {
                    serde_json::from_str::<S::Output>(&text).map_err(|e| AppError::Transport(e.to_string()))
                });
                this.value.set(Some(answer));
                this.version.update(|n| *n += 1);
                this.pending.set(false);
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    }
}

impl<S> Default for FormAction<S>
where
    S: ServerFn<Error = AppError> + 'static,
    S::Output: DeserializeOwned + Clone + Send + Sync + 'static,
{
    fn default() -> Self {
        Self::new()
    }
}

/// A form that submits to `action` (see the module).
#[component]
pub fn ActionForm<S, C>(
    /// The action the form posts to.
    action: FormAction<S>,
    /// The form's fields and buttons.
    children: TypedChildren<C>,
) -> impl IntoView
where
    S: ServerFn<Error = AppError> + 'static,
    S::Output: DeserializeOwned + Clone + Send + Sync + 'static,
    C: IntoView + 'static,
{
    let on_submit = move |ev: SubmitEvent| {
        if ev.default_prevented() {
            return;
        }
        ev.prevent_default();
        action.submit(&ev);
    };
    view! { <form action=action.url() method="post" on:submit=on_submit>{children.into_inner()()}</form> }
}

/// The error a failed plain post carried back in the query string: URL-safe base64 of the error's JSON.
fn url_error(text: &str) -> AppError {
    let json = base64_url_decode(text).and_then(|bytes| String::from_utf8(bytes).ok());
    json.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_else(|| AppError::Transport(text.to_string()))
}

/// Decodes URL-safe base64, padded or not (`None` on any other character). A few lines here instead of a crate
/// in the browser's wasm: this is its only use.
fn base64_url_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.trim_end_matches('=').bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// The fields of `data`, URL-encoded as the browser would post them.
#[cfg(feature = "hydrate")]
pub(crate) fn url_encoded(data: &leptos::web_sys::FormData) -> Option<String> {
    let params = leptos::web_sys::UrlSearchParams::new_with_str_sequence_sequence(data).ok()?;
    Some(params.to_string().into())
}

/// The fields of the form of `ev` (a submit event) with the button that submitted it, URL-encoded.
#[cfg(feature = "hydrate")]
pub(crate) fn form_request(ev: &SubmitEvent) -> Option<String> {
    url_encoded(&leptos::form::form_data_from_event(ev).ok()?)
}

/// The one request path of every form: posts URL-encoded fields to server function `url` and reads the answer: the JSON text of the function's value,
/// or its error. A redirect the function asked for is followed by the router.
#[cfg(feature = "hydrate")]
pub async fn post_text(url: &str, body: String) -> Result<String, AppError> {
    let transport = |e: gloo_net::Error| AppError::Transport(e.to_string());
    let response = gloo_net::http::Request::post(url)
        .header("Accept", "application/json")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body)
        .map_err(transport)?
        .send()
        .await
        .map_err(transport)?;
    let redirect = response.headers().get(leptos::server_fn::redirect::REDIRECT_HEADER).is_some();
    let location = response.headers().get("Location");
    let text = response.text().await.map_err(transport)?;
    if (400..600).contains(&response.status()) {
        return Err(serde_json::from_str(&text).unwrap_or(AppError::Transport(text)));
    }
    if let Some(location) = location.filter(|_| redirect) {
        leptos::server_fn::redirect::call_redirect_hook(&location);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::base64_url_decode;

    #[test]
    fn decodes_url_safe_base64_with_and_without_padding() {
        assert_eq!(base64_url_decode("eyJhIjoxfQ").as_deref(), Some(&b"{\"a\":1}"[..]));
        assert_eq!(base64_url_decode("eyJhIjoxfQ==").as_deref(), Some(&b"{\"a\":1}"[..]));
        assert_eq!(base64_url_decode("-_8").as_deref(), Some(&[0xfb, 0xff][..]));
        assert_eq!(base64_url_decode("a b"), None);
    }
}
