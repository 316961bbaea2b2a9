//! The sandbox's memory: the account, messages and lists, plus what tests see
//! (recorded requests) and program (faults).

use clicksend_core::sms_parts;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::time::{SystemTime, UNIX_EPOCH};

pub const START_BALANCE: f64 = 100.0;
pub const USER_ID: u64 = 3819;
pub const SUBACCOUNT_ID: u64 = 3998;

pub fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

#[derive(Clone, Debug, PartialEq)]
pub enum Delivery {
    Sent,
    Scheduled,
    Cancelled,
}

#[derive(Clone, Debug)]
pub struct Message {
    pub message_id: String,
    pub date: i64,
    pub to: String,
    pub body: String,
    pub from: Option<String>,
    pub schedule: Option<i64>,
    pub custom_string: String,
    pub list_id: Option<u64>,
    pub contact_id: Option<u64>,
    pub country: &'static str,
    pub parts: usize,
    pub price: f64,
    pub delivery: Delivery,
}

impl Message {
    /// The message as ClickSend shows it; `status` is the per-message send status in a
    /// send answer, the delivery state in history.
    pub fn to_json(&self, status: &str) -> Value {
        json!({
            "direction": "out",
            "date": self.date,
            "to": self.to,
            "body": self.body,
            "from": self.from,
            "schedule": self.schedule.map_or(json!(""), |s| json!(s)),
            "message_id": self.message_id,
            "message_parts": self.parts,
            "message_price": format!("{:.4}", self.price),
            "from_email": null,
            "list_id": self.list_id,
            "custom_string": self.custom_string,
            "contact_id": self.contact_id,
            "user_id": USER_ID,
            "subaccount_id": SUBACCOUNT_ID,
            "is_shared_system_number": false,
            "country": self.country,
            "carrier": "Sandbox Mobile",
            "status": status,
        })
    }

    pub fn history_status(&self) -> &'static str {
        match self.delivery {
            Delivery::Sent => "Sent",
            Delivery::Scheduled => "Scheduled",
            Delivery::Cancelled => "Cancelled",
        }
    }
}

#[derive(Clone, Debug)]
pub struct List {
    pub list_id: u64,
    pub list_name: String,
    pub contacts: Vec<Value>,
}

impl List {
    pub fn to_json(&self) -> Value {
        json!({
            "list_id": self.list_id,
            "list_name": self.list_name,
            "list_email_id": format!("{:X}", 0xC0FFEE_u64 + self.list_id),
            "_contacts_count": self.contacts.len(),
        })
    }
}

/// A fault programmed by a test for the next matching requests.
#[derive(Clone, Debug, Default)]
pub struct Fault {
    pub method: Option<String>,
    /// Path relative to `/v3` (`/sms/send`); `None` matches every API request.
    pub path: Option<String>,
    pub times: usize,
    pub status: Option<u16>,
    pub retry_after: Option<String>,
    pub delay_ms: u64,
    pub body: Option<String>,
    pub content_type: Option<String>,
    pub drop: Option<Drop>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Drop {
    /// Close the connection before sending anything.
    Before,
    /// Send the head and part of the body, then close.
    MidBody,
}

#[derive(Default)]
pub struct State {
    pub balance: f64,
    pub messages: Vec<Message>,
    pub lists: BTreeMap<u64, List>,
    pub requests: Vec<Value>,
    pub faults: Vec<Fault>,
    next_id: u64,
}

impl State {
    pub fn new() -> State {
        State { balance: START_BALANCE, next_id: 1, ..Default::default() }
    }

    pub fn next_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id - 1
    }

    /// A message id in ClickSend's format (an upper-case UUID), deterministic per run.
    pub fn next_message_id(&mut self) -> String {
        let n = self.next_id();
        format!("5A4D0B0C-{:04X}-4000-8000-{:012X}", n >> 48, n & 0xFFFF_FFFF_FFFF)
    }

