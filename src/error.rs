//! Turning core errors into the JS `ClickSendError` (js/error.js), in one place.

use clicksend_core::Error;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/error.js")]
extern "C" {
    /// The JS `ClickSendError` class, an `Error` subclass.
    #[wasm_bindgen(extends = js_sys::Error)]
    pub type ClickSendError;

    #[wasm_bindgen(constructor)]
    fn new(code: &str, status: u16, message: &str, data: &JsValue, retry_after: Option<f64>, retryable: bool, ambiguous: bool) -> ClickSendError;
}

/// An error on its way to JS, with what only a response can add.
pub struct Failure {
    pub error: Error,
    /// The body's `data`, or `undefined`.
    pub data: JsValue,
    pub retry_after: Option<f64>,
    /// Whether calling again is safe and may succeed (set once retries are over).
    pub retryable: bool,
    /// Whether the operation may have been carried out although the call failed.
    pub ambiguous: bool,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure { error, data: JsValue::UNDEFINED, retry_after: None, retryable: false, ambiguous: false }
    }
}

impl Failure {
    /// The JS error. `redact` scrubs credentials from the message, which may quote
    /// text that came from a server or the runtime.
    pub fn into_js(self, redact: impl Fn(&str) -> String) -> JsValue {
        let e = &self.error;
        ClickSendError::new(e.code.as_str(), e.status, &redact(&e.message), &self.data, self.retry_after, self.retryable, self.ambiguous).into()
    }
}
