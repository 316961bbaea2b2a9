//! The modelled account's memory: the account, messages, lists and contacts, every other kind
//! of record (by [`crate::api::records::Resource`]), inbound messages and Maton connections,
//! the service's settings, and the clock of the request at hand. What tests record and program
//! around it is in [`crate::harness`]; prices in [`crate::pricing`]; dates in [`crate::calendar`].

use clicksend_core::messages::MessageKind;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

use crate::pricing::{currency, fixed};

pub const START_BALANCE: f64 = 100.0;
pub const USER_ID: u64 = 3819;
pub const SUBACCOUNT_ID: u64 = 3998;
/// What a delivery receipt says of a message that reached the handset.
pub const DELIVERED: &str = "Success: Message received on handset.";
/// The shared number ClickSend sends from when a message names no sender.
pub const SHARED_NUMBER: &str = "+61481073412";

/// Something ClickSend pushes: to `url`, or (when `None`) to the callback URL a test set.
#[derive(Clone, Debug)]
pub struct Push {
    pub url: Option<String>,
    pub body: Value,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Delivery {
    Sent,
    Scheduled,
    Cancelled,
}

/// An outbound SMS, MMS or voice message.
#[derive(Clone, Debug)]
pub struct Message {
    pub kind: MessageKind,
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
    /// MMS: subject and media; voice: voice and language.
    pub extra: Map<String, Value>,
    /// When it was sent (server time, ms): it shows in the history the settings' lag later.
    pub sent_ms: f64,
}

impl Message {
    /// Dated `date` (Unix seconds) instead of when it was made: a seeded message from the past,
    /// in the history at once.
    pub fn backdate(&mut self, date: i64) {
        self.date = date;
        self.sent_ms = date as f64 * 1000.0;
    }

    /// The message as ClickSend shows it; `status` is the per-message send status in a
    /// send answer, the delivery state in history.
    pub fn to_json(&self, status: &str) -> Value {
        let mut m = json!({
            "direction": "out",
            "date": self.date,
            "to": self.to,
            "body": self.body,
            "from": self.from,
            "schedule": self.schedule.map_or(json!(""), |s| json!(s)),
            "message_id": self.message_id,
            "message_parts": self.parts,
            "message_price": fixed(self.price, 4),
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
            "date_added": self.date,
        });
        if let Value::Object(o) = &mut m {
            o.extend(self.extra.clone());
            // What the handset reported, once it did: a delivered (or failed) message's receipt.
            let reported = self.delivery == Delivery::Sent && matches!(status, "SUCCESS" | "Sent");
            let (code, text) = self.final_receipt();
            let delivered = reported && code == "201";
            o.insert("status_code".into(), if reported { json!(code) } else { Value::Null });
            o.insert("status_text".into(), if reported { json!(text) } else { Value::Null });
            o.insert("error_code".into(), Value::Null);
            o.insert("error_text".into(), Value::Null);
            if self.kind == MessageKind::Voice {
                o.insert("to_type".into(), json!("mobile"));
                o.insert("machine_detected".into(), if delivered { json!(0) } else { Value::Null });
                o.insert("digits".into(), Value::Null);
            }
        }
        m
    }

    pub fn history_status(&self) -> &'static str {
        match self.delivery {
            Delivery::Sent => "Sent",
            Delivery::Scheduled => "Scheduled",
            Delivery::Cancelled => "Cancelled",
        }
    }

    /// What the handset finally reported: `201` delivered, or `301` failed (see [`receipts_for`]).
    pub fn final_receipt(&self) -> (&'static str, &'static str) {
        *receipts_for(&self.to).last().unwrap_or(&("201", DELIVERED))
    }

    /// The delivery receipt ClickSend reports for a message that went out (its final one).
    pub fn receipt(&self) -> Value {
        let (code, text) = self.final_receipt();
        delivery_receipt_with(&self.message_id, self.kind, &self.custom_string, self.date, self.date + 3, code, text)
    }

    /// Every receipt ClickSend pushes for it, in order: a temporary failure (`300`) comes
    /// before the final receipt, as ClickSend retries.
    pub fn receipts(&self) -> Vec<Value> {
        receipts_for(&self.to)
            .iter()
            .enumerate()
            .map(|(i, (code, text))| delivery_receipt_with(&self.message_id, self.kind, &self.custom_string, self.date, self.date + 3 + i as i64 * 60, code, text))
            .collect()
    }
}

/// What a handset failing for now reports (ClickSend retries it).
pub const TEMPORARY_FAILURE: &str = "Temporary failure: the handset could not be reached; retrying.";
/// What a handset that cannot be reached at all reports.
pub const FAILED: &str = "Failed: the message could not be delivered to the handset.";

/// The receipts of a message to `to`: every number is delivered (`201`) except, so that tests
/// can meet ClickSend's failures on purpose, numbers ending in 9999300 (a temporary failure,
/// `300`, then delivered) and in 9999301 (failed, `301`).
pub fn receipts_for(to: &str) -> &'static [(&'static str, &'static str)] {
    if to.ends_with("9999300") {
        &[("300", TEMPORARY_FAILURE), ("201", DELIVERED)]
    } else if to.ends_with("9999301") {
        &[("301", FAILED)]
    } else {
        &[("201", DELIVERED)]
    }
}

