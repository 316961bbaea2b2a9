//! Sending a request through js/hooks.js (the client's `fetch`, or the global one: never
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
use web_sys::{AbortController, AbortSignal, RequestInit};

#[wasm_bindgen]
extern "C" {
    // The global timer functions (there is no `window` in workers, workerd or Node).
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &js_sys::Function, ms: u32) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
    // JSON.parse on a JS string, without copying it into wasm memory first.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &JsValue) -> Result<JsValue, JsValue>;
}

// js/hooks.js (the same path from the crate root and from pkg/, as for js/error.js): one
// attempt, sent with the client's `fetch` (the caller's, or the global one looked up then),
// after the client's rate limit, with its events; it resolves with the response's status,
// `Retry-After` and body text read within limits, and rejects if anything about the request
// or the response throws. `hooks` is the client's state there (`undefined`: the defaults).
#[wasm_bindgen(raw_module = "./js/hooks.js")]
extern "C" {
    #[wasm_bindgen(catch)]
    fn attempt(hooks: &JsValue, context: &JsValue, url: &str, init: &RequestInit) -> Result<Promise, JsValue>;
    #[wasm_bindgen(catch)]
    fn retrying(hooks: &JsValue, context: &JsValue, attempt: u32, delay_ms: f64, reason: &JsValue) -> Result<(), JsValue>;
}

/// Why our controller aborted the request, if it did.
#[derive(Clone, Copy, PartialEq)]
enum Stop {
    None,
    Timeout,
    Caller,
}

/// The abort reasons our controller is given, to tell a timeout from the caller's abort.
const TIMEOUT_REASON: &str = "clicksend-wasm: timeoutMs";
const CALLER_REASON: &str = "clicksend-wasm: caller's signal";

/// Owns the abort wiring of one call; dropping it clears the timer and the listener, so
/// nothing outlives the call. The timer and the listener call the controller's own `abort`
/// bound to a reason: no Rust closure per call (each costs a JS wrapper and a finalizer).
struct Deadline {
    controller: AbortController,
    /// The call's `timeoutMs`, for the message of a call that ran out of it.
    timeout_ms: u32,
    timer: JsValue,
    caller: Option<(AbortSignal, js_sys::Function)>,
}

impl Deadline {
    fn start(timeout_ms: u32, caller: Option<AbortSignal>) -> Result<Deadline, Error> {
        let controller = AbortController::new().map_err(|_| Error::new(Code::NetworkError, 0, "AbortController is not available in this runtime"))?;
        let abort: js_sys::Function = Reflect::get(&controller, &"abort".into()).map_err(|_| Error::new(Code::NetworkError, 0, "AbortController has no abort"))?.unchecked_into();
        let aborter = |reason: &str| -> js_sys::Function { JsValue::from(abort.bind1(&controller, &reason.into())).unchecked_into() };
        let timer = set_timeout(&aborter(TIMEOUT_REASON), timeout_ms);
        let caller = caller.map(|signal| {
            let on_abort = aborter(CALLER_REASON);
            // Cannot fail for an AbortSignal; if it did, the timeout still bounds the call.
            let _ = signal.add_event_listener_with_callback("abort", &on_abort);
            (signal, on_abort)
        });
        Ok(Deadline { controller, timeout_ms, timer, caller })
    }

    /// Whether (and why) the controller was aborted.
    fn stop(&self) -> Stop {
        let signal = self.controller.signal();
        if !signal.aborted() {
            return Stop::None;
        }
        match Reflect::get(&signal, &"reason".into()).ok().and_then(|r| r.as_string()).as_deref() {
            Some(TIMEOUT_REASON) => Stop::Timeout,
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

impl Drop for Deadline {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
        if let Some((signal, on_abort)) = &self.caller {
            let _ = signal.remove_event_listener_with_callback("abort", on_abort);
        }
    }
}

/// A client's resolved options with its request headers, built once as JS objects: fetch
/// only reads a headers object, so every call can share one, and no header name or value
/// crosses from wasm memory per call. Plain objects, not `Headers`: in Node that class
/// loads undici lazily (~30 ms on first use), and fetch validates a plain object as well.
pub struct Session {
    pub config: Config,
    /// Without and with `Content-Type: application/json`.
    headers: [js_sys::Object; 2],
    /// The client's state in js/hooks.js (its fetch, rate limit and event handlers).
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
            // js/hooks.js leaves it out in browsers (it would cost a CORS preflight).
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

    /// The `RequestInit` of a request (its URL is `config.url(...)`).
    fn init(&self, out: &Outgoing, body: Option<&JsValue>, signal: &AbortSignal) -> RequestInit {
        let init = RequestInit::new();
        init.set_method(out.method.as_str());
        init.set_signal(Some(signal));
        if let Some(body) = body {
            init.set_body(body);
        }
        let shared = &self.headers[usize::from(body.is_some())];
        if out.options.headers.is_empty() {
            init.set_headers(shared);
        } else {
            // The call's own headers on a copy: the shared object stays as it is.
            let headers = js_sys::Object::assign(&js_sys::Object::new(), shared);
            for (name, value) in &out.options.headers {
                let _ = Reflect::set(&headers, &name.into(), &value.into());
            }
            init.set_headers(&headers);
        }
        init
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
    let deadline = Deadline::start(out.options.timeout_ms.unwrap_or(config.timeout_ms), out.options.signal.clone())?;
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
                return Err(stopped);
            }
            None => {
                failure.retryable = retry::worth_calling_again(kind, failure.error.code == Code::Timeout, out.repeat_safe);
                failure.ambiguous = retry::ambiguous(kind, out.repeat_safe);
                if failure.ambiguous {
                    failure.error.message.push_str(AMBIGUOUS_HINT);
                }
                return Err(failure);
            }
        }
    }
}

