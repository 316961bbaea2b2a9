//! The record of the requests received, for tests to read (`GET /_sandbox/requests`, the
//! testing kit's `requests()`): each request with its answer, the oldest let go beyond
//! [`MAX_RECORDED`] requests or [`MAX_RECORDED_BYTES`] of text, with a count of those let go.
//! Unbounded, the record grew the testing kit's wasm memory without limit, which a reset cannot
//! give back (wasm memory only grows; measured: see bench/NOTES.md, section "Bounds under
//! misuse").

use serde_json::{json, Map, Value};
use std::collections::VecDeque;

/// The most requests kept.
pub const MAX_RECORDED: usize = 10_000;
/// The most text kept, bodies and answers together: 64 MB.
pub const MAX_RECORDED_BYTES: usize = 64 * 1024 * 1024;

#[derive(Default)]
pub struct RequestLog {
    kept: VecDeque<Recorded>,
    /// The number (from 0, in arrival order) of the first request kept.
    first: u64,
    bytes: usize,
}

impl RequestLog {
    /// Keeps a request; returns its number, for [`RequestLog::answered`].
    pub fn push(&mut self, request: Recorded) -> u64 {
        self.bytes += request.size();
        self.kept.push_back(request);
        self.trim();
        self.first + self.kept.len() as u64 - 1
    }

    /// Keeps the answer of request number `n`, if it is still kept.
    pub fn answered(&mut self, n: u64, status: u16, text: &str) {
        let Some(r) = n.checked_sub(self.first).and_then(|i| self.kept.get_mut(i as usize)) else { return };
        if let Some((_, old)) = &r.response {
            self.bytes -= old.len();
        }
        self.bytes += text.len();
        r.response = Some((status, text.to_string()));
        self.trim();
    }

    /// Lets the oldest requests go until the record is within its bounds (the newest stays).
    fn trim(&mut self) {
        while self.kept.len() > 1 && (self.kept.len() > MAX_RECORDED || self.bytes > MAX_RECORDED_BYTES) {
            if let Some(old) = self.kept.pop_front() {
                self.bytes -= old.size();
                self.first += 1;
            }
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &Recorded> {
        self.kept.iter()
    }

    pub fn len(&self) -> usize {
        self.kept.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    /// How many requests were let go (the oldest), to stay within the bounds.
    pub fn dropped(&self) -> u64 {
        self.first
    }
}

/// A request as received (the `Authorization` credential replaced by what it was), and the
/// status and text of its answer once it has one.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub query: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub response: Option<(u16, String)>,
}

impl Recorded {
    /// `{method, path, query, headers, body, json, response: {status, body}}`; `json` is the
    /// body parsed (or null), the response's body its JSON (or its text, when not JSON).
    pub fn to_json(&self) -> Value {
        let headers: Map<String, Value> = self.headers.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect();
        let json_body: Value = serde_json::from_str(&self.body).unwrap_or(Value::Null);
        let mut out = json!({"method": self.method, "path": self.path, "query": self.query, "headers": headers, "body": self.body, "json": json_body});
        if let Some((status, text)) = &self.response {
            let body = serde_json::from_str(text).unwrap_or_else(|_| if text.is_empty() { Value::Null } else { Value::String(text.clone()) });
            out["response"] = json!({"status": status, "body": body});
        }
        out
    }
}

impl Recorded {
    /// The text it holds, for the record's bound.
    fn size(&self) -> usize {
        self.body.len() + self.response.as_ref().map_or(0, |(_, t)| t.len()) + self.headers.iter().map(|(k, v)| k.len() + v.len()).sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(body: &str) -> Recorded {
        Recorded { method: "GET".into(), path: "/v3/account".into(), query: String::new(), headers: Vec::new(), body: body.into(), response: None }
    }

    #[test]
    fn keeps_the_newest_within_its_bounds_and_counts_the_rest() {
        let mut log = RequestLog::default();
        let numbers: Vec<u64> = (0..MAX_RECORDED + 5).map(|_| log.push(request(""))).collect();
        assert_eq!((log.len(), log.dropped()), (MAX_RECORDED, 5));
        // An answer for a request let go is dropped too; one still kept is kept.
        log.answered(numbers[0], 200, "gone");
        log.answered(numbers[MAX_RECORDED + 4], 200, "kept");
        assert_eq!(log.iter().last().and_then(|r| r.response.clone()), Some((200, "kept".to_string())));
        let mut big = RequestLog::default();
        for _ in 0..5 {
            big.push(request(&"x".repeat(MAX_RECORDED_BYTES / 2 + 1)));
        }
        assert_eq!((big.len(), big.dropped()), (1, 4));
    }
}
