//! Reading what `fetch` resolved with, within limits, so that no answer can exhaust memory: a
//! success body of at most [`MAX_BODY_BYTES`] (JSON.parse needs it whole), and an error body
//! only to its first [`MAX_ERROR_BODY_BYTES`] (enough for ClickSend's error envelope; a longer
//! body, such as a proxy's page, is only quoted). The text stays a JS string: it enters wasm
//! memory only to be quoted in an error. A custom fetch may resolve with a look-alike (headers
//! as a `Map` or a plain object, no stream), so everything is read with `catch`.

use crate::deadline::Bound;
use js_sys::{Function, JsString, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use web_sys::{Headers, ReadableStream, ReadableStreamDefaultReader, Response};

/// The largest success body the client reads: 16 MB.
pub const MAX_BODY_BYTES: f64 = 16.0 * 1024.0 * 1024.0;
/// How much of an error body the client reads: 64 KB.
pub const MAX_ERROR_BODY_BYTES: f64 = 64.0 * 1024.0;

#[wasm_bindgen]
extern "C" {
    /// A `TextDecoder` whose text stays in JS (web-sys's `decode` copies it into wasm memory).
    #[wasm_bindgen(js_name = TextDecoder)]
    type Decoder;
    #[wasm_bindgen(constructor, js_class = "TextDecoder", catch)]
    fn new() -> Result<Decoder, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn decode(this: &Decoder, chunk: &JsValue, options: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_name = String, catch)]
    fn to_js_string(value: &JsValue) -> Result<String, JsValue>;
}

/// What a response held.
pub struct Answer {
    pub status: u16,
    /// The body, a JS string: copied into wasm memory only for an error's message.
    pub text: JsValue,
    /// False when the body was longer than its limit and only its start was read.
    pub complete: bool,
    pub retry_after: Option<String>,
}

/// Reads `response` within its limits; rejects if anything about it throws or it is not a
/// Response, and as soon as the deadline stops the call.
pub async fn read(response: &JsValue, deadline: &Bound) -> Result<Answer, JsValue> {
    let status = Reflect::get(response, &"status".into())?.as_f64().filter(|s| s.fract() == 0.0 && (100.0..=599.0).contains(s));
    let Some(status) = status.map(|s| s as u16) else {
        return Err(js_sys::TypeError::new("fetch resolved with something that is not a Response").into());
    };
    let success = (200..300).contains(&status);
    let headers = Reflect::get(response, &"headers".into())?;
    // Only a failure's Retry-After matters (a 429 or 503 says when to try again).
    let retry_after = if success { None } else { header(&headers, "retry-after")? };
    let limit = if success { MAX_BODY_BYTES } else { MAX_ERROR_BODY_BYTES };
    let declared = header(&headers, "content-length")?;
    // The common case: a length within the limit (fetch holds the body to it), or no stream.
    let stream = match declared.is_some_and(|d| length(&d).is_some_and(|n| n <= limit)) {
        true => None,
        false => Reflect::get(response, &"body".into())?.dyn_into::<ReadableStream>().ok(),
    };
    let (text, complete) = match stream {
        Some(stream) => read_stream(&stream, limit, deadline).await?,
        None => (deadline.within(response.unchecked_ref::<Response>().text()?).await?, true),
    };
    Ok(Answer { status, text, complete, retry_after })
}

/// A `Content-Length` of digits only, read by hand: `str::parse::<f64>` would bring the
/// standard library's float parser (kilobytes) into the .wasm.
fn length(declared: &str) -> Option<f64> {
    if declared.is_empty() || !declared.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(declared.bytes().fold(0.0, |n, b| n * 10.0 + f64::from(b - b'0')))
}

/// A header of a Response, or of a look-alike's headers (a `Map`, a plain object).
fn header(headers: &JsValue, name: &str) -> Result<Option<String>, JsValue> {
    // `get` first (a `Headers` or a `Map`): one crossing in the common case.
    match headers.unchecked_ref::<Headers>().get(name) {
        Ok(value) => return Ok(value),
        Err(e) if Reflect::get(headers, &"get".into())?.is_instance_of::<Function>() => return Err(e),
        Err(_) => {}
    }
    if !headers.is_object() {
        return Ok(None);
    }
    let keys = crate::js::keys("headers", headers).map_err(|e| JsValue::from_str(&e.message))?;
    match keys.iter().find(|k| k.eq_ignore_ascii_case(name)) {
        Some(key) => Ok(Some(to_js_string(&Reflect::get(headers, &key.into())?)?)),
        None => Ok(None),
    }
}

/// The body read chunk by chunk, stopping at `limit` bytes: the text and whether it is whole.
async fn read_stream(stream: &ReadableStream, limit: f64, deadline: &Bound) -> Result<(JsValue, bool), JsValue> {
    if stream.locked() {
        return Err(js_sys::TypeError::new("the response's body is already being read").into());
    }
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let decoder = Decoder::new()?;
    let streaming = Object::new();
    Reflect::set(&streaming, &"stream".into(), &JsValue::TRUE)?;
    let mut text = JsString::from("");
    let mut size = 0.0;
    loop {
        let chunk = deadline.within(reader.read()).await?;
        if Reflect::get(&chunk, &"done".into())?.is_truthy() {
            return Ok((text.concat(&decoder.decode(&JsValue::UNDEFINED, &JsValue::UNDEFINED)?).into(), true));
        }
        let value: Uint8Array = Reflect::get(&chunk, &"value".into())?.dyn_into()?;
        let room = limit - size;
        size += f64::from(value.byte_length());
        if size > limit {
            text = text.concat(&decoder.decode(&value.subarray(0, room as u32), &JsValue::UNDEFINED)?);
            // The rest is not wanted; a failure to cancel changes nothing about what was read.
            let _ = reader.cancel();
            return Ok((text.into(), false));
        }
        text = text.concat(&decoder.decode(&value, &streaming)?);
    }
}