/// Appended to the error of an operation that may have been carried out.
const AMBIGUOUS_HINT: &str = " It was not retried: the request may have been carried out (a send may have gone out), \
so check before repeating it, e.g. find the messages by their custom_string in the history.";

/// One attempt: the answer, or the error and what kind of failure it was.
async fn attempt_once(session: &Session, out: &Outgoing, body: Option<&JsValue>, deadline: &Deadline) -> Result<JsValue, (Rejection, retry::AttemptFailure)> {
    let config = &session.config;
    let stopped_or_network = || if deadline.stop() == Stop::None { retry::AttemptFailure::Network } else { retry::AttemptFailure::Stopped };
    let init = session.init(out, body, &deadline.controller.signal());
    let sent = match attempt(&session.hooks, &out.context, &config.url(out.host, &out.path_and_query), &init) {
        Ok(promise) => JsFuture::from(promise).await,
        Err(e) => Err(e),
    };
    // The body stays a JS string: copied into wasm memory only for an error's message, and
    // then at most js/body.js's limit for an error body.
    let answer = match sent {
        Ok(answer) => Answer::new(&answer),
        Err(e) => {
            let what = || format!("the request failed: {}", js_error_text(&e));
            return Err((deadline.failure(what).into(), stopped_or_network()));
        }
    };
    classify(&answer, out.enveloped, config).map_err(|f| {
        // A non-JSON 502/503/504 is a proxy's page: as retryable as the status says.
        let kind =
            if f.error.code == Code::InvalidResponse && !matches!(answer.status, 502..=504) { retry::AttemptFailure::Final } else { retry::AttemptFailure::Status(answer.status) };
        (f, kind)
    })
}

/// How much of a body that is not the expected answer is copied into wasm memory to be quoted.
const QUOTED_CHARS: u32 = 4096;

/// What js/body.js read of a response.
struct Answer {
    status: u16,
    /// The body, a JS string.
    text: JsValue,
    /// False when the body was longer than its limit and only its start was read.
    complete: bool,
    retry_after: Option<String>,
}

impl Answer {
    fn new(read: &JsValue) -> Answer {
        let field = |key: &str| Reflect::get(read, &key.into()).unwrap_or(JsValue::UNDEFINED);
        Answer {
            status: field("status").as_f64().unwrap_or(0.0) as u16,
            text: field("text"),
            complete: field("complete").as_bool().unwrap_or(false),
            retry_after: field("retryAfter").as_string(),
        }
    }
}

/// Waits `ms` milliseconds; `false` if the deadline ran out or the caller aborted first.
/// On abort the timer is cleared too, so a pending wait never keeps a Node process alive.
async fn sleep(ms: f64, deadline: &Deadline) -> bool {
    let signal = deadline.controller.signal();
    let wait = Promise::new(&mut |resolve, reject| {
        let timer = set_timeout(&resolve, ms as u32);
        let once = web_sys::AddEventListenerOptions::new();
        once.set_once(true);
        let _ = signal.add_event_listener_with_callback_and_add_event_listener_options("abort", &reject, &once);
        let clear: Result<js_sys::Function, _> = Reflect::get(&js_sys::global(), &"clearTimeout".into()).map(JsCast::unchecked_into);
        if let Ok(clear) = clear {
            let clear_this: JsValue = clear.bind1(&JsValue::NULL, &timer).into();
            let _ = signal.add_event_listener_with_callback_and_add_event_listener_options("abort", clear_this.unchecked_ref(), &once);
        }
    });
    JsFuture::from(wait).await.is_ok() && deadline.stop() == Stop::None
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
    let field = |key: &str| object.and_then(|o| Reflect::get(o, &JsValue::from_str(key)).ok());
    let (code, msg) = (field("response_code").and_then(|v| v.as_string()), field("response_msg").and_then(|v| v.as_string()));
    let body = match (&parsed, object) {
        (_, Some(_)) => ResponseBody::Object { response_code: code.as_deref(), response_msg: msg.as_deref() },
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
            data: field("data").unwrap_or(JsValue::UNDEFINED),
            retry_after: answer.retry_after.as_deref().and_then(|v| retry_after::parse(v, js_sys::Date::now())),
            retryable: false,
            ambiguous: false,
        }),
    }
}
