//! The send engine: what ClickSend does with the messages of a send or a quote, whatever the
//! operation that hands them over (`sms/send`, `mms/send`, `voice/send`, their prices, the SMS
//! and MMS campaigns): list sends expanded to their contacts, each number read as ClickSend
//! reads it, each message priced by its kind, refused inside the 200 where ClickSend would, the
//! balance charged and the receipts queued.

use crate::envelope::{error, Reply};
use crate::pricing::{country_of, message_cost, message_units, round4, SMS_RATES};
use crate::state::{normalize_recipient, Delivery, Message, State, SHARED_NUMBER};
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
