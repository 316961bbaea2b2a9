//! The testing kit's wasm: a thin front over `clicksend-model`, the same model the sandbox
//! server runs, for `clicksend-wasm/testing` (js/kit/kit.js). Strings in, strings out: requests
//! arrive as their parts, answers and state leave as JSON text, so no serializer crosses the
//! boundary. A request is taken in the model's two steps ([`Kit::arrive`], then
//! [`Kit::answer`]) so that js/kit/kit.js can wait, hang or cut as a fault says in between.

use clicksend_model::{control, Arrival, Auth, Model};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub struct Kit {
    model: Model,
    /// Requests between their two steps, by ticket. Tickets are never reused, not even after a
    /// reset: a request that waited through one (a fault's delay) must find its own parts,
    /// and the model then answers it as a request of the state that was reset.
    pending: BTreeMap<u32, (Parts, Arrival)>,
    next_ticket: u32,
    /// The body of the last answer, taken by [`Kit::take_body`] (kept out of the answer's JSON,
    /// where it would be escaped and parsed once more).
    body: String,
}

/// One request as the front received it, kept between its two steps.
struct Parts {
    method: String,
    path: String,
    query: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    origin: String,
}

impl Parts {
    fn request(&self) -> clicksend_model::Request<'_> {
        clicksend_model::Request { method: &self.method, path: &self.path, query: &self.query, headers: &self.headers, body: &self.body, origin: &self.origin }
    }
}

/// `[["name", "value"], ...]` as the front sends headers (names lower-cased here).
fn headers(json: &str) -> Vec<(String, String)> {
    // Parsed as a Value, not a Vec: a typed target brings serde's "invalid type" messages,
    // and with them core's float printing, into the .wasm.
    let pairs: Value = serde_json::from_str(json).unwrap_or_default();
    pairs
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| {
            let (k, v) = (p.get(0)?.as_str()?, p.get(1)?.as_str()?);
            Some((k.to_ascii_lowercase(), v.to_string()))
        })
        .collect()
}

fn fault_json(fault: &clicksend_model::Fault) -> Value {
    let drop = fault.drop.map(|d| match d {
        clicksend_model::ConnectionDrop::Before => "before",
        clicksend_model::ConnectionDrop::MidBody => "mid-body",
        clicksend_model::ConnectionDrop::AfterCarryingOut => "after",
    });
    json!({"delay_ms": fault.delay_ms, "hang": fault.hang, "drop": drop})
}

#[wasm_bindgen]
impl Kit {
    /// `options`: `{apiKey?, username?}` as JSON. Without them any credentials are taken (a
    /// request with none is still refused, as ClickSend refuses it).
    #[wasm_bindgen(constructor)]
    pub fn new(options: &str) -> Kit {
        let options: Value = serde_json::from_str(options).unwrap_or(Value::Null);
        let text = |k: &str| options.get(k).and_then(Value::as_str).map(String::from);
        let auth = match text("apiKey") {
            Some(api_key) => Auth { api_key, username: text("username").unwrap_or_default(), ..Auth::default() },
            None => Auth { any_credentials: true, ..Auth::default() },
        };
        Kit { model: Model::new(auth), pending: BTreeMap::new(), next_ticket: 0, body: String::new() }
    }

    /// Step one: records the request and takes its fault. Returns
    /// `{"ticket": n, "fault": {delay_ms, hang, drop} | null}`.
    pub fn arrive(&mut self, method: &str, path: &str, query: &str, headers_json: &str, body: &[u8], origin: &str) -> String {
        let parts =
            Parts { method: method.to_string(), path: path.to_string(), query: query.to_string(), headers: headers(headers_json), body: body.to_vec(), origin: origin.to_string() };
        let arrival = self.model.arrive(&parts.request());
        let fault = arrival.fault.as_ref().map(fault_json);
        let ticket = self.next_ticket;
        self.next_ticket = self.next_ticket.wrapping_add(1);
        self.pending.insert(ticket, (parts, arrival));
        json!({"ticket": ticket, "fault": fault}).to_string()
    }

