//! Email: the account's sender addresses (verified by a code), transactional email, email
//! templates, and the email-to-SMS addresses and stripped strings.

use super::records::{self, check};
use super::resources;
use super::ApiRequest;
use crate::envelope::{error, invalid, ok, Reply};
use crate::pricing::{currency, round4};
use crate::state::{State, SUBACCOUNT_ID, USER_ID};
use serde_json::{json, Map, Value};

/// The price of one email, in the account's currency.
pub const EMAIL_PRICE: f64 = 0.0050;

/// The code that verifies an email address in the sandbox.
pub const VERIFICATION_CODE: &str = "123456";

pub fn add_address(state: &mut State, req: &ApiRequest) -> Reply {
    let extra = json!({"verified": 0, "date_added": state.now.to_string()});
    records::create(state, req, &resources::EMAIL_ADDRESSES, extra)
}

pub fn send_address_verification(state: &mut State, id: &str) -> Reply {
    match records::find(state, &resources::EMAIL_ADDRESSES, id) {
        Some(_) => ok("Verification email has been sent.", json!({})),
        None => records::not_found(&resources::EMAIL_ADDRESSES),
    }
}

pub fn verify_address(state: &mut State, id: &str, code: &str) -> Reply {
    let Some(address) = records::find_mut(state, &resources::EMAIL_ADDRESSES, id) else {
        return records::not_found(&resources::EMAIL_ADDRESSES);
    };
    if code != VERIFICATION_CODE {
        return error(400, "Invalid activation token.");
    }
    address["verified"] = json!(1);
    ok("Email address has been verified.", address.clone())
}

pub fn create_template(state: &mut State, req: &ApiRequest) -> Reply {
    let master = req.body.as_ref().and_then(|b| b.get("template_id_master")).map(|v| v.as_str().map_or_else(|| v.to_string(), String::from));
    let body = master.as_deref().and_then(|m| super::catalog::master_template(m).body["data"]["body"].as_str().map(String::from));
    if master.is_some() && body.is_none() {
        return invalid(Map::from_iter([("template_id_master".to_string(), json!("Master template not found."))]));
    }
    records::create(state, req, &resources::EMAIL_TEMPLATES, json!({"body": body}))
}

/// The recipients of an email: `to` as one address, an object or a list of `{email, name}`.
fn recipients(to: &Value) -> Option<Vec<Value>> {
    let list = match to {
        Value::Array(a) => a.clone(),
        other => vec![other.clone()],
    };
    let out: Vec<Value> = list
        .iter()
        .map(|r| match r {
            Value::String(s) => json!({"email": s, "name": ""}),
            other => other.clone(),
        })
        .collect();
    out.iter().all(|r| r["email"].as_str().is_some_and(records::looks_like_email)).then_some(out).filter(|o| !o.is_empty())
}

/// `POST /email/send` (`commit`) and `/email/price`: `to`, `from` (`{email_address_id,
/// name}`, one of the account's addresses) and `body` are required.
pub fn send(state: &mut State, req: &ApiRequest, commit: bool) -> Reply {
    let fields = match check(req.body.as_ref(), resources::EMAILS.required) {
        Ok(f) => f,
        Err(reply) => return reply,
    };
    let Some(to) = recipients(&fields["to"]) else {
        return invalid(Map::from_iter([("to".to_string(), json!("To must be email addresses."))]));
    };
    let from_id = fields["from"].get("email_address_id").map(|v| v.as_str().map_or_else(|| v.to_string(), String::from)).unwrap_or_default();
    if records::find(state, &resources::EMAIL_ADDRESSES, &from_id).is_none() {
        return invalid(Map::from_iter([("from".to_string(), json!("From must name one of your email addresses (email_address_id)."))]));
    }
    let price = round4(to.len() as f64 * EMAIL_PRICE);
    if !commit {
        return ok(
            "Here is the price of your email.",
            json!({"total": 1, "per_page": 1, "current_page": 1, "last_page": 1, "from": 1, "to": 1, "data": [{"to": to, "price": crate::pricing::fixed(price, 4)}], "_currency": currency()}),
        );
    }
    if price > state.balance + 1e-9 {
        return error(400, "Not enough credit to send this email.");
    }
    state.balance -= price;
    let email = json!({
        "message_id": records::new_id(state, &resources::EMAILS),
        "user_id": USER_ID,
        "subaccount_id": SUBACCOUNT_ID,
        "from_email_address_id": from_id.parse::<u64>().ok(),
        "from_name": fields["from"].get("name"),
        "to": to,
        "cc": fields.get("cc").cloned().unwrap_or(json!([])),
        "bcc": fields.get("bcc").cloned().unwrap_or(json!([])),
        "subject": fields.get("subject"),
        "body": fields["body"],
        "schedule": fields.get("schedule").cloned().unwrap_or(json!(0)),
        "status": "Sent",
        "status_text": "Accepted for delivery",
        "price": crate::pricing::fixed(price, 4),
        "date_added": state.now,
        "_currency": currency(),
    });
    ok("Email has been queued for delivery.", records::insert(state, &resources::EMAILS, email))
}

pub fn history(state: &State, req: &ApiRequest) -> Reply {
    ok("Here is your email history.", req.page(records::all(state, &resources::EMAILS).to_vec()))
}
