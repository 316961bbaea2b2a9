//! Reading JS values, for every module that takes them from a caller: type names for
//! messages, plain-object checks, property reads, and the `INVALID_ARGUMENT` error.

use clicksend_core::Error;
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

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

/// `obj[key]`: `undefined` when absent (or when a getter throws).
pub fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// The caller's mistake, in `what` (a function's name): `INVALID_ARGUMENT`.
pub fn invalid(what: &str, msg: impl std::fmt::Display) -> Error {
    Error::invalid_argument(format!("{what}: {msg}"))
}

/// Refuses an object with a key not in `known`, naming the first one found.
pub fn reject_unknown_keys(what: &str, obj: &Object, known: &[&str]) -> Result<(), Error> {
    for key in Object::keys(obj).iter() {
        let key = key.as_string().unwrap_or_default();
        if !known.contains(&key.as_str()) {
            return Err(invalid(what, format!("unknown option `{key}` (known: {})", known.join(", "))));
        }
    }
    Ok(())
}
