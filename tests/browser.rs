//! The client in a real browser (headless Chromium), against the sandbox.
//!
//! `scripts/test.sh` starts the sandbox on a free port and passes its URL at compile
//! time (`SANDBOX_URL`). Every test resets the sandbox first, then checks the exact
//! request the sandbox received and the exact value the call resolved with.

#![cfg(target_arch = "wasm32")]

use clicksend_core::ENDPOINTS;
use clicksend_wasm::{ClickSendError, Client};
use js_sys::{Array, Promise, Reflect, JSON};
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SANDBOX: &str = match option_env!("SANDBOX_URL") {
    Some(url) => url,
    None => "http://127.0.0.1:8787",
};
const KEY: &str = "sandbox-key";
/// The sandbox's control token (scripts/test.sh starts it with one): a page may use the
/// control surface only with it.
const CONTROL_TOKEN: &str = match option_env!("SANDBOX_CONTROL_TOKEN") {
    Some(token) => token,
    None => "",
};
/// What the sandbox records for its own credentials (never the credentials themselves).
const RECORDED_BEARER: &str = "Bearer [the sandbox's key]";
const RECORDED_BASIC: &str = "Basic [the sandbox's username:key]";

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch)]
    fn fetch_with_str_and_init(url: &str, init: &JsValue) -> Promise;
}

fn js(v: Value) -> JsValue {
    JSON::parse(&v.to_string()).unwrap()
}

fn rust(v: &JsValue) -> Value {
    if v.is_undefined() {
        return Value::Null;
    }
    serde_json::from_str(&JSON::stringify(v).unwrap().as_string().unwrap()).unwrap()
}

/// A client on the sandbox with the given options on top of `{apiKey, baseUrl}`.
fn client_with(extra: Value) -> Client {
    let mut options = json!({"apiKey": KEY, "baseUrl": SANDBOX});
    for (k, v) in extra.as_object().unwrap() {
        options[k] = v.clone();
    }
    Client::new(js(options), JsValue::UNDEFINED).unwrap_or_else(|e| panic!("constructor threw {:?}", rust(&e)))
}

fn client() -> Client {
    client_with(json!({}))
}

fn index_of(name: &str) -> u32 {
    let (area, action) = name.split_once('.').unwrap();
    ENDPOINTS.iter().position(|e| e.area == area && e.name == action).unwrap_or_else(|| panic!("no endpoint {name}")) as u32
}

/// `client.<area>.<name>(...args)`, as the JS wrapper calls it.
async fn call(c: &Client, name: &str, args: Vec<JsValue>) -> Result<JsValue, JsValue> {
    let array: Array = args.into_iter().collect();
    JsFuture::from(c.call(index_of(name), array, JsValue::UNDEFINED)).await
}

async fn ok(c: &Client, name: &str, args: Vec<JsValue>) -> Value {
    match call(c, name, args).await {
        Ok(v) => rust(&v),
        Err(e) => panic!("{name} rejected: {:?}", rust(&e)),
    }
}

/// The error a call rejected with, as `{code, status, message, data, retryAfter}`;
/// also checks it is a `ClickSendError` and that no credential shows anywhere in it.
async fn err(c: &Client, name: &str, args: Vec<JsValue>) -> Value {
    let e = match call(c, name, args).await {
        Ok(v) => panic!("{name} resolved with {:?}", rust(&v)),
        Err(e) => e,
    };
    check_error(&e)
}

fn check_error(e: &JsValue) -> Value {
    assert!(e.is_instance_of::<ClickSendError>(), "not a ClickSendError: {e:?}");
    assert!(e.is_instance_of::<js_sys::Error>(), "not an Error");
    let text = JSON::stringify(e).unwrap().as_string().unwrap();
    let message = Reflect::get(e, &"message".into()).unwrap().as_string().unwrap();
    for secret in [KEY, "c2FuZGJveDpzYW5kYm94LWtleQ==", "conn-secret-1"] {
        assert!(!text.contains(secret) && !message.contains(secret), "credential in error: {text}");
    }
    let get = |k: &str| rust(&Reflect::get(e, &k.into()).unwrap());
    json!({"code": get("code"), "status": get("status"), "message": message, "data": get("data"), "retryAfter": get("retryAfter")})
}

