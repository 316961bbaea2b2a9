//! The HTTP side: a thin axum front over the model (`clicksend-model`). It reads the
//! request, lets the model record it and find its fault, waits or breaks the connection as
//! the fault says, has the model answer, delivers what the model pushes, and handles CORS and
//! the control surface's token.

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::Response;
use axum::Router;
use clicksend_model::{control, envelope::error, ConnectionDrop, Model, Reply};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};
use tokio::net::TcpListener;

pub use clicksend_model::{Auth, RECORDED_BASIC, RECORDED_BEARER};

pub struct Shared {
    pub model: Mutex<Model>,
    /// A clock fixed at this Unix time (`--now`), or the real time.
    pub now: Option<i64>,
}

impl Shared {
    pub fn model(&self) -> std::sync::MutexGuard<'_, Model> {
        // A poisoned lock only means a handler panicked mid-update; the data is still usable.
        self.model.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The router, for serving or for in-process tests.
pub fn app(auth: Auth) -> Router {
    app_at(auth, None)
}

/// The router with its clock fixed at `now` (Unix seconds), where given: answers then depend
/// only on the requests (the testing kit's parity test compares them).
pub fn app_at(auth: Auth, now: Option<i64>) -> Router {
    let shared = Arc::new(Shared { model: Mutex::new(Model::new(auth)), now });
    Router::new().fallback(move |req: Request| handle(shared.clone(), req))
}

/// A running sandbox.
pub struct Sandbox {
    pub addr: SocketAddr,
}

impl Sandbox {
    /// Serves on `listener` until the process ends.
    pub async fn serve(listener: TcpListener, auth: Auth, now: Option<i64>) -> std::io::Result<()> {
        axum::serve(listener, app_at(auth, now)).await
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

/// Requests bodies larger than this are refused (the real API takes far less).
const MAX_BODY: usize = 16 * 1024 * 1024;

/// The real time in ms.
fn wall_ms() -> f64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0.0, |d| d.as_millis() as f64)
}

async fn handle(shared: Arc<Shared>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let path = parts.uri.path().to_string();
    if let Some(rest) = path.strip_prefix("/_sandbox/") {
        return control_request(&shared, &parts, rest, body).await;
    }
    if parts.method == Method::OPTIONS {
        return preflight(&parts.headers);
    }
    let Ok(bytes) = to_bytes(body, MAX_BODY).await else {
        return respond(error(413, "Request body too large."));
    };
    let headers: Vec<(String, String)> = parts.headers.iter().map(|(k, v)| (k.as_str().to_string(), String::from_utf8_lossy(v.as_bytes()).into_owned())).collect();
    let host = parts.headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost");
    let origin = format!("http://{host}");
    let request = clicksend_model::Request { method: parts.method.as_str(), path: &path, query: parts.uri.query().unwrap_or(""), headers: &headers, body: &bytes, origin: &origin };
    let arrival = shared.model().arrive(&request);
    let delayed = arrival.fault.as_ref().is_some_and(|f| f.delay_ms > 0 && !f.hang && f.drop.is_none());
    if delayed {
        // A slow server still carries the request out when the client has stopped waiting (its
        // timeout, an abort, a proxy that cut it): the answer is made apart from this
        // connection, and the connection only waits for it.
        let (tx, rx) = tokio::sync::oneshot::channel();
        let owned = Owned { method: parts.method.as_str().to_string(), path: path.clone(), query: parts.uri.query().unwrap_or("").to_string(), headers, body: bytes, origin };
        let delay = arrival.fault.as_ref().map_or(0, |f| f.delay_ms);
        let shared = shared.clone();
        tokio::spawn(async move {
            tokio::time::sleep(std::time::Duration::from_millis(delay)).await;
            let _ = tx.send(answer(&shared, &owned.request(), arrival));
        });
        return match rx.await {
            Ok(response) => response,
            Err(_) => respond(error(500, "sandbox: the delayed answer was lost")),
        };
    }
    if let Some(fault) = &arrival.fault {
        if fault.hang {
            // Until the client gives up: hyper drops this future when the connection closes.
            std::future::pending::<()>().await;
        }
        match fault.drop {
            // Ends this connection's task without a byte written: the client sees the
            // connection closed before any response. `resume_unwind` skips the panic hook.
            Some(ConnectionDrop::Before) => std::panic::resume_unwind(Box::new("sandbox fault: drop before response")),
            Some(ConnectionDrop::MidBody) => return mid_body_drop(),
            Some(ConnectionDrop::AfterCarryingOut) | None => {}
        }
    }
    answer(&shared, &request, arrival)
}

/// A request's parts, owned, for an answer made apart from its connection.
struct Owned {
    method: String,
    path: String,
    query: String,
    headers: Vec<(String, String)>,
    body: Bytes,
    origin: String,
}

impl Owned {
    fn request(&self) -> clicksend_model::Request<'_> {
        clicksend_model::Request { method: &self.method, path: &self.path, query: &self.query, headers: &self.headers, body: &self.body, origin: &self.origin }
    }
}

