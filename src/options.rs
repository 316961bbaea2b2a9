//! Reading `new ClickSend(options)` off the JS object: unknown names and wrong
//! types are refused here; the values themselves are checked by `clicksend_core::options`.

use clicksend_core::options::{RawOptions, OPTION_NAMES};
use clicksend_core::Error;
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

fn invalid(msg: String) -> Error {
    Error::invalid_argument(format!("new ClickSend(): {msg}"))
}

/// The JS type name of a value, for messages (never the value itself: it may be a key).
pub fn type_name(v: &JsValue) -> &'static str {
    if v.is_undefined() {
        "undefined"
    } else if v.is_null() {
        "null"
    } else if v.as_string().is_some() {
        "a string"
    } else if v.as_f64().is_some() {
        "a number"
    } else if v.as_bool().is_some() {
        "a boolean"
    } else if js_sys::Array::is_array(v) {
        "an array"
    } else if v.is_function() {
        "a function"
    } else if v.is_object() {
        "an object"
    } else {
        "a value of another type"
    }
}

/// A plain object (not null, an array or a function).
pub fn is_plain_object(v: &JsValue) -> bool {
    v.is_object() && !js_sys::Array::is_array(v) && !v.is_function()
}

pub fn read(options: &JsValue) -> Result<RawOptions, Error> {
    if !is_plain_object(options) {
        return Err(invalid(format!("expected an options object, got {}", type_name(options))));
    }
    let obj: &Object = options.unchecked_ref();
    for key in Object::keys(obj).iter() {
        let key = key.as_string().unwrap_or_default();
        if !OPTION_NAMES.contains(&key.as_str()) {
            return Err(invalid(format!("unknown option `{key}` (known: {})", OPTION_NAMES.join(", "))));
        }
    }
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

/// The option's value: `undefined` when absent.
fn get(obj: &Object, name: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

fn string(obj: &Object, name: &str) -> Result<Option<String>, Error> {
    let v = get(obj, name);
    if v.is_undefined() {
        return Ok(None);
    }
    v.as_string().map(Some).ok_or_else(|| invalid(format!("`{name}` must be a string, got {}", type_name(&v))))
}

fn number(obj: &Object, name: &str) -> Result<Option<f64>, Error> {
    let v = get(obj, name);
    if v.is_undefined() {
        return Ok(None);
    }
    v.as_f64().map(Some).ok_or_else(|| invalid(format!("`{name}` must be a number, got {}", type_name(&v))))
}