async fn control(method: &str, path: &str, body: Option<Value>) -> Value {
    let init = json!({"method": method, "body": body.map(|b| b.to_string()), "headers": {"x-sandbox-control": CONTROL_TOKEN}});
    let response: web_sys::Response =
        JsFuture::from(fetch_with_str_and_init(&format!("{SANDBOX}/_sandbox/{path}"), &js(init))).await.expect("the sandbox answers").unchecked_into();
    rust(&JsFuture::from(response.json().unwrap()).await.unwrap())
}

async fn reset() {
    control("POST", "reset", None).await;
}

async fn requests() -> Vec<Value> {
    control("GET", "requests", None).await["data"].as_array().unwrap().clone()
}

async fn faults(f: Value) {
    control("POST", "faults", Some(f)).await;
}

/// The one request the sandbox received since the reset.
async fn only_request() -> Value {
    let all = requests().await;
    assert_eq!(all.len(), 1, "expected exactly one request, got {all:#?}");
    all[0].clone()
}

fn sms(to: &str, body: &str) -> Value {
    json!({"messages": [{"to": to, "body": body, "source": "sdk"}]})
}

/// The request's method, path, query and body, and the client's headers.
fn assert_request(r: &Value, method: &str, path: &str, query: &str, body: Option<Value>) {
    assert_eq!((r["method"].as_str(), r["path"].as_str(), r["query"].as_str()), (Some(method), Some(path), Some(query)), "{r:#}");
    assert_eq!(r["headers"]["authorization"], RECORDED_BEARER);
    assert_eq!(r["headers"]["accept"], "application/json");
    assert!(r["headers"].get("maton-connection").is_none(), "no Maton-Connection unless set");
    match body {
        Some(b) => {
            assert_eq!(r["json"], b);
            assert_eq!(r["headers"]["content-type"], "application/json");
        }
        None => {
            assert_eq!(r["body"], "");
            assert!(r["headers"].get("content-type").is_none(), "no body, no content type: {r:#}");
        }
    }
}

// ---- every function: exact request, exact resolved value (tests/cases/endpoints.json) ----

/// The value at `N.a.b` in the setup results (`a` may be an array index).
fn lookup(results: &[Value], reference: &str) -> Value {
    let mut parts = reference.split('.');
    let index: usize = parts.next().unwrap().parse().unwrap();
    parts.fold(results[index].clone(), |v, key| match key.parse::<usize>() {
        Ok(i) if v.is_array() => v[i].clone(),
        _ => v[key].clone(),
    })
}

/// `"$N.a.b"` values replaced by what they refer to.
fn resolve(value: &Value, results: &[Value]) -> Value {
    match value {
        Value::String(s) if s.starts_with('$') && s[1..].starts_with(|c: char| c.is_ascii_digit()) => lookup(results, &s[1..]),
        Value::Array(items) => Value::Array(items.iter().map(|v| resolve(v, results)).collect()),
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), resolve(v, results))).collect()),
        other => other.clone(),
    }
}

/// `{$N.a.b}` in a path filled in.
fn fill(path: &str, results: &[Value]) -> String {
    let mut out = String::new();
    let mut rest = path;
    while let Some(start) = rest.find("{$") {
        let end = rest[start..].find('}').unwrap() + start;
        out.push_str(&rest[..start]);
        match lookup(results, &rest[start + 2..end]) {
            Value::String(s) => out.push_str(&s),
            v => out.push_str(&v.to_string()),
        }
        rest = &rest[end + 1..];
    }
    out + rest
}

async fn run_named(c: &Client, name: &str, args: &Value) -> Result<JsValue, JsValue> {
    let args: Vec<JsValue> = args.as_array().unwrap().iter().map(|a| js(a.clone())).collect();
    if name == "request" {
        return JsFuture::from(c.request(args[0].clone(), args[1].clone(), args.get(2).cloned().unwrap_or(JsValue::UNDEFINED), JsValue::UNDEFINED)).await;
    }
    call(c, name, args).await
}

