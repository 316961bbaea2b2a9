//! The fuzzing entry: any bytes, as a sequence of requests to one model, must get answers
//! (never a panic: in the testing kit's wasm a panic would poison the module), each with a
//! status from 100 to 599 and a JSON body (none for a 204). `fuzz/fuzz_targets/model_request.rs`
//! runs it under libFuzzer; `tests/fuzz_seeds.rs` replays the seeds and every input found.
//!
//! Input: requests separated by NUL bytes; each is `METHOD /path?query`, a newline, the body.
//! The model starts seeded (a list with a contact, a template, a sent message), so that ids
//! the fuzzer guesses from the seeds reach the handlers' deeper paths.

use crate::{Auth, Model, Request};
use serde_json::json;

pub fn requests(data: &[u8]) {
    let mut model = Model::new(Auth::default());
    let seed = json!({"lists": [{"list_name": "L", "contacts": [{"phone_number": "+61411111111", "email": "a@b.co"}]}], "templates": [{"template_name": "T", "body": "B"}], "messages": [{"to": "+61411111111", "body": "hi"}]});
    if model.seed(&seed).is_err() {
        panic!("the fuzzing seed is refused");
    }
    let headers = vec![("authorization".to_string(), "Bearer sandbox-key".to_string()), ("content-type".to_string(), "application/json".to_string())];
    for (i, one) in data.split(|b| *b == 0).enumerate().take(64) {
        let (head, body) = match one.iter().position(|b| *b == b'\n') {
            Some(n) => (&one[..n], &one[n + 1..]),
            None => (one, &[][..]),
        };
        let head = String::from_utf8_lossy(head);
        let (method, target) = head.split_once(' ').unwrap_or(("GET", &head));
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        let req = Request { method, path, query, headers: &headers, body, origin: "http://fuzz" };
        let outcome = model.handle(&req, 1_795_824_000 + i as i64);
        let status = outcome.reply.status;
        assert!((100..=599).contains(&status), "status {status} for {method} {path}");
        assert!(status == 204 || outcome.reply.body.is_object(), "a body that is not an object for {method} {path}: {}", outcome.reply.body);
    }
}
