//! Reading what `fetch` resolved with, within limits, so that no answer can exhaust memory: a
//! success body of at most [`MAX_BODY_BYTES`] (JSON.parse needs it whole), and an error body
//! only to its first [`MAX_ERROR_BODY_BYTES`] (enough for ClickSend's error envelope; a longer
//! body, such as a proxy's page, is only quoted). The text stays a JS string: it enters wasm
//! memory only to be quoted in an error. A custom fetch may resolve with a look-alike (headers
//! as a `Map` or a plain object, no stream), so everything is read with `catch`.

use crate::deadline::Bound;
use js_sys::{Function, Reflect, Uint8Array};
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
    fn decode(this: &Decoder, bytes: &Uint8Array) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_name = String, catch)]
    fn to_js_string(value: &JsValue) -> Result<String, JsValue>;

    /// `stream.getReader()` with `catch`: a stream already locked throws.
    #[wasm_bindgen(js_namespace = ["ReadableStream", "prototype", "getReader"], js_name = call, catch)]
    fn reader_of(stream: &ReadableStream) -> Result<ReadableStreamDefaultReader, JsValue>;

    /// What a default reader's `read()` resolves with (the reader is a real stream's).
    type ReadResult;
    #[wasm_bindgen(method, getter)]
    fn done(this: &ReadResult) -> bool;
    #[wasm_bindgen(method, getter)]
    fn value(this: &ReadResult) -> JsValue;
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
    // A compressed body declares its compressed length, and fetch hands it over decompressed:
    // only an uncompressed one is held to its declared length.
    let encoded = header(&headers, "content-encoding")?.is_some_and(|e| !e.eq_ignore_ascii_case("identity"));
    // The common case: a length within the limit (fetch holds the body to it), or no stream.
    let stream = match !encoded && declared.is_some_and(|d| length(&d).is_some_and(|n| n <= limit)) {
        true => None,
        false => Reflect::get(response, &"body".into())?.dyn_into::<ReadableStream>().ok(),
    };
    let (text, complete) = match stream {
        Some(stream) => read_stream(&stream, limit, deadline).await?,
        None => (deadline.within(response.unchecked_ref::<Response>().text()?.as_ref()).await?, true),
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
/// The chunks are decoded once, at the end (most bodies are one chunk): decoding each as it
/// came cost every call a decoder and a crossing per chunk.
async fn read_stream(stream: &ReadableStream, limit: f64, deadline: &Bound) -> Result<(JsValue, bool), JsValue> {
    let reader = reader_of(stream)?;
    let mut chunks: Vec<Uint8Array> = Vec::new();
    let mut size = 0.0;
    let complete = loop {
        let chunk: ReadResult = deadline.within(reader.read().as_ref()).await?.unchecked_into();
        if chunk.done() {
            break true;
        }
        let value: Uint8Array = chunk.value().dyn_into()?;
        let room = limit - size;
        size += f64::from(value.byte_length());
        if size > limit {
            chunks.push(value.subarray(0, room as u32));
            // The rest is not wanted; a failure to cancel changes nothing about what was read.
            let _ = reader.cancel();
            break false;
        }
        chunks.push(value);
    };
    let bytes = match chunks.len() {
        1 => chunks.pop().unwrap_or_default(),
        _ => {
            let all = Uint8Array::new_with_length(size.min(limit) as u32);
            let mut at = 0;
            for chunk in &chunks {
                all.set(chunk, at);
                at += chunk.byte_length();
            }
            all
        }
    };
    DECODER.with(|d| d.as_ref().map_err(Clone::clone)?.decode(&bytes)).map(|text| (text, complete))
}

thread_local! {
    /// One decoder for every body: decoding whole bytes (no `stream` option) keeps no state.
    static DECODER: Result<Decoder, JsValue> = Decoder::new();
}
