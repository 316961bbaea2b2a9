//! Outbound SMS, MMS and voice (send, price, history, receipts, cancel) and inbound SMS.

use super::ApiRequest;
use crate::envelope::{error, ok, Reply};
use crate::state::{currency, message_cost, normalize_recipient, now, Delivery, Message, State};
use clicksend_core::messages::{MessageKind, MAX_MESSAGES};
use serde_json::{json, Map, Value};

fn str_field<'a>(m: &'a Value, key: &str) -> Option<&'a str> {
    m.get(key).and_then(Value::as_str)
}

/// `list_id` as ClickSend takes it: a number or a string of digits.
fn list_id_of(m: &Value) -> Option<u64> {
    let v = m.get("list_id")?;
    v.as_u64().or_else(|| v.as_str()?.parse().ok())
}

/// One message to send: the caller's message object and where it goes.
struct Outgoing {
    message: Value,
    to: Option<String>,
    list_id: Option<u64>,
    contact_id: Option<u64>,
}

/// The caller's messages, with list sends expanded to each contact of the list.
fn recipients(state: &State, input: &[Value]) -> Result<Vec<Outgoing>, Reply> {
    let mut out = Vec::new();
    for m in input {
        match list_id_of(m) {
            Some(list_id) => {
                let list = state.lists.get(&list_id).ok_or_else(|| error(400, &format!("List #{list_id} not found.")))?;
                for c in &list.contacts {
                    let to = c.phone().map(String::from);
                    out.push(Outgoing { message: m.clone(), to, list_id: Some(list_id), contact_id: Some(c.contact_id) });
                }
            }
            None => out.push(Outgoing { message: m.clone(), to: str_field(m, "to").map(String::from), list_id: None, contact_id: None }),
        }
    }
    Ok(out)
}

/// The fields only MMS or voice messages have, with ClickSend's defaults.
fn extra_fields(kind: MessageKind, m: &Value, media_file: Option<&str>) -> Map<String, Value> {
    let mut extra = Map::new();
    match kind {
        MessageKind::Sms => {}
        MessageKind::Mms => {
            extra.insert("subject".into(), json!(str_field(m, "subject").unwrap_or_default()));
            extra.insert("_media_file_url".into(), json!(str_field(m, "media_file").or(media_file)));
        }
        MessageKind::Voice => {
            extra.insert("voice".into(), json!(str_field(m, "voice").unwrap_or("female")));
            extra.insert("lang".into(), json!(str_field(m, "lang").unwrap_or("en-us")));
            for flag in ["require_input", "machine_detection"] {
                extra.insert(flag.into(), json!(m.get(flag).and_then(Value::as_u64).unwrap_or(0)));
            }
        }
    }
    extra
}

