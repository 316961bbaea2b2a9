//! Sender identities: dedicated numbers (searched, bought: the balance drops and the number
//! is listed), 10DLC registrations, own numbers verified by a code, alpha tags and default
//! senders.

use super::records::{self, check};
use super::resources;
use super::ApiRequest;
use crate::envelope::{error, invalid, ok, Reply};
use crate::pricing::{currency, fixed, round4};
use crate::state::{normalize_recipient, State, SUBACCOUNT_ID, USER_ID};
use serde_json::{json, Map, Value};

/// The code that verifies an own number in the sandbox.
pub const VERIFICATION_CODE: &str = "123456";

/// Numbers for sale in a country: (country, calling code, monthly price).
const FOR_SALE: &[(&str, &str, &str, f64)] =
    &[("AU", "Australia", "614", 25.0), ("NZ", "New Zealand", "642", 30.0), ("GB", "United Kingdom", "447", 20.0), ("US", "United States", "1415", 3.0)];

fn timestamp(state: &State) -> String {
    crate::calendar::iso8601(state.now)
}

/// Ten numbers for sale in `country`, less those already bought.
fn available(state: &State, country: &str) -> Option<Vec<Value>> {
    let &(code, name, prefix, monthly) = FOR_SALE.iter().find(|c| c.0.eq_ignore_ascii_case(country))?;
    let width = 11 - prefix.len().min(4);
    let numbers = (0..10)
        .map(|i| format!("+{prefix}{:0width$}", 5_550_100 + i))
        .filter(|n| records::find(state, &resources::DEDICATED_NUMBERS, n).is_none())
        .map(|n| {
            json!({"country": code, "country_name": name, "dedicated_number": n, "price_setup": fixed(monthly, 2), "price_monthly": fixed(monthly, 2), "price_total": fixed(2.0 * monthly, 2), "address_requirement": null})
        })
        .collect();
    Some(numbers)
}

pub fn search(state: &State, req: &ApiRequest, country: &str) -> Reply {
    let Some(numbers) = available(state, country) else {
        return error(400, &format!("No numbers are for sale in {country:?}: try AU, NZ, GB or US."));
    };
    let mut page = req.page(numbers);
    page["_currency"] = currency();
    ok("Here are some numbers for sale.", page)
}

/// Buys a number found by a search: its setup and first month come off the balance, and it
/// is listed in `GET /numbers`.
pub fn buy(state: &mut State, _: &ApiRequest, number: &str) -> Reply {
    let wanted = normalize_recipient(number, None).unwrap_or_else(|| number.to_string());
    let offer = FOR_SALE.iter().filter_map(|c| available(state, c.0)).flatten().find(|n| n["dedicated_number"] == wanted.as_str());
    let Some(offer) = offer else {
        return error(404, "That number is not for sale: search for one first.");
    };
    let price: f64 = offer["price_total"].as_str().and_then(|p| p.parse().ok()).unwrap_or(0.0);
    if price > state.balance + 1e-9 {
        return error(400, "Not enough credit to buy this number.");
    }
    state.balance = round4(state.balance - price);
    let country = offer["country"].clone();
    let record = json!({
        "dedicated_number": wanted, "country": country, "price": offer["price_monthly"], "_country_name": offer["country_name"],
        "notes": null, "type": "dedicated", "number_type": "mobile", "number_category": null, "number_guid": state.next_message_id(), "form_submission_id": null,
        "status": {"value": 1, "label": "Active", "description": "The number is ready to use.", "name": "active"},
    });
    records::insert(state, &resources::DEDICATED_NUMBERS, record);
    let data = json!({"dedicated_number": wanted, "country": country, "price_total": offer["price_total"], "_price_setup": offer["price_setup"], "_price_monthly": offer["price_monthly"], "_currency": currency()});
    ok("Number has been purchased.", data)
}

/// A 10DLC (or toll-free) registration: checked, then acknowledged with `data: null`.
pub fn register(_: &mut State, req: &ApiRequest, number_type: &str, country: &str) -> Reply {
    if !["10dlc", "tollfree", "toll-free", "toll_free"].contains(&number_type.to_ascii_lowercase().as_str()) {
        return error(404, &format!("Unknown number type {number_type:?}."));
    }
    if country.len() != 2 {
        return error(404, &format!("Unknown country {country:?}."));
    }
    let required = ["full_name", "company_name", "company_number", "email", "website_url", "area_code", "primary_use_case", "sample_message"];
    match check(req.body.as_ref(), &required) {
        Ok(_) => ok("Number registration notification sent successfully.", Value::Null),
        Err(reply) => reply,
    }
}

