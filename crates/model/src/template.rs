//! The shapes of ClickSend's answers, from its description (`templates.json`, written by
//! `scripts/gen-model-templates.mjs` from openapi-v3.yaml), and [`conform`], which gives an
//! answer every documented field with its documented type.
//!
//! Handlers build answers from the model's state with the fields they know; `conform` then
//! adds every other field the description documents (with an empty value of its type: `""`,
//! `0`, `false`, `null` where nullable, `[]`, an object of such fields), and turns a value of
//! another type into the documented one (`"0.0792"` stays a string where a string is
//! documented, `12` becomes `"12"`). Fields the description does not name are kept.
//!
//! # Where the description contradicts itself
//! Its examples sometimes give a field another type than its schema (`status_code` of a
//! delivery receipt is typed integer; the example answer has `"201"`). The model follows the
//! examples (ClickSend's answers look like them); `templates.json`'s `decisions` lists every
//! such place, and [`decisions`] returns them. Also decided here, where the description
//! gives no type to follow:
//! - `schedule` of a message: typed integer in one schema and string in another; the model
//!   answers with whatever type the operation's own schema declares (`""` when unscheduled
//!   where a string is documented, `0` where an integer is).
//! - A `DELETE` whose answer is documented as an array of strings answers `data: []`.

use serde_json::{Map, Number, Value};
use std::sync::OnceLock;

const TEMPLATES: &str = include_str!("templates.json");

struct Templates {
    ops: Map<String, Value>,
    decisions: Vec<Value>,
}

fn templates() -> &'static Templates {
    static T: OnceLock<Templates> = OnceLock::new();
    T.get_or_init(|| {
        // Into a Value, not a Map: a typed target brings serde's "invalid type" messages, and
        // with them core's float printing, into the testing kit's .wasm (bench/NOTES.md, section
        // "Formatting code kept out of the .wasm").
        let all: Value = serde_json::from_str(TEMPLATES).unwrap_or_default();
        let mut all = match all {
            Value::Object(o) => o,
            _ => Map::new(),
        };
        let ops = match all.remove("ops") {
            Some(Value::Object(o)) => o,
            _ => Map::new(),
        };
        let decisions = match all.remove("decisions") {
            Some(Value::Array(a)) => a,
            _ => Vec::new(),
        };
        Templates { ops, decisions }
    })
}

/// The documented shape of an operation's 200 answer, by `"GET /sms/templates/{}"` (path
/// relative to `/v3`, parameters as `{}`).
pub fn of(key: &str) -> Option<&'static Value> {
    templates().ops.get(key)
}

/// Where the model follows the description's examples over its schemas:
/// `{schema, declared, answered}` each.
pub fn decisions() -> &'static [Value] {
    &templates().decisions
}

/// `value` in the shape of `template` (see the module's documentation).
pub fn conform(value: Value, template: &Value) -> Value {
    match template {
        Value::Object(fields) => {
            // In place: the fields given keep their order, the missing ones follow in the
            // description's order (rebuilding each object cost more than the rest of a send).
            let mut given = match value {
                Value::Object(o) => o,
                _ => Map::new(),
            };
            for (k, t) in fields {
                match given.get_mut(k) {
                    Some(v) => *v = conform(std::mem::take(v), t),
                    None => {
                        given.insert(k.clone(), conform(Value::Null, t));
                    }
                }
            }
            Value::Object(given)
        }
        Value::Array(item) => match (value, item.first()) {
            (Value::Array(items), Some(t)) => Value::Array(items.into_iter().map(|v| conform(v, t)).collect()),
            (Value::Array(items), None) => Value::Array(items),
            _ => Value::Array(Vec::new()),
        },
        Value::String(ty) => scalar(value, ty),
        _ => value,
    }
}

/// A leaf: `ty` is `string`, `integer`, `number`, `boolean` or `any`, with `?` if nullable.
fn scalar(value: Value, ty: &str) -> Value {
    let (ty, nullable) = ty.strip_suffix('?').map_or((ty, false), |t| (t, true));
    if value.is_null() {
        return if nullable || ty == "any" { Value::Null } else { empty(ty) };
    }
    let converted = match ty {
        "string" => as_string(&value),
        "integer" => as_integer(&value),
        "number" => as_number(&value),
        "boolean" => as_bool(&value),
        _ => Some(value.clone()),
    };
    converted.unwrap_or_else(|| if nullable { Value::Null } else { empty(ty) })
}

fn empty(ty: &str) -> Value {
    match ty {
        "string" => Value::String(String::new()),
        "integer" | "number" => Value::from(0),
        "boolean" => Value::Bool(false),
        _ => Value::Null,
    }
}

fn as_string(v: &Value) -> Option<Value> {
    match v {
        Value::String(_) => Some(v.clone()),
        Value::Number(n) => Some(Value::String(n.to_string())),
        Value::Bool(b) => Some(Value::String(if *b { "1" } else { "0" }.into())),
        _ => None,
    }
}

fn as_integer(v: &Value) -> Option<Value> {
    match v {
        Value::Number(n) if n.is_i64() || n.is_u64() => Some(v.clone()),
        Value::Number(n) => n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9e15).map(|f| Value::from(f as i64)),
        Value::String(s) => s.trim().parse::<i64>().ok().map(Value::from),
        Value::Bool(b) => Some(Value::from(i64::from(*b))),
        _ => None,
    }
}

fn as_number(v: &Value) -> Option<Value> {
    match v {
        Value::Number(_) => Some(v.clone()),
        Value::String(s) => s.trim().parse::<f64>().ok().and_then(Number::from_f64).map(Value::Number),
        Value::Bool(b) => Some(Value::from(i64::from(*b))),
        _ => None,
    }
}

fn as_bool(v: &Value) -> Option<Value> {
    match v {
        Value::Bool(_) => Some(v.clone()),
        Value::Number(n) => Some(Value::Bool(n.as_f64() != Some(0.0))),
        Value::String(s) => match s.as_str() {
            "true" | "1" => Some(Value::Bool(true)),
            "false" | "0" | "" => Some(Value::Bool(false)),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fills_and_converts() {
        let t = json!({"id": "integer", "name": "string", "note": "string?", "price": "string", "tags": ["string"], "sub": {"on": "boolean"}, "items": [{"n": "integer"}]});
        let v = conform(json!({"id": "12", "price": 0.5, "extra": 1, "items": [{"n": 2.0}, {}], "tags": "x"}), &t);
        assert_eq!(v, json!({"id": 12, "price": "0.5", "extra": 1, "items": [{"n": 2}, {"n": 0}], "tags": [], "name": "", "note": null, "sub": {"on": false}}));
        let order: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(order, ["id", "price", "extra", "items", "tags", "name", "note", "sub"], "given fields first, then the missing ones in the description's order");
        assert_eq!(conform(json!("abc"), &json!("integer?")), Value::Null);
        assert_eq!(conform(json!(1), &json!("boolean")), json!(true));
    }

    #[test]
    fn the_description_is_read() {
        let receipts = of("GET /sms/receipts").expect("sms receipts have a documented answer");
        assert_eq!(receipts["data"]["data"][0]["status_code"], "string", "the example's type, not the schema's");
        assert!(decisions().iter().any(|d| d["schema"] == "sms_receipt.status_code"));
    }
}