#[wasm_bindgen_test]
async fn every_function_sends_the_exact_request_and_resolves_the_exact_answer() {
    let doc: Value = serde_json::from_str(include_str!("cases/endpoints.json")).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.iter().all(|c| c["fn"] == "request" || ENDPOINTS.iter().any(|e| e.qualified_name() == c["fn"])), "every case names a function");
    let c = client_with(json!({"controlUrl": SANDBOX}));
    for case in cases {
        let name = case["fn"].as_str().unwrap();
        reset().await;
        let mut results = Vec::new();
        for step in case["setup"].as_array().into_iter().flatten() {
            let args = resolve(&step[1], &results);
            let r = run_named(&c, step[0].as_str().unwrap(), &args).await.unwrap_or_else(|e| panic!("{name}: setup failed: {:?}", rust(&e)));
            results.push(rust(&r));
        }
        let args = resolve(&case["args"], &results);
        let value = match run_named(&c, name, &args).await {
            Ok(v) => rust(&v),
            Err(e) => panic!("{name} rejected: {:?}", rust(&e)),
        };
        let all = requests().await;
        assert_eq!(all.len(), results.len() + 1, "{name}: one request per call");
        let r = all.last().unwrap();
        let want = &case["request"];
        let endpoint = &ENDPOINTS[index_of(name) as usize];
        // The input argument is the body; an optional body left out sends none.
        let body = match endpoint.input {
            clicksend_core::Input::Body(_) => args.get(endpoint.params().count()).cloned().filter(|b| !b.is_null()),
            _ => None,
        };
        assert_request(r, want["method"].as_str().unwrap(), &fill(want["path"].as_str().unwrap(), &results), want["query"].as_str().unwrap(), body);
        assert_eq!(value, r["response"]["body"], "{name}: resolves with exactly what the server sent");
        assert_eq!(r["response"]["status"], 200, "{name}");
    }
}

/// Every function without a case above, called with arguments made from its table entry
/// (as tests/support/exact-request.mjs does for Node and workerd): the exact request, and
/// the call settles with exactly the sandbox's answer (these made-up ids and bodies mostly
/// meet the model's 404s and per-field 400s: the call rejects with that status and `data`).
#[wasm_bindgen_test]
async fn every_other_function_sends_the_exact_request() {
    let doc: Value = serde_json::from_str(include_str!("cases/endpoints.json")).unwrap();
    let with_case: Vec<&str> = doc["cases"].as_array().unwrap().iter().map(|c| c["fn"].as_str().unwrap()).collect();
    let c = client_with(json!({"controlUrl": SANDBOX}));
    let sample_body = json!({"name": "Example", "enabled": 1, "tags": ["a", "b"], "nested": {"to": "+61411111111"}, "content": "aGVsbG8="});
    let mut checked = 0;
    for e in ENDPOINTS.iter().filter(|e| !with_case.contains(&e.qualified_name().as_str())) {
        let name = e.qualified_name();
        reset().await;
        let mut args: Vec<Value> = e.params().map(|_| json!("7")).collect();
        let (query, body) = match e.input {
            clicksend_core::Input::None => ("", None),
            clicksend_core::Input::Query | clicksend_core::Input::PagedQuery => {
                args.push(json!({"page": 2, "limit": 50}));
                ("page=2&limit=50", None)
            }
            clicksend_core::Input::Body(_) => {
                args.push(sample_body.clone());
                ("", Some(sample_body.clone()))
            }
            clicksend_core::Input::BodyAndQuery(_) => {
                args.push(sample_body.clone());
                args.push(json!({"convert": "fax"}));
                ("convert=fax", Some(sample_body.clone()))
            }
        };
        let settled = call(&c, &name, args.into_iter().map(js).collect()).await;
        let all = requests().await;
        assert_eq!(all.len(), 1, "{name}: one request");
        let path = format!("/v3{}", e.path.split('/').map(|s| if s.starts_with('{') { "7" } else { s }).collect::<Vec<_>>().join("/"));
        assert_request(&all[0], e.method.as_str(), &path, query, body.clone());
        let answer = &all[0]["response"];
        match (settled, answer["status"].as_u64()) {
            (Ok(v), Some(200)) => assert_eq!(rust(&v), answer["body"], "{name}: resolves with exactly what the server sent"),
            (Ok(_), Some(204)) => {}
            (Err(e), Some(status)) => {
                let e = rust(&e);
                assert_eq!((e["status"].as_u64(), &e["data"]), (Some(status), &answer["body"]["data"]), "{name}: rejects with the server's status and data");
            }
            (settled, status) => panic!("{name}: settled {:?} on a {status:?}", settled.map(|v| rust(&v)).map_err(|e| rust(&e))),
        }
        assert!(!answer["body"].to_string().contains("Sandbox echo"), "{name}: the sandbox echoed");
        checked += 1;
    }
    assert_eq!(checked, 171);
}