/// Only the label changes.
pub fn update_own_number(state: &mut State, req: &ApiRequest, id: &str) -> Reply {
    let now = timestamp(state);
    let Some(record) = records::find_mut(state, &resources::OWN_NUMBERS, id) else {
        return records::not_found(&resources::OWN_NUMBERS);
    };
    if let Some(label) = req.body_str("label") {
        record["label"] = json!(label);
    }
    record["updated_timestamp"] = json!(now);
    Reply { status: 200, body: record.clone() }
}

/// Starts verifying a phone number the account owns: an own number waiting for the code
/// sent to it, and the verification that takes the code.
pub fn request_verification(state: &mut State, req: &ApiRequest) -> Reply {
    let fields = match check(req.body.as_ref(), resources::NUMBER_VERIFICATIONS.required) {
        Ok(f) => f,
        Err(reply) => return reply,
    };
    let Some(phone) = fields["phone_number"].as_str().and_then(|t| normalize_recipient(t, None)) else {
        return invalid(Map::from_iter([("phone_number".to_string(), json!("Phone number must be a phone number."))]));
    };
    let now = timestamp(state);
    let own_id = records::new_id(state, &resources::OWN_NUMBERS);
    let own = json!({
        "id": own_id, "account_id": USER_ID.to_string(), "workspace_id": SUBACCOUNT_ID.to_string(), "user_id": USER_ID.to_string(),
        "phone_number": phone, "country": fields["country"], "label": fields.get("label").cloned().unwrap_or(json!("")),
        "status": "UNVERIFIED", "verified_timestamp": "", "notified_timestamp": null, "is_nearing_expiration": false,
        "created_timestamp": now, "updated_timestamp": now,
    });
    records::insert(state, &resources::OWN_NUMBERS, own);
    let verification = json!({
        "id": records::new_id(state, &resources::NUMBER_VERIFICATIONS), "own_number_id": own_id, "status": "PENDING",
        "expires_timestamp": crate::calendar::iso8601(state.now + 600), "remaining_attempts": 3, "created_timestamp": now, "updated_timestamp": now,
    });
    Reply { status: 200, body: records::insert(state, &resources::NUMBER_VERIFICATIONS, verification) }
}

/// Checks the code: right, and the own number is verified; wrong, and an attempt is used.
pub fn verify(state: &mut State, req: &ApiRequest, id: &str) -> Reply {
    let code = req.body.as_ref().and_then(|b| b.get("code")).map(|v| v.as_str().map_or_else(|| v.to_string(), String::from));
    let Some(code) = code.filter(|c| !c.is_empty()) else {
        return invalid(Map::from_iter([("code".to_string(), json!("Code field is required."))]));
    };
    let now = timestamp(state);
    let Some(v) = records::find_mut(state, &resources::NUMBER_VERIFICATIONS, id) else {
        return records::not_found(&resources::NUMBER_VERIFICATIONS);
    };
    if v["status"] != "PENDING" || v["remaining_attempts"].as_i64().unwrap_or(0) <= 0 {
        return error(400, "This verification is no longer pending.");
    }
    v["updated_timestamp"] = json!(now);
    if code != VERIFICATION_CODE {
        v["remaining_attempts"] = json!(v["remaining_attempts"].as_i64().unwrap_or(1) - 1);
        return error(400, "Invalid verification code.");
    }
    v["status"] = json!("VERIFIED");
    let (v, own_id) = (v.clone(), v["own_number_id"].as_str().unwrap_or_default().to_string());
    if let Some(own) = records::find_mut(state, &resources::OWN_NUMBERS, &own_id) {
        own["status"] = json!("VERIFIED");
        own["verified_timestamp"] = json!(now);
    }
    Reply { status: 200, body: v }
}

/// An alpha tag (a sender name) of 3 to 11 letters, digits or spaces, waiting for approval.
pub fn create_alpha_tag(state: &mut State, req: &ApiRequest) -> Reply {
    let tag = req.body_str("alpha_tag").unwrap_or_default();
    let valid = (3..=11).contains(&tag.len()) && tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b' ') && tag.bytes().any(|b| b.is_ascii_alphabetic());
    if !tag.is_empty() && !valid {
        return invalid(Map::from_iter([("alpha_tag".to_string(), json!("Alpha tag must be 3 to 11 letters, digits or spaces, with a letter."))]));
    }
    let now = timestamp(state);
    let extra = json!({"account_id": USER_ID.to_string(), "workspace_id": SUBACCOUNT_ID.to_string(), "user_id": USER_ID.to_string(), "status": "PENDING", "created_timestamp": now, "updated_timestamp": now});
    records::create(state, req, &resources::ALPHA_TAGS, extra)
}

pub fn create_default_sender(state: &mut State, req: &ApiRequest) -> Reply {
    let now = timestamp(state);
    let extra = json!({"user_id": USER_ID, "subaccount_id": SUBACCOUNT_ID, "status": "ACTIVE", "created_timestamp": now, "updated_timestamp": now});
    records::create(state, req, &resources::DEFAULT_SENDERS, extra)
}
