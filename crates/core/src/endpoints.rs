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
    /// `{messages: [...]}` with 1..=1000 messages of the given kind.
    Messages(MessageKind),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// The namespace on the client: `client.<area>.<name>(...)`.
    pub area: &'static str,
    pub name: &'static str,
    pub method: Method,
    /// Relative to `/v3`, with `{param}` placeholders in the order the function takes them.
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
    Endpoint { area, name, method, path, input }
}

use BodyRule::{Messages, Object};
use Input::{Body, Query};
use Method::{Delete, Get, Post, Put};

pub static ENDPOINTS: &[Endpoint] = &[
    op("account", "get", Get, "/account", Input::None),
    op("sms", "send", Post, "/sms/send", Body(Messages(MessageKind::Sms))),
    op("sms", "price", Post, "/sms/price", Body(Messages(MessageKind::Sms))),
    op("sms", "history", Get, "/sms/history", Query),
    op("sms", "cancel", Put, "/sms/{message_id}/cancel", Input::None),
    op("sms", "cancelAll", Put, "/sms/cancel-all", Input::None),
    op("lists", "list", Get, "/lists", Query),
    op("lists", "create", Post, "/lists", Body(Object)),
    op("lists", "delete", Delete, "/lists/{list_id}", Input::None),
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
    fn params_in_order() {
        let e = op("x", "y", Put, "/lists/{from_list_id}/contacts/{contact_id}/copy/{to_list_id}", Input::None);
        assert_eq!(e.params().collect::<Vec<_>>(), ["from_list_id", "contact_id", "to_list_id"]);
    }
}