/// A receipt saying a message `sent` at a time reached the handset `at` another, as ClickSend
/// pushes it (and lists it in `GET /.../receipts`).
pub fn delivery_receipt(message_id: &str, kind: MessageKind, custom_string: &str, sent: i64, at: i64) -> Value {
    delivery_receipt_with(message_id, kind, custom_string, sent, at, "201", DELIVERED)
}

/// A receipt with its status code (`201`, `300`, `301`) and text, `user_id` included (ClickSend
/// suggests a webhook check it).
pub fn delivery_receipt_with(message_id: &str, kind: MessageKind, custom_string: &str, sent: i64, at: i64, code: &str, text: &str) -> Value {
    json!({
        "timestamp_send": sent,
        "timestamp": at,
        "message_id": message_id,
        "status_code": code,
        "status_text": text,
        "user_id": USER_ID,
        "error_code": null,
        "error_text": null,
        "custom_string": custom_string,
        "subaccount_id": SUBACCOUNT_ID,
        "message_type": kind_name(kind),
        "digits": null,
    })
}

pub fn kind_name(kind: MessageKind) -> &'static str {
    match kind {
        MessageKind::Sms => "sms",
        MessageKind::Mms => "mms",
        MessageKind::Voice => "voice",
    }
}

/// The contact fields ClickSend stores (other keys in a request are ignored, as there).
pub const CONTACT_FIELDS: &[&str] = &[
    "phone_number",
    "first_name",
    "last_name",
    "email",
    "fax_number",
    "organization_name",
    "custom_1",
    "custom_2",
    "custom_3",
    "custom_4",
    "address_line_1",
    "address_line_2",
    "address_city",
    "address_state",
    "address_postal_code",
    "address_country",
];

#[derive(Clone, Debug)]
pub struct Contact {
    pub contact_id: u64,
    pub fields: Map<String, Value>,
    pub date_added: i64,
    pub date_updated: i64,
}

impl Contact {
    pub fn phone(&self) -> Option<&str> {
        self.fields.get("phone_number").and_then(Value::as_str)
    }

    pub fn to_json(&self, list: &List) -> Value {
        let mut o = Map::new();
        o.insert("contact_id".into(), json!(self.contact_id));
        o.insert("list_id".into(), json!(list.list_id));
        for f in CONTACT_FIELDS {
            o.insert((*f).into(), self.fields.get(*f).cloned().unwrap_or(json!("")));
        }
        o.insert("date_added".into(), json!(self.date_added));
        o.insert("date_updated".into(), json!(self.date_updated));
        o.insert("_list_name".into(), json!(list.list_name));
        Value::Object(o)
    }
}

#[derive(Clone, Debug)]
pub struct List {
    pub list_id: u64,
    pub list_name: String,
    pub contacts: Vec<Contact>,
    /// An import was accepted for it (`POST /lists/{id}/import`).
    pub import_in_progress: bool,
}

impl List {
    pub fn to_json(&self) -> Value {
        json!({
            "list_id": self.list_id,
            "list_name": self.list_name,
            "list_email_id": format!("{:X}", 0xC0FFEE_u64 + self.list_id),
            "_contacts_count": self.contacts.len(),
            "_import_in_progress": u8::from(self.import_in_progress),
            "_optout_in_progress": 0,
        })
    }
}

/// How pushes go to a callback URL: a form post, a JSON post, or a GET with a query string.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CallbackFormat {
    Form,
    Json,
    Get,
}

/// Where to push delivery receipts and inbound messages (`/_sandbox/callbacks`).
#[derive(Clone, Debug)]
pub struct Callback {
    pub url: String,
    pub format: CallbackFormat,
}

/// How the service behaves where it depends on the account or on ClickSend's insides (the
/// sandbox's `/_sandbox/settings`, the testing kit's `settings()`).
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// How long a sent message takes to show in the history, in ms. Documented nowhere: 0 by
    /// default, settable to any lag a test wants to survive.
    pub history_lag_ms: u64,
    /// How far the server's clock is ahead of the front's (negative: behind), in ms.
    pub clock_skew_ms: i64,
    /// The countries the account may send to (ISO codes), or `None` for all. Others are
    /// refused inside the 200 as `COUNTRY_NOT_ENABLED`.
    pub countries_enabled: Option<Vec<String>>,
    /// The Maton gateway's 10 requests a second (paths under `/clicksend/`), 429 above it.
    pub gateway_rate_limit: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings { history_lag_ms: 0, clock_skew_ms: 0, countries_enabled: None, gateway_rate_limit: true }
    }
}

/// Maton's documented limit: requests a second per account through the gateway.
pub const GATEWAY_PER_SECOND: usize = 10;

