//! Sending a call: its retries under one deadline, each attempt through src/fetch.rs, and the
//! answer turned into the envelope or a [`Rejection`].

use crate::args::{upload_json, Outgoing, RequestBody};
use crate::deadline::Bound;
use crate::error::Rejection;
use crate::fetch::{self, Unanswered};
use crate::response::Answer;
use crate::session::Session;
use clicksend_core::envelope::{self, ResponseBody};
use clicksend_core::options::Config;
use clicksend_core::{retry, retry_after, Code, Error};
use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    // JSON.parse on a JS string, without copying it into wasm memory first.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &JsValue) -> Result<JsValue, JsValue>;

    /// A parsed answer's envelope fields (absent on other JSON); `catch`: a getter on
    /// `Object.prototype` could throw.
    type Envelope;
    #[wasm_bindgen(method, getter, catch)]
    fn response_code(this: &Envelope) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch)]
    fn response_msg(this: &Envelope) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch)]
    fn data(this: &Envelope) -> Result<JsValue, JsValue>;
    /// A gateway's own error text (`{"error": "..."}`; some send `message`).
    #[wasm_bindgen(method, getter, catch)]
    fn error(this: &Envelope) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch)]
    fn message(this: &Envelope) -> Result<JsValue, JsValue>;
}

/// A `Blob`'s bytes as the upload body ClickSend takes.
async fn read_blob(blob: &web_sys::Blob) -> Result<String, Error> {
    let unreadable = |e: JsValue| Error::invalid_argument(format!("uploads: the Blob could not be read: {}", js_error_text(&e)));
    let promise = Promise::resolve(&crate::js::call("uploads: the Blob", blob, "arrayBuffer")?);
    let buffer = JsFuture::from(promise).await.map_err(unreadable)?;
    let length = crate::js::number("uploads", &buffer, "byteLength")?;
    Ok(upload_json(&crate::js::bytes("uploads", &buffer, 0.0, length)?))
}

/// A readable text for a thrown JS value: `TypeError: fetch failed (connect ECONNREFUSED ...)`.
/// Node's fetch hides the reason in `cause`, so that is added when there is one.
fn js_error_text(e: &JsValue) -> String {
    let Some(error) = e.dyn_ref::<js_sys::Error>() else {
        return e.as_string().unwrap_or_else(|| "an unknown error".into());
    };
    let mut text = format!("{}: {}", String::from(error.name()), String::from(error.message()));
    if let Some(cause) = error.cause().dyn_ref::<js_sys::Error>() {
        text = format!("{text} ({})", String::from(cause.message()));
    }
    text
}

/// Sends a request, retrying as `clicksend_core::retry` allows, and resolves with the
/// envelope exactly as the server sent it. `timeoutMs` and the caller's signal bound the
/// whole call, backoff included.
pub async fn send(session: &Session, out: Outgoing) -> Result<JsValue, Rejection> {
    let config = &session.config;
    if let Some(signal) = &out.options.signal {
        if crate::js::aborted("signal", signal)? {
            return Err(Error::new(Code::Aborted, 0, "the signal was already aborted; nothing was sent").into());
        }
    }
    // A call's own `timeoutMs` and `maxRetries` replace the client's for that call.
    let policy = retry::Policy { max_retries: out.options.max_retries.unwrap_or(config.retry.max_retries), ..config.retry };
    let deadline = Bound::start(out.options.timeout_ms.unwrap_or(config.timeout_ms), out.options.signal.clone())?;
    // When the call began and gave up, on its error: a send that may still be carried out
    // after the client stopped waiting is reconciled only once it has had time to land.
    let started_at = js_sys::Date::now();
    let stamped = |mut r: Rejection| {
        r.started_at = started_at;
        r.ended_at = js_sys::Date::now();
        r
    };
    let body = match &out.body {
        None => None,
        Some(RequestBody::Json(text)) => Some(text.clone()),
        Some(RequestBody::Blob(blob)) => Some(JsValue::from_str(&read_blob(blob).await?)),
    };
    let mut attempt = 0;
    loop {
        let (mut failure, kind) = match attempt_once(session, &out, body.as_ref(), &deadline, attempt + 1).await {
            Ok(value) => return Ok(value),
            Err(f) => f,
        };
        let delay = retry::next_delay(policy, attempt, kind, out.repeat_safe, failure.retry_after, js_sys::Math::random());
        if let Some(ms) = delay {
            // The `retry` event: the status that failed, or the error's code. A handler's
            // exception is the JS side's to contain; it never reaches the call.
            let reason: JsValue = match kind {
                retry::AttemptFailure::Status(status) => status.into(),
                _ => failure.error.code.as_str().into(),
            };
            if let Some(events) = &session.events {
                let _ = events.retry(&out.context, attempt + 1, ms, &reason);
            }
        }
        match delay {
            Some(ms) if deadline.pause(ms, None).await => attempt += 1,
            // Stopped during backoff: the last attempt had failed without effect, so after a
            // timeout (not an abort) a new call may succeed.
            Some(_) => {
                let mut stopped: Rejection = deadline.failure(String::new).into();
                stopped.retryable = stopped.error.code == Code::Timeout;
                return Err(stamped(stopped));
            }
            None => {
                failure.retryable = retry::worth_calling_again(kind, failure.error.code == Code::Timeout, out.repeat_safe);
                failure.ambiguous = retry::ambiguous(kind, out.repeat_safe);
                if failure.ambiguous {
                    failure.error.message.push_str(AMBIGUOUS_HINT);
                } else if kind == retry::AttemptFailure::NotSent {
                    failure.error.message.push_str(NOT_SENT_HINT);
                }
                return Err(stamped(failure));
            }
        }
    }
}

