//! The control surface (`/_sandbox/...` on the sandbox server): what tests use to reset the
//! model, read what it received, set the balance and callbacks, and program faults. No real
//! ClickSend path starts with `/_sandbox`.

use crate::envelope::{error, ok, Reply};
use crate::state::{Callback, CallbackFormat as Format, ConnectionDrop, Fault, Settings};
use crate::Model;
use serde_json::{json, Value};

/// Every message the model carried out, in order, whether or not the history shows it yet
/// (its lag): what a test counts duplicates and losses from, without paging the history.
fn stored_messages(model: &Model) -> Value {
    use clicksend_core::messages::MessageKind;
    let kind = |k: MessageKind| match k {
        MessageKind::Sms => "sms",
        MessageKind::Mms => "mms",
        MessageKind::Voice => "voice",
    };
    let each = model
        .state
        .messages
        .iter()
        .map(|m| json!({"kind": kind(m.kind), "message_id": m.message_id, "to": m.to, "body": m.body, "custom_string": m.custom_string, "status": m.history_status()}));
    Value::Array(each.collect())
}

pub fn handle(model: &mut Model, method: &str, path: &str, body: &[u8]) -> Reply {
    match (method, path.trim_end_matches('/')) {
        ("GET", "health") => ok("ok", json!({"status": "up"})),
        ("POST", "reset") => {
            model.reset();
            ok("Sandbox reset.", Value::Null)
        }
        ("GET", "requests") => ok("Recorded requests.", model.requests()),
        ("GET", "messages") => ok("Stored messages.", stored_messages(model)),
        ("POST", "callbacks") => match parse_callback(body) {
            Ok(callback) => {
                let url = callback.url.clone();
                model.state.callback = Some(callback);
                ok("Callbacks set.", json!({"url": url}))
            }
            Err(why) => error(400, &why),
        },
        // The account's credit, for tests that send more than the start balance pays for.
        ("POST", "balance") => match serde_json::from_slice::<Value>(body).ok().and_then(|v| v.get("balance")?.as_f64()) {
            Some(b) if b >= 0.0 => {
                model.state.balance = b;
                ok("Balance set.", json!({"balance": b}))
            }
            _ => error(400, "give {\"balance\": a number >= 0}"),
        },
        ("POST", "seed") => match serde_json::from_slice::<Value>(body) {
            Ok(seed) => match model.seed(&seed) {
                Ok(made) => ok("Seeded.", made),
                Err(why) => error(400, &why),
            },
            Err(e) => error(400, &not_json("seed", &e)),
        },
        ("GET", "settings") => ok("Settings.", settings_json(&model.state.settings)),
        ("POST", "settings") => match apply_settings(&mut model.state.settings, body) {
            Ok(()) => ok("Settings changed.", settings_json(&model.state.settings)),
            Err(why) => error(400, &why),
        },
        ("POST", "faults") => match parse_faults(body) {
            Ok(faults) => {
                let n = faults.len();
                model.state.faults.extend(faults);
                ok(&format!("{n} fault(s) armed."), json!({"armed": n}))
            }
            Err(why) => error(400, &why),
        },
        _ => error(404, "Unknown sandbox control. Try GET /_sandbox/requests, GET /_sandbox/messages, POST /_sandbox/reset, POST /_sandbox/seed, POST /_sandbox/faults, POST /_sandbox/settings or POST /_sandbox/balance."),
    }
}

/// The settings as JSON (the names `apply_settings` takes).
pub fn settings_json(s: &Settings) -> Value {
    json!({"history_lag_ms": s.history_lag_ms, "clock_skew_ms": s.clock_skew_ms, "countries_enabled": s.countries_enabled, "gateway_rate_limit": s.gateway_rate_limit})
}