    /// Step two, at `now` (Unix seconds): carries the request out (or answers as its fault says).
    /// Returns `{status, contentType, retryAfter, cut, pushes}`; the body is [`Kit::take_body`]'s.
    pub fn answer(&mut self, ticket: u32, now: f64) -> String {
        self.answer_at(ticket, now * 1000.0, now * 1000.0)
    }

    /// [`Kit::answer`] at `now_ms` (the kit's clock, ms), with `wall_ms` the real time for the
    /// gateway's rate limit (a fixed clock cannot count requests a second).
    #[wasm_bindgen(js_name = answerAt)]
    pub fn answer_at(&mut self, ticket: u32, now_ms: f64, wall_ms: f64) -> String {
        let Some((parts, arrival)) = self.pending.remove(&ticket) else {
            self.body = json!({"http_code": 500, "response_code": "INTERNAL_SERVER_ERROR", "response_msg": "testing kit: no such request", "data": null}).to_string();
            return json!({"status": 500, "contentType": "application/json", "retryAfter": null, "cut": false, "pushes": []}).to_string();
        };
        let outcome = self.model.answer_at(&parts.request(), arrival, now_ms, wall_ms);
        let content_type = match outcome.raw_body {
            Some((_, content_type)) => content_type,
            None if outcome.reply.status == 204 => None,
            None => Some("application/json".to_string()),
        };
        let body = outcome.text;
        let pushes: Vec<Value> = outcome.pushes.into_iter().map(|p| json!({"url": p.url, "body": p.body})).collect();
        self.body = body;
        json!({"status": outcome.reply.status, "contentType": content_type, "retryAfter": outcome.retry_after, "date": outcome.date, "cut": outcome.cut_after, "pushes": pushes})
            .to_string()
    }

    /// The body of the last answer, as text (once).
    pub fn take_body(&mut self) -> String {
        std::mem::take(&mut self.body)
    }

    /// Forgets a request that will get no answer (its caller gave up while it hung).
    pub fn abandon(&mut self, ticket: u32) {
        self.pending.remove(&ticket);
    }

    /// Every request received, in order, with its answer, as JSON (the record's last 10,000).
    pub fn requests(&self) -> String {
        self.model.requests_text()
    }

    /// How many requests the record let go, the oldest, to stay within its bounds.
    #[wasm_bindgen(js_name = droppedRequests)]
    pub fn dropped_requests(&self) -> f64 {
        self.model.harness.requests.dropped() as f64
    }

    pub fn reset(&mut self) {
        // Requests still pending keep their tickets: answered later, the model refuses them
        // as requests from before the reset (`Model::answer_at`), never with another's answer.
        self.model.reset();
    }

    /// `Model::seed` with a JSON seed at `now`: `{"made": ...}` or `{"error": "..."}`.
    pub fn seed(&mut self, seed: &str, now: f64) -> String {
        self.model.state.set_clock(now * 1000.0);
        match serde_json::from_str::<Value>(seed).map_err(|e| control::not_json("the seed", &e)).and_then(|s| self.model.seed(&s)) {
            Ok(made) => json!({"made": made}).to_string(),
            Err(error) => json!({"error": error}).to_string(),
        }
    }

    /// Arms faults (the sandbox server's `/_sandbox/faults` format): `{"armed": n}` or
    /// `{"error": "..."}`.
    pub fn faults(&mut self, faults: &str) -> String {
        match control::parse_faults(faults.as_bytes()) {
            Ok(list) => {
                let n = list.len();
                self.model.harness.faults.extend(list);
                json!({"armed": n}).to_string()
            }
            Err(error) => json!({"error": error}).to_string(),
        }
    }

