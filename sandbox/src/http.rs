//! The HTTP side: one handler that records each request, answers CORS, routes the
//! control surface, applies programmed faults, checks credentials, then hands the
//! request to the API routes.

use crate::api::{self, ApiRequest};
use crate::envelope::{error, Reply};
use crate::state::{ConnectionDrop, State};
use crate::{control, maton};
use axum::body::{to_bytes, Body, Bytes};
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::Response;
use axum::Router;
use clicksend_core::base64;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tokio::net::TcpListener;

/// The credentials the sandbox accepts: Basic `username:api_key`, or Bearer `api_key`; and
/// the token a browser page must show to use the control surface (`/_sandbox/...`).
#[derive(Clone, Debug)]
pub struct Auth {
    pub username: String,
    pub api_key: String,
    /// With it, a request carrying `X-Sandbox-Control: <token>` may use the control surface
    /// from any origin (a test page). Without it, no browser page can: a request with an
    /// `Origin` header is refused, and no answer carries CORS headers.
    pub control_token: Option<String>,
}

impl Default for Auth {
    fn default() -> Self {
        Auth { username: "sandbox".into(), api_key: "sandbox-key".into(), control_token: None }
    }
}

/// What the recorded requests show for an `Authorization` header: never the credential (any
/// process, or a page, that reads them would have it), only whether it was the sandbox's own.
pub const RECORDED_BEARER: &str = "Bearer [the sandbox's key]";
pub const RECORDED_BASIC: &str = "Basic [the sandbox's username:key]";

impl Auth {
    fn recorded_authorization(&self, value: &str) -> &'static str {
        if value == format!("Bearer {}", self.api_key) {
            RECORDED_BEARER
        } else if value == format!("Basic {}", base64::encode(format!("{}:{}", self.username, self.api_key).as_bytes())) {
            RECORDED_BASIC
        } else if value.starts_with("Bearer ") {
            "Bearer [another key, redacted]"
        } else if value.starts_with("Basic ") {
            "Basic [other credentials, redacted]"
        } else {
            "[redacted]"
        }
    }
}

pub struct Shared {
    pub auth: Auth,
    pub state: Mutex<State>,
}

