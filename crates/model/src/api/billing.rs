//! Money: recharge packages and purchases (the balance rises, a transaction is kept), the
//! stored credit card, reseller client accounts and credit transfers, referrals.

use super::records::{self, check};
use super::resources;
use super::ApiRequest;
use crate::envelope::{error, invalid, ok, Reply};
use crate::pricing::{currency, round4};
use crate::state::{State, USER_ID};
use serde_json::{json, Map, Value};

/// Recharge packages: (id, price in the account's currency, SMS it buys).
const PACKAGES: &[(u64, f64, u64)] = &[(1, 20.0, 250), (2, 50.0, 650), (3, 100.0, 1_400), (4, 500.0, 7_500)];

pub fn packages(_: &State, req: &ApiRequest) -> Reply {
    if let Some(country) = req.query.get("country").filter(|c| c.len() != 2) {
        return error(400, &format!("Unknown country {country:?}: give an ISO 3166 code such as AU."));
    }
    let packages: Vec<Value> = PACKAGES
        .iter()
        .map(|&(id, price, sms)| json!({"package_id": id, "package_price": crate::pricing::fixed(price, 2), "price_rate": id, "sms_price": round4(price / sms as f64), "sms_quantity": sms}))
        .collect();
    ok("Here are the recharge packages.", json!({"packages": packages, "currency": currency()}))
}

/// Buys a package with the stored card: the balance rises and a transaction is recorded.
pub fn purchase(state: &mut State, package_id: &str) -> Reply {
    let Some(&(_, price, _)) = PACKAGES.iter().find(|p| p.0.to_string() == package_id) else {
        return error(404, "Package not found.");
    };
    if state.credit_card.is_none() {
        return error(400, "No credit card is stored: add one with PUT /recharge/credit-card first.");
    }
    state.balance += price;
    let record = json!({"amount": price, "currency": "AUD", "date": state.now});
    let mut with_id = record.clone();
    with_id[resources::TRANSACTIONS.id] = records::new_id(state, &resources::TRANSACTIONS);
    with_id[resources::TRANSACTIONS.id] = json!(format!("INV-{}", with_id[resources::TRANSACTIONS.id]));
    records::insert(state, &resources::TRANSACTIONS, with_id);
    ok("Your account has been recharged.", json!({"user_id": USER_ID, "amount": price, "currency": "AUD", "amount_aud": price, "date": state.now}))
}

pub fn credit_card(state: &State) -> Reply {
    match &state.credit_card {
        Some(card) => ok("Here is your credit card.", card.clone()),
        None => error(404, "No credit card is stored."),
    }
}

/// Stores a card (its last four digits only, as ClickSend shows it).
pub fn update_credit_card(state: &mut State, req: &ApiRequest) -> Reply {
    let fields = match check(req.body.as_ref(), &["number", "expiry_month", "expiry_year", "cvc", "name", "bank_name"]) {
        Ok(f) => f,
        Err(reply) => return reply,
    };
    let number: String = fields.get("number").map(|v| v.as_str().map_or_else(|| v.to_string(), String::from)).unwrap_or_default().chars().filter(char::is_ascii_digit).collect();
    if !(12..=19).contains(&number.len()) {
        return invalid(Map::from_iter([("number".to_string(), json!("Number must be a card number."))]));
    }
    let month = fields.get("expiry_month").and_then(|v| v.as_u64().or_else(|| v.as_str()?.parse().ok()));
    if !month.is_some_and(|m| (1..=12).contains(&m)) {
        return invalid(Map::from_iter([("expiry_month".to_string(), json!("Expiry month must be from 1 to 12."))]));
    }
    let last4 = &number[number.len() - 4..];
    state.credit_card = Some(json!({"display_number": format!("XXXX-XXXX-XXXX-{last4}"), "expiry_month": month, "expiry_year": fields["expiry_year"], "name": fields["name"]}));
    ok("Your credit card has been updated.", json!({"token": format!("card_{last4}")}))
}

pub fn create_reseller_account(state: &mut State, req: &ApiRequest) -> Reply {
    let extra = json!({"active": 1, "banned": 0, "balance": "0.00", "_currency": currency()});
    let mut reply = records::create(state, req, &resources::RESELLER_ACCOUNTS, extra);
    records::forget_password(state, &resources::RESELLER_ACCOUNTS, &mut reply);
    reply
}

/// Moves credit from this account to a client account.
pub fn transfer_credit(state: &mut State, req: &ApiRequest) -> Reply {
    let fields = match check(req.body.as_ref(), &["client_user_id", "balance", "currency"]) {
        Ok(f) => f,
        Err(reply) => return reply,
    };
    let amount = fields.get("balance").and_then(|v| v.as_f64().or_else(|| v.as_str()?.parse().ok())).filter(|a| *a > 0.0);
    let Some(amount) = amount else {
        return invalid(Map::from_iter([("balance".to_string(), json!("Balance must be a positive amount."))]));
    };
    if amount > state.balance + 1e-9 {
        return error(400, "Not enough credit to transfer.");
    }
    let client = fields.get("client_user_id").map(|v| v.as_str().map_or_else(|| v.to_string(), String::from)).unwrap_or_default();
    let Some(account) = records::find_mut(state, &resources::RESELLER_ACCOUNTS, &client) else {
        return records::not_found(&resources::RESELLER_ACCOUNTS);
    };
    let before: f64 = account["balance"].as_str().and_then(|b| b.parse().ok()).unwrap_or(0.0);
    account["balance"] = json!(crate::pricing::fixed(before + amount, 2));
    let account = account.clone();
    state.balance -= amount;
    ok("Credit has been transferred.", account)
}
