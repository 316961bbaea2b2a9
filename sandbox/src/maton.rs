//! Maton's control plane (`https://ctrl.maton.ai`): connection management, served by the
//! sandbox at its root (`/connections`). Answers are plain objects, not envelopes.

use crate::envelope::Reply;
use crate::state::State;
use axum::http::StatusCode;
use serde_json::{json, Value};
use std::collections::HashMap;

fn reply(status: StatusCode, body: Value) -> Reply {
    Reply { status, body }
}

fn not_found() -> Reply {
    reply(StatusCode::NOT_FOUND, json!({"error": "Connection not found."}))
}

pub fn handle(state: &mut State, method: &str, path: &str, query: &HashMap<String, String>, body: Option<&Value>) -> Reply {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    match (method, segments.as_slice()) {
        ("GET", ["connections"]) => {
            let keep = |c: &&Value| ["app", "status"].iter().all(|k| query.get(*k).is_none_or(|want| c.get(*k).and_then(Value::as_str) == Some(want.as_str())));
            let list: Vec<Value> = state.connections.iter().filter(keep).cloned().collect();
            reply(StatusCode::OK, json!({"connections": list}))
        }
        ("POST", ["connections"]) => {
            let Some(app) = body.and_then(|b| b.get("app")).and_then(Value::as_str).filter(|a| !a.is_empty()) else {
                return reply(StatusCode::BAD_REQUEST, json!({"error": "app is required."}));
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
            reply(StatusCode::OK, json!({"connection": connection}))
        }
        ("GET", ["connections", id]) => match state.connections.iter().find(|c| c["connection_id"] == *id) {
            Some(c) => reply(StatusCode::OK, json!({"connection": c})),
            None => not_found(),
        },
        ("DELETE", ["connections", id]) => match state.connections.iter().position(|c| c["connection_id"] == *id) {
            Some(i) => reply(StatusCode::OK, json!({"connection": state.connections.remove(i)})),
            None => not_found(),
        },
        (_, ["connections"] | ["connections", _]) => reply(StatusCode::METHOD_NOT_ALLOWED, json!({"error": "Method not allowed."})),
        _ => reply(StatusCode::NOT_FOUND, json!({"error": "Not found."})),
    }
}
