//! The ClickSend API routes the sandbox models with state.

use crate::envelope::{self, error, ok, Reply};
use crate::state::{currency, normalize_recipient, now, sms_cost, Delivery, List, Message, State};
use serde_json::{json, Value};
use std::collections::HashMap;

/// One API request, already authenticated, with its path relative to `/v3`.
pub struct ApiRequest<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub query: HashMap<String, String>,
    pub body: Option<Value>,
}

impl ApiRequest<'_> {
    fn query_num(&self, key: &str) -> Option<i64> {
        self.query.get(key).and_then(|v| v.parse().ok())
    }
    fn page(&self, items: Vec<Value>) -> Value {
        let n = |k| self.query_num(k).and_then(|v| usize::try_from(v).ok());
        envelope::page(items, n("page"), n("limit"))
    }
}

pub fn handle(state: &mut State, req: &ApiRequest) -> Reply {
    let segments: Vec<&str> = req.path.trim_matches('/').split('/').collect();
    match (req.method, segments.as_slice()) {
        ("GET", ["account"]) => ok("Here's your account", state.account()),
        ("POST", ["sms", "send"]) => send_sms(state, req, true),
        ("POST", ["sms", "price"]) => send_sms(state, req, false),
        ("GET", ["sms", "history"]) => sms_history(state, req),
        ("PUT", ["sms", "cancel-all"]) => cancel_all(state),
        ("PUT", ["sms", id, "cancel"]) => cancel(state, id),
        ("GET", ["lists"]) => {
            let lists = state.lists.values().map(List::to_json).collect();
            ok("Here are your contact lists.", req.page(lists))
        }
        ("POST", ["lists"]) => create_list(state, req),
        ("DELETE", ["lists", id]) => delete_list(state, id),
        (_, ["account"] | ["sms", "send" | "price" | "history" | "cancel-all"] | ["sms", _, "cancel"] | ["lists"] | ["lists", _]) => {
            error(405, "Method not allowed.")
        }
        _ => error(404, "Resource not found."),
    }
}

fn messages_of<'r>(req: &'r ApiRequest) -> Result<&'r Vec<Value>, Reply> {
    match req.body.as_ref().and_then(|b| b.get("messages")).and_then(Value::as_array) {
        Some(m) if !m.is_empty() && m.len() <= 1000 => Ok(m),
        Some(m) if m.len() > 1000 => Err(error(400, "You can send at most 1000 messages per call.")),
        _ => Err(error(400, "Missing messages array.")),
    }
}

fn str_field<'a>(m: &'a Value, key: &str) -> Option<&'a str> {
    m.get(key).and_then(Value::as_str)
}

/// `POST /sms/send` (`commit`) and `POST /sms/price`: one result per message, with
/// parts and price by the shared SMS-parts rule; invalid recipients are not charged.
fn send_sms(state: &mut State, req: &ApiRequest, commit: bool) -> Reply {
    let input = match messages_of(req) {
        Ok(m) => m.clone(),
        Err(reply) => return reply,
    };
    // A list send goes to each contact of the list.
    let mut outgoing: Vec<(Value, Option<String>, Option<u64>)> = Vec::new();
    for m in &input {
        match m.get("list_id").and_then(Value::as_u64) {
            Some(list_id) => match state.lists.get(&list_id) {
                Some(list) => {
                    for c in &list.contacts {
                        outgoing.push((m.clone(), str_field(c, "phone_number").map(String::from), c.get("contact_id").and_then(Value::as_u64)));
                    }
                }
                None => return error(400, &format!("List #{list_id} not found.")),
            },
            None => outgoing.push((m.clone(), str_field(m, "to").map(String::from), None)),
        }
    }
    let now = now();
    let (mut results, mut total_price, mut queued) = (Vec::new(), 0.0, 0);
    for (m, to, contact_id) in outgoing {
        let body = str_field(&m, "body").unwrap_or_default().to_string();
        let schedule = m.get("schedule").and_then(|s| s.as_i64().or_else(|| s.as_str()?.parse().ok()));
        let recipient = to.as_deref().and_then(normalize_recipient);
        let (country, parts, price) = sms_cost(recipient.as_deref().unwrap_or_default(), &body);
        let mut message = Message {
            message_id: state.next_message_id(),
            date: now,
            to: recipient.clone().or(to).unwrap_or_default(),
            body,
            from: str_field(&m, "from").map(String::from),
            schedule,
            custom_string: str_field(&m, "custom_string").unwrap_or_default().to_string(),
            list_id: m.get("list_id").and_then(Value::as_u64),
            contact_id,
            country,
            parts,
            price,
            delivery: if schedule.is_some_and(|s| s > now) { Delivery::Scheduled } else { Delivery::Sent },
        };
        let status = if recipient.is_none() {
            "INVALID_RECIPIENT"
        } else if commit && state.balance + 1e-9 < price {
            "INSUFFICIENT_CREDIT"
        } else {
            "SUCCESS"
        };
        if status != "SUCCESS" {
            message.price = 0.0;
        } else {
            queued += 1;
            total_price += price;
            if commit {
                state.balance -= price;
                state.messages.push(message.clone());
            }
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

fn sms_history(state: &State, req: &ApiRequest) -> Reply {
    let (from, to) = (req.query_num("date_from"), req.query_num("date_to"));
    let items = state
        .messages
        .iter()
        .filter(|m| from.is_none_or(|f| m.date >= f) && to.is_none_or(|t| m.date <= t))
        .map(|m| m.to_json(m.history_status()))
        .collect();
    ok("Here are your results.", req.page(items))
}

fn cancel(state: &mut State, id: &str) -> Reply {
    let Some(m) = state.messages.iter_mut().find(|m| m.message_id == id) else {
        return error(404, "Message not found.");
    };
    if m.delivery != Delivery::Scheduled {
        return error(400, "Only scheduled messages can be cancelled.");
    }
    m.delivery = Delivery::Cancelled;
    state.balance += m.price;
    ok("Message has been cancelled.", json!({"message_id": id}))
}

fn cancel_all(state: &mut State) -> Reply {
    let mut count = 0;
    for m in state.messages.iter_mut().filter(|m| m.delivery == Delivery::Scheduled) {
        m.delivery = Delivery::Cancelled;
        state.balance += m.price;
        count += 1;
    }
    ok(&format!("{count} messages have been cancelled."), json!({"count": count}))
}

fn create_list(state: &mut State, req: &ApiRequest) -> Reply {
    let Some(name) = req.body.as_ref().and_then(|b| str_field(b, "list_name")).filter(|n| !n.trim().is_empty()) else {
        return error(400, "list_name is required.");
    };
    let list = List { list_id: 428_000 + state.next_id(), list_name: name.to_string(), contacts: Vec::new() };
    let data = list.to_json();
    state.lists.insert(list.list_id, list);
    ok("New list has been created.", data)
}

fn delete_list(state: &mut State, id: &str) -> Reply {
    match id.parse().ok().and_then(|id: u64| state.lists.remove(&id)) {
        Some(list) => ok(&format!("List #{} has been deleted.", list.list_id), list.to_json()),
        None => error(404, "Your list was not found."),
    }
}
