//! Outbound SMS, MMS and voice (send, price, history, receipts, cancel) and inbound SMS.

use super::resources;
use super::ApiRequest;
use crate::envelope::{error, ok, Reply};
use crate::pricing::{country_of, currency, message_cost, message_units, round4, SMS_RATES};
use crate::state::{kind_name, normalize_recipient, Delivery, Message, State, SHARED_NUMBER};
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
    if input.iter().any(|m| str_field(m, "body").is_none_or(|b| b.is_empty())) {
        return Err(crate::envelope::invalid(Map::from_iter([("body".to_string(), json!("Body field is required."))])));
    }
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

/// What a send (or a price) came to.
pub struct Sent {
    pub results: Vec<Value>,
    pub total_price: f64,
    pub queued: usize,
    pub message_ids: Vec<String>,
}

/// `POST /{sms,mms,voice}/send` (`commit`) and `.../price`: one result per message, priced
/// by the kind's rule; invalid recipients and messages beyond the balance are not charged.
pub fn send(state: &mut State, req: &ApiRequest, kind: MessageKind, commit: bool) -> Reply {
    let input = match req.body.as_ref().and_then(|b| b.get("messages")).and_then(Value::as_array) {
        Some(m) if !m.is_empty() && m.len() <= MAX_MESSAGES => m.clone(),
        Some(m) if m.len() > MAX_MESSAGES => return error(400, "You can send at most 1000 messages per call."),
        _ => return crate::envelope::invalid(Map::from_iter([("messages".to_string(), json!("Messages field is required."))])),
    };
    let sent = match send_messages(state, kind, &input, req.body_str("media_file"), commit) {
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

/// Sends (or prices) `input`, list sends expanded to each contact of the list.
pub fn send_messages(state: &mut State, kind: MessageKind, input: &[Value], media_file: Option<&str>, commit: bool) -> Result<Sent, Reply> {
    if kind == MessageKind::Mms && media_file.is_none() && input.iter().any(|m| str_field(m, "media_file").is_none()) {
        return Err(crate::envelope::invalid(Map::from_iter([("media_file".to_string(), json!("Media file field is required."))])));
    }
    if kind == MessageKind::Voice && input.iter().any(|m| !matches!(str_field(m, "voice"), None | Some("male" | "female"))) {
        return Err(crate::envelope::invalid(Map::from_iter([("voice".to_string(), json!("Voice must be male or female."))])));
    }
    let outgoing = recipients(state, input)?;
    // A list send counts each of its contacts against the limit of a call.
    if outgoing.len() > MAX_MESSAGES {
        return Err(error(400, &format!("You can send at most {MAX_MESSAGES} messages per call; these {} messages (list sends count each contact) are too many.", outgoing.len())));
    }
    // A message the model would take, to a country it does not price, is not modelled: the
    // whole request is refused before anything is carried out.
    if let Some(to) = outgoing.iter().find_map(|o| unpriced(state, kind, o)) {
        let priced: Vec<&str> = SMS_RATES.iter().map(|(code, _)| *code).collect();
        return Err(error(501, &format!("The sandbox prices messages to {} only; a message to {to} is not modelled.", priced.join(", "))));
    }
    let now = state.now;
    let sent_ms = state.now_ms;
    let mut sent = Sent { results: Vec::new(), total_price: 0.0, queued: 0, message_ids: Vec::new() };
    for o in outgoing {
        let m = &o.message;
        let body = str_field(m, "body").unwrap_or_default().to_string();
        let schedule = m.get("schedule").and_then(|s| s.as_i64().or_else(|| s.as_str()?.parse().ok())).filter(|s| *s > 0);
        let country = str_field(m, "country");
        let recipient = o.to.as_deref().and_then(|t| normalize_recipient(t, country));
        let to = recipient.as_deref().unwrap_or_default();
        // Refused messages (no number, a country not priced and not enabled) cost nothing.
        let (parts, price) = message_cost(kind, to, &body).unwrap_or_else(|| (message_units(kind, &body, 0.0).0, 0.0));
        let country = country_of(to);
        let mut message = Message {
            kind,
            message_id: state.next_message_id(),
            date: now,
            to: recipient.clone().or(o.to).unwrap_or_default(),
            body,
            // Without a sender ClickSend sends from a shared number, and shows it.
            from: Some(str_field(m, "from").unwrap_or(SHARED_NUMBER).to_string()),
            schedule,
            // A number is kept as its text, as ClickSend's records show every custom_string.
            custom_string: match m.get("custom_string") {
                Some(Value::Number(n)) => n.to_string(),
                _ => str_field(m, "custom_string").unwrap_or_default().to_string(),
            },
            list_id: o.list_id,
            contact_id: o.contact_id,
            country,
            parts,
            price,
            delivery: if schedule.is_some_and(|s| s > now) { Delivery::Scheduled } else { Delivery::Sent },
            extra: extra_fields(kind, m, media_file),
            sent_ms,
        };
        let status = refusal(state, recipient.as_deref(), str_field(m, "from"), commit, price).unwrap_or("SUCCESS");
        if status == "SUCCESS" {
            sent.queued += 1;
            sent.total_price += price;
            if commit {
                state.balance -= price;
                if message.delivery == Delivery::Sent && state.callback.is_some() {
                    for receipt in message.receipts() {
                        state.outbox.push(crate::state::Push { url: None, body: receipt });
                    }
                }
                sent.message_ids.push(message.message_id.clone());
                state.messages.push(message.clone());
            }
        } else {
            message.price = 0.0;
        }
        sent.results.push(message.to_json(status));
    }
    sent.total_price = round4(sent.total_price);
    Ok(sent)
}

/// The recipient of a message the model would carry out (not refused before its price) to a
/// country it prices no message to.
fn unpriced(state: &State, kind: MessageKind, o: &Outgoing) -> Option<String> {
    let to = normalize_recipient(o.to.as_deref()?, str_field(&o.message, "country"))?;
    let refused = refusal(state, Some(&to), str_field(&o.message, "from"), false, 0.0).is_some();
    (!refused && message_cost(kind, &to, "").is_none()).then_some(to)
}

/// Why ClickSend refuses one message inside its 200 answer, if it does (the legacy docs'
/// per-message statuses), in the order it checks them: a number that cannot exist, a country
/// the account may not send to, a sender id it does not take, and credit as it runs out.
fn refusal(state: &State, recipient: Option<&str>, from: Option<&str>, commit: bool, price: f64) -> Option<&'static str> {
    let Some(number) = recipient else { return Some("INVALID_RECIPIENT") };
    if let Some(enabled) = &state.settings.countries_enabled {
        let country = clicksend_core::phone::phone_info(number).map(|i| i.country).unwrap_or("ZZ");
        if !enabled.iter().any(|c| c.eq_ignore_ascii_case(country)) {
            return Some("COUNTRY_NOT_ENABLED");
        }
    }
    if from.and_then(clicksend_core::messages::sender_problem).is_some() {
        return Some("INVALID_SENDER_ID");
    }
    (commit && state.balance + 1e-9 < price).then_some("INSUFFICIENT_CREDIT")
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

#[cfg(test)]
mod tests {
    use super::*;
    use clicksend_core::phone::{parse_phone, phone_info};

    /// For every country and every length of its numbers (fixed-line and mobile), the first
    /// number `parsePhone` takes is one the model sends: stored as the same E.164 number and
    /// refused for nothing (the client and the model read numbers by one rule).
    #[test]
    fn every_number_parse_phone_takes_the_model_sends() {
        let state = State::new();
        let mut kinds = 0;
        for line in clicksend_core::phone_plans::PLANS.lines() {
            let fields: Vec<&str> = line.split(' ').collect();
            let (iso, calling_code, lengths) = (fields[0], fields[1], fields[4]);
            for length in lengths.split('/').filter_map(|l| l.parse::<usize>().ok()) {
                let national = |prefix: usize| format!("{prefix:03}{}", "5".repeat(length)).chars().take(length).collect::<String>();
                let taken = (0..1000).map(|p| format!("+{calling_code}{}", national(p))).find_map(|n| {
                    let e164 = parse_phone(&n, None).ok()?;
                    (phone_info(&e164).ok()?.country == iso).then_some((n, e164))
                });
                let Some((number, e164)) = taken else { continue };
                kinds += 1;
                assert_eq!(normalize_recipient(&number, None).as_deref(), Some(e164.as_str()), "{iso} {length}: {number}");
                assert_eq!(refusal(&state, Some(&e164), None, false, 0.0), None, "{iso} {length}: {e164}");
            }
        }
        assert!(kinds >= 415, "{kinds} country/length kinds (419 when written)");
    }
}
