//! The ClickSend API routes the sandbox models, as one table of (method, path pattern,
//! handler). A path that matches a pattern under another method answers 405, any other
//! path 404, both with ClickSend's error envelope.

mod catalog;
mod contacts;
mod messages;

use crate::envelope::{self, error, Reply};
use crate::state::State;
use clicksend_core::messages::MessageKind::{Mms, Sms, Voice};
use clicksend_core::{Endpoint, Host, ENDPOINTS};
use serde_json::Value;
use std::collections::HashMap;

/// One API request, already authenticated, with its path relative to `/v3`.
pub struct ApiRequest<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub query: HashMap<String, String>,
    pub body: Option<Value>,
}

impl ApiRequest<'_> {
    pub fn query_num(&self, key: &str) -> Option<i64> {
        self.query.get(key).and_then(|v| v.parse().ok())
    }

    /// ClickSend's pagination of `items` by the `page` and `limit` query parameters.
    pub fn page(&self, items: Vec<Value>) -> Value {
        let n = |k| self.query_num(k).and_then(|v| usize::try_from(v).ok());
        envelope::page(items, n("page"), n("limit"))
    }

    pub fn body_str(&self, key: &str) -> Option<&str> {
        self.body.as_ref()?.get(key)?.as_str()
    }
}

/// A handler gets the state, the request and the `*` segments of its pattern.
type Handler = fn(&mut State, &ApiRequest, &[&str]) -> Reply;

#[rustfmt::skip]
static ROUTES: &[(&str, &str, Handler)] = &[
    ("GET", "account", |s, _, _| envelope::ok("Here's your account", s.account())),
    ("POST", "sms/send", |s, r, _| messages::send(s, r, Sms, true)),
    ("POST", "sms/price", |s, r, _| messages::send(s, r, Sms, false)),
    ("GET", "sms/history", |s, r, _| messages::history(s, r, Sms)),
    ("GET", "sms/inbound", |s, r, _| messages::inbound(s, r)),
    ("POST", "sms/inbound", |s, r, _| messages::inject_inbound(s, r)),
    ("GET", "sms/receipts", |s, r, _| messages::receipts(s, r, Sms)),
    ("PUT", "sms/cancel-all", |s, _, _| messages::cancel_all(s, Sms)),
    ("PUT", "sms/*/cancel", |s, _, p| messages::cancel(s, Sms, p[0])),
    ("GET", "sms/templates", |s, r, _| catalog::templates(s, r)),
    ("POST", "sms/templates", |s, r, _| catalog::save_template(s, r, None)),
    ("PUT", "sms/templates/*", |s, r, p| catalog::save_template(s, r, Some(p[0]))),
    ("DELETE", "sms/templates/*", |s, _, p| catalog::delete_template(s, p[0])),
    ("POST", "mms/send", |s, r, _| messages::send(s, r, Mms, true)),
    ("POST", "mms/price", |s, r, _| messages::send(s, r, Mms, false)),
    ("GET", "mms/history", |s, r, _| messages::history(s, r, Mms)),
    ("GET", "mms/receipts", |s, r, _| messages::receipts(s, r, Mms)),
    ("POST", "voice/send", |s, r, _| messages::send(s, r, Voice, true)),
    ("POST", "voice/price", |s, r, _| messages::send(s, r, Voice, false)),
    ("GET", "voice/history", |s, r, _| messages::history(s, r, Voice)),
    ("GET", "voice/receipts", |s, r, _| messages::receipts(s, r, Voice)),
    ("GET", "voice/lang", |_, _, _| catalog::voice_languages()),
    ("PUT", "voice/*/cancel", |s, _, p| messages::cancel(s, Voice, p[0])),
    ("GET", "lists", |s, r, _| contacts::lists(s, r)),
    ("POST", "lists", |s, r, _| contacts::save_list(s, r, None)),
    ("GET", "lists/*", |s, _, p| contacts::get_list(s, p[0])),
    ("PUT", "lists/*", |s, r, p| contacts::save_list(s, r, Some(p[0]))),
    ("DELETE", "lists/*", |s, _, p| contacts::delete_list(s, p[0])),
    ("PUT", "lists/*/remove-duplicates", |s, r, p| contacts::remove_duplicates(s, r, p[0])),
    ("GET", "lists/*/contacts", |s, r, p| contacts::contacts(s, r, p[0])),
    ("POST", "lists/*/contacts", |s, r, p| contacts::save_contact(s, r, p[0], None)),
    ("GET", "lists/*/contacts/*", |s, _, p| contacts::get_contact(s, p[0], p[1])),
    ("PUT", "lists/*/contacts/*", |s, r, p| contacts::save_contact(s, r, p[0], Some(p[1]))),
    ("DELETE", "lists/*/contacts/*", |s, _, p| contacts::delete_contact(s, p[0], p[1])),
    ("PUT", "lists/*/contacts/*/copy/*", |s, _, p| contacts::copy_contact(s, p[0], p[1], p[2], false)),
    ("PUT", "lists/*/contacts/*/transfer/*", |s, _, p| contacts::copy_contact(s, p[0], p[1], p[2], true)),
    ("GET", "email/addresses", |s, r, _| catalog::email_addresses(s, r)),
    ("POST", "email/addresses", |s, r, _| catalog::add_email_address(s, r)),
    ("DELETE", "email/addresses/*", |s, _, p| catalog::delete_email_address(s, p[0])),
    ("GET", "countries", |_, _, _| catalog::countries()),
];