    /// Takes the first fault matching the request, counting it down.
    pub fn take_fault(&mut self, method: &str, path: &str) -> Option<Fault> {
        let i = self.faults.iter().position(|f| {
            f.method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case(method)) && f.path.as_deref().is_none_or(|p| p == path)
        })?;
        let fault = self.faults[i].clone();
        self.faults[i].times -= 1;
        if self.faults[i].times == 0 {
            self.faults.remove(i);
        }
        Some(fault)
    }

    pub fn account(&self) -> Value {
        json!({
            "user_id": USER_ID,
            "username": "sandbox",
            "user_email": "sandbox@example.com",
            "balance": format!("{:.6}", self.balance),
            "user_phone": "+61411111111",
            "user_first_name": "Sandy",
            "user_last_name": "Box",
            "country": "AU",
            "default_country_sms": "AU",
            "timezone": "Australia/Melbourne",
            "_currency": currency(),
        })
    }
}

pub fn currency() -> Value {
    json!({
        "currency_name_short": "AUD",
        "currency_prefix_d": "$",
        "currency_prefix_c": "c",
        "currency_name_long": "Australian Dollars",
        "min_recharge_amount": "20.00",
        "max_recharge_amount": "10000.00",
    })
}

/// A recipient the sandbox can deliver to: E.164-like, 8 to 15 digits after an optional `+`.
/// Anything else (letters, too short, a leading 0 after `+`) is an impossible number.
pub fn normalize_recipient(to: &str) -> Option<String> {
    let digits: String = to.chars().filter(|c| !matches!(c, ' ' | '-' | '(' | ')')).collect();
    let bare = digits.strip_prefix('+').unwrap_or(&digits);
    let valid = (8..=15).contains(&bare.len()) && bare.bytes().all(|b| b.is_ascii_digit()) && !bare.starts_with('0');
    valid.then(|| format!("+{bare}"))
}

/// Country and price per SMS part, by the recipient's calling code.
pub fn sms_rate(to: &str) -> (&'static str, f64) {
    const RATES: &[(&str, &str, f64)] = &[("+61", "AU", 0.0792), ("+64", "NZ", 0.0880), ("+44", "GB", 0.0550), ("+1", "US", 0.0264)];
    RATES.iter().find(|(prefix, _, _)| to.starts_with(prefix)).map_or(("ZZ", 0.1000), |&(_, c, r)| (c, r))
}

/// Parts and price of one SMS, by the GSM-7/UCS-2 rules shared with the client.
pub fn sms_cost(to: &str, body: &str) -> (&'static str, usize, f64) {
    let (country, rate) = sms_rate(to);
    let parts = sms_parts(body).parts;
    (country, parts, (rate * parts as f64 * 10_000.0).round() / 10_000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipients() {
        assert_eq!(normalize_recipient("+61 411 111 111").as_deref(), Some("+61411111111"));
        assert_eq!(normalize_recipient("15551234567").as_deref(), Some("+15551234567"));
        for bad in ["", "+0411111111", "12345", "+6141111111112345", "call me", "+61-411-abc"] {
            assert_eq!(normalize_recipient(bad), None, "{bad}");
        }
    }

    #[test]
    fn prices_follow_parts() {
        assert_eq!(sms_cost("+61411111111", "hi"), ("AU", 1, 0.0792));
        assert_eq!(sms_cost("+61411111111", &"a".repeat(161)), ("AU", 2, 0.1584));
        assert_eq!(sms_cost("+15551234567", &"é".repeat(10)), ("US", 1, 0.0264));
        assert_eq!(sms_cost("+15551234567", &"😀".repeat(36)), ("US", 2, 0.0528));
    }

    #[test]
    fn faults_count_down_and_match() {
        let mut s = State::new();
        s.faults.push(Fault { method: Some("POST".into()), path: Some("/sms/send".into()), times: 2, status: Some(500), ..Default::default() });
        assert!(s.take_fault("GET", "/sms/send").is_none());
        assert!(s.take_fault("post", "/sms/send").is_some());
        assert!(s.take_fault("POST", "/sms/send").is_some());
        assert!(s.take_fault("POST", "/sms/send").is_none());
    }
}
