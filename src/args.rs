//! Reading a call's JS arguments into a checked request: path parameters, the query
//! object or the JSON body, and the call options (`{signal}`). Any problem is an
//! `INVALID_ARGUMENT` error and nothing is sent.

use crate::js::{aborted, bytes, get, invalid, is_array, is_plain_object, items, keys, number, read, reject_unknown_keys, type_name, unreadable};
use clicksend_core::endpoints::{BodyRule, Endpoint, Host, Input, Method};
use clicksend_core::messages::{self, MessageFields};
use clicksend_core::options::{self, CALL_OPTION_NAMES};
use clicksend_core::path::{self, PathArg};
use clicksend_core::{base64, query, Error};
use js_sys::{Array, ArrayBuffer, Object, JSON};
use wasm_bindgen::prelude::*;
use web_sys::{AbortSignal, Blob};

/// A request ready to send.
pub struct Outgoing {
    pub host: Host,
    /// Whether a success must be ClickSend's envelope (`Endpoint::enveloped`).
    pub enveloped: bool,
    /// Whether sending it twice is harmless (`Endpoint::repeat_safe`).
    pub repeat_safe: bool,
    pub method: Method,
    /// Path relative to `/v3`, already encoded, with its query string.
    pub path_and_query: String,
    pub body: Option<RequestBody>,
    pub options: CallOptions,
    /// The JS side's record of this call (js/bridge/hooks.js): what its events and `withResponse`
    /// are made from. `undefined` when the wasm `Client` is used directly.
    pub context: JsValue,
}

/// A call's options (its last argument): its signal, and what it overrides of the client's
/// settings for that call alone.
#[derive(Default)]
pub struct CallOptions {
    pub signal: Option<AbortSignal>,
    pub timeout_ms: Option<u32>,
    pub max_retries: Option<u32>,
    /// Extra request headers, each checked by `clicksend_core::options::check_header`.
    pub headers: Vec<(String, String)>,
}

/// A request body: JSON text (a JS string, never copied into wasm memory), or a `Blob` to
/// upload, which can only be read asynchronously (the transport turns it into
/// `{"content": base64}` before sending).
pub enum RequestBody {
    Json(JsValue),
    Blob(Blob),
}

/// The upload body ClickSend takes: the file's bytes in base64.
pub fn upload_json(bytes: &[u8]) -> String {
    format!("{{\"content\":\"{}\"}}", base64::encode(bytes))
}

/// Reads `client.<area>.<name>(...params, input?, options?)`; `what` is its `area.name`.
pub fn read_call(endpoint: &Endpoint, what: &str, args: &Array) -> Result<Outgoing, Error> {
    let n_params = endpoint.params().count();
    let path_args: Vec<PathArg> = (0..n_params).map(|i| path_arg(&args.get(i as u32))).collect();
    let path = path::fill(endpoint.path, endpoint.param_kinds, &path_args, what)?;

    // What follows the path parameters: the input (one or two arguments), then the options.
    let input = |i: u32| args.get(n_params as u32 + i);
    let (body, query, used) = match endpoint.input {
        Input::None => (None, String::new(), 0),
        Input::Query | Input::PagedQuery => (None, read_query(what, &input(0))?, 1),
        Input::Body(BodyRule::OptionalObject) if input(0).is_undefined() => (None, String::new(), 1),
        Input::Body(rule) => (Some(RequestBody::Json(read_body(what, rule, &input(0))?)), String::new(), 1),
        Input::BodyAndQuery(rule) => {
            let body = match rule {
                BodyRule::OptionalObject if input(0).is_undefined() => None,
                BodyRule::Upload => Some(read_upload(what, &input(0))?),
                rule => Some(RequestBody::Json(read_body(what, rule, &input(0))?)),
            };
            (body, read_query(what, &input(1))?, 2)
        }
    };
    let next = n_params as u32 + used;
    let options = read_call_options(what, &args.get(next))?;
    if args.length() > next + 1 {
        return Err(invalid(what, format!("takes at most {} arguments, got {}", next + 1, args.length())));
    }
    Ok(Outgoing {
        host: endpoint.host,
        enveloped: endpoint.enveloped,
        repeat_safe: endpoint.repeat_safe,
        method: endpoint.method,
        path_and_query: path + &query,
        body,
        options,
        context: JsValue::UNDEFINED,
    })
}

