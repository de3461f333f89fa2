//! Server functions, grouped by feature, with the data types they exchange with the UI.
//! Each server function is thin: read state and session, parse arguments, call one service, map the error.

pub mod auth;
pub mod bias;
pub mod charts;
pub mod competency;
#[cfg(feature = "ssr")]
pub mod context;
pub mod dashboard;
pub mod feedback;
pub mod hr;
pub mod import;
pub mod integration;
pub mod org;
pub mod plan;
pub mod programme;
pub mod report;
pub mod skp;
pub mod talent;
pub mod training;

pub use domain::view::*;

/// The encoding of every server function's answer: JSON, as `server_fn`'s own `Json`, but read in the browser from
/// text (`serde_json::from_str`) as the resources' data embedded in a page is. With `Json` every answer type was
/// compiled into the wasm twice, once per JSON reader (bytes and text): 1.5 MB of the 8.8 MB of code before
/// optimisation was the two readers' copies.
pub type JsonText = leptos::server_fn::codec::Post<JsonTextEncoding>;

/// See [`JsonText`].
pub struct JsonTextEncoding;

impl leptos::server_fn::ContentType for JsonTextEncoding {
    const CONTENT_TYPE: &'static str = "application/json";
}

impl leptos::server_fn::FormatType for JsonTextEncoding {
    const FORMAT_TYPE: leptos::server_fn::Format = leptos::server_fn::Format::Text;
}

impl<T: serde::Serialize> leptos::server_fn::Encodes<T> for JsonTextEncoding {
    type Error = serde_json::Error;

    fn encode(output: &T) -> Result<leptos::server_fn::Bytes, Self::Error> {
        serde_json::to_vec(output).map(leptos::server_fn::Bytes::from)
    }
}

impl<T: serde::de::DeserializeOwned> leptos::server_fn::Decodes<T> for JsonTextEncoding {
    type Error = serde_json::Error;

    fn decode(bytes: leptos::server_fn::Bytes) -> Result<T, Self::Error> {
        let text = std::str::from_utf8(&bytes).map_err(<serde_json::Error as serde::de::Error>::custom)?;
        serde_json::from_str(text)
    }
}
