//! Putting things in place for a test without sending requests: lists and their contacts,
//! templates, sent messages, inbound messages and the balance, made by the same handlers the
//! API uses (so they look exactly as if they had been made through it), and nothing recorded.
//! Also what ClickSend pushes about a message: its delivery receipt, an inbound reply.

use crate::api::{self, ApiRequest};
use crate::{Model, Reply};
use serde_json::{json, Map, Value};
use std::collections::HashMap;

impl Model {
    /// Carries out one API request as the account, without recording it.
    fn internal(&mut self, method: &str, path: &str, body: Value) -> Reply {
        let req = ApiRequest { method, path, query: HashMap::new(), raw_query: "", body: Some(body), base: "https://rest.clicksend.com/v3".into(), authorized: true };
        api::handle(&mut self.state, &req)
    }

    fn made(&mut self, method: &str, path: &str, body: Value) -> Result<Value, String> {
        let reply = self.internal(method, path, body);
        if reply.status == 200 {
            Ok(reply.body["data"].clone())
        } else {
            Err(format!("{method} {path}: {} {}", reply.body["response_msg"].as_str().unwrap_or_default(), reply.body["data"]))
        }
    }

    /// `{balance?, lists?: [{list_name, contacts?: [...]}], templates?: [{template_name, body}],
    /// messages?: [{to, body, kind?: "sms" | "mms" | "voice", ...}], inbound?: [{from, to, body}]}`.
    /// A message's `date` (Unix seconds) backdates it. Returns what was made, with ids:
    /// `{lists: [{list_id, contact_ids}], template_ids, message_ids, refused_messages: [{index,
    /// status}], inbound_message_ids}`. Messages are not charged; `balance` is set last.
    pub fn seed(&mut self, seed: &Value) -> Result<Value, String> {
        let items = |key: &str| seed.get(key).and_then(Value::as_array).cloned().unwrap_or_default();
        let mut out = Map::new();
        let mut lists = Vec::new();
        for list in items("lists") {
            let made = self.made("POST", "/lists", json!({"list_name": list.get("list_name").cloned().unwrap_or(json!("List"))}))?;
            let list_id = made["list_id"].clone();
            let mut contact_ids = Vec::new();
            for contact in list.get("contacts").and_then(Value::as_array).cloned().unwrap_or_default() {
                contact_ids.push(self.made("POST", &format!("/lists/{list_id}/contacts"), contact)?["contact_id"].clone());
            }
            lists.push(json!({"list_id": list_id, "contact_ids": contact_ids}));
        }
        out.insert("lists".into(), Value::Array(lists));
        let mut template_ids = Vec::new();
        for template in items("templates") {
            template_ids.push(self.made("POST", "/sms/templates", template)?["template_id"].clone());
        }
        out.insert("template_ids".into(), Value::Array(template_ids));
        // Seeded messages are not charged: credit cannot run out while they are made.
        let balance = std::mem::replace(&mut self.state.balance, f64::MAX);
        let (mut message_ids, mut refused) = (Vec::new(), Vec::new());
        for (i, message) in items("messages").into_iter().enumerate() {
            let kind = message.get("kind").and_then(Value::as_str).unwrap_or("sms").to_string();
            if !["sms", "mms", "voice"].contains(&kind.as_str()) {
                self.state.balance = balance;
                return Err(format!("a seeded message's kind is sms, mms or voice, not {kind:?}"));
            }
            let date = match message.get("date") {
                None => None,
                Some(d) => Some(d.as_i64().filter(|d| *d >= 0).ok_or("a seeded message's date is a Unix time in seconds")?),
            };
            let media = message.get("media_file").cloned().unwrap_or(json!("https://example.com/seed.jpg"));
            let sent = self.made("POST", &format!("/{kind}/send"), json!({"media_file": media, "messages": [message]}));
            let sent = sent.inspect_err(|_| self.state.balance = balance)?;
            // Only what was stored: a message ClickSend would refuse (no such number, a country
            // not enabled) is reported as refused, with its status, and has no id.
            for m in sent["messages"].as_array().into_iter().flatten() {
                match m["status"].as_str() {
                    Some("SUCCESS") => {
                        let id = m["message_id"].as_str().unwrap_or_default();
                        if let Some(date) = date {
                            self.state.messages.iter_mut().filter(|s| s.message_id == id).for_each(|s| s.backdate(date));
                        }
                        message_ids.push(json!(id));
                    }
                    status => refused.push(json!({"index": i, "status": status})),
                }
            }
        }
        self.state.balance = balance;
        out.insert("message_ids".into(), Value::Array(message_ids));
        out.insert("refused_messages".into(), Value::Array(refused));
        let mut inbound_ids = Vec::new();
        for inbound in items("inbound") {
            inbound_ids.push(self.inbound(&inbound)["message_id"].clone());
        }
        out.insert("inbound_message_ids".into(), Value::Array(inbound_ids));
        if let Some(b) = seed.get("balance") {
            self.state.balance = b.as_f64().filter(|b| *b >= 0.0).ok_or("balance must be a number >= 0")?;
        }
        Ok(Value::Object(out))
    }

    /// The delivery receipt ClickSend pushes for a message that went out (`None` for an unknown
    /// or undelivered one), as `parseWebhook` reads it.
    pub fn receipt(&self, message_id: &str) -> Option<Value> {
        self.state.messages.iter().find(|m| m.message_id == message_id && m.delivery == crate::state::Delivery::Sent).map(|m| m.receipt())
    }

    /// An inbound SMS, kept as received (`GET /sms/inbound` lists it) and returned as ClickSend
    /// pushes it: `{from, to, body, original_message_id?, custom_string?}` over defaults.
    pub fn inbound(&mut self, fields: &Value) -> Value {
        api::pushed_inbound(&api::add_inbound(&mut self.state, fields))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Auth;

    #[test]
    fn seeds_through_the_handlers_without_recording() {
        let mut m = Model::new(Auth::default());
        let made = m
            .seed(&json!({
                "balance": 5,
                "lists": [{"list_name": "VIP", "contacts": [{"phone_number": "+61411111111", "first_name": "Ann"}]}],
                "templates": [{"template_name": "T", "body": "Hi"}],
                "messages": [{"to": "+61411111111", "body": "Hello"}],
                "inbound": [{"from": "+61422222222", "body": "STOP"}],
            }))
            .unwrap();
        assert_eq!((m.state.balance, m.harness.requests.len(), m.state.lists.len(), m.state.inbound.len()), (5.0, 0, 1, 1));
        let id = made["message_ids"][0].as_str().unwrap();
        assert_eq!(m.receipt(id).unwrap()["status_code"], "201");
        assert!(m.receipt("nope").is_none());
        assert_eq!(made["lists"][0]["contact_ids"].as_array().unwrap().len(), 1);
        let err = m.seed(&json!({"lists": [{"list_name": "L", "contacts": [{"first_name": "no way to reach"}]}]})).unwrap_err();
        assert!(err.starts_with("POST /lists/"), "{err}");
    }
}
