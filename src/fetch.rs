//! One attempt of a call: wait for the client's pace, send the request with the client's
//! `fetch` (the caller's, or the global one: never `window`'s, so it runs in pages, workers,
//! workerd and Node alike) under the call's deadline, read the answer within limits, and tell
//! the client's events.

use crate::args::Outgoing;
use crate::deadline::{Bound, Stop};
use crate::response::{self, Answer};
use crate::session::Session;
use js_sys::Function;
use wasm_bindgen::prelude::*;
use web_sys::RequestInit;

/// Why an attempt got no answer.
pub enum Unanswered {
    /// The deadline stopped the call while it waited for the pace: nothing was sent.
    NotSent,
    /// The request or its answer failed (the thrown value), or the deadline stopped it.
    Failed(JsValue),
}

/// Sends `out` once (attempt number `attempt`, from 1) and reads the answer.
pub async fn attempt(session: &Session, out: &Outgoing, body: Option<&JsValue>, deadline: &Bound, attempt: u32) -> Result<Answer, Unanswered> {
    let place = session.turn(deadline).await.ok_or(Unanswered::NotSent)?;
    let url = JsValue::from_str(&session.config.url(out.host, &out.path_and_query));
    let method = out.method.as_str();
    let events = session.events.as_ref();
    if let Some(events) = events {
        let _ = events.request(&out.context, attempt, method, &url);
    }
    let started = js_sys::Date::now();
    let answered = exchange(session, out, body, deadline, &url).await;
    session.release(place);
    match answered {
        Ok((response, answer)) => {
            if let Some(events) = events {
                let _ = events.response(&out.context, attempt, method, &url, &response, answer.status, started);
            }
            Ok(answer)
        }
        Err(e) => {
            if let Some(events) = events {
                let code = match deadline.stop() {
                    Stop::Timeout => "TIMEOUT",
                    Stop::Caller => "ABORTED",
                    Stop::None => "NETWORK_ERROR",
                };
                let _ = events.error(&out.context, attempt, code);
            }
            Err(Unanswered::Failed(e))
        }
    }
}

/// The request sent and its answer read: what fetch resolved with, and what was read of it.
async fn exchange(session: &Session, out: &Outgoing, body: Option<&JsValue>, deadline: &Bound, url: &JsValue) -> Result<(JsValue, Answer), JsValue> {
    let init = RequestInit::new();
    init.set_method(out.method.as_str());
    init.set_headers(&session.headers(&out.options.headers, body.is_some()));
    if let Some(body) = body {
        init.set_body(body);
    }
    init.set_signal(Some(&deadline.signal()));
    let fetch: Function = session.fetch().dyn_into().map_err(|_| js_sys::TypeError::new("fetch is not a function in this runtime (give the client a `fetch`)"))?;
    let sent = fetch.call2(&JsValue::UNDEFINED, url, &init)?;
    let response = deadline.within(&sent).await?;
    let answer = response::read(&response, deadline).await?;
    Ok((response, answer))
}