/// Changes the settings a body names: `{history_lag_ms?, clock_skew_ms?, countries_enabled?:
/// ["AU", ...] | null, gateway_rate_limit?: bool}`. Anything else is refused, and nothing changes.
pub fn apply_settings(settings: &mut Settings, body: &[u8]) -> Result<(), String> {
    let v: Value = serde_json::from_slice(body).map_err(|e| not_json("settings", &e))?;
    let Some(fields) = v.as_object() else { return Err("settings must be an object".into()) };
    let mut next = settings.clone();
    for (key, value) in fields {
        match key.as_str() {
            "history_lag_ms" => next.history_lag_ms = value.as_u64().filter(|n| *n <= 3_600_000).ok_or("history_lag_ms must be a whole number of ms from 0 to 3600000")?,
            "clock_skew_ms" => next.clock_skew_ms = value.as_i64().filter(|n| n.abs() <= 86_400_000).ok_or("clock_skew_ms must be a whole number of ms within a day either way")?,
            "countries_enabled" => {
                next.countries_enabled = match value {
                    Value::Null => None,
                    Value::Array(list) => Some(
                        list.iter()
                            .map(|c| c.as_str().filter(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_alphabetic())).map(str::to_ascii_uppercase))
                            .collect::<Option<Vec<_>>>()
                            .ok_or("countries_enabled must be a list of ISO 3166-1 codes such as \"AU\", or null for all")?,
                    ),
                    _ => return Err("countries_enabled must be a list of ISO 3166-1 codes such as \"AU\", or null for all".into()),
                }
            }
            "gateway_rate_limit" => next.gateway_rate_limit = value.as_bool().ok_or("gateway_rate_limit must be true or false")?,
            other => return Err(format!("unknown setting {other:?} (known: history_lag_ms, clock_skew_ms, countries_enabled, gateway_rate_limit)")),
        }
    }
    *settings = next;
    Ok(())
}

/// Where a body is not JSON. Not serde_json's own message: its Display brings core's float
/// printing (for "invalid type: floating point ..."), 15 KB, into the testing kit's `.wasm`.
pub fn not_json(what: &str, e: &serde_json::Error) -> String {
    format!("{what} must be JSON (line {}, column {})", e.line(), e.column())
}

/// `{url: "http://...", format?: "form" | "json" | "get"}`.
fn parse_callback(body: &[u8]) -> Result<Callback, String> {
    let v: Value = serde_json::from_slice(body).map_err(|e| not_json("callbacks", &e))?;
    let url = v.get("url").and_then(Value::as_str).filter(|u| u.starts_with("http://")).ok_or("give {\"url\": \"http://...\"}")?;
    let format = match v.get("format").and_then(Value::as_str).unwrap_or("form") {
        "form" => Format::Form,
        "json" => Format::Json,
        "get" => Format::Get,
        other => return Err(format!("unknown format {other:?}: use form, json or get")),
    };
    Ok(Callback { url: url.to_string(), format })
}

/// `[{method?, path?, times?, status?, retry_after?, delay_ms?, hang?, body?, content_type?, drop?}]`
/// or a single such object. `drop` is "before", "mid-body" or "after" (carried out, then cut).
pub fn parse_faults(body: &[u8]) -> Result<Vec<Fault>, String> {
    let value: Value = serde_json::from_slice(body).map_err(|e| not_json("faults", &e))?;
    let items = match value {
        Value::Array(items) => items,
        one @ Value::Object(_) => vec![one],
        _ => return Err("faults must be an object or an array of objects".into()),
    };
    items.iter().map(parse_fault).collect()
}

fn parse_fault(v: &Value) -> Result<Fault, String> {
    let s = |k: &str| v.get(k).and_then(Value::as_str).map(String::from);
    let fault = Fault {
        method: s("method"),
        path: s("path"),
        times: v.get("times").and_then(Value::as_u64).unwrap_or(1).max(1) as usize,
        status: v.get("status").and_then(Value::as_u64).map(|n| n as u16),
        retry_after: v.get("retry_after").and_then(|r| r.as_str().map(String::from).or_else(|| r.as_u64().map(|n| n.to_string()))),
        delay_ms: v.get("delay_ms").and_then(Value::as_u64).unwrap_or(0),
        hang: v.get("hang").and_then(Value::as_bool).unwrap_or(false),
        body: s("body"),
        content_type: s("content_type"),
        drop: match s("drop").as_deref() {
            None => None,
            Some("before") => Some(ConnectionDrop::Before),
            Some("mid-body") => Some(ConnectionDrop::MidBody),
            Some("after") => Some(ConnectionDrop::AfterCarryingOut),
            Some(other) => return Err(format!("unknown drop {other:?}: use \"before\" or \"mid-body\"")),
        },
    };
    if fault.status.is_some_and(|s| !(100..=599).contains(&s)) {
        return Err("status must be from 100 to 599".into());
    }
    Ok(fault)
}
