//! Maton's control plane (`https://ctrl.maton.ai`): connection management, served by the
//! sandbox server at its root (`/connections`). Answers are plain objects, not envelopes.

use crate::envelope::Reply;
use crate::state::{State, GATEWAY_PER_SECOND};
use crate::{Auth, Request};
use serde_json::{json, Value};
use std::collections::HashMap;

fn reply(status: u16, body: Value) -> Reply {
    Reply { status, body }
}

fn not_found() -> Reply {
    reply(404, json!({"error": "Connection not found."}))
}

pub fn handle(state: &mut State, method: &str, path: &str, query: &HashMap<String, String>, body: Option<&Value>) -> Reply {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    match (method, segments.as_slice()) {
        ("GET", ["connections"]) => {
            let keep = |c: &&Value| ["app", "status"].iter().all(|k| query.get(*k).is_none_or(|want| c.get(*k).and_then(Value::as_str) == Some(want.as_str())));
            let list: Vec<Value> = state.connections.iter().filter(keep).cloned().collect();
            reply(200, json!({"connections": list}))
        }
        ("POST", ["connections"]) => {
            let Some(app) = body.and_then(|b| b.get("app")).and_then(Value::as_str).filter(|a| !a.is_empty()) else {
                return reply(400, json!({"error": "app is required."}));
            };
            let n = state.next_id();
            let connection = json!({
                "connection_id": format!("5a4d0b0c-0000-4000-8000-{n:012x}"),
                // A new connection waits for the user to authorize it at `url`.
                "status": "PENDING",
                "creation_time": "2026-01-01T00:00:00.000000Z",
                "last_updated_time": "2026-01-01T00:00:00.000000Z",
                "url": format!("https://connect.maton.ai/?session_token=sandbox-{n}"),
                "app": app,
                "metadata": {},
            });
            state.connections.push(connection.clone());
            reply(200, json!({"connection": connection}))
        }
        ("GET", ["connections", id]) => match state.connections.iter().find(|c| c["connection_id"] == *id) {
            Some(c) => reply(200, json!({"connection": c})),
            None => not_found(),
        },
        ("DELETE", ["connections", id]) => match state.connections.iter().position(|c| c["connection_id"] == *id) {
            Some(i) => reply(200, json!({"connection": state.connections.remove(i)})),
            None => not_found(),
        },
        (_, ["connections"] | ["connections", _]) => reply(405, json!({"error": "Method not allowed."})),
        _ => reply(404, json!({"error": "Not found."})),
    }
}

/// What the Maton gateway answers itself, before ClickSend sees a request (paths under
/// `/clicksend/`), if it does: its own 401 for a key it does not know, its 400 for a connection
/// it cannot use, and 429 above its 10 requests a second (every request counted, refused ones
/// too; no `Retry-After`: no source shows one). Its bodies are `{"error": ...}`, not envelopes
/// (the shape is undocumented; this is the guide's wording in the form the client must read).
pub fn gateway(state: &mut State, auth: &Auth, req: &Request, wall_ms: f64) -> Option<Reply> {
    if !req.path.starts_with("/clicksend/") {
        return None;
    }
    if state.settings.gateway_rate_limit {
        let hits = &mut state.gateway_hits;
        while hits.front().is_some_and(|t| *t <= wall_ms - 1000.0) {
            hits.pop_front();
        }
        hits.push_back(wall_ms);
        if hits.len() > GATEWAY_PER_SECOND {
            return Some(reply(429, json!({"error": "Rate limit exceeded: at most 10 requests per second."})));
        }
    }
    if !auth.accepts(req.header("authorization"), false) {
        return Some(reply(401, json!({"error": "Invalid or missing Maton API key."})));
    }
    let usable = |c: &Value| c["app"] == "clicksend" && c["status"] == "ACTIVE";
    match req.header("maton-connection") {
        Some(id) => match state.connections.iter().find(|c| c["connection_id"] == id) {
            Some(c) if usable(c) => None,
            Some(_) => Some(reply(400, json!({"error": "Missing connection for the requested app: the connection is not active."}))),
            None => Some(reply(400, json!({"error": "Connection not found for the requested app."}))),
        },
        None if state.connections.iter().any(usable) => None,
        None => Some(reply(400, json!({"error": "Missing connection for the requested app"}))),
    }
}
