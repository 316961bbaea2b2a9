//! The control surface (`/_sandbox/...` on the sandbox server): what tests use to reset the
//! model, read what it received, set the balance and callbacks, and program faults. No real
//! ClickSend path starts with `/_sandbox`.

use crate::envelope::{error, ok, Reply};
use crate::harness::{ConnectionDrop, Fault};
use crate::state::{Callback, CallbackFormat as Format, Settings};
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
        ("GET", "requests") => {
            let dropped = model.harness.requests.dropped();
            let message = if dropped == 0 { "Recorded requests.".to_string() } else { format!("Recorded requests; {dropped} older ones were let go (the record keeps the last 10,000).") };
            ok(&message, model.requests())
        }
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
                model.harness.faults.extend(faults);
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
/// printing (for "invalid type: floating point ...") into the testing kit's `.wasm`
/// (bench/NOTES.md, section "Formatting code kept out of the .wasm").
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

/// The longest `delay_ms` a fault takes: 10 minutes. Longer, a JS timer overflows and fires at
/// once (the testing kit answered a "delayed" request immediately).
pub const MAX_FAULT_DELAY_MS: u64 = 600_000;

const FAULT_FIELDS: &[&str] = &["method", "path", "times", "status", "retry_after", "delay_ms", "hang", "body", "content_type", "drop"];

/// One fault, every field checked: a fault the front cannot carry out is refused, never armed
/// to do something else (or nothing).
fn parse_fault(v: &Value) -> Result<Fault, String> {
    let Some(fields) = v.as_object() else { return Err("each fault must be an object".into()) };
    if let Some(other) = fields.keys().find(|k| !FAULT_FIELDS.contains(&k.as_str())) {
        return Err(format!("unknown fault field {other:?} (known: {})", FAULT_FIELDS.join(", ")));
    }
    let text = |k: &str| -> Result<Option<String>, String> {
        match v.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(format!("{k} must be a string")),
        }
    };
    let whole = |k: &str, range: std::ops::RangeInclusive<u64>, default: u64| -> Result<u64, String> {
        match v.get(k) {
            None => Ok(default),
            Some(n) => n.as_u64().filter(|n| range.contains(n)).ok_or_else(|| format!("{k} must be a whole number from {} to {}", range.start(), range.end())),
        }
    };
    let method = text("method")?.map(|m| m.to_ascii_uppercase());
    if method.as_deref().is_some_and(|m| !["GET", "POST", "PUT", "PATCH", "DELETE"].contains(&m)) {
        return Err("method must be GET, POST, PUT, PATCH or DELETE".into());
    }
    let fault = Fault {
        method,
        path: text("path")?.map(|p| fault_path(&p)).transpose()?,
        times: whole("times", 1..=1_000_000, 1)? as usize,
        status: v.get("status").map(|_| whole("status", 100..=599, 0).map(|n| n as u16)).transpose()?,
        retry_after: match v.get("retry_after") {
            None => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(n) => Some(n.as_u64().ok_or("retry_after must be a string or a whole number of seconds")?.to_string()),
        },
        delay_ms: whole("delay_ms", 0..=MAX_FAULT_DELAY_MS, 0)?,
        hang: match v.get("hang") {
            None => false,
            Some(h) => h.as_bool().ok_or("hang must be true or false")?,
        },
        body: text("body")?,
        content_type: text("content_type")?,
        drop: match text("drop")?.as_deref() {
            None => None,
            Some("before") => Some(ConnectionDrop::Before),
            Some("mid-body") => Some(ConnectionDrop::MidBody),
            Some("after") => Some(ConnectionDrop::AfterCarryingOut),
            Some(other) => return Err(format!("unknown drop {other:?}: use \"before\", \"mid-body\" or \"after\"")),
        },
    };
    if fault.hang && (fault.status.is_some() || fault.drop.is_some() || fault.delay_ms > 0 || fault.body.is_some()) {
        return Err("a fault that hangs never answers: it takes no status, body, delay_ms or drop".into());
    }
    if fault.body.is_some() && fault.status.is_none() {
        return Err("a fault's body is sent with its status: give status too".into());
    }
    Ok(fault)
}

/// A fault's path as the model matches it (relative to `/v3`), from either form: `/sms/send`,
/// or as `requests()` shows it, `/v3/sms/send` or `/clicksend/v3/sms/send`.
fn fault_path(path: &str) -> Result<String, String> {
    if !path.starts_with('/') {
        return Err(format!("path must start with / (such as /sms/send), got {:?}", path.chars().take(60).collect::<String>()));
    }
    Ok(crate::api_path(path).map_or(path, |rest| if rest.is_empty() { "/" } else { rest }).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(json: &str) -> String {
        parse_faults(json.as_bytes()).expect_err(json)
    }

    #[test]
    fn faults_that_cannot_be_carried_out_are_refused() {
        assert!(refused(r#"{"path": "/sms/send", "times": 0}"#).starts_with("times must be a whole number from 1"));
        assert_eq!(refused(r#"{"hang": "yes"}"#), "hang must be true or false");
        assert!(refused(r#"{"path": "/sms/send", "stauts": 500}"#).starts_with("unknown fault field \"stauts\""));
        assert!(refused(r#"{"delay_ms": 1e12}"#).starts_with("delay_ms must be a whole number from 0 to 600000"));
        assert!(refused(r#"{"hang": true, "status": 500}"#).starts_with("a fault that hangs never answers"));
        assert!(refused(r#"{"path": "sms/send"}"#).starts_with("path must start with /"));
        assert!(refused(r#"{"drop": "sideways"}"#).contains("\"after\""));
    }

    #[test]
    fn paths_match_in_the_form_requests_shows_them() {
        let faults = parse_faults(br#"[{"path": "/v3/sms/send"}, {"path": "/clicksend/v3/account"}, {"path": "/sms/send"}, {"path": "/connections"}]"#).unwrap();
        let paths: Vec<_> = faults.iter().map(|f| f.path.as_deref().unwrap()).collect();
        assert_eq!(paths, ["/sms/send", "/account", "/sms/send", "/connections"]);
    }
}
