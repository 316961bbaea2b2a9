//! A call's deadline: its `timeoutMs` and the caller's `AbortSignal`, over the whole call
//! (waiting for the pace, every attempt, backoff). The controller, its timer and its listener
//! are made and read in js/bridge/hooks.js: one crossing of the boundary each, where building
//! them from here took a dozen.

use clicksend_core::{Code, Error};
use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

// js/bridge/hooks.js (the same path from the crate root and from pkg/, as for js/api/error.js).
#[wasm_bindgen(raw_module = "./js/bridge/hooks.js")]
extern "C" {
    type Deadline;
    #[wasm_bindgen(catch, js_name = deadline)]
    fn start_deadline(timeout_ms: u32, caller: Option<AbortSignal>) -> Result<Deadline, JsValue>;
    /// The signal every attempt is sent with.
    #[wasm_bindgen(method, getter)]
    fn signal(this: &Deadline) -> AbortSignal;
    /// `promise`, raced against the deadline: rejects with the abort's reason when it stops the call.
    #[wasm_bindgen(method)]
    fn within(this: &Deadline, promise: &JsValue) -> Promise;
    // These three cannot throw; `catch` is there because wasm-bindgen 0.2.130 imports a
    // function that needs no glue straight from its module, under a key of its own in the
    // imports object, and bundlers warn about the repeated "./js/bridge/hooks.js" keys.
    /// 0 running, 1 `timeoutMs` ran out, 2 the caller's signal aborted.
    #[wasm_bindgen(catch)]
    fn stopped(deadline: &Deadline) -> Result<u32, JsValue>;
    #[wasm_bindgen(catch)]
    fn release(deadline: &Deadline) -> Result<(), JsValue>;
    /// Resolves with true after `ms` (none if infinite) or once `wake` resolves, false if the
    /// deadline stopped the call first; its timer is cleared either way.
    #[wasm_bindgen(catch)]
    fn pause(deadline: &Deadline, ms: f64, wake: Option<&Promise>) -> Result<Promise, JsValue>;
}

/// Why the deadline's controller aborted the request, if it did.
#[derive(Clone, Copy, PartialEq)]
pub enum Stop {
    None,
    Timeout,
    Caller,
}

/// Owns a call's deadline; dropping it clears the timer and the listener, so nothing
/// outlives the call.
pub struct Bound {
    deadline: Deadline,
    /// The call's `timeoutMs`, for the message of a call that ran out of it.
    timeout_ms: u32,
}

impl Bound {
    pub fn start(timeout_ms: u32, caller: Option<AbortSignal>) -> Result<Bound, Error> {
        let deadline = start_deadline(timeout_ms, caller).map_err(|_| Error::new(Code::NetworkError, 0, "AbortController is not available in this runtime"))?;
        Ok(Bound { deadline, timeout_ms })
    }

    pub fn signal(&self) -> AbortSignal {
        self.deadline.signal()
    }

    /// Whether (and why) the controller was aborted.
    pub fn stop(&self) -> Stop {
        match stopped(&self.deadline).unwrap_or(0) {
            0 => Stop::None,
            1 => Stop::Timeout,
            _ => Stop::Caller,
        }
    }

    /// The error for a failure that happened while this deadline was running.
    pub fn failure(&self, what: impl FnOnce() -> String) -> Error {
        match self.stop() {
            Stop::Timeout => Error::new(Code::Timeout, 0, format!("no response within {} ms (timeoutMs)", self.timeout_ms)),
            Stop::Caller => Error::new(Code::Aborted, 0, "the request was aborted by its signal"),
            Stop::None => Error::new(Code::NetworkError, 0, what()),
        }
    }

    /// Waits `ms` (or until `wake` resolves); `false` if the deadline stopped the call first.
    pub async fn pause(&self, ms: f64, wake: Option<&Promise>) -> bool {
        let Ok(waiting) = pause(&self.deadline, ms, wake) else { return false };
        JsFuture::from(waiting).await.is_ok_and(|w| w.is_truthy()) && self.stop() == Stop::None
    }

    /// `promise`, or its rejection with the abort's reason as soon as the deadline stops the
    /// call: a custom fetch (or a body) that ignores the signal cannot outlast the deadline.
    pub async fn within(&self, promise: &JsValue) -> Result<JsValue, JsValue> {
        JsFuture::from(self.deadline.within(promise)).await
    }
}

impl Drop for Bound {
    fn drop(&mut self) {
        let _ = release(&self.deadline);
    }
}
