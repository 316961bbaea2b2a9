//! The endpoint table: every operation the client offers, declared once.
//!
//! The JS namespaces (`client.sms.send`), `endpoints()`, the TypeScript declarations
//! and the sandbox's echo routes are all made from this one slice. Adding an endpoint
//! means adding one line here (and its types); the request pipeline never changes.

use crate::messages::MessageKind;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Parses an upper-case HTTP method name, as given to `client.request`.
    pub fn parse(name: &str) -> Option<Method> {
        Some(match name {
            "GET" => Method::Get,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "PATCH" => Method::Patch,
            "DELETE" => Method::Delete,
            _ => return None,
        })
    }
}

/// What an operation takes after its path parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// Nothing but the optional call options.
    None,
    /// An optional object sent as the query string.
    Query,
    /// A JSON body object, checked by the given rule before anything is sent.
    Body(BodyRule),
}

/// The checks a body gets before it is sent (only the rules the API itself has).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyRule {
    /// Any JSON object.
    Object,
    /// A JSON object, or nothing (then no body is sent).
    OptionalObject,
    /// `{messages: [...]}` with 1..=1000 messages of the given kind.
    Messages(MessageKind),
}

/// Which service an operation belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Host {
    /// ClickSend's REST API (through the Maton gateway, directly, or `baseUrl`), under `/v3`,
    /// answering with ClickSend's envelope.
    ClickSend,
    /// Maton's control plane (`https://ctrl.maton.ai`, or `controlUrl`): connection
    /// management with the same Bearer key, answering with plain JSON objects.
    MatonControl,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Endpoint {
    pub host: Host,
    /// The namespace on the client: `client.<area>.<name>(...)`.
    pub area: &'static str,
    pub name: &'static str,
    pub method: Method,
    /// Relative to `/v3` (ClickSend) or the control plane's root, with `{param}`
    /// placeholders in the order the function takes them.
    pub path: &'static str,
    pub input: Input,
}

impl Endpoint {
    /// The names of the path parameters, in order.
    pub fn params(&self) -> impl Iterator<Item = &'static str> {
        let path: &'static str = self.path;
        path.split('/').filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
    }

    /// `sms.send`, for messages.
    pub fn qualified_name(&self) -> String {
        format!("{}.{}", self.area, self.name)
    }
}

const fn op(area: &'static str, name: &'static str, method: Method, path: &'static str, input: Input) -> Endpoint {
    Endpoint { host: Host::ClickSend, area, name, method, path, input }
}

const fn maton(area: &'static str, name: &'static str, method: Method, path: &'static str, input: Input) -> Endpoint {
    Endpoint { host: Host::MatonControl, area, name, method, path, input }
}

use BodyRule::{Messages, Object, OptionalObject};
use Input::{Body, Query};
use Method::{Delete, Get, Post, Put};

