//! Contact lists and the contacts in them.

use super::resources;
use super::{id, ApiRequest};
use crate::envelope::{error, invalid, ok, Reply};
use crate::state::{normalize_recipient, Contact, List, State, CONTACT_FIELDS};
use serde_json::{json, Map, Value};
use std::collections::HashSet;

const NO_LIST: &str = "Your list was not found.";
const NO_CONTACT: &str = "Contact not found.";

fn list_mut<'s>(state: &'s mut State, list_id: &str) -> Result<&'s mut List, Reply> {
    id(list_id).and_then(|i| state.lists.get_mut(&i)).ok_or_else(|| error(404, NO_LIST))
}

pub fn lists(state: &State, req: &ApiRequest) -> Reply {
    ok("Here are your contact lists.", req.page(state.lists.values().map(List::to_json).collect()))
}

pub fn get_list(state: &mut State, list_id: &str) -> Reply {
    match list_mut(state, list_id) {
        Ok(list) => ok("Here's your list.", list.to_json()),
        Err(reply) => reply,
    }
}

/// `POST /lists` (no id) and `PUT /lists/{id}`: `list_name` is required.
pub fn save_list(state: &mut State, req: &ApiRequest, list_id: Option<&str>) -> Reply {
    let Some(name) = req.body_str("list_name").filter(|n| !n.trim().is_empty()) else {
        return invalid(json!({"list_name": "List name field is required."}).as_object().cloned().unwrap_or_default());
    };
    match list_id {
        None => {
            let list = List { list_id: resources::FIRST_LIST_ID + state.next_id(), list_name: name.to_string(), contacts: Vec::new(), import_in_progress: false };
            let data = list.to_json();
            state.lists.insert(list.list_id, list);
            ok("New list has been created.", data)
        }
        Some(list_id) => match list_mut(state, list_id) {
            Ok(list) => {
                list.list_name = name.to_string();
                ok("List has been updated.", list.to_json())
            }
            Err(reply) => reply,
        },
    }
}

pub fn delete_list(state: &mut State, list_id: &str) -> Reply {
    match id(list_id).and_then(|i| state.lists.remove(&i)) {
        Some(list) => ok(&format!("List #{} has been deleted.", list.list_id), json!([])),
        None => error(404, NO_LIST),
    }
}

/// Removes contacts that have the same values as an earlier contact of the list in the
/// fields named by the body's `fields` (object keys, as ClickSend's description has it, or
/// an array of names); by default the phone number. Contacts with none of them are kept.
pub fn remove_duplicates(state: &mut State, req: &ApiRequest, list_id: &str) -> Reply {
    let fields: Vec<String> = match req.body.as_ref().and_then(|b| b.get("fields")) {
        Some(Value::Object(o)) => o.keys().cloned().collect(),
        Some(Value::Array(a)) => a.iter().filter_map(|v| v.as_str().map(String::from)).collect(),
        _ => vec!["phone_number".into()],
    };
    let list = match list_mut(state, list_id) {
        Ok(list) => list,
        Err(reply) => return reply,
    };
    let key = |c: &Contact| -> Option<Vec<String>> {
        let values: Vec<String> = fields.iter().map(|f| c.fields.get(f).and_then(Value::as_str).unwrap_or_default().to_string()).collect();
        let values: Vec<String> = values.into_iter().map(|v| normalize_recipient(&v, None).unwrap_or(v)).collect();
        values.iter().any(|v| !v.is_empty()).then_some(values)
    };
    let before = list.contacts.len();
    let mut seen = HashSet::new();
    list.contacts.retain(|c| key(c).is_none_or(|k| seen.insert(k)));
    ok("Your list duplicate contacts has been deleted.", json!({"deleted": before - list.contacts.len()}))
}

pub fn contacts(state: &mut State, req: &ApiRequest, list_id: &str) -> Reply {
    match list_mut(state, list_id) {
        Ok(list) => {
            let items = list.contacts.iter().map(|c| c.to_json(list)).collect();
            ok("Here are your contacts.", req.page(items))
        }
        Err(reply) => reply,
    }
}

pub fn get_contact(state: &mut State, list_id: &str, contact_id: &str) -> Reply {
    let list = match list_mut(state, list_id) {
        Ok(list) => list,
        Err(reply) => return reply,
    };
    match list.contacts.iter().find(|c| Some(c.contact_id) == id(contact_id)) {
        Some(c) => ok("Here's your contact.", c.to_json(list)),
        None => error(404, NO_CONTACT),
    }
}

/// `POST /lists/{id}/contacts` (no contact id) and `PUT .../contacts/{id}`. A new contact
/// needs a phone number, an email or a fax number, as on ClickSend.
pub fn save_contact(state: &mut State, req: &ApiRequest, list_id: &str, contact_id: Option<&str>) -> Reply {
    let empty = serde_json::Map::new();
    let body = req.body.as_ref().and_then(Value::as_object).unwrap_or(&empty);
    let given: serde_json::Map<String, Value> = CONTACT_FIELDS.iter().filter_map(|f| body.get(*f).map(|v| ((*f).to_string(), v.clone()))).collect();
    let new_id = state.next_id();
    let now = state.now;
    let list = match list_mut(state, list_id) {
        Ok(list) => list,
        Err(reply) => return reply,
    };
    match contact_id {
        None => {
            if !["phone_number", "email", "fax_number"].iter().any(|f| given.get(*f).and_then(Value::as_str).is_some_and(|v| !v.is_empty())) {
                let need = "A contact needs a phone number, an email or a fax number.";
                return invalid(["phone_number", "email", "fax_number"].iter().map(|f| ((*f).to_string(), json!(need))).collect());
            }
            let contact = Contact { contact_id: resources::FIRST_CONTACT_ID + new_id, fields: given, date_added: now, date_updated: now };
            let data = contact.to_json(list);
            list.contacts.push(contact);
            ok("New contact has been created.", data)
        }
        Some(contact_id) => match list.contacts.iter_mut().find(|c| Some(c.contact_id) == id(contact_id)) {
            Some(c) => {
                c.fields.extend(given);
                c.date_updated = now;
                let c = c.clone();
                ok("Contact has been updated.", c.to_json(list))
            }
            None => error(404, NO_CONTACT),
        },
    }
}