/// Has the model carry the request out (or answer as its fault says) and makes the response.
fn answer(shared: &Shared, request: &clicksend_model::Request, arrival: clicksend_model::Arrival) -> Response {
    let wall = wall_ms();
    let outcome = shared.model().answer_at(request, arrival, shared.now.map_or(wall, |t| t as f64 * 1000.0), wall);
    push_callbacks(shared, outcome.pushes);
    if outcome.cut_after {
        return mid_body_drop();
    }
    let mut response = match &outcome.raw_body {
        Some((text, content_type)) => {
            let mut r = raw_response(outcome.reply.status, text.clone());
            if let Some(ct) = content_type.as_deref().and_then(|c| HeaderValue::from_str(c).ok()) {
                r.headers_mut().insert(header::CONTENT_TYPE, ct);
            }
            r
        }
        None if outcome.reply.status == 204 => respond(outcome.reply),
        // The model's own text of the answer: serialized once, for the recording and for this.
        None => {
            let mut r = raw_response(outcome.reply.status, outcome.text);
            r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
            r
        }
    };
    if let Some(v) = outcome.retry_after.as_deref().and_then(|v| HeaderValue::from_str(v).ok()) {
        response.headers_mut().insert(header::RETRY_AFTER, v);
    }
    // The model's clock (with its skew), not hyper's: a client reads the server's time here.
    if let Ok(v) = HeaderValue::from_str(&outcome.date) {
        response.headers_mut().insert(header::DATE, v);
    }
    response
}

/// Delivers what the model pushed (to the callback URL a test set, or to the URL a test
/// endpoint named), in the background.
fn push_callbacks(shared: &Shared, pushes: Vec<clicksend_model::state::Push>) {
    let callback = shared.model().state.callback.clone();
    for push in pushes {
        let target = match (push.url, &callback) {
            (Some(url), c) => Some(clicksend_model::Callback { url, format: c.as_ref().map_or(clicksend_model::CallbackFormat::Form, |c| c.format) }),
            (None, Some(c)) => Some(c.clone()),
            (None, None) => None,
        };
        if let Some(target) = target.filter(|t| t.url.starts_with("http://")) {
            tokio::spawn(crate::callbacks::deliver(target, crate::callbacks::fields(&push.body)));
        }
    }
}

/// The header a test page sends with the control token.
const CONTROL_HEADER: &str = "x-sandbox-control";

/// A request for the control surface. It reads every request the sandbox received, so no web
/// page may use it unless it shows the control token: a request with an `Origin` (a page's)
/// and no valid token is refused, and only a request with the token is answered with CORS.
async fn control_request(shared: &Shared, parts: &axum::http::request::Parts, rest: &str, body: Body) -> Response {
    let token = shared.model().auth.control_token.clone();
    let token = token.as_deref();
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
    let response = {
        // What the control surface makes (seeded messages) is dated by the model's clock.
        let mut model = shared.model();
        model.state.set_clock(shared.now.map_or_else(wall_ms, |t| t as f64 * 1000.0));
        respond(control::handle(&mut model, parts.method.as_str(), rest, &bytes))
    };
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
    if reply.status == 204 {
        let mut r = Response::new(Body::empty());
        *r.status_mut() = StatusCode::NO_CONTENT;
        return with_cors(r);
    }
    let mut r = raw_response(reply.status, reply.body.to_string());
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
