//! A client's state while it runs: its resolved options, its request headers, the `fetch` it
//! sends with, where its events go, and its pace (the rate limit and a 429's hold, as
//! `clicksend_core::pace` decides; the waiting is done here with the deadline's timer).

use crate::deadline::Bound;
use clicksend_core::options::Config;
use clicksend_core::pace::{Pace, Place, Turn};
use js_sys::{Function, Object, Promise, Reflect};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

// The client's events (js/bridge/hooks.js, `Events`): every method builds and delivers an
// event only if a handler listens, and keeps the call's record (`withResponse()`). `catch`:
// a handler's exception is contained there, and nothing thrown may cross into wasm.
#[wasm_bindgen]
extern "C" {
    pub type Events;
    #[wasm_bindgen(method, getter, js_name = userAgent)]
    fn user_agent(this: &Events) -> Option<String>;
    /// The request is about to be sent.
    #[wasm_bindgen(method, catch)]
    pub fn request(this: &Events, call: &JsValue, attempt: u32, method: &str, url: &JsValue) -> Result<(), JsValue>;
    /// An answer came (`response` is what fetch resolved with): records it for `withResponse()`.
    #[wasm_bindgen(method, catch)]
    #[allow(clippy::too_many_arguments)]
    pub fn response(this: &Events, call: &JsValue, attempt: u32, method: &str, url: &JsValue, response: &JsValue, status: u16, started: f64) -> Result<(), JsValue>;
    /// No answer: `code` is `TIMEOUT`, `ABORTED` or `NETWORK_ERROR`.
    #[wasm_bindgen(method, catch)]
    pub fn error(this: &Events, call: &JsValue, attempt: u32, code: &str) -> Result<(), JsValue>;
    /// A retry after `delay_ms`; `reason` is the status that failed or the error's code.
    #[wasm_bindgen(method, catch)]
    pub fn retry(this: &Events, call: &JsValue, attempt: u32, delay_ms: f64, reason: &JsValue) -> Result<(), JsValue>;
}

/// A client's resolved options with its request headers, built once as JS objects: fetch
/// only reads a headers object, so every call can share one, and no header name or value
/// crosses from wasm memory per call. Plain objects, not `Headers`: in Node that class
/// loads undici lazily on first use (measured: see bench/NOTES.md, section "Cold start in
/// Node"), and fetch validates a plain object as well.
pub struct Session {
    pub config: Config,
    /// Without and with `Content-Type: application/json`.
    headers: [Object; 2],
    /// The caller's `fetch`; without one the global `fetch` is looked up at each attempt
    /// (never `window`'s: a test may replace it, and workers have no `window`).
    fetch: Option<Function>,
    /// Where events go; `None` when the wasm `Client` is used directly.
    pub events: Option<Events>,
    pace: RefCell<Pace>,
    /// How to wake each waiting request, by its ticket in the pace's line.
    wakers: RefCell<Vec<(u32, Function)>>,
}

impl Session {
    pub fn new(config: Config, fetch: Option<Function>, events: JsValue) -> Result<Session, JsValue> {
        let events: Option<Events> = (!events.is_undefined()).then(|| events.unchecked_into());
        let agent = events.as_ref().and_then(Events::user_agent);
        let make = |json: bool| -> Result<Object, JsValue> {
            let headers = Object::new();
            let set = |name: &str, value: &str| Reflect::set(&headers, &name.into(), &value.into());
            set("Accept", "application/json")?;
            if let Some(auth) = &config.authorization {
                set("Authorization", auth)?;
            }
            if let Some(connection) = &config.connection {
                set("Maton-Connection", connection)?;
            }
            // js/api/client.js leaves it out in browsers (it would cost a CORS preflight).
            if let Some(agent) = &agent {
                set("User-Agent", agent)?;
            }
            if json {
                set("Content-Type", "application/json")?;
            }
            Ok(Object::freeze(&headers))
        };
        let headers = [make(false)?, make(true)?];
        let pace = RefCell::new(Pace::new(config.pace, js_sys::Date::now()));
        Ok(Session { config, headers, fetch, events, pace, wakers: RefCell::default() })
    }

    /// The headers of a request: the shared object, or a copy with the call's own headers.
    pub fn headers(&self, own: &[(String, String)], has_body: bool) -> JsValue {
        let shared = &self.headers[usize::from(has_body)];
        if own.is_empty() {
            return shared.into();
        }
        // The call's own headers on a copy: the shared object stays as it is.
        let headers = Object::assign(&Object::new(), shared);
        for (name, value) in own {
            let _ = Reflect::set(&headers, &name.into(), &value.into());
        }
        headers.into()
    }

    /// The `fetch` to send with: the caller's, or the global one now.
    pub fn fetch(&self) -> JsValue {
        match &self.fetch {
            Some(f) => f.into(),
            None => Reflect::get(&js_sys::global(), &"fetch".into()).unwrap_or(JsValue::UNDEFINED),
        }
    }

    /// After a 429: every call of the client waits `ms` from now before it is sent.
    pub fn hold(&self, ms: f64) {
        self.pace.borrow_mut().hold(js_sys::Date::now(), ms);
    }

    /// Waits until the client's pace lets a request go, in order: the place it holds, or
    /// `None` if the deadline stopped the call first (it then took nothing).
    pub async fn turn(&self, deadline: &Bound) -> Option<Place> {
        // The common case, without a line: nothing awaited (an `await` costs a tick).
        if let Some(place) = self.pace.borrow_mut().take(js_sys::Date::now()) {
            return Some(place);
        }
        let ticket = self.pace.borrow_mut().join();
        loop {
            let now = js_sys::Date::now();
            let turn = self.pace.borrow_mut().turn(ticket, now);
            let wait = match turn {
                Turn::Go(place) => {
                    // Its waker (if a timer, not a wake, ended its wait) would never be called again.
                    self.forget_waker(ticket);
                    self.wake_first();
                    return Some(place);
                }
                Turn::Until(at) => at - now,
                Turn::Woken => f64::INFINITY,
            };
            let woken = self.waker(ticket);
            if !deadline.pause(wait, Some(&woken)).await {
                self.forget_waker(ticket);
                self.pace.borrow_mut().leave(ticket);
                self.wake_first();
                return None;
            }
        }
    }

    /// `place`'s request was answered (or failed): a window's place starts to run out, and
    /// the first in line may now have a time to go.
    pub fn release(&self, place: Place) {
        if place.is_some() {
            self.pace.borrow_mut().release(place, js_sys::Date::now());
            self.wake_first();
        }
    }

    /// A promise that `wake_first` resolves when `ticket` is first in line and something changed.
    fn waker(&self, ticket: u32) -> Promise {
        self.forget_waker(ticket);
        Promise::new(&mut |resolve, _| self.wakers.borrow_mut().push((ticket, resolve)))
    }

    /// Drops `ticket`'s waker: every request that waited leaves none behind when it goes or
    /// gives up, so the list holds only the requests still in line.
    fn forget_waker(&self, ticket: u32) {
        self.wakers.borrow_mut().retain(|(t, _)| *t != ticket);
    }

    /// Wakes the first in line to ask again (it may go now, or has a time to wait for).
    fn wake_first(&self) {
        let Some(first) = self.pace.borrow().first() else { return };
        let mut wakers = self.wakers.borrow_mut();
        if let Some(i) = wakers.iter().position(|(t, _)| *t == first) {
            let (_, resolve) = wakers.swap_remove(i);
            drop(wakers);
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    }
}
