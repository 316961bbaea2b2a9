//! Reading `new ClickSend(options)` off the JS object: unknown names and wrong
//! types are refused here; the values themselves are checked by `clicksend_core::options`.

use crate::js::{get, invalid, is_plain_object, keys, reject_unknown_keys, type_name};
use clicksend_core::options::{RateLimit, RawOptions, OPTION_NAMES};
use clicksend_core::Error;
use js_sys::{Function, Object};
use wasm_bindgen::prelude::*;

/// How messages about the options begin.
const WHAT: &str = "new ClickSend()";

/// The options, and the caller's `fetch` if it gave one.
pub fn read(options: &JsValue) -> Result<(RawOptions, Option<Function>), Error> {
    if !is_plain_object(options) {
        return Err(invalid(WHAT, format!("expected an options object, got {}", type_name(options))));
    }
    let obj: &Object = options.unchecked_ref();
    reject_unknown_keys(WHAT, obj, OPTION_NAMES)?;
    let fetch = get(obj, "fetch");
    let fetch = match fetch.dyn_into::<Function>() {
        Ok(f) => Some(f),
        Err(v) if v.is_undefined() => None,
        Err(_) => return Err(invalid(WHAT, "`fetch` must be a function with the signature of the global fetch")),
    };
    let raw = RawOptions {
        api_key: string(obj, "apiKey")?,
        username: string(obj, "username")?,
        connection: string(obj, "connection")?,
        base_url: string(obj, "baseUrl")?,
        control_url: string(obj, "controlUrl")?,
        timeout_ms: number(obj, "timeoutMs")?,
        max_retries: number(obj, "maxRetries")?,
        max_retry_delay_ms: number(obj, "maxRetryDelayMs")?,
        rate_limit: rate_limit(&get(obj, "rateLimit"))?,
    };
    Ok((raw, fetch))
}

/// `rateLimit`: absent, `false`, or `{perSecond, burst}` (the numbers checked in `Config::resolve`).
fn rate_limit(v: &JsValue) -> Result<RateLimit, Error> {
    const KNOWN: [&str; 2] = ["perSecond", "burst"];
    if v.is_undefined() {
        return Ok(RateLimit::Default);
    }
    if *v == JsValue::FALSE {
        return Ok(RateLimit::Off);
    }
    if !v.is_object() {
        return Err(invalid(WHAT, "`rateLimit` must be an object {perSecond, burst}, or false for none"));
    }
    if let Some(key) = keys(WHAT, v)?.into_iter().find(|k| !KNOWN.contains(&k.as_str())) {
        return Err(invalid(WHAT, format!("`rateLimit` has an unknown field `{key}` (known: perSecond, burst)")));
    }
    // A field of the wrong type reads as absent or as not a number: the messages say what is needed.
    let field = |name| get(v, name);
    let burst = field("burst");
    Ok(RateLimit::Given { per_second: field("perSecond").as_f64(), burst: if burst.is_undefined() { None } else { Some(burst.as_f64().unwrap_or(f64::NAN)) } })
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