// ---- auth variants ----

#[wasm_bindgen_test]
async fn basic_auth_and_maton_connection_header() {
    reset().await;
    let c = client_with(json!({"username": "sandbox", "connection": "conn-secret-1"}));
    ok(&c, "account.get", vec![]).await;
    let r = only_request().await;
    assert_eq!(r["headers"]["authorization"], RECORDED_BASIC);
    assert_eq!(r["headers"]["maton-connection"], "conn-secret-1");
}

#[wasm_bindgen_test]
async fn base_url_without_key_sends_no_authorization() {
    reset().await;
    let c = Client::new(js(json!({"baseUrl": format!("{SANDBOX}/clicksend")})), JsValue::UNDEFINED).unwrap();
    let e = err(&c, "account.get", vec![]).await;
    // The gateway's own 401 (not ClickSend's envelope), its text kept.
    assert_eq!((e["code"].as_str(), e["status"].as_u64()), (Some("HTTP_401"), Some(401)));
    assert_eq!(e["message"], "HTTP 401 Unauthorized: Invalid or missing Maton API key.");
    let r = only_request().await;
    assert_eq!(r["path"], "/clicksend/v3/account");
    assert!(r["headers"].get("authorization").is_none());
}

// ---- errors ----

#[wasm_bindgen_test]
async fn unauthorized() {
    reset().await;
    let c = Client::new(js(json!({"apiKey": "wrong-key", "baseUrl": SANDBOX})), JsValue::UNDEFINED).unwrap();
    let e = err(&c, "account.get", vec![]).await;
    assert_eq!(e, json!({"code": "UNAUTHORIZED", "status": 401, "message": "Invalid credentials.", "data": null, "retryAfter": null}));
}

#[wasm_bindgen_test]
async fn not_found() {
    reset().await;
    let e = err(&client(), "sms.cancel", vec!["NO-SUCH-MESSAGE".into()]).await;
    assert_eq!(e, json!({"code": "NOT_FOUND", "status": 404, "message": "Message not found.", "data": null, "retryAfter": null}));
}

#[wasm_bindgen_test]
async fn rate_limited_with_retry_after() {
    reset().await;
    faults(json!({"path": "/sms/send", "status": 429, "retry_after": "7"})).await;
    let e = err(&client_with(json!({"maxRetries": 0})), "sms.send", vec![js(sms("+61411111111", "hi"))]).await;
    assert_eq!((e["code"].as_str(), e["status"].as_u64(), e["retryAfter"].as_f64()), (Some("TOO_MANY_REQUESTS"), Some(429), Some(7.0)));
    assert_eq!(requests().await.len(), 1);
}

#[wasm_bindgen_test]
async fn server_error() {
    reset().await;
    faults(json!({"path": "/account", "status": 500})).await;
    let e = err(&client(), "account.get", vec![]).await;
    assert_eq!(e, json!({"code": "INTERNAL_SERVER_ERROR", "status": 500, "message": "Sandbox fault.", "data": null, "retryAfter": null}));
}

#[wasm_bindgen_test]
async fn non_json_body() {
    reset().await;
    faults(json!({"path": "/account", "status": 502, "body": "<html><h1>502 Bad Gateway</h1></html>", "content_type": "text/html"})).await;
    let e = err(&client_with(json!({"maxRetries": 0})), "account.get", vec![]).await;
    assert_eq!((e["code"].as_str(), e["status"].as_u64()), (Some("INVALID_RESPONSE"), Some(502)));
    assert_eq!(e["message"], "HTTP 502 Bad Gateway: a body that is not a JSON object: <html><h1>502 Bad Gateway</h1></html>");
    // A 200 with a truncated body, too.
    faults(json!({"path": "/account", "status": 200, "body": "{\"http_code\":200,"})).await;
    let e = err(&client(), "account.get", vec![]).await;
    assert_eq!((e["code"].as_str(), e["status"].as_u64()), (Some("INVALID_RESPONSE"), Some(200)));
}