impl Shared {
    pub fn state(&self) -> std::sync::MutexGuard<'_, State> {
        // A poisoned lock only means a handler panicked mid-update; the data is still usable.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The router, for serving or for in-process tests.
pub fn app(auth: Auth) -> Router {
    let shared = Arc::new(Shared { auth, state: Mutex::new(State::new()) });
    Router::new().fallback(move |req: Request| handle(shared.clone(), req))
}

/// A running sandbox.
pub struct Sandbox {
    pub addr: SocketAddr,
}

impl Sandbox {
    /// Serves on `listener` until the process ends.
    pub async fn serve(listener: TcpListener, auth: Auth) -> std::io::Result<()> {
        axum::serve(listener, app(auth)).await
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

/// Requests bodies larger than this are refused (the real API takes far less).
const MAX_BODY: usize = 16 * 1024 * 1024;

async fn handle(shared: Arc<Shared>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let path = parts.uri.path().to_string();
    if let Some(rest) = path.strip_prefix("/_sandbox/") {
        return control_request(&shared, &parts, rest, body).await;
    }
    if parts.method == Method::OPTIONS {
        return preflight(&parts.headers);
    }
    let raw_query = parts.uri.query().unwrap_or("").to_string();
    let Ok(bytes) = to_bytes(body, MAX_BODY).await else {
        return respond(error(413, "Request body too large."));
    };
    // `/connections...` is Maton's control plane; everything else must be under /v3.
    let (rel, api) = match path.strip_prefix("/clicksend/v3").or_else(|| path.strip_prefix("/v3")) {
        Some(rel) => (rel.to_string(), Api::ClickSend),
        None if path == "/connections" || path.starts_with("/connections/") => (path.clone(), Api::MatonControl),
        None => return respond(error(404, "Resource not found. The API lives under /v3 (or /clicksend/v3, as on the Maton gateway).")),
    };
    let body_text = String::from_utf8_lossy(&bytes).into_owned();
    let json_body: Option<Value> = serde_json::from_slice(&bytes).ok();
    let (index, fault) = {
        let mut state = shared.state();
        state.requests.push(json!({
            "method": parts.method.as_str(),
            "path": path,
            "query": raw_query,
            "headers": header_map(&parts.headers, &shared.auth),
            "body": body_text,
            "json": json_body,
        }));
        (state.requests.len() - 1, state.take_fault(parts.method.as_str(), &rel))
    };

    let cut_after = fault.as_ref().is_some_and(|f| f.drop == Some(ConnectionDrop::AfterCarryingOut));
    if let Some(fault) = fault {
        if fault.delay_ms > 0 {
            tokio::time::sleep(std::time::Duration::from_millis(fault.delay_ms)).await;
        }
        match fault.drop {
            // Ends this connection's task without a byte written: the client sees the
            // connection closed before any response. `resume_unwind` skips the panic hook.
            Some(ConnectionDrop::Before) => std::panic::resume_unwind(Box::new("sandbox fault: drop before response")),
            Some(ConnectionDrop::MidBody) => return mid_body_drop(),
            Some(ConnectionDrop::AfterCarryingOut) | None => {}
        }
        if let Some(status) = fault.status {
            let mut reply = error(status, "Sandbox fault.");
            let mut response = match &fault.body {
                Some(text) => {
                    let mut r = raw_response(status, text.clone());
                    if let Some(ct) = fault.content_type.as_deref().and_then(|c| HeaderValue::from_str(c).ok()) {
                        r.headers_mut().insert(header::CONTENT_TYPE, ct);
                    }
                    reply.body = Value::String(text.clone());
                    r
                }
                None => json_response(&reply),
            };
            if let Some(v) = fault.retry_after.as_deref().and_then(|v| HeaderValue::from_str(v).ok()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
            record_response(&shared, index, &reply);
            return response;
        }
    }

    let query = parse_query(&raw_query);
    let reply = match api {
        Api::ClickSend if !authorized(&shared.auth, &parts.headers, true) => error(401, "Invalid credentials."),
        Api::ClickSend => {
            let request = ApiRequest { method: parts.method.as_str(), path: &rel, query, body: json_body };
            api::handle(&mut shared.state(), &request)
        }
        // The control plane takes the Maton key only (Bearer), never ClickSend's Basic pair.
        Api::MatonControl if !authorized(&shared.auth, &parts.headers, false) => Reply { status: StatusCode::UNAUTHORIZED, body: json!({"error": "Invalid API key."}) },
        Api::MatonControl => maton::handle(&mut shared.state(), parts.method.as_str(), &rel, &query, json_body.as_ref()),
    };
    record_response(&shared, index, &reply);
    push_callbacks(&shared);
    if cut_after {
        return mid_body_drop();
    }
    respond(reply)
}

/// Delivers what the request queued for the callback URL, in the background.
fn push_callbacks(shared: &Shared) {
    let (callback, outbox) = {
        let mut state = shared.state();
        (state.callback.clone(), std::mem::take(&mut state.outbox))
    };
    if let Some(callback) = callback {
        for item in outbox {
            tokio::spawn(crate::callbacks::deliver(callback.clone(), crate::callbacks::fields(&item)));
        }
    }
}

fn record_response(shared: &Shared, index: usize, reply: &Reply) {
    if let Some(r) = shared.state().requests.get_mut(index) {
        r["response"] = json!({"status": reply.status.as_u16(), "body": reply.body});
    }
}

/// Which service a request is for.
enum Api {
    ClickSend,
    MatonControl,
}

/// Bearer `api_key`, or (where `basic_ok`) Basic `username:api_key`.
fn authorized(auth: &Auth, headers: &HeaderMap, basic_ok: bool) -> bool {
    let Some(value) = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    if let Some(token) = value.strip_prefix("Bearer ") {
        return token == auth.api_key;
    }
    let Some(decoded) = value.strip_prefix("Basic ").filter(|_| basic_ok).and_then(base64::decode) else {
        return false;
    };
    decoded == format!("{}:{}", auth.username, auth.api_key).into_bytes()
}

/// The headers as recorded, the `Authorization` credential replaced by what it was.
fn header_map(headers: &HeaderMap, auth: &Auth) -> Value {
    let map: serde_json::Map<String, Value> = headers
        .iter()
        .map(|(k, v)| {
            let text = String::from_utf8_lossy(v.as_bytes());
            let value = if k == header::AUTHORIZATION { auth.recorded_authorization(&text).to_string() } else { text.into_owned() };
            (k.as_str().to_string(), Value::String(value))
        })
        .collect();
    Value::Object(map)
}

/// The header a test page sends with the control token.
const CONTROL_HEADER: &str = "x-sandbox-control";

/// A request for the control surface. It reads every request the sandbox received, so no web
/// page may use it unless it shows the control token: a request with an `Origin` (a page's)
/// and no valid token is refused, and only a request with the token is answered with CORS.
async fn control_request(shared: &Shared, parts: &axum::http::request::Parts, rest: &str, body: Body) -> Response {
    let token = shared.auth.control_token.as_deref();
    if parts.method == Method::OPTIONS {
        let asks_for_token =
            parts.headers.get(header::ACCESS_CONTROL_REQUEST_HEADERS).and_then(|v| v.to_str().ok()).is_some_and(|h| h.to_ascii_lowercase().contains(CONTROL_HEADER));
        return if token.is_some() && asks_for_token {
            preflight(&parts.headers)
        } else {
            without_cors(respond(error(403, "The sandbox's control surface is not for web pages.")))
        };
    }
    let shown = parts.headers.get(CONTROL_HEADER).map(HeaderValue::as_bytes);
    let cors = match (shown, token) {
        (Some(shown), Some(token)) if shown == token.as_bytes() => true,
        (Some(_), _) => return without_cors(respond(error(403, "Wrong sandbox control token."))),
        (None, _) if parts.headers.contains_key(header::ORIGIN) => return without_cors(respond(error(403, "The sandbox's control surface is not for web pages."))),
        (None, _) => false,
    };
    let Ok(bytes) = to_bytes(body, MAX_BODY).await else {
        return respond(error(413, "Request body too large."));
    };
    let response = respond(control::handle(shared, parts.method.as_str(), rest, &bytes));
    if cors {
        response
    } else {
        without_cors(response)
    }
}

/// A response with the CORS headers taken off again.
fn without_cors(mut r: Response) -> Response {
    let h = r.headers_mut();
    h.remove(header::ACCESS_CONTROL_ALLOW_ORIGIN);
    h.remove(header::ACCESS_CONTROL_EXPOSE_HEADERS);
    r
}

/// `a=1&b=x%20y` into a map (the last value of a repeated key wins).
fn parse_query(raw: &str) -> HashMap<String, String> {
    raw.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |j: usize| bytes.get(j).and_then(|b| (*b as char).to_digit(16));
        match bytes[i] {
            b'%' if hex(i + 1).is_some() && hex(i + 2).is_some() => {
                out.push((hex(i + 1).unwrap_or(0) * 16 + hex(i + 2).unwrap_or(0)) as u8);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn with_cors(mut r: Response) -> Response {
    let h = r.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    // Without this a browser client cannot read Retry-After on a cross-origin 429.
    h.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static("Retry-After"));
    r
}

fn preflight(headers: &HeaderMap) -> Response {
    let allow = headers.get(header::ACCESS_CONTROL_REQUEST_HEADERS).cloned().unwrap_or_else(|| HeaderValue::from_static("Authorization, Content-Type, Accept, Maton-Connection"));
    let mut r = Response::new(Body::empty());
    *r.status_mut() = StatusCode::NO_CONTENT;
    let h = r.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET, POST, PUT, PATCH, DELETE, OPTIONS"));
    h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, allow);
    h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
    with_cors(r)
}

fn json_response(reply: &Reply) -> Response {
    let mut r = raw_response(reply.status.as_u16(), reply.body.to_string());
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    r
}

fn raw_response(status: u16, body: String) -> Response {
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    with_cors(r)
}

pub fn respond(reply: Reply) -> Response {
    json_response(&reply)
}

/// A 200 whose body breaks off: the head and the first bytes of an envelope go out,
/// then the connection ends (the pause lets hyper flush the first chunk).
fn mid_body_drop() -> Response {
    use futures_util::{stream, StreamExt};
    let first = stream::once(async { Ok::<_, std::io::Error>(Bytes::from_static(b"{\"http_code\":200,\"response_code\":\"SUCC")) });
    let cut = stream::once(async {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        Err(std::io::Error::other("sandbox fault: connection dropped mid-body"))
    });
    let mut r = Response::new(Body::from_stream(first.chain(cut)));
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    with_cors(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_decoding() {
        let q = parse_query("a=1&b=x%20y&c=a+b&d&e=%zz");
        assert_eq!(q["a"], "1");
        assert_eq!(q["b"], "x y");
        assert_eq!(q["c"], "a b");
        assert_eq!(q["d"], "");
        assert_eq!(q["e"], "%zz");
    }

    #[test]
    fn auth_forms() {
        let auth = Auth::default();
        let mut h = HeaderMap::new();
        assert!(!authorized(&auth, &h, true));
        h.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer sandbox-key"));
        assert!(authorized(&auth, &h, true));
        let basic = format!("Basic {}", base64::encode(b"sandbox:sandbox-key"));
        h.insert(header::AUTHORIZATION, HeaderValue::from_str(&basic).unwrap());
        assert!(authorized(&auth, &h, true));
        let wrong = format!("Basic {}", base64::encode(b"sandbox:nope"));
        h.insert(header::AUTHORIZATION, HeaderValue::from_str(&wrong).unwrap());
        assert!(!authorized(&auth, &h, true));
    }
}