pub fn delete_contact(state: &mut State, list_id: &str, contact_id: &str) -> Reply {
    let list = match list_mut(state, list_id) {
        Ok(list) => list,
        Err(reply) => return reply,
    };
    match list.contacts.iter().position(|c| Some(c.contact_id) == id(contact_id)) {
        Some(i) => {
            let c = list.contacts.remove(i);
            ok(&format!("Contact #{} has been deleted.", c.contact_id), json!([]))
        }
        None => error(404, NO_CONTACT),
    }
}

/// Copy (a new contact, with a new id, in the target list) or transfer (the same contact
/// moves to the target list).
pub fn copy_contact(state: &mut State, from: &str, contact_id: &str, to: &str, transfer: bool) -> Reply {
    let to_id = match list_mut(state, to) {
        Ok(list) => list.list_id,
        Err(reply) => return reply,
    };
    let new_id = resources::FIRST_CONTACT_ID + state.next_id();
    let now = state.now;
    let source = match list_mut(state, from) {
        Ok(list) => list,
        Err(reply) => return reply,
    };
    let Some(i) = source.contacts.iter().position(|c| Some(c.contact_id) == id(contact_id)) else {
        return error(404, NO_CONTACT);
    };
    let contact = if transfer { source.contacts.remove(i) } else { Contact { contact_id: new_id, date_added: now, ..source.contacts[i].clone() } };
    let verb = if transfer { "transferred" } else { "copied" };
    let message = format!("Contact #{contact_id} has been {verb} to List #{to_id}");
    let target = state.lists.get_mut(&to_id).expect("checked above");
    let data = contact.to_json(target);
    target.contacts.push(contact);
    ok(&message, data)
}

/// `POST /lists/{id}/import {file_url, field_order}`: ClickSend fetches the file and imports
/// it later. The sandbox cannot fetch a URL; it checks the request and answers as ClickSend
/// does when it accepts an import, and the list shows the import in progress.
pub fn import(state: &mut State, req: &ApiRequest, list_id: &str) -> Reply {
    if let Err(reply) = list_mut(state, list_id) {
        return reply;
    }
    let fields = match super::records::check(req.body.as_ref(), &["file_url", "field_order"]) {
        Ok(f) => f,
        Err(reply) => return reply,
    };
    if !fields["file_url"].as_str().is_some_and(|u| u.starts_with("http://") || u.starts_with("https://")) {
        return invalid(Map::from_iter([("file_url".to_string(), json!("File url must be an http or https URL."))]));
    }
    let job = state.next_message_id();
    match list_mut(state, list_id) {
        Ok(list) => {
            list.import_in_progress = true;
            ok("Your file is being imported.", json!({"msg": "Import queued.", "ids": [job], "id": job}))
        }
        Err(reply) => reply,
    }
}

/// Removes from a list every contact whose phone number or email is in the opt-out list.
pub fn remove_opted_out(state: &mut State, list_id: &str, opt_out_list_id: &str) -> Reply {
    let opted_out: HashSet<String> = match list_mut(state, opt_out_list_id) {
        Ok(list) => list
            .contacts
            .iter()
            .flat_map(|c| [c.phone().map(String::from), c.fields.get("email").and_then(Value::as_str).map(String::from)])
            .flatten()
            .filter(|v| !v.is_empty())
            .collect(),
        Err(reply) => return reply,
    };
    let list = match list_mut(state, list_id) {
        Ok(list) => list,
        Err(reply) => return reply,
    };
    let before = list.contacts.len();
    list.contacts.retain(|c| !c.phone().is_some_and(|p| opted_out.contains(p)) && !c.fields.get("email").and_then(Value::as_str).is_some_and(|e| opted_out.contains(e)));
    ok("Opted-out contacts have been removed.", json!({"deleted": before - list.contacts.len()}))
}

/// `GET /search/contacts-lists?q=`: lists whose name, and contacts whose name, phone number
/// or email, contain `q` (ASCII letters case-insensitive); every list and contact without `q` (the
/// description has it optional).
pub fn search(state: &State, req: &ApiRequest) -> Reply {
    let q = req.query.get("q").map(|q| q.to_ascii_lowercase()).unwrap_or_default();
    let hit = |s: &str| s.to_ascii_lowercase().contains(&q);
    let mut items = Vec::new();
    for list in state.lists.values() {
        if hit(&list.list_name) {
            items.push(json!({"type": "list", "list_id": list.list_id, "list_name": list.list_name}));
        }
        for c in &list.contacts {
            let fields = ["first_name", "last_name", "phone_number", "email"];
            if fields.iter().any(|f| c.fields.get(*f).and_then(Value::as_str).is_some_and(hit)) {
                items.push(json!({"type": "contact", "list_id": list.list_id, "contact_id": c.contact_id, "first_name": c.fields.get("first_name"), "last_name": c.fields.get("last_name"), "phone_number": c.phone()}));
            }
        }
    }
    ok("Here are your search results.", req.page(items))
}