#[wasm_bindgen_test]
async fn timeout() {
    reset().await;
    faults(json!({"path": "/account", "delay_ms": 2000})).await;
    let c = client_with(json!({"timeoutMs": 200}));
    let e = err(&c, "account.get", vec![]).await;
    assert_eq!(e, json!({"code": "TIMEOUT", "status": 0, "message": "no response within 200 ms (timeoutMs)", "data": null, "retryAfter": null}));
}

#[wasm_bindgen_test]
async fn abort_by_signal() {
    reset().await;
    faults(json!({"path": "/account", "delay_ms": 2000})).await;
    let controller = web_sys::AbortController::new().unwrap();
    let opts = js_sys::Object::new();
    Reflect::set(&opts, &"signal".into(), &controller.signal()).unwrap();
    let aborter = controller.clone();
    wasm_bindgen_futures::spawn_local(async move {
        sleep_ms(100).await;
        aborter.abort();
    });
    let e = err(&client(), "account.get", vec![opts.clone().into()]).await;
    assert_eq!(e, json!({"code": "ABORTED", "status": 0, "message": "the request was aborted by its signal", "data": null, "retryAfter": null}));
    // An already-aborted signal sends nothing.
    reset().await;
    let e = err(&client(), "account.get", vec![opts.into()]).await;
    assert_eq!(e["code"], "ABORTED");
    assert_eq!(requests().await.len(), 0);
}

async fn sleep_ms(ms: i32) {
    let wait = Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    JsFuture::from(wait).await.unwrap();
}

#[wasm_bindgen_test]
async fn invalid_path_parameters_send_nothing() {
    reset().await;
    let c = client();
    let cases: Vec<(&str, JsValue)> = vec![
        ("lists.delete", (-1.0).into()),
        ("lists.delete", 1.5.into()),
        ("lists.delete", f64::NAN.into()),
        ("lists.delete", "".into()),
        ("lists.delete", "../account".into()),
        ("lists.delete", js_sys::Object::new().into()),
        ("lists.delete", JsValue::UNDEFINED),
        ("sms.cancel", "../../account".into()),
        ("sms.cancel", "a/b".into()),
        ("sms.cancel", "".into()),
        ("sms.cancel", 42.0.into()),
    ];
    for (name, arg) in cases {
        let e = err(&c, name, vec![arg]).await;
        assert_eq!((e["code"].as_str(), e["status"].as_u64()), (Some("INVALID_ARGUMENT"), Some(0)), "{name}: {e}");
    }
    let e = err(&c, "lists.delete", vec![(-1.0).into()]).await;
    assert_eq!(e["message"], "lists.delete: `list_id` must be a positive integer, got a number below 1");
    assert_eq!(requests().await.len(), 0, "nothing may be sent");
}

#[wasm_bindgen_test]
async fn invalid_bodies_send_nothing() {
    reset().await;
    let c = client();
    let many: Vec<Value> = (0..1001).map(|_| json!({"to": "+61411111111", "body": "x"})).collect();
    let cases = [
        (json!({}), "sms.send: the body needs a `messages` array"),
        (json!({"messages": []}), "sms.send: `messages` is empty; send at least one message"),
        (json!({"messages": many}), "sms.send: 1001 messages in one call; ClickSend takes at most 1000 (split them into several calls)"),
        (json!({"messages": [{"body": "x"}]}), "sms.send: messages[0] has no recipient: set `to` (a phone number) or `list_id`"),
        (json!({"messages": [{"to": "+61411111111"}]}), "sms.send: messages[0] has no `body`"),
        (json!({"messages": [{"to": "+61411111111", "body": "x", "schedule": 1.5}]}), "sms.send: messages[0] has a `schedule` that is not an integer Unix timestamp"),
    ];
    for (body, message) in cases {
        let e = err(&c, "sms.send", vec![js(body)]).await;
        assert_eq!((e["code"].as_str(), e["message"].as_str()), (Some("INVALID_ARGUMENT"), Some(message)));
    }
    let e = err(&c, "sms.send", vec![JsValue::NULL]).await;
    assert_eq!(e["message"], "sms.send: the body must be an object, got null");
    let e = err(&c, "sms.history", vec![js(json!({"page": {"n": 1}}))]).await;
    assert_eq!(e["message"], "sms.history: query `page` must be a string, a finite number, a boolean or an array of them, got an object");
    let e = err(&c, "account.get", vec![js(json!({"sigal": 1}))]).await;
    assert_eq!(e["message"], "account.get: unknown option `sigal` (known: signal, timeoutMs, maxRetries, headers)");
    assert_eq!(requests().await.len(), 0, "nothing may be sent");
}

