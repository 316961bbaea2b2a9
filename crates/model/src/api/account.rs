//! The account and what hangs off it: sign-up and verification, password and username
//! reminders, usage, subaccounts, delivery issues and the countries it may send to.

use super::records::{self, check};
use super::resources;
use super::ApiRequest;
use crate::envelope::{error, invalid, ok, Reply};
use crate::pricing::round4;
use crate::state::{State, SUBACCOUNT_ID, USER_ID};
use clicksend_core::messages::MessageKind;
use serde_json::{json, Map, Value};

/// The code an account verification or a password reset is confirmed with, in the sandbox.
pub const ACTIVATION_TOKEN: &str = "123456";

pub fn get(state: &State) -> Reply {
    ok("Here's your account", state.account())
}

/// `POST /account`: a new ClickSend account. The model has one account; signing up another
/// answers what ClickSend would, with the new account's details, and keeps nothing.
pub fn create(state: &mut State, req: &ApiRequest) -> Reply {
    let required = ["username", "password", "user_email", "user_phone", "user_first_name", "user_last_name", "account_name", "country"];
    let mut fields = match check(req.body.as_ref(), &required) {
        Ok(f) => f,
        Err(reply) => return reply,
    };
    fields.remove("password");
    fields.insert("user_id".into(), json!(USER_ID + 1 + state.next_id()));
    fields.insert("active".into(), json!(0));
    fields.insert("balance".into(), json!("0.000000"));
    fields.insert("date_sign_up".into(), json!(state.now));
    ok("Account has been created.", Value::Object(fields))
}

pub fn send_verification(state: &mut State, req: &ApiRequest) -> Reply {
    match check(req.body.as_ref(), &["country", "user_phone", "type"]) {
        Ok(_) => {
            state.account_unverified = true;
            ok("Activation code has been sent.", json!([]))
        }
        Err(reply) => reply,
    }
}

pub fn verify(state: &mut State, token: &str) -> Reply {
    if token != ACTIVATION_TOKEN {
        return error(400, "Invalid activation token.");
    }
    state.account_unverified = false;
    ok("Account has been verified.", json!([]))
}

/// What each subaccount sent in a month, from the messages of that month.
pub fn usage(state: &State, year: &str, month: &str) -> Reply {
    let (Ok(year), Ok(month)) = (year.parse::<i64>(), month.parse::<i64>()) else {
        return error(400, "Year and month must be numbers.");
    };
    if !(1..=12).contains(&month) || !(2000..=9999).contains(&year) {
        return error(400, "Invalid year or month.");
    }
    let usage = |kind: MessageKind| {
        let sent: Vec<_> = state.messages.iter().filter(|m| m.kind == kind && crate::calendar::year_month(m.date) == (year, month)).collect();
        let price: f64 = sent.iter().map(|m| m.price).sum();
        json!([{"subaccount_id": SUBACCOUNT_ID, "username": "sandbox", "total_count": sent.len(), "total_price": round4(price), "notes": null}])
    };
    ok(
        "Here is your usage.",
        json!({"sms": usage(MessageKind::Sms), "mms": usage(MessageKind::Mms), "voice": usage(MessageKind::Voice), "fax": [], "post": [], "email": [], "email_transactional": [], "postcards": []}),
    )
}

pub fn forgot_password(_: &mut State, req: &ApiRequest) -> Reply {
    match check(req.body.as_ref(), &["username"]) {
        Ok(_) => ok("Password reset code has been sent.", json!([])),
        Err(reply) => reply,
    }
}

pub fn verify_forgot_password(_: &mut State, req: &ApiRequest) -> Reply {
    let fields = match check(req.body.as_ref(), &["subaccount_id", "activation_token", "password"]) {
        Ok(f) => f,
        Err(reply) => return reply,
    };
    if fields.get("activation_token").and_then(Value::as_str) != Some(ACTIVATION_TOKEN) {
        return invalid(Map::from_iter([("activation_token".to_string(), json!("Activation token is invalid."))]));
    }
    ok("Password has been changed.", json!([]))
}

