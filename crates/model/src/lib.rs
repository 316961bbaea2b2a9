//! clicksend-model: ClickSend's API (and Maton's connection calls) as a pure model.
//!
//! No I/O, no clock, no runtime: a front (the sandbox's HTTP server, the testing kit's wasm)
//! hands it a [`Request`] and the time, and gets the answer back. A request is taken in two
//! steps so a front can hold it as a programmed fault says before it is carried out:
//! [`Model::arrive`] records it and takes the fault that matches it; [`Model::answer`]
//! carries it out (or answers as the fault says) and records the answer.
//!
//! Every one of ClickSend's operations in the client's endpoint table is modelled
//! ([`api`]); answers have the shapes of ClickSend's description ([`template`]).

pub mod api;
mod auth;
pub mod calendar;
pub mod control;
pub mod envelope;
#[doc(hidden)]
pub mod fuzz;
pub mod harness;
mod maton;
pub mod pricing;
pub mod record;
mod seed;
mod sent;
pub mod state;
pub mod template;

pub use auth::{Auth, RECORDED_BASIC, RECORDED_BEARER};
pub use envelope::Reply;
pub use harness::{ConnectionDrop, Fault, Harness};
pub use state::{Callback, CallbackFormat, State};

use serde_json::{json, Value};
use std::collections::HashMap;

/// One HTTP request as a front received it.
pub struct Request<'a> {
    pub method: &'a str,
    /// As received: `/v3/...` (as rest.clicksend.com), `/clicksend/v3/...` (as the Maton
    /// gateway) or `/connections...` (Maton's control plane).
    pub path: &'a str,
    /// The raw query string, without `?`.
    pub query: &'a str,
    /// Header names in lower case.
    pub headers: &'a [(String, String)],
    pub body: &'a [u8],
    /// Scheme and authority the request was sent to (`http://127.0.0.1:8787`), for the
    /// absolute links of pages.
    pub origin: &'a str,
}

impl Request<'_> {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// What [`Model::arrive`] found: where the request was recorded, and the fault it met.
pub struct Arrival {
    /// The request's number in the record.
    index: u64,
    /// How many resets the model had seen when the request arrived.
    resets: u64,
    pub fault: Option<Fault>,
}

/// What to send back.
pub struct Outcome {
    pub reply: Reply,
    /// The reply's body as sent: its JSON text (empty for a 204), or a fault's own body.
    pub text: String,
    /// A fault's own body text (sent as it is, not as JSON), with its content type.
    pub raw_body: Option<(String, Option<String>)>,
    pub retry_after: Option<String>,
    /// The server's clock when it answered, as an HTTP `Date` header (the settings' skew in it:
    /// a client reads the server's time from it, as `reconcile` does).
    pub date: String,
    /// The request was carried out, but the answer must break off (fault `drop: "after"`).
    pub cut_after: bool,
    /// Receipts and inbound messages to push.
    pub pushes: Vec<state::Push>,
}

/// The model: credentials, the modelled account's state, and the test harness around it.
pub struct Model {
    pub auth: Auth,
    pub state: State,
    pub harness: Harness,
    /// How many times the state was reset: a request that arrived before a reset (one a slow
    /// fault still holds) must neither change nor read the state made after it.
    resets: u64,
}

impl Model {
    pub fn new(auth: Auth) -> Model {
        Model { auth, state: State::new(), harness: Harness::default(), resets: 0 }
    }

    /// Forgets everything (state, requests, faults); requests still in flight get no answer of it.
    pub fn reset(&mut self) {
        self.state = State::new();
        self.harness = Harness::default();
        self.resets += 1;
    }

    /// Records the request (credentials redacted) and takes the first fault that matches it.
    pub fn arrive(&mut self, req: &Request) -> Arrival {
        let headers = req.headers.iter().map(|(k, v)| (k.clone(), if k == "authorization" { self.auth.recorded_authorization(v).to_string() } else { v.clone() })).collect();
        let index = self.harness.requests.push(record::Recorded {
            method: req.method.to_string(),
            path: req.path.to_string(),
            query: req.query.to_string(),
            headers,
            body: String::from_utf8_lossy(req.body).into_owned(),
            response: None,
        });
        let fault = self.harness.take_fault(req.method, api_path(req.path).unwrap_or(req.path));
        Arrival { index, resets: self.resets, fault }
    }

    /// Carries the request out at `now` (Unix seconds), or answers as its fault says.
    pub fn answer(&mut self, req: &Request, arrival: Arrival, now: i64) -> Outcome {
        let ms = now as f64 * 1000.0;
        self.answer_at(req, arrival, ms, ms)
    }

