//! The model's memory: the account, messages, lists and contacts, every other kind of record
//! (by [`crate::api::records::Resource`]), inbound messages and Maton connections, plus what
//! tests see (recorded requests) and program (faults), and the clock of the request at hand.

use clicksend_core::messages::MessageKind;
use clicksend_core::sms_parts;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

pub const START_BALANCE: f64 = 100.0;
pub const USER_ID: u64 = 3819;
pub const SUBACCOUNT_ID: u64 = 3998;
/// What a delivery receipt says of a message that reached the handset.
pub const DELIVERED: &str = "Success: Message received on handset.";
/// The shared number ClickSend sends from when a message names no sender.
pub const SHARED_NUMBER: &str = "+61481073412";

/// To four decimals; `+ 0.0` turns the `-0.0` an empty `sum()` gives into `0`.
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0 + 0.0
}

/// `x` with `places` decimals (`fixed(0.0792, 4)` is `"0.0792"`), by integer arithmetic: float
/// formatting (`{:.4}`) would put core's float printing into the testing kit's `.wasm`
/// (bench/NOTES.md, section "Formatting code kept out of the .wasm").
pub fn fixed(x: f64, places: u32) -> String {
    let scale = 10_i64.pow(places);
    let n = (x * scale as f64).round() as i64;
    let sign = if n < 0 { "-" } else { "" };
    let (whole, frac) = (n.abs() / scale, n.abs() % scale);
    format!("{sign}{whole}.{frac:0width$}", width = places as usize)
}

/// `2026-01-01T00:00:00Z` for a Unix time (the newer APIs' timestamps).
pub fn iso8601(t: i64) -> String {
    let days = t.div_euclid(86_400);
    let secs = t.rem_euclid(86_400);
    let (y, m, d) = civil(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs / 60 % 60, secs % 60)
}

/// `Mon, 07 Dec 2026 07:30:00 GMT` for a Unix time: an HTTP `Date` header (RFC 9110's IMF-fixdate).
pub fn http_date(t: i64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]; // 1970-01-01 was a Thursday
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let days = t.div_euclid(86_400);
    let secs = t.rem_euclid(86_400);
    let (y, m, d) = civil(days);
    let weekday = DAYS[days.rem_euclid(7) as usize];
    format!("{weekday}, {d:02} {} {y:04} {:02}:{:02}:{:02} GMT", MONTHS[(m - 1) as usize], secs / 3600, secs / 60 % 60, secs % 60)
}

/// The year and month of a Unix time (UTC).
pub fn year_month(t: i64) -> (i64, i64) {
    let (y, m, _) = civil(t.div_euclid(86_400));
    (y, m)
}

/// Year, month and day of a count of days since 1970-01-01 (Howard Hinnant's algorithm).
fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

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

/// A fault programmed by a test for the next matching requests.
#[derive(Clone, Debug, Default)]
pub struct Fault {
    pub method: Option<String>,
    /// Path relative to `/v3` (`/sms/send`), or `/connections...`; `None` matches all.
    pub path: Option<String>,
    pub times: usize,
    pub status: Option<u16>,
    pub retry_after: Option<String>,
    pub delay_ms: u64,
    /// Never answer: the front holds the request until its caller gives up (aborts).
    pub hang: bool,
    pub body: Option<String>,
    pub content_type: Option<String>,
    pub drop: Option<ConnectionDrop>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ConnectionDrop {
    /// Close the connection before sending anything.
    Before,
    /// Send the head and part of the body, then close.
    MidBody,
    /// Carry the request out, then answer as `MidBody` does: the client cannot tell whether
    /// it happened (what a reconciliation has to find out).
    AfterCarryingOut,
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
    pub requests: crate::record::RequestLog,
    pub faults: Vec<Fault>,
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

    /// Takes the first fault matching the request, counting it down.
    pub fn take_fault(&mut self, method: &str, path: &str) -> Option<Fault> {
        let i = self.faults.iter().position(|f| f.method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case(method)) && f.path.as_deref().is_none_or(|p| p == path))?;
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

/// The calling codes the model prices, with the price of an SMS part: AU, NZ, GB and the +1
/// countries (at the US price). A message to anywhere else is not modelled: its send or quote
/// is answered 501, never with a price the model made up.
pub const SMS_RATES: &[(&str, f64)] = &[("+61", 0.0792), ("+64", 0.0880), ("+44", 0.0550), ("+1", 0.0264)];

/// The country of an E.164 number (`ZZ` when no country has its calling code).
pub fn country_of(to: &str) -> &'static str {
    clicksend_core::phone::phone_info(to).map_or("ZZ", |i| i.country)
}

/// Parts and price of one message of `kind` to `to` (E.164), or `None` where the model
/// prices no message ([`SMS_RATES`]):
/// - SMS: per part, by the GSM-7/UCS-2 rules shared with the client;
/// - MMS: one flat price per message (ClickSend bills MMS per message, media included);
/// - voice: per started 300 characters of speech (a minute or so of text-to-speech).
pub fn message_cost(kind: MessageKind, to: &str, body: &str) -> Option<(usize, f64)> {
    let &(_, rate) = SMS_RATES.iter().find(|(prefix, _)| to.starts_with(prefix))?;
    let (parts, unit) = message_units(kind, body, rate);
    Some((parts, (unit * parts as f64 * 10_000.0).round() / 10_000.0))
}

/// How many units `kind` bills for `body`, and the price of one (`sms_rate` for an SMS part).
pub fn message_units(kind: MessageKind, body: &str, sms_rate: f64) -> (usize, f64) {
    match kind {
        MessageKind::Sms => (sms_parts(body).parts, sms_rate),
        MessageKind::Mms => (1, 0.5500),
        MessageKind::Voice => (body.chars().count().div_ceil(300).max(1), 0.0700),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_places() {
        assert_eq!(
            (fixed(0.0792, 4), fixed(100.0, 6), fixed(-1.5, 2), fixed(0.0, 4), fixed(12.345678, 2)),
            ("0.0792".into(), "100.000000".into(), "-1.50".into(), "0.0000".into(), "12.35".into())
        );
    }

    #[test]
    fn http_dates() {
        assert_eq!(http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(http_date(1_796_629_800), "Mon, 07 Dec 2026 07:50:00 GMT");
        assert_eq!(http_date(951_782_400), "Tue, 29 Feb 2000 00:00:00 GMT");
    }

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

    #[test]
    fn prices_follow_parts() {
        use MessageKind::*;
        assert_eq!(message_cost(Sms, "+61411111111", "hi"), Some((1, 0.0792)));
        assert_eq!(message_cost(Sms, "+61411111111", &"a".repeat(161)), Some((2, 0.1584)));
        assert_eq!(message_cost(Sms, "+15551234567", &"é".repeat(10)), Some((1, 0.0264)));
        assert_eq!(message_cost(Sms, "+15551234567", &"😀".repeat(36)), Some((2, 0.0528)));
        assert_eq!(message_cost(Mms, "+61411111111", &"a".repeat(500)), Some((1, 0.55)));
        assert_eq!(message_cost(Voice, "+61411111111", &"a".repeat(301)), Some((2, 0.14)));
        // Beyond the countries priced: not modelled, not a made-up price.
        assert_eq!(message_cost(Sms, "+4915123456789", "hi"), None);
        assert_eq!((country_of("+15551234567"), country_of("+12684641234"), country_of("")), ("US", "AG", "ZZ"));
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