pub fn forgot_username(_: &mut State, req: &ApiRequest) -> Reply {
    let email = req.body_str("email").unwrap_or_default();
    if !email.is_empty() && !records::looks_like_email(email) {
        return invalid(Map::from_iter([("email".to_string(), json!("Email must be a valid email address."))]));
    }
    ok("Username reminder has been sent.", json!([]))
}

pub fn create_subaccount(state: &mut State, req: &ApiRequest) -> Reply {
    let key = state.next_message_id();
    let mut extra = json!({"api_key": key, "is_main": 0, "notes": null, "sign_up_type": null});
    for access in [
        "access_users",
        "access_billing",
        "access_reporting",
        "access_contacts",
        "access_settings",
        "access_sms",
        "access_email",
        "access_voice",
        "access_fax",
        "access_post",
        "access_mms",
    ] {
        if let Some(v) = req.body.as_ref().and_then(|b| b.get(access)) {
            extra[access] = v.clone();
        } else {
            extra[access] = json!(1);
        }
    }
    let mut reply = records::create(state, req, &resources::SUBACCOUNTS, extra);
    records::forget_password(state, &resources::SUBACCOUNTS, &mut reply);
    reply
}

pub fn regenerate_key(state: &mut State, id: &str) -> Reply {
    let key = state.next_message_id();
    match records::find_mut(state, &resources::SUBACCOUNTS, id) {
        Some(s) => {
            s["api_key"] = json!(key);
            ok("New API key has been generated.", json!({"api_key": key}))
        }
        None => records::not_found(&resources::SUBACCOUNTS),
    }
}

pub fn report_delivery_issue(state: &mut State, req: &ApiRequest) -> Reply {
    let extra = json!({"user_id": USER_ID, "date_added": state.now, "status": "open", "resolved": 0, "client_comments": null, "support_comments": null});
    records::create(state, req, &resources::DELIVERY_ISSUES, extra)
}

/// The countries the account may send to (global sending): a fixed set, each agreed once
/// the account agrees to the terms after selecting it.
const COUNTRIES: &[(u64, &str, &str, &str)] = &[
    (1, "Australia", "AU", "Oceania"),
    (2, "New Zealand", "NZ", "Oceania"),
    (3, "United Kingdom", "GB", "Europe"),
    (4, "United States", "US", "North America"),
    (5, "Canada", "CA", "North America"),
];

fn country_json(state: &State, &(id, name, code, region): &(u64, &str, &str, &str)) -> Value {
    let agreed = state.agreed_countries.contains(&id).then_some(state.now);
    json!({"id": id, "name": name, "code": code, "region": region, "agreed_at": agreed, "registration_entity": {"id": 1, "name": "None"}, "registration_status": {"id": 1, "name": "Not required"}})
}

fn selected(state: &State) -> Value {
    Value::Array(COUNTRIES.iter().filter(|c| state.selected_countries.contains(&c.0)).map(|c| country_json(state, c)).collect())
}

pub fn user_countries(state: &State) -> Reply {
    ok("Here are your countries.", Value::Array(COUNTRIES.iter().map(|c| country_json(state, c)).collect()))
}

pub fn select_countries(state: &mut State, req: &ApiRequest) -> Reply {
    let ids: Option<Vec<u64>> = req.body.as_ref().and_then(|b| b.get("country_list_ids")).and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_u64).collect());
    let Some(ids) = ids.filter(|ids| !ids.is_empty()) else {
        return invalid(Map::from_iter([("country_list_ids".to_string(), json!("Country list ids field is required."))]));
    };
    if let Some(bad) = ids.iter().find(|id| !COUNTRIES.iter().any(|c| c.0 == **id)) {
        return invalid(Map::from_iter([("country_list_ids".to_string(), json!(format!("Unknown country id {bad}.")))]));
    }
    state.selected_countries = ids;
    ok("Countries have been selected.", selected(state))
}

pub fn agree_countries(state: &mut State) -> Reply {
    state.agreed_countries = state.selected_countries.clone();
    ok("You have agreed to the terms.", selected(state))
}