/// The `*` segments of `path` if it matches `pattern`.
fn matches<'p>(pattern: &str, path: &[&'p str]) -> Option<Vec<&'p str>> {
    let pattern: Vec<&str> = pattern.split('/').collect();
    if pattern.len() != path.len() {
        return None;
    }
    let mut params = Vec::new();
    for (want, got) in pattern.iter().zip(path) {
        match *want {
            "*" if !got.is_empty() => params.push(*got),
            literal if literal == *got => {}
            _ => return None,
        }
    }
    Some(params)
}

pub fn handle(state: &mut State, req: &ApiRequest) -> Reply {
    // ClickSend's own description lists some paths with a trailing slash; accept both.
    let segments: Vec<&str> = req.path.trim_matches('/').split('/').collect();
    let mut path_known = false;
    for (method, pattern, handler) in ROUTES {
        if let Some(params) = matches(pattern, &segments) {
            if *method == req.method {
                return handler(state, req, &params);
            }
            path_known = true;
        }
    }
    // Every other operation of the client's table: a success envelope echoing the request.
    for e in ENDPOINTS.iter().filter(|e| e.host == Host::ClickSend) {
        let pattern = e.path.trim_matches('/').split('/').map(|seg| if seg.starts_with('{') { "*" } else { seg }).collect::<Vec<_>>().join("/");
        if matches(&pattern, &segments).is_some() {
            if e.method.as_str() == req.method {
                return echo(e, req);
            }
            path_known = true;
        }
    }
    if path_known {
        error(405, "Method not allowed.")
    } else {
        error(404, "Resource not found.")
    }
}

/// The answer to an operation the sandbox does not model: what it received, in an envelope,
/// so tests can check the exact request of every function.
fn echo(e: &Endpoint, req: &ApiRequest) -> Reply {
    let query: serde_json::Map<String, Value> = req.query.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect();
    let data = serde_json::json!({
        "operation": e.qualified_name(),
        "method": req.method,
        "path": format!("/v3{}", req.path),
        "query": query,
        "body": req.body.clone(),
    });
    envelope::ok(&format!("Sandbox echo: {} is not modelled with state.", e.qualified_name()), data)
}

/// A path id as a number; `None` (so a 404) for anything else.
pub fn id(s: &str) -> Option<u64> {
    s.parse().ok()
}