#[derive(Default)]
pub struct State {
    /// The time of the request being answered (Unix seconds, the server's clock), given by the front.
    pub now: i64,
    /// The same in milliseconds (the server's clock: the front's plus the skew).
    pub now_ms: f64,
    pub settings: Settings,
    /// When the gateway took its last requests (the front's wall clock, ms), for its rate limit.
    pub gateway_hits: std::collections::VecDeque<f64>,
    pub balance: f64,
    pub messages: crate::sent::SentMessages,
    pub lists: BTreeMap<u64, List>,
    /// Every other kind of record, by its resource's key, in the order they were made.
    pub records: BTreeMap<&'static str, Vec<Value>>,
    pub inbound: Vec<Value>,
    pub connections: Vec<Value>,
    pub callback: Option<Callback>,
    /// Pushes waiting to be delivered (the front sends them after each request).
    pub outbox: Vec<Push>,
    /// Set by a sign-up verification until the code is given.
    pub account_unverified: bool,
    /// Global sending: the countries selected, and those whose terms were agreed.
    pub selected_countries: Vec<u64>,
    pub agreed_countries: Vec<u64>,
    /// Per kind of receipt (`sms`, `fax`, ...): receipts before this time were marked read.
    pub receipts_read_before: BTreeMap<&'static str, i64>,
    /// The stored credit card, as ClickSend shows it (last digits only).
    pub credit_card: Option<Value>,
    next_id: u64,
}

impl State {
    pub fn new() -> State {
        let mut state = State { balance: START_BALANCE, next_id: 1, ..Default::default() };
        // Maton's default connection: the one the gateway uses when none is named.
        state.connections.push(json!({
            "connection_id": "5a4d0b0c-0000-4000-8000-00000000c0de",
            "status": "ACTIVE",
            "creation_time": "2026-01-01T00:00:00.000000Z",
            "last_updated_time": "2026-01-01T00:00:00.000000Z",
            "url": "https://connect.maton.ai/?session_token=sandbox",
            "app": "clicksend",
            "metadata": {},
        }));
        state
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

    /// Sets the clock for the request at hand from the front's time (ms), the skew applied.
    pub fn set_clock(&mut self, front_ms: f64) {
        self.now_ms = front_ms + self.settings.clock_skew_ms as f64;
        self.now = (self.now_ms / 1000.0).floor() as i64;
    }

    pub fn account(&self) -> Value {
        json!({
            "user_id": USER_ID,
            "username": "sandbox",
            "user_email": "sandbox@example.com",
            "balance": fixed(self.balance, 6),
            "user_phone": "+61411111111",
            "user_first_name": "Sandy",
            "user_last_name": "Box",
            "country": "AU",
            "default_country_sms": "AU",
            "timezone": "Australia/Melbourne",
            "active": 1,
            "banned": 0,
            "date_sign_up": 1_767_225_600,
            "account": 1,
            "account_name": "Sandbox Pty Ltd",
            "account_billing_email": "sandbox@example.com",
            "account_billing_mobile": "+61411111111",
            "reply_to": "originalemail",
            "auto_recharge": 0,
            "auto_recharge_amount": "20.00",
            "low_credit_amount": "5.00",
            "setting_unicode_sms": 1,
            "setting_sms_message_char_limit": 6,
            "on_trial": u8::from(self.account_unverified),
            "_currency": currency(),
        })
    }
}

/// The account's default country: how ClickSend reads a national number sent without one.
pub const DEFAULT_COUNTRY: &str = "AU";

/// The number ClickSend stores for a message's `to`, as the client's `reconcile` reads it
/// (`clicksend_core::phone::recipient`, one rule for both): E.164, a national number read in
/// `country` (the message's, else the account's), digits without `+` as international. Where
/// a number reads both ways the national one is taken. `None`: a number that cannot exist.
pub fn normalize_recipient(to: &str, country: Option<&str>) -> Option<String> {
    use clicksend_core::phone::{recipient, Recipient};
    match recipient(to, Some(country.unwrap_or(DEFAULT_COUNTRY))) {
        Recipient::E164(n) | Recipient::Either(n, _) => Some(n),
        Recipient::Invalid => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipients() {
        assert_eq!(normalize_recipient("+61 411 111 111", None).as_deref(), Some("+61411111111"));
        assert_eq!(normalize_recipient("15551234567", None).as_deref(), Some("+15551234567"));
        assert_eq!(normalize_recipient("0411 222 100", None).as_deref(), Some("+61411222100"), "the account's country");
        assert_eq!(normalize_recipient("61411111111", Some("AU")).as_deref(), Some("+61411111111"));
        assert_eq!(normalize_recipient("020 7946 0018", Some("GB")).as_deref(), Some("+442079460018"));
        // Niue's four-digit numbers: parsePhone takes them, and so does the model now (one rule).
        assert_eq!(normalize_recipient("+6834002", None).as_deref(), Some("+6834002"));
        for bad in ["", "+0411111111", "12345", "+6141111111112345", "call me", "+61-411-abc"] {
            assert_eq!(normalize_recipient(bad, None), None, "{bad}");
        }
    }
}