/// `POST /{sms,mms,voice}/send` (`commit`) and `.../price`: one result per message, priced
/// by the kind's rule; invalid recipients and messages beyond the balance are not charged.
pub fn send(state: &mut State, req: &ApiRequest, kind: MessageKind, commit: bool) -> Reply {
    let input = match req.body.as_ref().and_then(|b| b.get("messages")).and_then(Value::as_array) {
        Some(m) if !m.is_empty() && m.len() <= MAX_MESSAGES => m.clone(),
        Some(m) if m.len() > MAX_MESSAGES => return error(400, "You can send at most 1000 messages per call."),
        _ => return error(400, "Missing messages array."),
    };
    let media_file = req.body_str("media_file");
    if kind == MessageKind::Mms && media_file.is_none() && input.iter().any(|m| str_field(m, "media_file").is_none()) {
        return error(400, "media_file is required.");
    }
    if kind == MessageKind::Voice && input.iter().any(|m| !matches!(str_field(m, "voice"), None | Some("male" | "female"))) {
        return error(400, "voice must be male or female.");
    }
    let outgoing = match recipients(state, &input) {
        Ok(o) => o,
        Err(reply) => return reply,
    };
    let now = now();
    let (mut results, mut total_price, mut queued) = (Vec::new(), 0.0, 0);
    for o in outgoing {
        let m = &o.message;
        let body = str_field(m, "body").unwrap_or_default().to_string();
        let schedule = m.get("schedule").and_then(|s| s.as_i64().or_else(|| s.as_str()?.parse().ok()));
        let recipient = o.to.as_deref().and_then(normalize_recipient);
        let (country, parts, price) = message_cost(kind, recipient.as_deref().unwrap_or_default(), &body);
        let mut message = Message {
            kind,
            message_id: state.next_message_id(),
            date: now,
            to: recipient.clone().or(o.to).unwrap_or_default(),
            body,
            from: str_field(m, "from").map(String::from),
            schedule,
            custom_string: str_field(m, "custom_string").unwrap_or_default().to_string(),
            list_id: o.list_id,
            contact_id: o.contact_id,
            country,
            parts,
            price,
            delivery: if schedule.is_some_and(|s| s > now) { Delivery::Scheduled } else { Delivery::Sent },
            extra: extra_fields(kind, m, media_file),
        };
        let status = if recipient.is_none() {
            "INVALID_RECIPIENT"
        } else if commit && state.balance + 1e-9 < price {
            "INSUFFICIENT_CREDIT"
        } else {
            "SUCCESS"
        };
        if status == "SUCCESS" {
            queued += 1;
            total_price += price;
            if commit {
                state.balance -= price;
                if message.delivery == Delivery::Sent && state.callback.is_some() {
                    state.outbox.push(message.receipt());
                }
                state.messages.push(message.clone());
            }
        } else {
            message.price = 0.0;
        }
        results.push(message.to_json(status));
    }
    let data = json!({
        "total_price": (total_price * 10_000.0_f64).round() / 10_000.0,
        "total_count": results.len(),
        "queued_count": queued,
        "messages": results,
        "_currency": currency(),
        "blocked_count": 0,
    });
    ok(if commit { "Messages queued for delivery." } else { "Here are some results." }, data)
}

pub fn history(state: &State, req: &ApiRequest, kind: MessageKind) -> Reply {
    let (from, to) = (req.query_num("date_from"), req.query_num("date_to"));
    let filter = req.query.get("q").map(|q| q.split_once(':').unwrap_or((q.as_str(), "")));
    let items = state
        .messages
        .iter()
        .filter(|m| m.kind == kind && from.is_none_or(|f| m.date >= f) && to.is_none_or(|t| m.date <= t) && filter.is_none_or(|(field, value)| matches_filter(m, field, value)))
        .map(|m| m.to_json(m.history_status()))
        .collect();
    ok("Here are your results.", req.page(items))
}

/// The history's `q=field:value` filter, for the fields ClickSend documents (status, to, from,
/// message_id; an empty value matches any). A field it does not know matches nothing.
fn matches_filter(m: &crate::state::Message, field: &str, value: &str) -> bool {
    let actual = match field.to_ascii_lowercase().as_str() {
        "status" => m.history_status(),
        "to" => m.to.as_str(),
        "from" => m.from.as_deref().unwrap_or(""),
        "message_id" => m.message_id.as_str(),
        _ => return false,
    };
    value.is_empty() || actual.eq_ignore_ascii_case(value)
}

/// Delivery receipts: every message of `kind` that went out (not scheduled or cancelled).
pub fn receipts(state: &State, req: &ApiRequest, kind: MessageKind) -> Reply {
    let items = state.messages.iter().filter(|m| m.kind == kind && m.delivery == Delivery::Sent).map(Message::receipt).collect();
    ok("Here are your delivery receipts.", req.page(items))
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

/// `POST /sms/inbound`: ClickSend's test endpoint that adds an inbound message, here with
/// whatever fields the caller gives and defaults for the rest.
pub fn inject_inbound(state: &mut State, req: &ApiRequest) -> Reply {
    let field = |k: &str, default: &str| req.body_str(k).unwrap_or(default).to_string();
    let body = field("body", "This is a test incoming SMS.");
    let keyword = body.split_whitespace().next().unwrap_or_default().to_lowercase();
    let message = json!({
        "timestamp_send": now(),
        "from": field("from", "+61400000000"),
        "body": body,
        "original_body": field("original_body", ""),
        "original_message_id": field("original_message_id", ""),
        "to": field("to", "+61411111111"),
        "custom_string": field("custom_string", ""),
        "message_id": state.next_message_id(),
        "_keyword": keyword,
    });
    state.inbound.push(message.clone());
    if state.callback.is_some() {
        state.outbox.push(message.clone());
    }
    ok("Test inbound message has been added.", message)
}