/// Reads `client.request(method, path, {query, body, signal})`.
pub fn read_request(method: &JsValue, path: &JsValue, init: &JsValue) -> Result<Outgoing, Error> {
    let what = "request";
    let method = method.as_string().and_then(|m| Method::parse(&m.to_ascii_uppercase())).ok_or_else(|| invalid(what, "method must be one of GET, POST, PUT, PATCH, DELETE"))?;
    let path = path.as_string().ok_or_else(|| invalid(what, format!("path must be a string, got {}", type_name(path))))?;
    path::check_raw(&path).map_err(|e| invalid(what, e.message))?;
    let outgoing = |path_and_query, body, options| Outgoing {
        host: Host::ClickSend,
        enveloped: true,
        repeat_safe: raw_repeat_safe(method),
        method,
        path_and_query,
        body,
        options,
        context: JsValue::UNDEFINED,
    };
    if init.is_undefined() {
        return Ok(outgoing(path, None, CallOptions::default()));
    }
    if !is_plain_object(init) {
        return Err(invalid(what, format!("the third argument must be an object {{query, body, signal, timeoutMs, maxRetries, headers}}, got {}", type_name(init))));
    }
    let init_obj: &Object = init.unchecked_ref();
    reject_unknown_keys(what, init_obj, &["query", "body", "signal", "timeoutMs", "maxRetries", "headers"])?;
    let query = read_query(what, &get(init, "query"))?;
    let body = match get(init, "body") {
        b if b.is_undefined() => None,
        // fetch throws for a GET with a body: refused here, before anything is sent or retried.
        _ if method == Method::Get => return Err(invalid(what, "a GET request has no body; put its parameters in `query`")),
        b if b.is_object() && !b.is_function() => Some(RequestBody::Json(stringify(what, &b)?)),
        b => return Err(invalid(what, format!("body must be an object or an array, got {}", type_name(&b)))),
    };
    Ok(outgoing(path + &query, body, read_overrides(what, init)?))
}

/// `client.request` knows no operation, so only reads and deletes count as safe to repeat.
fn raw_repeat_safe(method: Method) -> bool {
    matches!(method, Method::Get | Method::Delete)
}

fn path_arg(v: &JsValue) -> PathArg {
    if let Some(n) = v.as_f64() {
        PathArg::Number(n)
    } else if let Some(s) = v.as_string() {
        PathArg::Text(s)
    } else {
        PathArg::Other(type_name(v))
    }
}

/// The query object: its own keys in order; `undefined`/`null` values are left out. An array
/// value is sent item by item with an index, as ClickSend's descriptions document such
/// parameters (`filter[country_code][{index}]`): `key[0]=a&key[1]=b`, or with `{index}` in
/// the key filled in.
fn read_query(what: &str, v: &JsValue) -> Result<String, Error> {
    if v.is_undefined() || v.is_null() {
        return Ok(String::new());
    }
    if !is_plain_object(v) {
        return Err(invalid(what, format!("the query must be an object, got {}", type_name(v))));
    }
    if let Some(text) = query_text(v) {
        let mut parts = text.split('\0').filter(|_| !text.is_empty());
        return Ok(query::build_from(std::iter::from_fn(|| Some((parts.next()?, parts.next()?)))));
    }
    // What js/bridge/values.js does not simply handle, read here, where each mistake is named.
    let mut pairs = Vec::new();
    for key in keys(what, v)? {
        let value = read(what, v, &JsValue::from_str(&key))?;
        if value.is_undefined() || value.is_null() {
            continue;
        }
        if is_array(&value) {
            for (i, item) in items(what, &value)?.iter().enumerate() {
                let indexed = match clicksend_core::find(&key, "{index}") {
                    Some(at) => format!("{}{i}{}", key.get(..at).unwrap_or_default(), key.get(at + "{index}".len()..).unwrap_or_default()),
                    None => format!("{key}[{i}]"),
                };
                pairs.push((indexed, query_value(what, &key, item)?));
            }
        } else {
            pairs.push((key.clone(), query_value(what, &key, &value)?));
        }
    }
    Ok(query::build(&pairs))
}

