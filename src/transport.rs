//! Sending a request through js/bridge/hooks.js (the client's `fetch`, or the global one: never
//! `window`, so it runs in pages, workers, workerd and Node alike), under a timeout and the
//! caller's `AbortSignal`, and turning the answer into the envelope or a [`Rejection`].

use crate::args::{upload_json, Outgoing, RequestBody};
use crate::error::Rejection;
use clicksend_core::envelope::{self, ResponseBody};
use clicksend_core::options::Config;
use clicksend_core::{retry, retry_after, Code, Error};
use js_sys::{Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

#[wasm_bindgen]
extern "C" {
    // JSON.parse on a JS string, without copying it into wasm memory first.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &JsValue) -> Result<JsValue, JsValue>;
}

// js/bridge/hooks.js (the same path from the crate root and from pkg/, as for js/api/error.js): one
// attempt, sent with the client's `fetch` (the caller's, or the global one looked up then),
// after the client's rate limit, with its events; it resolves with the response's status,
// `Retry-After` and body text read within limits, and rejects if anything about the request
// or the response throws. `hooks` is the client's state there (`undefined`: the defaults).
#[wasm_bindgen(raw_module = "./js/bridge/hooks.js")]
extern "C" {
    #[wasm_bindgen(catch)]
    fn attempt(hooks: &JsValue, context: &JsValue, url: &str, method: &str, headers: &JsValue, body: &JsValue, deadline: &Deadline) -> Result<Promise, JsValue>;
    #[wasm_bindgen(catch)]
    fn retrying(hooks: &JsValue, context: &JsValue, attempt: u32, delay_ms: f64, reason: &JsValue) -> Result<(), JsValue>;
    /// Holds every call of the client for `ms` from now (after a 429).
    #[wasm_bindgen(catch)]
    fn hold(hooks: &JsValue, ms: f64) -> Result<(), JsValue>;

    /// A call's deadline, made and read in js/bridge/hooks.js: one crossing of the boundary each,
    /// where building the controller, its timer and its listener from here took a dozen.
    type Deadline;
    #[wasm_bindgen(catch, js_name = deadline)]
    fn start_deadline(timeout_ms: u32, caller: Option<AbortSignal>) -> Result<Deadline, JsValue>;
    // These three cannot throw; `catch` is there because wasm-bindgen 0.2.130 imports a
    // function that needs no glue straight from its module, under a key of its own in the
    // imports object, and bundlers warn about the repeated "./js/bridge/hooks.js" keys.
    /// 0 running, 1 `timeoutMs` ran out, 2 the caller's signal aborted.
    #[wasm_bindgen(catch)]
    fn stopped(deadline: &Deadline) -> Result<u32, JsValue>;
    #[wasm_bindgen(catch)]
    fn release(deadline: &Deadline) -> Result<(), JsValue>;
    /// Resolves with whether the whole wait passed (false: the deadline stopped it).
    #[wasm_bindgen(catch)]
    fn pause(deadline: &Deadline, ms: f64) -> Result<Promise, JsValue>;

    /// What `attempt` resolves with (js/bridge/body.js's reading of the response), read into [`Answer`].
    type Answered;
    #[wasm_bindgen(method, getter)]
    fn status(this: &Answered) -> f64;
    #[wasm_bindgen(method, getter)]
    fn text(this: &Answered) -> JsValue;
    #[wasm_bindgen(method, getter)]
    fn complete(this: &Answered) -> bool;
    #[wasm_bindgen(method, getter, js_name = retryAfter)]
    fn retry_after(this: &Answered) -> Option<String>;

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

    /// What js/bridge/hooks.js rejects with when the call stopped before the request left (it
    /// waited for the rate limit or a 429's hold): `notSent` is then true.
    type Failed;
    #[wasm_bindgen(method, getter, js_name = notSent)]
    fn not_sent(this: &Failed) -> JsValue;
}

/// Why the deadline's controller aborted the request, if it did.
#[derive(Clone, Copy, PartialEq)]
enum Stop {
    None,
    Timeout,
    Caller,
}

/// Owns a call's [`Deadline`]; dropping it clears the timer and the listener, so nothing
/// outlives the call.
struct Bound {
    deadline: Deadline,
    /// The call's `timeoutMs`, for the message of a call that ran out of it.
    timeout_ms: u32,
}

impl Bound {
    fn start(timeout_ms: u32, caller: Option<AbortSignal>) -> Result<Bound, Error> {
        let deadline = start_deadline(timeout_ms, caller).map_err(|_| Error::new(Code::NetworkError, 0, "AbortController is not available in this runtime"))?;
        Ok(Bound { deadline, timeout_ms })
    }

    /// Whether (and why) the controller was aborted.
    fn stop(&self) -> Stop {
        match stopped(&self.deadline).unwrap_or(0) {
            0 => Stop::None,
            1 => Stop::Timeout,
            _ => Stop::Caller,
        }
    }

    /// The error for a failure that happened while this deadline was running.
    fn failure(&self, what: impl FnOnce() -> String) -> Error {
        match self.stop() {
            Stop::Timeout => Error::new(Code::Timeout, 0, format!("no response within {} ms (timeoutMs)", self.timeout_ms)),
            Stop::Caller => Error::new(Code::Aborted, 0, "the request was aborted by its signal"),
            Stop::None => Error::new(Code::NetworkError, 0, what()),
        }
    }
}

impl Drop for Bound {
    fn drop(&mut self) {
        let _ = release(&self.deadline);
    }
}

/// A client's resolved options with its request headers, built once as JS objects: fetch
/// only reads a headers object, so every call can share one, and no header name or value
/// crosses from wasm memory per call. Plain objects, not `Headers`: in Node that class
/// loads undici lazily on first use (measured: see bench/NOTES.md, section "Cold start in
/// Node"), and fetch validates a plain object as well.
pub struct Session {
    pub config: Config,
    /// Without and with `Content-Type: application/json`.
    headers: [js_sys::Object; 2],
    /// The client's state in js/bridge/hooks.js (its fetch, rate limit and event handlers).
    hooks: JsValue,
}

impl Session {
    pub fn new(config: Config, hooks: JsValue) -> Result<Session, JsValue> {
        let make = |json: bool| -> Result<js_sys::Object, JsValue> {
            let headers = js_sys::Object::new();
            let set = |name: &str, value: &str| Reflect::set(&headers, &name.into(), &value.into());
            set("Accept", "application/json")?;
            if let Some(auth) = &config.authorization {
                set("Authorization", auth)?;
            }
            if let Some(connection) = &config.connection {
                set("Maton-Connection", connection)?;
            }
            // js/bridge/hooks.js leaves it out in browsers (it would cost a CORS preflight).
            if let Some(agent) = Reflect::get(&hooks, &"userAgent".into()).ok().and_then(|v| v.as_string()) {
                set("User-Agent", &agent)?;
            }
            if json {
                set("Content-Type", "application/json")?;
            }
            Ok(js_sys::Object::freeze(&headers))
        };
        let headers = [make(false)?, make(true)?];
        Ok(Session { config, headers, hooks })
    }

    /// The headers of a request: the shared object, or a copy with the call's own headers.
    fn headers(&self, out: &Outgoing, has_body: bool) -> JsValue {
        let shared = &self.headers[usize::from(has_body)];
        if out.options.headers.is_empty() {
            return shared.into();
        }
        // The call's own headers on a copy: the shared object stays as it is.
        let headers = js_sys::Object::assign(&js_sys::Object::new(), shared);
        for (name, value) in &out.options.headers {
            let _ = Reflect::set(&headers, &name.into(), &value.into());
        }
        headers.into()
    }
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
        let (mut failure, kind) = match attempt_once(session, &out, body.as_ref(), &deadline).await {
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
            let _ = retrying(&session.hooks, &out.context, attempt + 1, ms, &reason);
        }
        match delay {
            Some(ms) if sleep(ms, &deadline).await => attempt += 1,
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

/// One attempt: the answer, or the error and what kind of failure it was.
async fn attempt_once(session: &Session, out: &Outgoing, body: Option<&JsValue>, deadline: &Bound) -> Result<JsValue, (Rejection, retry::AttemptFailure)> {
    let config = &session.config;
    let stopped_or_network = || if deadline.stop() == Stop::None { retry::AttemptFailure::Network } else { retry::AttemptFailure::Stopped };
    let headers = session.headers(out, body.is_some());
    let url = config.url(out.host, &out.path_and_query);
    let sent = match attempt(&session.hooks, &out.context, &url, out.method.as_str(), &headers, body.unwrap_or(&JsValue::UNDEFINED), &deadline.deadline) {
        Ok(promise) => JsFuture::from(promise).await,
        Err(e) => Err(e),
    };
    // The body stays a JS string: copied into wasm memory only for an error's message, and
    // then at most js/bridge/body.js's limit for an error body.
    let answer = match sent {
        Ok(answer) => Answer::new(answer.unchecked_into()),
        Err(e) => {
            let what = || format!("the request failed: {}", js_error_text(&e));
            let kind = if e.unchecked_ref::<Failed>().not_sent().is_truthy() { retry::AttemptFailure::NotSent } else { stopped_or_network() };
            return Err((deadline.failure(what).into(), kind));
        }
    };
    if answer.status == 429 {
        // Every call of the client waits, not only this one: the server said the account is over its limit.
        let asked = answer.retry_after.as_deref().and_then(|v| retry_after::parse(v, js_sys::Date::now()));
        let _ = hold(&session.hooks, retry::hold_after_429(config.retry, asked));
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

/// What js/bridge/body.js read of a response.
struct Answer {
    status: u16,
    /// The body, a JS string: copied into wasm memory only for an error's message.
    text: JsValue,
    /// False when the body was longer than its limit and only its start was read.
    complete: bool,
    retry_after: Option<String>,
}

impl Answer {
    fn new(read: Answered) -> Answer {
        Answer { status: read.status() as u16, text: read.text(), complete: read.complete(), retry_after: read.retry_after() }
    }
}

/// Waits `ms` milliseconds; `false` if the deadline ran out or the caller aborted first.
/// On abort the timer is cleared too, so a pending wait never keeps a Node process alive.
async fn sleep(ms: f64, deadline: &Bound) -> bool {
    let Ok(waiting) = pause(&deadline.deadline, ms) else { return false };
    JsFuture::from(waiting).await.is_ok_and(|w| w.is_truthy()) && deadline.stop() == Stop::None
}

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
