//! Records kept by the generic handlers: list, create, get, update and delete, with the
//! checks ClickSend makes on the way in (required fields, per field in `data`) and 404 for an
//! unknown id. A [`Resource`] says what differs between kinds.

use super::ApiRequest;
use crate::envelope::{error, invalid, ok, Reply};
use crate::state::State;
use serde_json::{json, Map, Value};

/// What a delete answers with in `data`, as the description shows for the kind.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Gone {
    /// `[]`
    EmptyArray,
    /// `true`
    True,
    /// `{}`
    EmptyObject,
    /// `204 No Content`, no body.
    NoContent,
    /// The deleted record.
    Record,
}

/// One kind of record.
pub struct Resource {
    /// Key in [`State::records`].
    pub key: &'static str,
    /// Field that holds the id (and names it in paths).
    pub id: &'static str,
    /// Ids are numbers from here on; `None`: ids are UUIDs (the newer APIs').
    pub first_id: Option<u64>,
    /// Fields a create must have (the descriptions' `required`, or their examples').
    pub required: &'static [&'static str],
    /// For messages: "Subaccount".
    pub noun: &'static str,
    pub gone: Gone,
    /// The newer APIs (alpha tags, own numbers) answer with the record itself, and a list as
    /// `{<key>: [...], _metadata: {pagination}}`, not in ClickSend's envelope.
    pub bare: bool,
}

/// `"api_username"` as ClickSend names it in a message: `"Api username"`.
fn label(field: &str) -> String {
    let words = field.trim_start_matches('_').replace('_', " ");
    let mut chars = words.chars();
    chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
}

fn is_blank(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        Some(Value::Array(a)) => a.is_empty(),
        _ => false,
    }
}

/// Checks a body: each of `required` present and not blank, and every email-like field an
/// email address. All problems at once, per field, in a 400.
pub fn check(body: Option<&Value>, required: &[&str]) -> Result<Map<String, Value>, Reply> {
    let fields = body.and_then(Value::as_object).cloned().unwrap_or_default();
    let mut problems = Map::new();
    for f in required {
        if is_blank(fields.get(*f)) {
            problems.insert((*f).into(), json!(format!("{} field is required.", label(f))));
        }
    }
    for (k, v) in &fields {
        let emailish = k == "email" || k.ends_with("_email") || k == "email_address";
        if emailish && !is_blank(Some(v)) && !v.as_str().is_some_and(looks_like_email) {
            problems.insert(k.clone(), json!(format!("{} must be a valid email address.", label(k))));
        }
    }
    if problems.is_empty() {
        Ok(fields)
    } else {
        Err(invalid(problems))
    }
}

pub fn looks_like_email(s: &str) -> bool {
    s.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.') && !host.starts_with('.') && !host.ends_with('.') && !s.contains(' '))
}

/// The number or string in a record's id field, as the path writes it.
fn id_text(record: &Value, field: &str) -> String {
    match record.get(field) {
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

pub fn all<'s>(state: &'s State, res: &Resource) -> &'s [Value] {
    state.records.get(res.key).map_or(&[], Vec::as_slice)
}

pub fn find<'s>(state: &'s State, res: &Resource, id: &str) -> Option<&'s Value> {
    all(state, res).iter().find(|r| id_text(r, res.id) == id)
}

pub fn find_mut<'s>(state: &'s mut State, res: &Resource, id: &str) -> Option<&'s mut Value> {
    state.records.get_mut(res.key)?.iter_mut().find(|r| id_text(r, res.id) == id)
}

/// A success: in the envelope, or (for a bare resource) the data itself.
fn answer(res: &Resource, msg: &str, data: Value) -> Reply {
    if res.bare {
        Reply { status: 200, body: data }
    } else {
        ok(msg, data)
    }
}

/// A bare resource's list: `{<key>: [...], _metadata: {pagination: {self, next, page_size}}}`.
pub fn bare_list(state: &State, req: &ApiRequest, res: &Resource) -> Reply {
    let items = all(state, res).to_vec();
    let here = format!("{}{}", req.base, req.path);
    let pagination = json!({"self": here, "next": "", "page_size": items.len().max(1)});
    Reply { status: 200, body: json!({res.key: items, "_metadata": {"pagination": pagination}}) }
}

pub fn not_found(res: &Resource) -> Reply {
    error(404, &format!("{} not found.", res.noun))
}

