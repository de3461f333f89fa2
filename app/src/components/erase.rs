//! Type-erased views that hydrate synchronously: what the pages use instead of `into_any()`.
//!
//! An `AnyView` keeps, for every type erased into it, the code to hydrate that type synchronously and also
//! asynchronously, and the asynchronous path recurses through every element under it. Only the router's lazy routes
//! need it (a page's part of the wasm may still be loading), and no page holds anything lazy itself — yet the
//! asynchronous copies were a fifth of the browser's code (1.8 MB of 8.8 MB before optimisation). A page's view and
//! every view erased inside one is therefore wrapped in [`SyncHydrated`], whose asynchronous hydration is its
//! synchronous one: `view.erase()` rather than `view.into_any()` (`clippy.toml` refuses the latter in the workspace).

use leptos::prelude::{AnyView, IntoAny};
use leptos::tachys::html::attribute::Attribute;
use leptos::tachys::html::attribute::any_attribute::AnyAttribute;
use leptos::tachys::hydration::Cursor;
use leptos::tachys::ssr::StreamBuilder;
use leptos::tachys::view::add_attr::AddAnyAttr;
use leptos::tachys::view::{Position, PositionState, Render, RenderHtml};

/// A view hydrated synchronously even where its parent hydrates asynchronously (see the module).
pub struct SyncHydrated<T>(T);

/// `erase()`: a view as an [`AnyView`] that hydrates synchronously.
pub trait Erase: RenderHtml + Sized {
    /// Erases the view's type (as `into_any()`) without compiling an asynchronous hydration for it.
    fn erase(self) -> AnyView {
        #[allow(clippy::disallowed_methods)]
        SyncHydrated(self).into_any()
    }
}

impl<T: RenderHtml> Erase for T {}

impl<T: Render> Render for SyncHydrated<T> {
    type State = T::State;

    fn build(self) -> Self::State {
        self.0.build()
    }

    fn rebuild(self, state: &mut Self::State) {
        self.0.rebuild(state)
    }
}

impl<T: AddAnyAttr> AddAnyAttr for SyncHydrated<T> {
    type Output<SomeNewAttr: Attribute> = SyncHydrated<T::Output<SomeNewAttr>>;

    fn add_any_attr<NewAttr: Attribute>(self, attr: NewAttr) -> Self::Output<NewAttr>
    where
        Self::Output<NewAttr>: RenderHtml,
    {
        SyncHydrated(self.0.add_any_attr(attr))
    }
}

impl<T: RenderHtml> RenderHtml for SyncHydrated<T> {
    type AsyncOutput = SyncHydrated<T::AsyncOutput>;
    type Owned = SyncHydrated<T::Owned>;

    const MIN_LENGTH: usize = T::MIN_LENGTH;
    const EXISTS: bool = T::EXISTS;

    fn dry_resolve(&mut self) {
        self.0.dry_resolve()
    }

    async fn resolve(self) -> Self::AsyncOutput {
        SyncHydrated(self.0.resolve().await)
    }

    fn html_len(&self) -> usize {
        self.0.html_len()
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        self.0.to_html_with_buf(buf, position, escape, mark_branches, extra_attrs)
    }

    fn to_html_async_with_buf<const OUT_OF_ORDER: bool>(
        self,
        buf: &mut StreamBuilder,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) where
        Self: Sized,
    {
        self.0.to_html_async_with_buf::<OUT_OF_ORDER>(buf, position, escape, mark_branches, extra_attrs)
    }

    fn hydrate<const FROM_SERVER: bool>(self, cursor: &Cursor, position: &PositionState) -> Self::State {
        self.0.hydrate::<FROM_SERVER>(cursor, position)
    }

    // `hydrate_async` is the trait's own: `async { self.hydrate::<true>(cursor, position) }`.

    fn into_owned(self) -> Self::Owned {
        SyncHydrated(self.0.into_owned())
    }
}

// What hydration relies on is passed through, checked as the crate compiles: a view that renders nothing stays one
// (an erased view puts a placeholder in its place), and the minimum length of the HTML is the wrapped view's. That
// the server renders a wrapped view as the view itself is tested with its rendering (tests/api/server_parts.rs).
const _: () = {
    assert!(!<SyncHydrated<()> as RenderHtml>::EXISTS);
    assert!(<SyncHydrated<&'static str> as RenderHtml>::EXISTS);
    assert!(<SyncHydrated<&'static str> as RenderHtml>::MIN_LENGTH == <&'static str as RenderHtml>::MIN_LENGTH);
};
