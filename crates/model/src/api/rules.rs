//! Automation rules: what happens to inbound SMS and fax, and to delivery receipts of SMS,
//! voice, email and fax. All kinds are kept alike; their required fields differ.

use super::records::{self, Gone, Resource};
use super::ApiRequest;
use crate::envelope::{invalid, Reply};
use crate::state::State;
use serde_json::{json, Map, Value};

const RECEIPT_FIELDS: &[&str] = &["rule_name", "match_type", "action", "action_address", "enabled"];

pub const SMS_INBOUND: Resource = Resource {
    key: "sms_inbound_rules",
    id: "inbound_rule_id",
    first_id: Some(12_000),
    // swagger-v2.yaml also requires message_search_term and action_address; openapi-v3.yaml's
    // own example leaves them null and empty (a POLL rule needs neither): the example wins.
    required: &["dedicated_number", "rule_name", "message_search_type", "action", "enabled"],
    noun: "Inbound rule",
    gone: Gone::EmptyArray,
    bare: false,
};
pub const FAX_INBOUND: Resource = Resource {
    key: "fax_inbound_rules",
    id: "inbound_rule_id",
    first_id: Some(13_000),
    required: &["dedicated_number", "rule_name", "action", "action_address", "enabled"],
    noun: "Inbound rule",
    gone: Gone::EmptyArray,
    bare: false,
};
pub const SMS_RECEIPTS: Resource = receipt_rules("sms_receipt_rules", 14_000, Gone::EmptyArray);
pub const VOICE_RECEIPTS: Resource = receipt_rules("voice_receipt_rules", 15_000, Gone::EmptyArray);
pub const EMAIL_RECEIPTS: Resource = receipt_rules("email_receipt_rules", 16_000, Gone::True);
pub const FAX_RECEIPTS: Resource = receipt_rules("fax_receipt_rules", 17_000, Gone::EmptyArray);

const fn receipt_rules(key: &'static str, first: u64, gone: Gone) -> Resource {
    Resource { key, id: "receipt_rule_id", first_id: Some(first), required: RECEIPT_FIELDS, noun: "Receipt rule", gone, bare: false }
}

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