#[wasm_bindgen_test]
fn constructor_rejects_bad_options() {
    let cases = [
        (
            json!({"apiKey": "k", "apikey": "k"}),
            "new ClickSend(): unknown option `apikey` (known: apiKey, username, connection, baseUrl, controlUrl, timeoutMs, maxRetries, maxRetryDelayMs, fetch, rateLimit, appInfo)",
        ),
        (json!({"apiKey": 42}), "new ClickSend(): `apiKey` must be a string, got a number"),
        (json!({}), "new ClickSend(): give `apiKey` (Maton gateway), `username` and `apiKey` (ClickSend directly), or `baseUrl` (a proxy that adds credentials)"),
        (json!({"apiKey": "k", "timeoutMs": "5"}), "new ClickSend(): `timeoutMs` must be a number, got a string"),
        (json!({"apiKey": "k", "connection": "a\r\nb"}), "new ClickSend(): `connection` may hold only visible ASCII characters (no spaces, line breaks or accents)"),
    ];
    for (options, message) in cases {
        let e = Client::new(js(options), JsValue::UNDEFINED).err().expect("the constructor throws");
        let e = check_error(&e);
        assert_eq!((e["code"].as_str(), e["message"].as_str()), (Some("INVALID_ARGUMENT"), Some(message)));
    }
}

#[wasm_bindgen_test]
async fn escape_hatch_request() {
    reset().await;
    let c = client();
    let init = js(json!({"query": {"limit": 2}}));
    let v = rust(&JsFuture::from(c.request("get".into(), "/sms/history".into(), init, JsValue::UNDEFINED)).await.unwrap());
    assert_request(&only_request().await, "GET", "/v3/sms/history", "limit=2", None);
    assert_eq!(v["data"]["per_page"], 2);
    let e = JsFuture::from(c.request("GET".into(), "/../account".into(), JsValue::UNDEFINED, JsValue::UNDEFINED)).await.unwrap_err();
    assert_eq!(check_error(&e)["code"], "INVALID_ARGUMENT");
    assert_eq!(requests().await.len(), 1);
}

/// A call that must succeed; its `data`.
async fn data(c: &Client, name: &str, args: Vec<Value>) -> Value {
    let v = ok(c, name, args.into_iter().map(js).collect()).await;
    assert_eq!(v["response_code"], "SUCCESS", "{name}");
    v["data"].clone()
}

#[wasm_bindgen_test]
async fn scenario_a_user_would_run() {
    reset().await;
    let c = client();
    let list = data(&c, "lists.create", vec![json!({"list_name": "Scenario customers"})]).await;
    let id = list["list_id"].clone();
    for (phone, name) in [("+61411111111", "Ann"), ("+61422222222", "Bob"), ("+61 411 111 111", "Ann (again)")] {
        data(&c, "contacts.create", vec![id.clone(), json!({"phone_number": phone, "first_name": name})]).await;
    }
    assert_eq!(data(&c, "lists.get", vec![id.clone()]).await["_contacts_count"], 3);
    assert_eq!(data(&c, "lists.removeDuplicates", vec![id.clone()]).await, json!({"deleted": 1}));
    let contacts = data(&c, "contacts.list", vec![id.clone()]).await;
    let names: Vec<&Value> = contacts["data"].as_array().unwrap().iter().map(|c| &c["first_name"]).collect();
    assert_eq!(names, [&json!("Ann"), &json!("Bob")]);

    let to_list = data(&c, "sms.send", vec![json!({"messages": [{"list_id": id, "body": "Hi {first_name}!"}]})]).await;
    let single = data(&c, "sms.send", vec![json!({"messages": [{"to": "+61433333333", "body": "Hello you"}]})]).await;
    let later = data(&c, "sms.send", vec![json!({"messages": [{"to": "+61433333333", "body": "Tomorrow", "schedule": 99_999_999_999_i64}]})]).await;
    let ids: Vec<Value> = [&to_list, &single, &later].iter().flat_map(|d| d["messages"].as_array().unwrap().iter().map(|m| m["message_id"].clone())).collect();
    assert_eq!(ids.len(), 4);

    let page1 = data(&c, "sms.history", vec![json!({"limit": 2, "page": 1})]).await;
    let page2 = data(&c, "sms.history", vec![json!({"limit": 2, "page": 2})]).await;
    assert_eq!((page1["total"].clone(), page1["last_page"].clone()), (json!(4), json!(2)));
    let seen: Vec<Value> = [&page1, &page2].iter().flat_map(|p| p["data"].as_array().unwrap().iter().map(|m| m["message_id"].clone())).collect();
    assert_eq!(seen, ids);

    let receipts = data(&c, "sms.receipts", vec![]).await;
    let receipted: Vec<Value> = receipts["data"].as_array().unwrap().iter().map(|r| r["message_id"].clone()).collect();
    assert_eq!(receipted, ids[..3], "receipts for what went out, not the scheduled one");

    data(&c, "sms.cancel", vec![ids[3].clone()]).await;
    assert_eq!(data(&c, "account.get", vec![]).await["balance"], "99.762400");
    data(&c, "lists.delete", vec![id]).await;
    assert_eq!(data(&c, "lists.list", vec![]).await["total"], 0);
    assert_eq!(requests().await.len(), 17, "one request per call");
}