/// Appended to the error of an operation that may have been carried out.
const AMBIGUOUS_HINT: &str = " It was not retried: the request may have been carried out (a send may have gone out), \
so check before repeating it, e.g. find the messages by their custom_string in the history.";

/// Appended to the error of a call that stopped while it waited to be sent.
const NOT_SENT_HINT: &str = " The request had not been sent yet (it was waiting for the client's rate limit or a 429's hold): nothing went out.";

/// One attempt (number `n`, from 1): the answer, or the error and what kind of failure it was.
async fn attempt_once(session: &Session, out: &Outgoing, body: Option<&JsValue>, deadline: &Bound, n: u32) -> Result<JsValue, (Rejection, retry::AttemptFailure)> {
    let config = &session.config;
    // The body stays a JS string: copied into wasm memory only for an error's message, and
    // then at most the error body's limit (src/response.rs).
    let answer = match fetch::attempt(session, out, body, deadline, n).await {
        Ok(answer) => answer,
        Err(Unanswered::NotSent) => return Err((deadline.failure(String::new).into(), retry::AttemptFailure::NotSent)),
        Err(Unanswered::Failed(e)) => {
            let what = || format!("the request failed: {}", js_error_text(&e));
            let kind = if deadline.stop() == crate::deadline::Stop::None { retry::AttemptFailure::Network } else { retry::AttemptFailure::Stopped };
            return Err((deadline.failure(what).into(), kind));
        }
    };
    if answer.status == 429 {
        // Every call of the client waits, not only this one: the server said the account is over its limit.
        let asked = answer.retry_after.as_deref().and_then(|v| retry_after::parse(v, js_sys::Date::now()));
        session.hold(retry::hold_after_429(config.retry, asked));
    }
    classify(&answer, out.enveloped, config).map_err(|f| {
        // A non-JSON 502/503/504 is a proxy's page: as retryable as the status says. A 2xx that
        // cannot be read was taken: a send's outcome is then unknown (ambiguous).
        let kind = match answer.status {
            _ if f.error.code != Code::InvalidResponse => retry::AttemptFailure::Status(answer.status),
            200..=299 => retry::AttemptFailure::Unreadable,
            502..=504 => retry::AttemptFailure::Status(answer.status),
            _ => retry::AttemptFailure::Final,
        };
        (f, kind)
    })
}

/// How much of a body that is not the expected answer is copied into wasm memory to be quoted.
const QUOTED_CHARS: u32 = 4096;

/// `expect_envelope`: whether a success must be ClickSend's envelope (see `envelope::classify`).
fn classify(answer: &Answer, expect_envelope: bool, config: &Config) -> Result<JsValue, Rejection> {
    let status = answer.status;
    if !answer.complete && (200..300).contains(&status) {
        let error = Error::new(Code::InvalidResponse, status, format!("HTTP {status}: the body is larger than 16 MB, which the client does not read"));
        return Err(error.into());
    }
    // A body cut at its limit is not parsed: its end is missing.
    let parsed = if answer.complete { json_parse(&answer.text).ok() } else { None };
    let object = parsed.as_ref().filter(|v| v.is_object() && !crate::js::is_array(v));
    let envelope = object.map(|o| o.unchecked_ref::<Envelope>());
    let field = |get: fn(&Envelope) -> Result<JsValue, JsValue>| envelope.and_then(|e| get(e).ok());
    let (code, msg) = (field(Envelope::response_code).and_then(|v| v.as_string()), field(Envelope::response_msg).and_then(|v| v.as_string()));
    // Only a failure without an envelope reads it (a success never does).
    let gateway_text = if (200..300).contains(&status) || code.is_some() {
        None
    } else {
        field(Envelope::error).and_then(|v| v.as_string()).or_else(|| field(Envelope::message).and_then(|v| v.as_string())).map(|t| config.redact(&t))
    };
    let body = match (&parsed, object) {
        (_, Some(_)) => ResponseBody::Object { response_code: code.as_deref(), response_msg: msg.as_deref(), error_text: gateway_text.as_deref() },
        (Some(_), None) => ResponseBody::OtherJson,
        (None, _) => ResponseBody::NotJson,
    };
    if envelope::succeeded(status, body, expect_envelope) {
        return Ok(parsed.unwrap_or(JsValue::NULL));
    }
    // Only the start of the body enters wasm memory (an error quotes 200 characters of it),
    // redacted before it is quoted: a cut may not leave half a key standing.
    let whole = js_sys::JsString::from(answer.text.clone());
    let cut = !answer.complete || whole.length() > QUOTED_CHARS;
    let raw = String::from(whole.slice(0, QUOTED_CHARS));
    let text = if cut { config.redact_truncated(&raw) } else { config.redact(&raw) };
    match envelope::classify(status, body, &text, expect_envelope) {
        Ok(()) => Ok(parsed.unwrap_or(JsValue::NULL)),
        Err(error) => Err(Rejection {
            error,
            data: field(Envelope::data).unwrap_or(JsValue::UNDEFINED),
            retry_after: answer.retry_after.as_deref().and_then(|v| retry_after::parse(v, js_sys::Date::now())),
            retryable: false,
            ambiguous: false,
            started_at: 0.0,
            ended_at: 0.0,
        }),
    }
}