/// A new id for `res`: the next number, or a UUID for the newer APIs.
pub fn new_id(state: &mut State, res: &Resource) -> Value {
    let n = state.next_id();
    match res.first_id {
        Some(first) => json!(first + n),
        None => json!(format!("5a4d0b0c-{:04x}-4000-8000-{n:012x}", n >> 48)),
    }
}

/// Stores `record` (its id already set) and returns it.
pub fn insert(state: &mut State, res: &Resource, record: Value) -> Value {
    state.records.entry(res.key).or_default().push(record.clone());
    record
}

pub fn list(state: &State, req: &ApiRequest, res: &Resource) -> Reply {
    if res.bare {
        return bare_list(state, req, res);
    }
    ok(&format!("Here are your {}s.", res.noun.to_ascii_lowercase()), req.page(all(state, res).to_vec()))
}

/// A new record from the body's fields, `extra` over them (dates, defaults, derived fields).
pub fn create(state: &mut State, req: &ApiRequest, res: &Resource, extra: Value) -> Reply {
    let mut fields = match check(req.body.as_ref(), res.required) {
        Ok(f) => f,
        Err(reply) => return reply,
    };
    let id = new_id(state, res);
    fields.insert(res.id.into(), id);
    if let Value::Object(extra) = extra {
        fields.extend(extra);
    }
    let record = insert(state, res, Value::Object(fields));
    answer(res, &format!("New {} has been created.", res.noun.to_ascii_lowercase()), record)
}

/// After a create: ClickSend never shows a password again, not in the answer, not in what
/// it keeps. (A refusal is left alone: its `data` names the fields that were wrong.)
pub fn forget_password(state: &mut State, res: &Resource, reply: &mut Reply) {
    if reply.status != 200 {
        return;
    }
    if let Some(data) = reply.body.get_mut("data").and_then(Value::as_object_mut) {
        data.remove("password");
    }
    if let Some(last) = state.records.get_mut(res.key).and_then(|l| l.last_mut()).and_then(Value::as_object_mut) {
        last.remove("password");
    }
}

pub fn get(state: &State, res: &Resource, id: &str) -> Reply {
    match find(state, res, id) {
        Some(r) => answer(res, &format!("Here is your {}.", res.noun.to_ascii_lowercase()), r.clone()),
        None => not_found(res),
    }
}

/// Changes the fields the body gives (not the id); `required` must not be blanked.
pub fn update(state: &mut State, req: &ApiRequest, res: &Resource, id: &str, required: &[&str]) -> Reply {
    // An unknown id is a 404 whatever the body (ClickSend finds the record first).
    if find(state, res, id).is_none() {
        return not_found(res);
    }
    let fields = match check(req.body.as_ref(), required) {
        Ok(f) => f,
        Err(reply) => return reply,
    };
    let now = state.now;
    let Some(record) = find_mut(state, res, id) else {
        return not_found(res);
    };
    if let Value::Object(o) = record {
        for (k, v) in fields.into_iter().filter(|(k, _)| k != res.id) {
            o.insert(k, v);
        }
        if o.contains_key("date_updated") {
            o.insert("date_updated".into(), json!(now));
        }
    }
    let record = record.clone();
    answer(res, &format!("Your {} has been updated.", res.noun.to_ascii_lowercase()), record)
}

pub fn delete(state: &mut State, res: &Resource, id: &str) -> Reply {
    let Some(records) = state.records.get_mut(res.key) else {
        return not_found(res);
    };
    let Some(i) = records.iter().position(|r| id_text(r, res.id) == id) else {
        return not_found(res);
    };
    let record = records.remove(i);
    let msg = format!("Your {} has been deleted.", res.noun.to_ascii_lowercase());
    match res.gone {
        Gone::EmptyArray => ok(&msg, json!([])),
        Gone::True => ok(&msg, json!(true)),
        Gone::EmptyObject => ok(&msg, json!({})),
        Gone::NoContent => Reply { status: 204, body: Value::Null },
        Gone::Record => answer(res, &msg, record),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_say_which_field() {
        let err = check(Some(&json!({"name": " ", "email": "nope"})), &["name", "api_username"]).unwrap_err();
        assert_eq!(err.status, 400);
        assert_eq!(
            err.body["data"],
            json!({"name": "Name field is required.", "api_username": "Api username field is required.", "email": "Email must be a valid email address."})
        );
        assert!(check(Some(&json!({"name": "x", "email": "a@b.co"})), &["name"]).is_ok());
        assert!(check(None, &[]).is_ok());
    }
}