/// One query value as text: a string, a finite number or a boolean.
fn query_value(what: &str, key: &str, value: &JsValue) -> Result<String, Error> {
    if let Some(s) = value.as_string() {
        Ok(s)
    } else if let Some(n) = value.as_f64().filter(|n| n.is_finite()) {
        Ok(String::from(js_sys::Number::from(n).to_string_with_radix(10).unwrap_or_else(|_| js_sys::JsString::from(""))))
    } else if let Some(b) = value.as_bool() {
        Ok(b.to_string())
    } else {
        Err(invalid(what, format!("query `{key}` must be a string, a finite number, a boolean or an array of them, got {}", type_name(value))))
    }
}

fn read_body(what: &str, rule: BodyRule, v: &JsValue) -> Result<JsValue, Error> {
    if !is_plain_object(v) {
        return Err(invalid(what, format!("the body must be an object, got {}", type_name(v))));
    }
    if let BodyRule::Messages(kind) = rule {
        let list = read(what, v, &"messages".into())?;
        let fields: Option<Vec<MessageFields>> = match is_array(&list) {
            true => Some(read_message_fields(what, &list)?),
            false => None,
        };
        let shared_media_file = get(v, "media_file").as_string().is_some_and(|s| !s.is_empty());
        messages::check(kind, what, fields.as_deref(), shared_media_file)?;
    }
    stringify(what, v)
}

/// The largest file the client uploads: 20 MB. ClickSend documents no limit for `/uploads`,
/// and its documented file limits are far smaller (250 kB for an MMS); checking the size first
/// means a huge Blob or buffer is refused before a byte of it is read or copied.
pub const MAX_UPLOAD_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

fn check_upload_size(what: &str, size: f64) -> Result<(), Error> {
    if size > MAX_UPLOAD_BYTES {
        return Err(invalid(what, "the file is larger than 20 MB, the most the client uploads"));
    }
    Ok(())
}

/// A file to upload: `{content: base64}` as the API takes it, or its bytes.
fn read_upload(what: &str, v: &JsValue) -> Result<RequestBody, Error> {
    if let Some(blob) = v.dyn_ref::<Blob>() {
        check_upload_size(what, number(what, v, "size")?)?;
        return Ok(RequestBody::Blob(blob.clone()));
    }
    if v.dyn_ref::<js_sys::ArrayBuffer>().is_some() {
        let length = number(what, v, "byteLength")?;
        check_upload_size(what, length)?;
        return Ok(RequestBody::Json(upload_json(&bytes(what, v, 0.0, length)?).into()));
    }
    if ArrayBuffer::is_view(v) {
        // Any typed array or DataView: its bytes, read through the view's own window.
        let (offset, length) = (number(what, v, "byteOffset")?, number(what, v, "byteLength")?);
        check_upload_size(what, length)?;
        let buffer = read(what, v, &"buffer".into())?;
        return Ok(RequestBody::Json(upload_json(&bytes(what, &buffer, offset, length)?).into()));
    }
    if is_plain_object(v) && read(what, v, &"content".into())?.as_string().is_some_and(|c| !c.is_empty()) {
        check_upload_size(what, read(what, v, &"content".into())?.as_string().map_or(0, |c| c.len()) as f64 * 3.0 / 4.0)?;
        return Ok(RequestBody::Json(stringify(what, v)?));
    }
    Err(invalid(what, format!("give the file as a Blob, an ArrayBuffer, a Uint8Array or {{content: base64}}, got {}", type_name(v))))
}

