//! Reading `new ClickSend(options)` off the JS object: unknown names and wrong
//! types are refused here; the values themselves are checked by `clicksend_core::options`.

use crate::js::{get, invalid, is_plain_object, reject_unknown_keys, type_name};
use clicksend_core::options::{RawOptions, OPTION_NAMES};
use clicksend_core::Error;
use js_sys::Object;
use wasm_bindgen::prelude::*;

/// How messages about the options begin.
const WHAT: &str = "new ClickSend()";

pub fn read(options: &JsValue) -> Result<RawOptions, Error> {
    if !is_plain_object(options) {
        return Err(invalid(WHAT, format!("expected an options object, got {}", type_name(options))));
    }
    let obj: &Object = options.unchecked_ref();
    reject_unknown_keys(WHAT, obj, OPTION_NAMES)?;
    Ok(RawOptions {
        api_key: string(obj, "apiKey")?,
        username: string(obj, "username")?,
        connection: string(obj, "connection")?,
        base_url: string(obj, "baseUrl")?,
        control_url: string(obj, "controlUrl")?,
        timeout_ms: number(obj, "timeoutMs")?,
        max_retries: number(obj, "maxRetries")?,
        max_retry_delay_ms: number(obj, "maxRetryDelayMs")?,
    })
}

fn string(obj: &Object, name: &str) -> Result<Option<String>, Error> {
    let v = get(obj, name);
    if v.is_undefined() {
        return Ok(None);
    }
    v.as_string().map(Some).ok_or_else(|| invalid(WHAT, format!("`{name}` must be a string, got {}", type_name(&v))))
}

fn number(obj: &Object, name: &str) -> Result<Option<f64>, Error> {
    let v = get(obj, name);
    if v.is_undefined() {
        return Ok(None);
    }
    v.as_f64().map(Some).ok_or_else(|| invalid(WHAT, format!("`{name}` must be a number, got {}", type_name(&v))))
}
