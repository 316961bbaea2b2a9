//! Reading JS values, for every module that takes them from a caller: type names for
//! messages, plain-object checks, property reads, and the `INVALID_ARGUMENT` error.
//!
//! A caller's value can run code when it is read: a Proxy's traps, a getter, an iterator.
//! Every such read goes through an import marked `catch` (here, or `Reflect`'s), because an
//! exception thrown through wasm would leave its stack pointer wrong and every later call,
//! on any client, would fail. A value that throws is refused as `INVALID_ARGUMENT`.

use clicksend_core::Error;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// A `Uint8Array` made with `catch`: a detached buffer or a bad window throws.
    #[wasm_bindgen(js_name = Uint8Array)]
    type ByteView;
    #[wasm_bindgen(constructor, js_class = "Uint8Array", catch)]
    fn new(buffer: &JsValue, offset: f64, length: f64) -> Result<ByteView, JsValue>;

    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    fn object_keys(obj: &JsValue) -> Result<Array, JsValue>;
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn array_is_array(v: &JsValue) -> Result<bool, JsValue>;
}

/// `Array.isArray(v)`; a value that throws (a revoked Proxy) counts as not an array.
pub fn is_array(v: &JsValue) -> bool {
    array_is_array(v).unwrap_or(false)
}

/// `Object.keys(obj)` as strings, or the error for an object that cannot be read.
pub fn keys(what: &str, obj: &JsValue) -> Result<Vec<String>, Error> {
    let keys = object_keys(obj).map_err(|_| invalid(what, "an object that cannot be read (a revoked Proxy, or a trap that throws)"))?;
    Ok(keys.iter().map(|k| k.as_string().unwrap_or_default()).collect())
}

/// `obj[key]`, or the error for a property that cannot be read (a getter that throws).
pub fn read(what: &str, obj: &JsValue, key: &JsValue) -> Result<JsValue, Error> {
    Reflect::get(obj, key).map_err(|_| unreadable(what))
}

/// The error for a value whose reading threw (a getter or a Proxy's trap).
pub fn unreadable(what: &str) -> Error {
    invalid(what, "a value that cannot be read (a getter or a Proxy trap that throws)")
}

/// A copy of `length` bytes of `buffer` from `offset`, or the error for a buffer that cannot
/// be read (detached, or a window outside it).
pub fn bytes(what: &str, buffer: &JsValue, offset: f64, length: f64) -> Result<Vec<u8>, Error> {
    let view = ByteView::new(buffer, offset, length).map_err(|_| invalid(what, "the bytes cannot be read (a detached buffer?)"))?;
    Ok(view.unchecked_into::<js_sys::Uint8Array>().to_vec())
}

/// A number property of a value (`size`, `byteLength`), read with [`read`].
pub fn number(what: &str, v: &JsValue, key: &str) -> Result<f64, Error> {
    read(what, v, &key.into())?.as_f64().ok_or_else(|| invalid(what, format!("`{key}` is not a number")))
}

/// Whether the caller's signal is aborted, or the error for one whose `aborted` throws (an
/// object that only claims to be an AbortSignal).
pub fn aborted(what: &str, signal: &web_sys::AbortSignal) -> Result<bool, Error> {
    Ok(read(what, signal, &"aborted".into())?.is_truthy())
}

/// `obj.method()`, called with `catch`: a promise, or the error for a method that throws.
pub fn call(what: &str, obj: &JsValue, method: &str) -> Result<JsValue, Error> {
    let f: js_sys::Function = read(what, obj, &method.into())?.dyn_into().map_err(|_| invalid(what, format!("`{method}` is not a function")))?;
    f.call0(obj).map_err(|_| invalid(what, format!("`{method}()` threw")))
}

/// The items of an array, each read with [`read`] (a Proxy's traps run, caught).
pub fn items(what: &str, list: &JsValue) -> Result<Vec<JsValue>, Error> {
    let length = read(what, list, &"length".into())?.as_f64().filter(|n| n.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(n)).unwrap_or(0.0) as u32;
    (0..length).map(|i| read(what, list, &i.into())).collect()
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
    } else if is_array(v) {
        "an array"
    } else if v.is_function() {
        "a function"
    } else if v.is_object() {
        "an object"
    } else {
        "a value of another type"
    }
}

#[wasm_bindgen(raw_module = "./js/bridge/values.js")]
extern "C" {
    /// A plain object (not null, an array or a function), in one crossing instead of three.
    /// It cannot throw (a revoked Proxy counts as not an array, as in [`is_array`]).
    #[wasm_bindgen(js_name = isPlainObject)]
    pub fn is_plain_object(v: &JsValue) -> bool;
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
    for key in keys(what, obj)? {
        if !known.contains(&key.as_str()) {
            return Err(invalid(what, format!("unknown option `{key}` (known: {})", known.join(", "))));
        }
    }
    Ok(())
}