    /// [`Model::answer`] at `now_ms` (the front's clock, ms; the settings' skew is added), with
    /// `wall_ms` the real time (ms) for the gateway's rate limit, which a fixed clock cannot count.
    pub fn answer_at(&mut self, req: &Request, arrival: Arrival, now_ms: f64, wall_ms: f64) -> Outcome {
        if arrival.resets != self.resets {
            let reply = envelope::error(500, "The sandbox was reset while this request waited; it was not carried out.");
            let date = calendar::http_date((now_ms / 1000.0).floor() as i64);
            return Outcome { text: reply.body.to_string(), reply, raw_body: None, retry_after: None, date, cut_after: false, pushes: Vec::new() };
        }
        self.state.set_clock(now_ms);
        let date = calendar::http_date(self.state.now);
        let mut outcome = Outcome { reply: envelope::error(500, "unanswered"), text: String::new(), raw_body: None, retry_after: None, date, cut_after: false, pushes: Vec::new() };
        if let Some(fault) = &arrival.fault {
            outcome.cut_after = fault.drop == Some(ConnectionDrop::AfterCarryingOut);
            if let Some(status) = fault.status {
                outcome.reply = envelope::error(status, "Sandbox fault.");
                if let Some(text) = &fault.body {
                    outcome.reply.body = Value::String(text.clone());
                    outcome.raw_body = Some((text.clone(), fault.content_type.clone()));
                }
                outcome.retry_after = fault.retry_after.clone();
                outcome.text = outcome.raw_body.as_ref().map_or_else(|| outcome.reply.body.to_string(), |(t, _)| t.clone());
                self.record_answer(arrival.index, &outcome);
                return outcome;
            }
        }
        outcome.reply = match maton::gateway(&mut self.state, &self.auth, req, wall_ms) {
            Some(refused) => refused,
            None => self.carry_out(req),
        };
        outcome.text = if outcome.reply.status == 204 { String::new() } else { outcome.reply.body.to_string() };
        self.record_answer(arrival.index, &outcome);
        outcome.pushes = std::mem::take(&mut self.state.outbox);
        outcome
    }

    /// Both steps at once, for a front with nothing to wait for.
    pub fn handle(&mut self, req: &Request, now: i64) -> Outcome {
        let arrival = self.arrive(req);
        self.answer(req, arrival, now)
    }

    fn carry_out(&mut self, req: &Request) -> Reply {
        let query = parse_query(req.query);
        let authorization = req.header("authorization");
        let Some(rel) = api_path(req.path) else {
            if req.path == "/connections" || req.path.starts_with("/connections/") {
                // The control plane takes the Maton key only (Bearer), never ClickSend's Basic pair.
                if !self.auth.accepts(authorization, false) {
                    return Reply { status: 401, body: json!({"error": "Invalid API key."}) };
                }
                let body: Option<Value> = serde_json::from_slice(req.body).ok();
                return maton::handle(&mut self.state, req.method, req.path, &query, body.as_ref());
            }
            return envelope::error(404, "Resource not found. The API lives under /v3 (or /clicksend/v3, as on the Maton gateway).");
        };
        let prefix = &req.path[..req.path.len() - rel.len()];
        let request = api::ApiRequest {
            method: req.method,
            path: rel,
            query,
            raw_query: req.query,
            body: serde_json::from_slice(req.body).ok(),
            base: format!("{}{prefix}", req.origin),
            authorized: self.auth.accepts(authorization, true),
        };
        api::handle(&mut self.state, &request)
    }

    /// Keeps the answer's text with its request (parsed only when the requests are read:
    /// copying the answer's JSON for every request cost a send a fifth of its time).
    fn record_answer(&mut self, index: u64, outcome: &Outcome) {
        self.harness.requests.answered(index, outcome.reply.status, &outcome.text);
    }

    /// Every request received, in order, as JSON: `{method, path, query, headers, body, json,
    /// response: {status, body}}`.
    pub fn requests(&self) -> Value {
        Value::Array(self.harness.requests.iter().map(record::Recorded::to_json).collect())
    }

    /// The same as JSON text, made one request at a time: the whole record as one JSON value
    /// grew the testing kit's wasm memory many times over (bench/NOTES.md, section "Bounds
    /// under misuse").
    pub fn requests_text(&self) -> String {
        let mut out = String::from("[");
        for (i, r) in self.harness.requests.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&r.to_json().to_string());
        }
        out.push(']');
        out
    }
}

/// The path relative to `/v3` of a request for ClickSend's API, direct or through the gateway.
fn api_path(path: &str) -> Option<&str> {
    path.strip_prefix("/clicksend/v3").or_else(|| path.strip_prefix("/v3")).filter(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// `a=1&b=x%20y` into a map (the last value of a repeated key wins).
pub fn parse_query(raw: &str) -> HashMap<String, String> {
    raw.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |j: usize| bytes.get(j).and_then(|b| (*b as char).to_digit(16));
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_decoding() {
        let q = parse_query("a=1&b=x%20y&c=a+b&d&e=%zz");
        assert_eq!(q["a"], "1");
        assert_eq!(q["b"], "x y");
        assert_eq!(q["c"], "a b");
        assert_eq!(q["d"], "");
        assert_eq!(q["e"], "%zz");
    }

    #[test]
    fn api_paths() {
        assert_eq!(api_path("/v3/sms/send"), Some("/sms/send"));
        assert_eq!(api_path("/clicksend/v3/account"), Some("/account"));
        assert_eq!(api_path("/v3x/account"), None);
        assert_eq!(api_path("/connections"), None);
    }

    #[test]
    fn the_record_as_text_is_the_record() {
        let mut model = Model::new(Auth { any_credentials: true, ..Auth::default() });
        let headers = vec![("authorization".to_string(), "Bearer k".to_string())];
        for (method, path, body) in [("GET", "/v3/account", ""), ("POST", "/v3/sms/send", r#"{"messages":[{"to":"+61411111111","body":"hi"}]}"#)] {
            model.handle(&Request { method, path, query: "", headers: &headers, body: body.as_bytes(), origin: "http://x" }, 1_795_824_000);
        }
        let text: Value = serde_json::from_str(&model.requests_text()).unwrap();
        assert_eq!(text, model.requests());
        assert_eq!(text.as_array().map(Vec::len), Some(2));
    }
}