/// The core set: the ★ operations of ../shared/clicksend-api/ENDPOINTS.md (the ones the
/// Maton gateway documents) and Maton's connection management.
pub static ENDPOINTS: &[Endpoint] = &[
    op("account", "get", Get, "/account", Input::None),
    op("sms", "send", Post, "/sms/send", Body(Messages(MessageKind::Sms))),
    op("sms", "price", Post, "/sms/price", Body(Messages(MessageKind::Sms))),
    op("sms", "history", Get, "/sms/history", Query),
    op("sms", "inbound", Get, "/sms/inbound", Query),
    op("sms", "receipts", Get, "/sms/receipts", Query),
    op("sms", "cancel", Put, "/sms/{message_id}/cancel", Input::None),
    op("sms", "cancelAll", Put, "/sms/cancel-all", Input::None),
    op("smsTemplates", "list", Get, "/sms/templates", Query),
    op("smsTemplates", "create", Post, "/sms/templates", Body(Object)),
    op("smsTemplates", "update", Put, "/sms/templates/{template_id}", Body(Object)),
    op("smsTemplates", "delete", Delete, "/sms/templates/{template_id}", Input::None),
    op("mms", "send", Post, "/mms/send", Body(Messages(MessageKind::Mms))),
    op("mms", "price", Post, "/mms/price", Body(Messages(MessageKind::Mms))),
    op("mms", "history", Get, "/mms/history", Query),
    op("mms", "receipts", Get, "/mms/receipts", Query),
    op("voice", "send", Post, "/voice/send", Body(Messages(MessageKind::Voice))),
    op("voice", "price", Post, "/voice/price", Body(Messages(MessageKind::Voice))),
    op("voice", "history", Get, "/voice/history", Query),
    op("voice", "languages", Get, "/voice/lang", Input::None),
    op("voice", "cancel", Put, "/voice/{message_id}/cancel", Input::None),
    op("lists", "list", Get, "/lists", Query),
    op("lists", "get", Get, "/lists/{list_id}", Input::None),
    op("lists", "create", Post, "/lists", Body(Object)),
    op("lists", "update", Put, "/lists/{list_id}", Body(Object)),
    op("lists", "delete", Delete, "/lists/{list_id}", Input::None),
    // The body `{fields}` names the fields that make two contacts duplicates (ClickSend's
    // description); the Maton guide sends none, so it is optional.
    op("lists", "removeDuplicates", Put, "/lists/{list_id}/remove-duplicates", Body(OptionalObject)),
    op("contacts", "list", Get, "/lists/{list_id}/contacts", Query),
    op("contacts", "get", Get, "/lists/{list_id}/contacts/{contact_id}", Input::None),
    op("contacts", "create", Post, "/lists/{list_id}/contacts", Body(Object)),
    op("contacts", "update", Put, "/lists/{list_id}/contacts/{contact_id}", Body(Object)),
    op("contacts", "delete", Delete, "/lists/{list_id}/contacts/{contact_id}", Input::None),
    op("contacts", "copy", Put, "/lists/{from_list_id}/contacts/{contact_id}/copy/{to_list_id}", Input::None),
    op("contacts", "transfer", Put, "/lists/{from_list_id}/contacts/{contact_id}/transfer/{to_list_id}", Input::None),
    op("emailAddresses", "list", Get, "/email/addresses", Query),
    op("emailAddresses", "create", Post, "/email/addresses", Body(Object)),
    op("emailAddresses", "delete", Delete, "/email/addresses/{email_address_id}", Input::None),
    op("countries", "list", Get, "/countries", Input::None),
    maton("connections", "list", Get, "/connections", Query),
    maton("connections", "create", Post, "/connections", Body(Object)),
    maton("connections", "get", Get, "/connections/{connection_id}", Input::None),
    maton("connections", "delete", Delete, "/connections/{connection_id}", Input::None),
];

/// Finds an endpoint by its area and name.
pub fn find(area: &str, name: &str) -> Option<&'static Endpoint> {
    ENDPOINTS.iter().find(|e| e.area == area && e.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_and_routes_are_unique() {
        let mut names = HashSet::new();
        let mut routes = HashSet::new();
        for e in ENDPOINTS {
            assert!(names.insert((e.area, e.name)), "duplicate name {}", e.qualified_name());
            assert!(routes.insert((e.method, e.path)), "duplicate route {} {}", e.method.as_str(), e.path);
        }
    }

    #[test]
    fn paths_are_well_formed() {
        for e in ENDPOINTS {
            assert!(e.path.starts_with('/') && !e.path.ends_with('/'), "{}", e.path);
            for p in e.params() {
                assert!(!p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{}", e.path);
            }
        }
    }

    #[test]
    fn the_core_set() {
        assert_eq!(ENDPOINTS.iter().filter(|e| e.host == Host::ClickSend).count(), 38);
        assert_eq!(ENDPOINTS.iter().filter(|e| e.host == Host::MatonControl).count(), 4);
    }

    #[test]
    fn params_in_order() {
        let e = op("x", "y", Put, "/lists/{from_list_id}/contacts/{contact_id}/copy/{to_list_id}", Input::None);
        assert_eq!(e.params().collect::<Vec<_>>(), ["from_list_id", "contact_id", "to_list_id"]);
    }
}
