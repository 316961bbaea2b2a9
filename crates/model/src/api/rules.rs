//! Automation rules: what happens to inbound SMS and fax, and to delivery receipts of SMS,
//! voice, email and fax. All kinds are kept alike; their required fields differ.

use super::records::{self, Resource};
use super::ApiRequest;
use crate::envelope::{invalid, Reply};
use crate::state::State;
use serde_json::{json, Map, Value};

/// The actions ClickSend's rules take.
const ACTIONS: &[&str] =
    &["AUTO_REPLY", "EMAIL_USER", "EMAIL_FIXED", "URL", "SMS", "POLL", "GROUP_SMS", "MOVE_CONTACT", "CREATE_CONTACT", "CREATE_CONTACT_PHONE", "CREATE_CONTACT_EMAIL", "NONE"];

/// A new rule: the kind's required fields, a known `action`, `enabled` 0 or 1.
pub fn create(state: &mut State, req: &ApiRequest, res: &Resource) -> Reply {
    let body = req.body.as_ref();
    let mut problems = Map::new();
    if let Some(action) = body.and_then(|b| b.get("action")).and_then(Value::as_str) {
        if !ACTIONS.contains(&action.to_ascii_uppercase().as_str()) {
            problems.insert("action".into(), json!(format!("Action must be one of {}.", ACTIONS.join(", "))));
        }
    }
    if let Some(enabled) = body.and_then(|b| b.get("enabled")) {
        if !matches!(enabled.as_i64(), Some(0 | 1)) && !enabled.is_boolean() {
            problems.insert("enabled".into(), json!("Enabled must be 0 or 1."));
        }
    }
    if !problems.is_empty() {
        return invalid(problems);
    }
    records::create(state, req, res, json!({}))
}