#[wasm_bindgen_test]
async fn uploads_encode_blobs_and_bytes() {
    let c = client();
    let bytes = js_sys::Uint8Array::from(&b"hello fax"[..]);
    let parts = js_sys::Array::of1(&bytes);
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).unwrap();
    for file in [JsValue::from(bytes.clone()), blob.into(), bytes.buffer().into()] {
        reset().await;
        let v = ok(&c, "uploads.create", vec![file, js(json!({"convert": "mms"}))]).await;
        let r = only_request().await;
        assert_eq!((r["path"].as_str(), r["query"].as_str()), (Some("/v3/uploads"), Some("convert=mms")));
        assert_eq!(r["json"], json!({"content": "aGVsbG8gZmF4"}));
        assert_eq!(v, r["response"]["body"]);
    }
}

/// One failure to provoke: what it is, the sandbox fault that causes it, the call, its
/// arguments and the error code the call must reject with.
type FailureCase = (&'static str, Option<Value>, &'static str, Vec<JsValue>, &'static str);

/// A failure must leave the module usable (a wasm panic would poison it for every later
/// call): after each kind of failure, a normal call on the same client succeeds.
#[wasm_bindgen_test]
async fn the_module_still_works_after_every_kind_of_failure() {
    let c = client_with(json!({"maxRetries": 0, "timeoutMs": 300}));
    let aborted = web_sys::AbortController::new().unwrap();
    aborted.abort();
    let abort_opts = js_sys::Object::new();
    Reflect::set(&abort_opts, &"signal".into(), &aborted.signal()).unwrap();
    let failures: Vec<FailureCase> = vec![
        ("bad argument", None, "lists.get", vec![js(json!("../account"))], "INVALID_ARGUMENT"),
        ("bad body", None, "sms.send", vec![js(json!({"messages": "no"}))], "INVALID_ARGUMENT"),
        ("non-JSON body", Some(json!({"path": "/account", "status": 200, "body": "<html>"})), "account.get", vec![], "INVALID_RESPONSE"),
        ("abort", None, "account.get", vec![abort_opts.into()], "ABORTED"),
        // Several times: browsers resend a request by themselves when a reused connection
        // drops (Chromium once; Firefox more), and the reset below clears what is left.
        ("network error", Some(json!({"path": "/account", "drop": "before", "times": 50})), "account.get", vec![], "NETWORK_ERROR"),
        ("timeout", Some(json!({"path": "/account", "delay_ms": 1000})), "account.get", vec![], "TIMEOUT"),
        ("500", Some(json!({"path": "/account", "status": 500})), "account.get", vec![], "INTERNAL_SERVER_ERROR"),
    ];
    for (what, fault, name, args, code) in failures {
        reset().await;
        if let Some(f) = fault {
            faults(f).await;
        }
        let e = match call(&c, name, args).await {
            Ok(v) => panic!("{what}: {name} resolved with {:?}", rust(&v)),
            Err(e) => e,
        };
        assert_eq!(check_error(&e)["code"], code, "{what}");
        reset().await; // no fault left over
        assert_eq!(ok(&c, "account.get", vec![]).await["response_code"], "SUCCESS", "a normal call after: {what}");
    }
}
