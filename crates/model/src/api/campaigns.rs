//! SMS, MMS and email campaigns: one message to every contact of a list, kept as a campaign
//! (its messages appear in the history, its cost comes off the balance); a price first if
//! wanted, and a scheduled campaign can be cancelled.

use super::messages;
use super::records::{self, check, Resource};
use super::resources;
use super::sending;
use super::ApiRequest;
use crate::envelope::{error, invalid, ok, Reply};
use crate::pricing::{currency, round4};
use crate::state::{Delivery, State};
use clicksend_core::messages::MessageKind;
use serde_json::{json, Map, Value};

fn kind_of(res: &Resource) -> MessageKind {
    if res.key == resources::MMS_CAMPAIGNS.key {
        MessageKind::Mms
    } else {
        MessageKind::Sms
    }
}

fn number(v: Option<&Value>) -> Option<i64> {
    v.and_then(|v| v.as_i64().or_else(|| v.as_str()?.parse().ok()))
}

/// The campaign's list, which must exist.
fn list_of(state: &State, fields: &Map<String, Value>) -> Result<u64, Reply> {
    let id = number(fields.get("list_id")).and_then(|i| u64::try_from(i).ok());
    match id.filter(|i| state.lists.contains_key(i)) {
        Some(i) => Ok(i),
        None => Err(invalid(Map::from_iter([("list_id".to_string(), json!("List not found."))]))),
    }
}

/// `POST /{sms,mms}-campaigns/send` (`commit`) and `.../price`.
pub fn send(state: &mut State, req: &ApiRequest, res: &Resource, commit: bool) -> Reply {
    let fields = match check(req.body.as_ref(), res.required) {
        Ok(f) => f,
        Err(reply) => return reply,
    };
    let list_id = match list_of(state, &fields) {
        Ok(i) => i,
        Err(reply) => return reply,
    };
    let kind = kind_of(res);
    let mut message = json!({"list_id": list_id, "body": fields["body"], "custom_string": fields.get("name")});
    for k in ["from", "schedule", "subject", "media_file"] {
        if let Some(v) = fields.get(k) {
            message[k] = v.clone();
        }
    }
    let media = fields.get("media_file").and_then(Value::as_str);
    let sent = match sending::send_messages(state, kind, &[message], media, commit) {
        Ok(s) => s,
        Err(reply) => return reply,
    };
    if !commit {
        let quoted = json!({"from": fields.get("from"), "body": fields["body"], "schedule": fields.get("schedule")});
        let data = json!({"total_count": sent.queued, "total_price": crate::pricing::fixed(sent.total_price, 4), "data": quoted, "_currency": currency()});
        return ok("Here is the price of your campaign.", data);
    }
    let schedule = number(fields.get("schedule")).unwrap_or(0);
    let mut extra = json!({
        "user_id": crate::state::USER_ID,
        "list_id": list_id,
        "schedule": schedule,
        "status": if schedule > state.now { "Scheduled" } else { "Sent" },
        "date_added": state.now,
        "total_count": sent.queued,
        "_total_count": sent.queued,
        "_total_price": sent.total_price,
        "message_ids": sent.message_ids,
    });
    if let Some(from) = fields.get("from") {
        extra["from"] = from.clone();
    }
    let reply = records::create(state, req, res, extra);
    if res.key == resources::MMS_CAMPAIGNS.key {
        return reply;
    }
    let data = reply.body["data"].clone();
    ok("Your campaign has been queued.", data)
}

/// Cancels a scheduled campaign and its messages (their cost goes back to the balance).
pub fn cancel(state: &mut State, res: &Resource, id: &str) -> Reply {
    let Some(campaign) = records::find(state, res, id).cloned() else {
        return records::not_found(res);
    };
    if campaign["status"] != "Scheduled" {
        return error(400, "Only a scheduled campaign can be cancelled.");
    }
    let ids: Vec<String> = campaign["message_ids"].as_array().map(|a| a.iter().filter_map(|v| v.as_str().map(String::from)).collect()).unwrap_or_default();
    for m in state.messages.iter_mut().filter(|m| ids.contains(&m.message_id) && m.delivery == Delivery::Scheduled) {
        m.delivery = Delivery::Cancelled;
        state.balance += m.price;
    }
    let Some(record) = records::find_mut(state, res, id) else {
        return records::not_found(res);
    };
    record["status"] = json!("Cancelled");
    ok("Your campaign has been cancelled.", record.clone())
}

/// `POST /email-campaigns/send` (`commit`) and `.../price`: the sender must be one of the
/// account's email addresses, the list must exist; each contact with an email gets one.
pub fn send_email(state: &mut State, req: &ApiRequest, commit: bool) -> Reply {
    let fields = match check(req.body.as_ref(), resources::EMAIL_CAMPAIGNS.required) {
        Ok(f) => f,
        Err(reply) => return reply,
    };
    let list_id = match list_of(state, &fields) {
        Ok(i) => i,
        Err(reply) => return reply,
    };
    let sender = number(fields.get("from_email_address_id")).map(|i| i.to_string()).unwrap_or_default();
    if records::find(state, &resources::EMAIL_ADDRESSES, &sender).is_none() {
        return invalid(Map::from_iter([("from_email_address_id".to_string(), json!("Email address not found."))]));
    }
    let recipients: Vec<String> =
        state.lists[&list_id].contacts.iter().filter_map(|c| c.fields.get("email").and_then(Value::as_str).filter(|e| !e.is_empty()).map(String::from)).collect();
    let price = round4(recipients.len() as f64 * super::email::EMAIL_PRICE);
    if !commit {
        return ok("Here is the price of your campaign.", json!({"data": {"total_price": price, "total_count": recipients.len(), "_currency": currency()}}));
    }
    if price > state.balance + 1e-9 {
        return error(400, "Not enough credit for this campaign.");
    }
    state.balance -= price;
    let schedule = number(fields.get("schedule")).unwrap_or(0);
    let extra = json!({
        "user_id": crate::state::USER_ID,
        "list_id": list_id,
        "schedule": schedule,
        "status": if schedule > state.now { "Scheduled" } else { "Sent" },
        "date_added": state.now,
        "_total_count": recipients.len(),
        "_total_price": price,
        "recipients": recipients,
    });
    let reply = records::create(state, req, &resources::EMAIL_CAMPAIGNS, extra);
    let data = reply.body["data"].clone();
    ok("Your campaign has been queued.", json!({"data": data}))
}

/// One entry per email of the campaign.
pub fn email_history(state: &State, req: &ApiRequest, id: &str) -> Reply {
    let Some(campaign) = records::find(state, &resources::EMAIL_CAMPAIGNS, id) else {
        return records::not_found(&resources::EMAIL_CAMPAIGNS);
    };
    let items: Vec<Value> = campaign["recipients"]
        .as_array()
        .map(|a| {
            a.iter()
                .enumerate()
                .map(|(i, to)| json!({"email_campaign_id": campaign["email_campaign_id"], "to": to, "status": campaign["status"], "date_sent": campaign["date_added"], "message_id": format!("{id}-{i}")}))
                .collect()
        })
        .unwrap_or_default();
    ok("Here is your campaign history.", req.page(items))
}

pub fn email_export(state: &State, req: &ApiRequest, id: &str) -> Reply {
    if records::find(state, &resources::EMAIL_CAMPAIGNS, id).is_none() {
        return records::not_found(&resources::EMAIL_CAMPAIGNS);
    }
    messages::export(state, req, &format!("email-campaigns/{id}/history"))
}
