//! Turning core errors into the JS `ClickSendError` (js/api/error.js), in one place.

use clicksend_core::error::is_plain_code;
use clicksend_core::{envelope, Code, Error};
use wasm_bindgen::prelude::*;

// `raw_module`: the import names `./js/api/error.js` exactly, a path that means the same file from
// the crate root (where wasm-bindgen-test serves it) and from pkg/ (the build copies js/ there
// as it is), so the class wasm throws is the class the package exports.
#[wasm_bindgen(raw_module = "./js/api/error.js")]
extern "C" {
    /// The JS `ClickSendError` class, an `Error` subclass.
    #[wasm_bindgen(extends = js_sys::Error)]
    pub type ClickSendError;

    /// `new ClickSendError(message, {code, status, ...})`, from positional arguments.
    #[wasm_bindgen(js_name = fromWasm)]
    #[allow(clippy::too_many_arguments)]
    fn from_wasm(
        code: &str,
        status: u16,
        message: &str,
        data: &JsValue,
        retry_after: Option<f64>,
        retryable: bool,
        ambiguous: bool,
        started_at: f64,
        ended_at: f64,
    ) -> ClickSendError;
}

/// An error on its way to JS, with what only a response can add.
pub struct Rejection {
    pub error: Error,
    /// The body's `data`, or `undefined`.
    pub data: JsValue,
    pub retry_after: Option<f64>,
    /// Whether calling again is safe and may succeed (set once retries are over).
    pub retryable: bool,
    /// Whether the operation may have been carried out although the call failed.
    pub ambiguous: bool,
    /// When the call began and when it gave up (ms since 1970; 0: not sent at all).
    pub started_at: f64,
    pub ended_at: f64,
}

impl From<Error> for Rejection {
    fn from(error: Error) -> Self {
        Rejection { error, data: JsValue::UNDEFINED, retry_after: None, retryable: false, ambiguous: false, started_at: 0.0, ended_at: 0.0 }
    }
}

impl Rejection {
    /// The JS error. Every string in it goes through `redact`, which scrubs credentials: the
    /// code, the message and the data may all come from a server or the runtime. A code that
    /// is not a plain identifier (`[A-Z0-9_]{1,64}`) becomes `UNKNOWN_ERROR`, and the message
    /// quotes it, redacted.
    pub fn into_js(self, redact: impl Fn(&str) -> String) -> JsValue {
        let e = &self.error;
        let mut message = redact(&e.message);
        let mut code = redact(e.code.as_str());
        if !is_plain_code(&code) {
            message = format!("{message} (response_code: {})", envelope::snippet(&code));
            code = Code::Unknown.as_str().to_string();
        }
        let data = redact_data(self.data, &redact);
        from_wasm(&code, e.status, &message, &data, self.retry_after, self.retryable, self.ambiguous, self.started_at, self.ended_at).into()
    }
}

/// The most of an error's `data` the client checks for secrets and passes on, as JSON text:
/// larger data (only a 2xx answer that is not an envelope can have it) is left out.
const MAX_DATA_CHARS: u32 = 64 * 1024;

/// The body's `data` with credentials scrubbed too: a server or proxy may echo them there.
/// Only when one is found is the value rebuilt (from its redacted JSON text).
fn redact_data(data: JsValue, redact: &impl Fn(&str) -> String) -> JsValue {
    if data.is_undefined() || data.is_null() {
        return data;
    }
    let Some(json) = js_sys::JSON::stringify(&data).ok().filter(|t| t.length() <= MAX_DATA_CHARS) else { return JsValue::UNDEFINED };
    let Some(text) = json.as_string() else { return JsValue::UNDEFINED };
    let clean = redact(&text);
    if clean == text {
        return data;
    }
    js_sys::JSON::parse(&clean).unwrap_or(JsValue::UNDEFINED)
}