#[wasm_bindgen(raw_module = "./js/bridge/values.js")]
extern "C" {
    /// For each message of an array, what the check needs to know of it, as bits (below):
    /// one crossing for a batch, where reading six fields of each message from here made
    /// thousands. Throws when the array itself cannot be read.
    #[wasm_bindgen(js_name = messageBits, catch)]
    fn message_bits(list: &JsValue) -> Result<js_sys::Uint16Array, JsValue>;
    /// `String(message[key])` of every message joined by NUL (empty where absent), or
    /// `None` when a text holds a NUL; throws when the array cannot be read.
    #[wasm_bindgen(js_name = messageText, catch)]
    fn message_text(list: &JsValue, key: &str) -> Result<Option<String>, JsValue>;
    /// A query object's pairs as `key\0value\0...`, or `None` for anything unusual (an
    /// array, a value of another type, a getter that throws): then read from here.
    /// It cannot throw.
    #[wasm_bindgen(js_name = queryText)]
    fn query_text(query: &JsValue) -> Option<String>;
}

// The bits js/bridge/values.js sets for a message (the same values there).
const TO: u16 = 1;
const LIST_ID: u16 = 2;
const BODY: u16 = 4;
const MEDIA_FILE: u16 = 8;
const VOICE: u16 = 16;
const VOICE_KNOWN: u16 = 32;
const SCHEDULE: u16 = 64;
const SCHEDULE_INTEGER: u16 = 128;
const CUSTOM_STRING: u16 = 256;
const FROM: u16 = 512;

/// What `messages::check` needs of each message: the bits, then the texts of `custom_string`
/// and `from` where some message has them (one crossing each for the whole batch).
fn read_message_fields(what: &str, list: &JsValue) -> Result<Vec<MessageFields>, Error> {
    let bits = message_bits(list).map_err(|_| unreadable(what))?.to_vec();
    let mut fields: Vec<MessageFields> = bits.iter().copied().map(message_fields).collect();
    let texts = |key: &str, bit: u16| -> Result<Option<Vec<String>>, Error> {
        if !bits.iter().any(|b| b & bit != 0) {
            return Ok(None);
        }
        let joined = message_text(list, key).map_err(|_| unreadable(what))?;
        let Some(joined) = joined else {
            return Err(invalid(what, format!("a message's `{key}` holds a NUL character")));
        };
        Ok(Some(joined.split('\0').map(String::from).collect()))
    };
    if let Some(all) = texts("custom_string", CUSTOM_STRING)? {
        for (f, (text, b)) in fields.iter_mut().zip(all.into_iter().zip(&bits)) {
            f.custom_string = (b & CUSTOM_STRING != 0).then_some(text);
        }
    }
    if let Some(all) = texts("from", FROM)? {
        for (f, (text, b)) in fields.iter_mut().zip(all.into_iter().zip(&bits)) {
            f.from = (b & FROM != 0).then_some(text);
        }
    }
    Ok(fields)
}

fn message_fields(bits: u16) -> MessageFields {
    let has = |bit: u16| bits & bit != 0;
    MessageFields {
        has_to: has(TO),
        has_list_id: has(LIST_ID),
        has_body: has(BODY),
        has_media_file: has(MEDIA_FILE),
        voice_known: has(VOICE).then_some(has(VOICE_KNOWN)),
        schedule_is_integer: has(SCHEDULE).then_some(has(SCHEDULE_INTEGER)),
        custom_string: None,
        from: None,
    }
}

/// `JSON.stringify(v)`, kept a JS string.
fn stringify(what: &str, v: &JsValue) -> Result<JsValue, Error> {
    JSON::stringify(v).ok().map(JsValue::from).filter(|s| s.is_string()).ok_or_else(|| invalid(what, "the body cannot be serialized as JSON (a cycle, a BigInt or a function?)"))
}

