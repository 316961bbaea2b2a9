//! SMS templates, allowed email addresses, and the fixed lists (countries, voice languages).

use super::{id, ApiRequest};
use crate::envelope::{error, ok, Reply};
use crate::state::{now, State};
use serde_json::{json, Value};

pub fn templates(state: &State, req: &ApiRequest) -> Reply {
    ok("Here are your templates.", req.page(state.templates.values().cloned().collect()))
}

/// `POST /sms/templates` (both fields required) and `PUT /sms/templates/{id}` (either).
pub fn save_template(state: &mut State, req: &ApiRequest, template_id: Option<&str>) -> Reply {
    let (name, body) = (req.body_str("template_name"), req.body_str("body"));
    match template_id {
        None => {
            let (Some(name), Some(body)) = (name, body) else {
                return error(400, "template_name and body are required.");
            };
            let template_id = 589_000 + state.next_id();
            let template = json!({"template_id": template_id, "template_name": name, "body": body});
            state.templates.insert(template_id, template.clone());
            ok("New template has been saved.", template)
        }
        Some(template_id) => match id(template_id).and_then(|i| state.templates.get_mut(&i)) {
            Some(t) => {
                if let Some(name) = name {
                    t["template_name"] = json!(name);
                }
                if let Some(body) = body {
                    t["body"] = json!(body);
                }
                ok("Your template has been updated.", t.clone())
            }
            None => error(404, "Template not found."),
        },
    }
}

pub fn delete_template(state: &mut State, template_id: &str) -> Reply {
    match id(template_id).and_then(|i| state.templates.remove(&i)) {
        Some(_) => ok("Your template has been deleted.", Value::Null),
        None => error(404, "Template not found."),
    }
}

pub fn email_addresses(state: &State, req: &ApiRequest) -> Reply {
    ok("Here are your email addresses.", req.page(state.email_addresses.values().cloned().collect()))
}

pub fn add_email_address(state: &mut State, req: &ApiRequest) -> Reply {
    let Some(address) = req.body_str("email_address").filter(|a| a.contains('@') && !a.starts_with('@') && !a.ends_with('@')) else {
        return error(400, "email_address must be an email address.");
    };
    let email_address_id = state.next_id();
    let entry = json!({"email_address_id": email_address_id, "email_address": address, "verified": 0, "date_added": now().to_string()});
    state.email_addresses.insert(email_address_id, entry.clone());
    ok("Email address has been created.", entry)
}

pub fn delete_email_address(state: &mut State, email_address_id: &str) -> Reply {
    match id(email_address_id).and_then(|i| state.email_addresses.remove(&i)) {
        Some(entry) => ok("Email address has been deleted.", entry),
        None => error(404, "Email address not found."),
    }
}

pub fn countries() -> Reply {
    let countries: Vec<Value> = [
        ("AU", "Australia"),
        ("CA", "Canada"),
        ("DE", "Germany"),
        ("FR", "France"),
        ("GB", "United Kingdom"),
        ("IN", "India"),
        ("NZ", "New Zealand"),
        ("SG", "Singapore"),
        ("US", "United States"),
        ("ZA", "South Africa"),
    ]
    .iter()
    .map(|(code, value)| json!({"code": code, "value": value}))
    .collect();
    ok("List of Countries.", Value::Array(countries))
}

/// Languages for text-to-speech, with the voices (genders) each offers; `gender` is a
/// string when there is one voice and an array otherwise, as ClickSend answers.
pub fn voice_languages() -> Reply {
    let langs = json!([
        {"code": "en-au", "country": "English, Australia", "gender": ["female", "male"]},
        {"code": "en-gb", "country": "English, UK", "gender": ["female", "male"]},
        {"code": "en-us", "country": "English, US", "gender": ["female", "male"]},
        {"code": "en-in", "country": "English, India", "gender": "female"},
        {"code": "de-de", "country": "German, Germany", "gender": ["female", "male"]},
        {"code": "fr-fr", "country": "French, France", "gender": ["female", "male"]},
        {"code": "es-es", "country": "Spanish, Spain", "gender": "male"},
        {"code": "ja-jp", "country": "Japanese, Japan", "gender": "female"},
    ]);
    ok("Here are the possible languages.", langs)
}