    /// Changes the service's settings (the sandbox server's `/_sandbox/settings` format):
    /// the settings now, or `{"error": "..."}`.
    pub fn settings(&mut self, settings: &str) -> String {
        match control::apply_settings(&mut self.model.state.settings, settings.as_bytes()) {
            Ok(()) => control::settings_json(&self.model.state.settings).to_string(),
            Err(error) => json!({"error": error}).to_string(),
        }
    }

    /// The delivery receipt ClickSend pushes for a sent message, as JSON, or `null`.
    pub fn receipt(&self, message_id: &str) -> String {
        self.model.receipt(message_id).unwrap_or(Value::Null).to_string()
    }

    /// Adds an inbound SMS at `now` and returns it as ClickSend pushes it.
    pub fn inbound(&mut self, fields: &str, now: f64) -> String {
        self.model.state.set_clock(now * 1000.0);
        let fields: Value = serde_json::from_str(fields).unwrap_or(Value::Null);
        self.model.inbound(&fields).to_string()
    }

    /// What the model holds, for tests to assert on: `{balance, lists: [{list_id, list_name,
    /// contacts}], messages, inbound}`.
    pub fn state(&self) -> String {
        let s = &self.model.state;
        let lists: Vec<Value> =
            s.lists.values().map(|l| json!({"list_id": l.list_id, "list_name": l.list_name, "contacts": l.contacts.iter().map(|c| c.to_json(l)).collect::<Vec<_>>()})).collect();
        let messages: Vec<Value> = s
            .messages
            .iter()
            .map(|m| {
                let mut v = m.to_json(m.history_status());
                v["message_type"] = json!(clicksend_model::state::kind_name(m.kind));
                v
            })
            .collect();
        json!({"balance": s.balance, "lists": lists, "messages": messages, "inbound": s.inbound}).to_string()
    }
}

/// The fuzzing entry of the kit's own front (`fuzz/fuzz_targets/kit_request.rs`, replayed by
/// `tests/fuzz_seeds.rs`): any bytes, as requests through `arrive` and `answer` with any headers
/// text, get an answer (a status from 100 to 599 and a body), never a panic: in the wasm a panic
/// would poison the module. Requests are separated by NUL bytes; each is `METHOD /path?query`, a
/// newline, the headers as the front sends them (`[["name", "value"], ...]`, or anything), a
/// newline, the body.
#[doc(hidden)]
pub fn fuzz_requests(data: &[u8]) {
    let mut kit = Kit::new(r#"{"apiKey": "k"}"#);
    let _ = kit.seed(r#"{"lists": [{"list_name": "L", "contacts": [{"phone_number": "+61411111111"}]}], "messages": [{"to": "+61411111111", "body": "hi"}]}"#, 1_795_824_000.0);
    for (i, one) in data.split(|b| *b == 0).enumerate().take(32) {
        let mut lines = one.splitn(3, |b| *b == b'\n');
        let head = String::from_utf8_lossy(lines.next().unwrap_or_default()).into_owned();
        let headers = String::from_utf8_lossy(lines.next().unwrap_or_default()).into_owned();
        let body = lines.next().unwrap_or_default();
        let (method, target) = head.split_once(' ').unwrap_or(("GET", &head));
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        let arrived: Value = serde_json::from_str(&kit.arrive(method, path, query, &headers, body, "http://fuzz")).unwrap_or_default();
        let ticket = arrived["ticket"].as_u64().unwrap_or(0) as u32;
        let meta: Value = serde_json::from_str(&kit.answer(ticket, 1_795_824_000.0 + i as f64)).unwrap_or_default();
        let status = meta["status"].as_u64().unwrap_or(0);
        assert!((100..=599).contains(&status), "status {status} for {method} {path}");
        let _ = kit.take_body();
    }
    let requests: Value = serde_json::from_str(&kit.requests()).unwrap_or_default();
    assert!(requests.is_array());
    let _ = kit.state();
}
