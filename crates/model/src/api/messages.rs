//! Outbound SMS, MMS and voice (send, price, history, receipts, cancel) and inbound SMS.

use super::resources;
use super::sending;
use super::ApiRequest;
use crate::envelope::{error, ok, Reply};
use crate::pricing::{currency, round4};
use crate::state::{kind_name, Delivery, Message, State, SHARED_NUMBER};
use clicksend_core::messages::{MessageKind, MAX_MESSAGES};
use serde_json::{json, Map, Value};

/// `POST /{sms,mms,voice}/send` (`commit`) and `.../price`: one result per message, priced
/// by the kind's rule; invalid recipients and messages beyond the balance are not charged.
pub fn send(state: &mut State, req: &ApiRequest, kind: MessageKind, commit: bool) -> Reply {
    let input = match req.body.as_ref().and_then(|b| b.get("messages")).and_then(Value::as_array) {
        Some(m) if !m.is_empty() && m.len() <= MAX_MESSAGES => m.clone(),
        Some(m) if m.len() > MAX_MESSAGES => return error(400, "You can send at most 1000 messages per call."),
        _ => return crate::envelope::invalid(Map::from_iter([("messages".to_string(), json!("Messages field is required."))])),
    };
    let sent = match sending::send_messages(state, kind, &input, req.body_str("media_file"), commit) {
        Ok(s) => s,
        Err(reply) => return reply,
    };
    let blocked = sent.results.len() - sent.queued;
    let mut data = json!({
        "total_price": sent.total_price,
        "total_count": sent.results.len(),
        "queued_count": sent.queued,
        "messages": sent.results,
        "_currency": currency(),
        "blocked_count": blocked,
    });
    if !commit {
        data["_summary"] = json!({"test_message": "", "countries": []});
    } else if req.body.as_ref().and_then(|b| b.get("shorten_urls")).and_then(Value::as_bool) == Some(true) {
        shorten_links(state, &sent.results);
    }
    ok(if commit { "Messages queued for delivery." } else { "Here are some results." }, data)
}

pub fn history(state: &State, req: &ApiRequest, kind: MessageKind) -> Reply {
    let (from, to) = (req.query_num("date_from"), req.query_num("date_to"));
    let filter = req.query.get("q").map(|q| Filter::read(q));
    let shown = |m: &&Message| {
        m.kind == kind
            && m.sent_ms + state.settings.history_lag_ms as f64 <= state.now_ms
            && from.is_none_or(|f| m.date >= f)
            && to.is_none_or(|t| m.date <= t)
            && filter.as_ref().is_none_or(|f| f.matches(m))
    };
    // A search by recipient reads that recipient's messages only (E.164 has no case to fold).
    let items: Vec<&Message> = match &filter {
        Some(Filter { field: Some(Field::To), value }) if !value.is_empty() => state.messages.sent_to(value).filter(shown).collect(),
        _ => state.messages.iter().filter(shown).collect(),
    };
    ok("Here are your results.", req.page_of(items, |m| m.to_json(m.history_status())))
}

/// The history's `q=field:value` filter, for the fields ClickSend documents (status, to, from,
/// message_id; an empty value matches any). A field it does not know matches nothing.
struct Filter<'a> {
    field: Option<Field>,
    value: &'a str,
}

enum Field {
    Status,
    To,
    From,
    MessageId,
}