/// The last argument of every function: `{signal}` or nothing.
pub fn read_call_options(what: &str, v: &JsValue) -> Result<CallOptions, Error> {
    if v.is_undefined() {
        return Ok(CallOptions::default());
    }
    if !is_plain_object(v) {
        return Err(invalid(what, format!("call options must be an object {{signal, timeoutMs, maxRetries, headers}}, got {}", type_name(v))));
    }
    reject_unknown_keys(what, v.unchecked_ref(), CALL_OPTION_NAMES)?;
    read_overrides(what, v)
}

/// `signal`, `timeoutMs`, `maxRetries` and `headers` of a call's options, each checked.
fn read_overrides(what: &str, v: &JsValue) -> Result<CallOptions, Error> {
    let number = |key: &str, check: fn(f64) -> Result<u32, &'static str>| -> Result<Option<u32>, Error> {
        let value = read(what, v, &key.into())?;
        if value.is_undefined() {
            return Ok(None);
        }
        let n = value.as_f64().ok_or_else(|| invalid(what, format!("`{key}` must be a number, got {}", type_name(&value))))?;
        check(n).map(Some).map_err(|m| invalid(what, m))
    };
    Ok(CallOptions {
        signal: read_signal(what, &read(what, v, &"signal".into())?)?,
        timeout_ms: number("timeoutMs", options::timeout_ms)?,
        max_retries: number("maxRetries", options::max_retries)?,
        headers: read_headers(what, &read(what, v, &"headers".into())?)?,
    })
}

/// A call's extra headers, each checked: a plain object of strings, or what fetch takes
/// besides (a `Headers`, a `Map` or an array of `[name, value]` pairs).
fn read_headers(what: &str, v: &JsValue) -> Result<Vec<(String, String)>, Error> {
    if v.is_undefined() {
        return Ok(Vec::new());
    }
    // An iterable first (a Headers or a Map has no own keys: read as an object, it was empty).
    let iterable = v.is_object() && js_sys::try_iter(v).map_err(|_| unreadable(what))?.is_some();
    let pairs = if iterable {
        header_pairs(what, v)?
    } else if is_plain_object(v) {
        let mut pairs = Vec::new();
        for name in keys(what, v)? {
            pairs.push((name.clone(), read(what, v, &JsValue::from_str(&name))?));
        }
        pairs
    } else {
        return Err(invalid(what, format!("`headers` must be an object of header names and values, a Headers, a Map or [name, value] pairs, got {}", type_name(v))));
    };
    let mut out = Vec::new();
    for (name, value) in pairs {
        let value = value.as_string().ok_or_else(|| invalid(what, format!("header `{name}` must be a string, got {}", type_name(&value))))?;
        options::check_header(&name, &value).map_err(|m| invalid(what, m))?;
        out.push((name, value));
    }
    Ok(out)
}

/// The `[name, value]` pairs of an iterable of them (a `Headers`, a `Map`, an array).
fn header_pairs(what: &str, v: &JsValue) -> Result<Vec<(String, JsValue)>, Error> {
    let wrong = || invalid(what, format!("`headers` must be an object of header names and values, a Headers, a Map or [name, value] pairs, got {}", type_name(v)));
    let broken = |_| unreadable(what);
    let iter = js_sys::try_iter(v).map_err(broken)?.ok_or_else(wrong)?;
    let mut pairs = Vec::new();
    for entry in iter {
        let entry = entry.map_err(broken)?;
        let pair: Option<&Array> = entry.dyn_ref();
        let (name, value) = pair.filter(|p| p.length() == 2).map(|p| (p.get(0), p.get(1))).ok_or_else(wrong)?;
        let name = name.as_string().ok_or_else(wrong)?;
        pairs.push((name, value));
    }
    Ok(pairs)
}

pub fn read_signal(what: &str, v: &JsValue) -> Result<Option<AbortSignal>, Error> {
    if v.is_undefined() {
        return Ok(None);
    }
    let signal = v.clone().dyn_into::<AbortSignal>().map_err(|v| invalid(what, format!("`signal` must be an AbortSignal, got {}", type_name(&v))))?;
    aborted(what, &signal)?; // refuses an object that only claims to be one
    Ok(Some(signal))
}