impl<'a> Filter<'a> {
    fn read(q: &'a str) -> Filter<'a> {
        let (field, value) = q.split_once(':').unwrap_or((q, ""));
        let field = match field.to_ascii_lowercase().as_str() {
            "status" => Some(Field::Status),
            "to" => Some(Field::To),
            "from" => Some(Field::From),
            "message_id" => Some(Field::MessageId),
            _ => None,
        };
        Filter { field, value }
    }

    fn matches(&self, m: &Message) -> bool {
        let actual = match self.field {
            Some(Field::Status) => m.history_status(),
            Some(Field::To) => m.to.as_str(),
            Some(Field::From) => m.from.as_deref().unwrap_or(""),
            Some(Field::MessageId) => m.message_id.as_str(),
            None => return false,
        };
        self.value.is_empty() || actual.eq_ignore_ascii_case(self.value)
    }
}

/// Delivery receipts: every message of `kind` that went out (not scheduled or cancelled).
pub fn receipts(state: &State, req: &ApiRequest, kind: MessageKind) -> Reply {
    let items = state.messages.iter().filter(|m| m.kind == kind && m.delivery == Delivery::Sent).collect();
    ok("Here are your delivery receipts.", req.page_of(items, Message::receipt))
}

pub fn cancel(state: &mut State, kind: MessageKind, id: &str) -> Reply {
    let Some(m) = state.messages.iter_mut().find(|m| m.kind == kind && m.message_id == id) else {
        return error(404, "Message not found.");
    };
    if m.delivery != Delivery::Scheduled {
        return error(400, "Only scheduled messages can be cancelled.");
    }
    m.delivery = Delivery::Cancelled;
    state.balance += m.price;
    ok("Message has been cancelled.", json!({"message_id": id}))
}

pub fn cancel_all(state: &mut State, kind: MessageKind) -> Reply {
    let mut count = 0;
    for m in state.messages.iter_mut().filter(|m| m.kind == kind && m.delivery == Delivery::Scheduled) {
        m.delivery = Delivery::Cancelled;
        state.balance += m.price;
        count += 1;
    }
    ok(&format!("{count} messages have been cancelled."), json!({"count": count}))
}

pub fn inbound(state: &State, req: &ApiRequest) -> Reply {
    ok("Here are your data.", req.page(state.inbound.clone()))
}

/// `POST /sms/inbound {url}`: ClickSend's test endpoint, which pushes a test inbound message
/// to `url`. The model also keeps it as received, with whatever fields the caller gives
/// (`from`, `to`, `body`, ...) and defaults for the rest.
pub fn inject_inbound(state: &mut State, req: &ApiRequest) -> Reply {
    let url = match push_url(req) {
        Ok(u) => u,
        Err(reply) => return reply,
    };
    let mut fields = req.body.as_ref().and_then(Value::as_object).cloned().unwrap_or_default();
    fields.entry("body").or_insert(json!("This is a test incoming SMS."));
    let message = add_inbound(state, &Value::Object(fields));
    state.outbox.push(crate::state::Push { url: Some(url), body: pushed_inbound(&message) });
    ok("Test inbound message has been added.", message)
}

/// An inbound message as ClickSend pushes it: with the account's `user_id`, which ClickSend
/// suggests a webhook check.
pub fn pushed_inbound(message: &Value) -> Value {
    let mut pushed = message.clone();
    pushed["user_id"] = json!(crate::state::USER_ID);
    pushed
}

/// An inbound SMS, kept as received (`GET /sms/inbound` lists it) and returned as ClickSend
/// pushes it: `{from, to, body, original_message_id?, custom_string?}` over defaults.
pub fn add_inbound(state: &mut State, fields: &Value) -> Value {
    let field = |k: &str, default: &str| fields.get(k).and_then(Value::as_str).unwrap_or(default).to_string();
    let body = field("body", "");
    let message = json!({
        "timestamp_send": state.now,
        "timestamp": state.now,
        "from": field("from", "+61400000000"),
        "body": body,
        "original_body": field("original_body", ""),
        "original_message_id": field("original_message_id", ""),
        "to": field("to", SHARED_NUMBER),
        "custom_string": field("custom_string", ""),
        "message_id": state.next_message_id(),
        "_keyword": body.split_whitespace().next().unwrap_or_default().to_ascii_lowercase(),
    });
    state.inbound.push(message.clone());
    message
}

/// A history export: ClickSend answers with the URL of a CSV file it prepares.
pub fn export(state: &State, req: &ApiRequest, what: &str) -> Reply {
    let file = req.query.get("filename").cloned().unwrap_or_else(|| format!("{}-history", what.replace('/', "-")));
    ok("Your export is ready.", json!({"url": format!("{}/exports/{file}-{}.csv", req.base, state.now)}))
}

pub fn get_inbound(state: &State, id: &str) -> Reply {
    match state.inbound.iter().find(|m| m["message_id"] == id) {
        Some(m) => ok("Here is your inbound message.", m.clone()),
        None => error(404, "Inbound message not found."),
    }
}

/// Marks inbound messages read: one by id, or all (before `date_before`, if given).
pub fn mark_inbound_read(state: &mut State, req: &ApiRequest, id: Option<&str>) -> Reply {
    match id {
        Some(id) => match state.inbound.iter_mut().find(|m| m["message_id"] == id) {
            Some(m) => {
                m["_read"] = json!(true);
                ok("Inbound message has been marked as read.", json!(1))
            }
            None => error(404, "Inbound message not found."),
        },
        None => {
            let before = date_before(req);
            let mut count = 0;
            for m in state.inbound.iter_mut().filter(|m| before.is_none_or(|b| m["timestamp"].as_i64().unwrap_or(0) < b)) {
                m["_read"] = json!(true);
                count += 1;
            }
            ok(&format!("{count} inbound messages have been marked as read."), json!({}))
        }
    }
}

fn date_before(req: &ApiRequest) -> Option<i64> {
    req.body.as_ref()?.get("date_before").and_then(|v| v.as_i64().or_else(|| v.as_str()?.parse().ok()))
}

pub fn get_receipt(state: &State, kind: MessageKind, id: &str) -> Reply {
    match state.messages.iter().find(|m| m.kind == kind && m.message_id == id && m.delivery == Delivery::Sent) {
        Some(m) => ok("Here is your receipt.", m.receipt()),
        None => error(404, "Receipt not found."),
    }
}

/// `POST /{sms,voice}/receipts {url}`: ClickSend pushes a test receipt to `url`.
pub fn test_receipt(state: &mut State, req: &ApiRequest, kind: MessageKind) -> Reply {
    let url = match push_url(req) {
        Ok(u) => u,
        Err(reply) => return reply,
    };
    let receipt = crate::state::delivery_receipt(&state.next_message_id(), kind, "test", state.now, state.now);
    state.outbox.push(crate::state::Push { url: Some(url), body: receipt.clone() });
    ok("Test receipt has been sent.", receipt)
}

/// The `url` a test push goes to: required, `http://` or `https://`.
pub fn push_url(req: &ApiRequest) -> Result<String, Reply> {
    match req.body_str("url") {
        Some(u) if u.starts_with("http://") || u.starts_with("https://") => Ok(u.to_string()),
        Some(_) => Err(crate::envelope::invalid(Map::from_iter([("url".to_string(), json!("Url must be an http or https URL."))]))),
        None => Err(crate::envelope::invalid(Map::from_iter([("url".to_string(), json!("Url field is required."))]))),
    }
}

pub fn mark_receipts_read(state: &mut State, req: &ApiRequest, kind: MessageKind) -> Reply {
    mark_read(state, req, kind_name(kind))
}

/// Marks receipts of a kind read (before `date_before`, if given).
pub fn mark_read(state: &mut State, req: &ApiRequest, kind: &'static str) -> Reply {
    if req.body.as_ref().and_then(|b| b.get("date_before")).is_some() && date_before(req).is_none() {
        return crate::envelope::invalid(Map::from_iter([("date_before".to_string(), json!("Date before must be a Unix timestamp."))]));
    }
    state.receipts_read_before.insert(kind, date_before(req).unwrap_or(state.now));
    ok("Receipts have been marked as read.", json!({}))
}

/// Outbound and inbound counts and prices, in total and per day, from what was sent.
pub fn statistics(state: &State, kind: MessageKind) -> Reply {
    let sent: Vec<&Message> = state.messages.iter().filter(|m| m.kind == kind && m.delivery == Delivery::Sent).collect();
    let inbound = if kind == MessageKind::Sms { state.inbound.len() } else { 0 };
    let outbound = json!({"count": sent.len(), "price": round4(sent.iter().map(|m| m.price).sum())});
    let mut days: Vec<i64> = sent.iter().map(|m| m.date - m.date.rem_euclid(86_400)).collect();
    days.dedup();
    let stats: Vec<Value> = days
        .iter()
        .map(|day| {
            let of_day: Vec<&&Message> = sent.iter().filter(|m| m.date - m.date.rem_euclid(86_400) == *day).collect();
            json!({"date": day, "outbound": {"count": of_day.len(), "price": round4(of_day.iter().map(|m| m.price).sum())}, "inbound": {"count": 0, "price": 0}, "bounced": {"count": 0, "price": 0}})
        })
        .collect();
    let total = json!({"outbound": outbound, "inbound": {"count": inbound, "price": 0}, "bounced": {"count": 0, "price": 0}});
    ok("Here are your statistics.", json!({"total": total, "stats": stats, "_currency": currency()}))
}

fn shorten_links(state: &mut State, results: &[Value]) {
    for m in results.iter().filter(|m| m["status"] == "SUCCESS") {
        for url in m["body"].as_str().unwrap_or_default().split_whitespace().filter(|w| w.starts_with("http://") || w.starts_with("https://")) {
            let id = super::records::new_id(state, &resources::LONG_URLS);
            super::records::insert(state, &resources::LONG_URLS, json!({"long_url_id": id, "url": url, "source": "sms", "source_id": m["message_id"]}));
        }
    }
}

/// Opens of the links shortened in a message: none are opened in the sandbox, so every
/// count is 0. An unknown message or campaign is a 404.
pub fn short_url_statistics(state: &State, source: &str, id: &str) -> Reply {
    let known = match source {
        "sms" => state.messages.iter().any(|m| m.message_id == id),
        "sms_campaign" | "sms-campaign" => super::records::find(state, &resources::SMS_CAMPAIGNS, id).is_some(),
        "mms_campaign" | "mms-campaign" => super::records::find(state, &resources::MMS_CAMPAIGNS, id).is_some(),
        _ => return error(400, "source must be sms, sms_campaign or mms_campaign."),
    };
    if !known {
        return error(404, "Nothing was sent with that id.");
    }
    let links: Vec<Value> = super::records::all(state, &resources::LONG_URLS)
        .iter()
        .filter(|l| l["source_id"] == id)
        .map(|l| json!({"long_url_id": l["long_url_id"].to_string(), "links": {"total": 1, "opened_unique": 0, "opened_total": 0, "unopened": 1}}))
        .collect();
    Reply { status: 200, body: json!({"data": links}) }
}

/// Who opened a shortened link: nobody, in the sandbox.
pub fn short_url_tracking(state: &State, req: &ApiRequest, long_url_id: &str) -> Reply {
    if super::records::find(state, &resources::LONG_URLS, long_url_id).is_none() {
        return error(404, "Link not found.");
    }
    let mut page = req.page(Vec::new());
    page["current_page_size"] = json!(0);
    Reply { status: 200, body: page }
}
