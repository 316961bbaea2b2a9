//! The sandbox behaves like ClickSend: driven in-process through its router.

use axum::body::{to_bytes, Body};
use axum::http::{Request, StatusCode};
use axum::Router;
use clicksend_sandbox::{app, Auth};
use serde_json::{json, Value};
use tower::ServiceExt;

const BEARER: &str = "Bearer sandbox-key";

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Value,
}

async fn call(app: &Router, method: &str, uri: &str, auth: Option<&str>, body: Option<Value>) -> Reply {
    let mut req = Request::builder().method(method).uri(uri);
    if let Some(auth) = auth {
        req = req.header("authorization", auth);
    }
    let body = body.map_or(Body::empty(), |b| Body::from(b.to_string()));
    let res = app.clone().oneshot(req.body(body).unwrap()).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = to_bytes(res.into_body(), usize::MAX).await.unwrap();
    let body = serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()));
    Reply { status, headers, body }
}

async fn api(app: &Router, method: &str, path: &str, body: Option<Value>) -> Reply {
    call(app, method, &format!("/v3{path}"), Some(BEARER), body).await
}

fn sms(to: &str, body: &str) -> Value {
    json!({"messages": [{"to": to, "body": body}]})
}

#[tokio::test]
async fn credentials_are_checked_like_clicksend() {
    let app = app(Auth::default());
    let r = call(&app, "GET", "/v3/account", None, None).await;
    assert_eq!(r.status, 401);
    assert_eq!(r.body, json!({"http_code": 401, "response_code": "UNAUTHORIZED", "response_msg": "Invalid credentials.", "data": null}));
    assert_eq!(call(&app, "GET", "/v3/account", Some("Bearer wrong"), None).await.status, 401);
    // Basic sandbox:sandbox-key: ClickSend's own credentials, directly; the Maton gateway takes
    // only its Bearer key and answers with its own error.
    let r = call(&app, "GET", "/v3/account", Some("Basic c2FuZGJveDpzYW5kYm94LWtleQ=="), None).await;
    assert_eq!((r.status, r.body["data"]["balance"].clone()), (StatusCode::OK, json!("100.000000")));
    let r = call(&app, "GET", "/clicksend/v3/account", Some("Basic c2FuZGJveDpzYW5kYm94LWtleQ=="), None).await;
    assert_eq!((r.status, r.body.clone()), (StatusCode::UNAUTHORIZED, json!({"error": "Invalid or missing Maton API key."})));
    let r = call(&app, "GET", "/clicksend/v3/account", Some(BEARER), None).await;
    assert_eq!(r.status, StatusCode::OK);
    let custom = app_with("me", "k2");
    assert_eq!(call(&custom, "GET", "/v3/account", Some("Bearer k2"), None).await.status, 200);
    assert_eq!(call(&custom, "GET", "/v3/account", Some(BEARER), None).await.status, 401);
}

fn app_with(username: &str, api_key: &str) -> Router {
    app(Auth { username: username.into(), api_key: api_key.into(), ..Auth::default() })
}

#[tokio::test]
async fn sending_charges_by_parts_and_flags_bad_numbers() {
    let app = app(Auth::default());
    let body = json!({"messages": [
        {"to": "+61411111111", "body": "a".repeat(161), "custom_string": "ref-1"},
        {"to": "not a number", "body": "hi"},
        {"to": "+15551234567", "body": "😀"},
    ]});
    let r = api(&app, "POST", "/sms/send", Some(body)).await;
    assert_eq!(r.status, 200);
    let d = &r.body["data"];
    assert_eq!((d["total_count"].clone(), d["queued_count"].clone(), d["total_price"].clone()), (json!(3), json!(2), json!(0.1848)));
    let m = &d["messages"];
    assert_eq!((m[0]["status"].clone(), m[0]["message_parts"].clone(), m[0]["message_price"].clone()), (json!("SUCCESS"), json!(2), json!("0.1584")));
    assert_eq!(m[0]["custom_string"], "ref-1");
    assert_eq!((m[1]["status"].clone(), m[1]["message_price"].clone()), (json!("INVALID_RECIPIENT"), json!("0.0000")));
    assert_eq!((m[2]["country"].clone(), m[2]["message_price"].clone()), (json!("US"), json!("0.0264")));
    let account = api(&app, "GET", "/account", None).await;
    assert_eq!(account.body["data"]["balance"], "99.815200");

    // A price quote charges nothing and stores nothing.
    let r = api(&app, "POST", "/sms/price", Some(sms("+61411111111", "hello"))).await;
    assert_eq!(r.body["data"]["total_price"], json!(0.0792));
    assert_eq!(api(&app, "GET", "/account", None).await.body["data"]["balance"], "99.815200");
    assert_eq!(api(&app, "GET", "/sms/history", None).await.body["data"]["total"], 2);

    for bad in [json!({}), json!({"messages": []})] {
        let r = api(&app, "POST", "/sms/send", Some(bad)).await;
        assert_eq!((r.status, r.body["response_code"].clone()), (StatusCode::BAD_REQUEST, json!("BAD_REQUEST")));
    }
}

#[tokio::test]
async fn history_filters_and_paginates() {
    let app = app(Auth::default());
    for i in 0..20 {
        api(&app, "POST", "/sms/send", Some(sms("+61411111111", &format!("m{i}")))).await;
    }
    let r = api(&app, "GET", "/sms/history?page=2&limit=15", None).await;
    let d = &r.body["data"];
    assert_eq!((d["total"].clone(), d["per_page"].clone(), d["current_page"].clone(), d["last_page"].clone()), (json!(20), json!(15), json!(2), json!(2)));
    assert_eq!(
        (d["from"].clone(), d["to"].clone(), d["next_page_url"].clone(), d["prev_page_url"].clone()),
        (json!(16), json!(20), Value::Null, json!("http://localhost/v3/sms/history?limit=15&page=1"))
    );
    assert_eq!(d["data"][0]["body"], "m15");
    assert_eq!(d["data"][0]["status"], "Sent");
    let default = api(&app, "GET", "/sms/history", None).await;
    assert_eq!(default.body["data"]["data"].as_array().unwrap().len(), 15);
    let future = api(&app, "GET", "/sms/history?date_from=99999999999", None).await;
    assert_eq!(future.body["data"]["total"], 0);
    let past = api(&app, "GET", "/sms/history?date_to=1000", None).await;
    assert_eq!(past.body["data"]["total"], 0);
}

#[tokio::test]
async fn scheduled_messages_can_be_cancelled() {
    let app = app(Auth::default());
    let later = json!({"messages": [
        {"to": "+61411111111", "body": "later", "schedule": 99_999_999_999_i64},
        {"to": "+61411111112", "body": "later too", "schedule": 99_999_999_999_i64},
        {"to": "+61411111113", "body": "now"},
    ]});
    let sent = api(&app, "POST", "/sms/send", Some(later)).await;
    let ids: Vec<String> = sent.body["data"]["messages"].as_array().unwrap().iter().map(|m| m["message_id"].as_str().unwrap().to_string()).collect();
    let r = api(&app, "PUT", &format!("/sms/{}/cancel", ids[0]), None).await;
    assert_eq!((r.status, r.body["response_msg"].clone()), (StatusCode::OK, json!("Message has been cancelled.")));
    assert_eq!(api(&app, "PUT", &format!("/sms/{}/cancel", ids[0]), None).await.status, 400);
    assert_eq!(api(&app, "PUT", &format!("/sms/{}/cancel", ids[2]), None).await.status, 400);
    let r = api(&app, "PUT", "/sms/NOPE/cancel", None).await;
    assert_eq!((r.status, r.body["response_code"].clone()), (StatusCode::NOT_FOUND, json!("NOT_FOUND")));
    let r = api(&app, "PUT", "/sms/cancel-all", None).await;
    assert_eq!(r.body["data"], json!({"count": 1}));
    // Two cancelled messages were refunded: only the immediate one is charged.
    assert_eq!(api(&app, "GET", "/account", None).await.body["data"]["balance"], "99.920800");
    let statuses: Vec<Value> = api(&app, "GET", "/sms/history", None).await.body["data"]["data"].as_array().unwrap().iter().map(|m| m["status"].clone()).collect();
    assert_eq!(statuses, [json!("Cancelled"), json!("Cancelled"), json!("Sent")]);
}

#[tokio::test]
async fn lists_are_created_listed_and_deleted() {
    let app = app(Auth::default());
    let r = api(&app, "POST", "/lists", Some(json!({"list_name": "Customers"}))).await;
    let list = r.body["data"].clone();
    assert_eq!((list["list_name"].clone(), list["_contacts_count"].clone()), (json!("Customers"), json!(0)));
    let id = list["list_id"].as_u64().unwrap();
    assert_eq!(api(&app, "GET", "/lists", None).await.body["data"]["data"], json!([list]));
    assert_eq!(api(&app, "POST", "/lists", Some(json!({}))).await.status, 400);
    let r = api(&app, "DELETE", &format!("/lists/{id}"), None).await;
    assert_eq!((r.status, r.body["data"].clone()), (StatusCode::OK, json!([])), "as ClickSend's description shows");
    assert_eq!(api(&app, "DELETE", &format!("/lists/{id}"), None).await.status, 404);
    assert_eq!(api(&app, "PATCH", "/lists", None).await.status, 405);
    assert_eq!(api(&app, "GET", "/nothing-here", None).await.status, 404);
}

#[tokio::test]
async fn cors_preflight_and_headers() {
    let app = app(Auth::default());
    let req = Request::builder()
        .method("OPTIONS")
        .uri("/v3/sms/send")
        .header("access-control-request-headers", "authorization,content-type,maton-connection")
        .body(Body::empty())
        .unwrap();
    let res = app.clone().oneshot(req).await.unwrap();
    assert_eq!(res.status(), 204);
    assert_eq!(res.headers()["access-control-allow-headers"], "authorization,content-type,maton-connection");
    assert_eq!(res.headers()["access-control-allow-origin"], "*");
    let r = api(&app, "GET", "/account", None).await;
    assert_eq!(r.headers["access-control-expose-headers"], "Retry-After");
}

#[tokio::test]
async fn records_requests_and_plays_faults() {
    let app = app(Auth::default());
    let faults = json!([
        {"method": "GET", "path": "/account", "status": 429, "retry_after": 7},
        {"path": "/sms/history", "status": 502, "body": "<html>Bad gateway</html>", "content_type": "text/html"},
    ]);
    assert_eq!(call(&app, "POST", "/_sandbox/faults", None, Some(faults)).await.body["data"], json!({"armed": 2}));
    let r = api(&app, "GET", "/account", None).await;
    assert_eq!((r.status, r.headers["retry-after"].to_str().unwrap(), r.body["response_code"].clone()), (StatusCode::TOO_MANY_REQUESTS, "7", json!("TOO_MANY_REQUESTS")));
    assert_eq!(api(&app, "GET", "/account", None).await.status, 200, "a fault fires `times` times only");
    let r = api(&app, "GET", "/sms/history?limit=20", None).await;
    assert_eq!((r.status, r.headers["content-type"].to_str().unwrap(), r.body.clone()), (StatusCode::BAD_GATEWAY, "text/html", json!("<html>Bad gateway</html>")));

    api(&app, "POST", "/sms/send", Some(sms("+61411111111", "hi"))).await;
    let recorded = call(&app, "GET", "/_sandbox/requests", None, None).await.body["data"].clone();
    assert_eq!(recorded.as_array().unwrap().len(), 4);
    let last = &recorded[3];
    assert_eq!((last["method"].clone(), last["path"].clone(), last["query"].clone()), (json!("POST"), json!("/v3/sms/send"), json!("")));
    assert_eq!(last["headers"]["authorization"], clicksend_sandbox::RECORDED_BEARER);
    assert_eq!(last["json"], sms("+61411111111", "hi"));
    assert_eq!(last["response"]["status"], 200);
    assert_eq!(recorded[2]["query"], "limit=20");

    call(&app, "POST", "/_sandbox/reset", None, None).await;
    assert_eq!(call(&app, "GET", "/_sandbox/requests", None, None).await.body["data"], json!([]));
    let bad = call(&app, "POST", "/_sandbox/faults", None, Some(json!({"drop": "sideways"}))).await;
    assert_eq!(bad.status, 400);
}

#[tokio::test]
async fn templates_crud_with_404s() {
    let app = app(Auth::default());
    let t = api(&app, "POST", "/sms/templates", Some(json!({"template_name": "Welcome", "body": "Hi {first_name}"}))).await.body["data"].clone();
    let id = t["template_id"].as_u64().unwrap();
    assert_eq!(t, json!({"template_id": id, "template_name": "Welcome", "body": "Hi {first_name}"}));
    assert_eq!(api(&app, "POST", "/sms/templates", Some(json!({"template_name": "x"}))).await.status, 400);
    let u = api(&app, "PUT", &format!("/sms/templates/{id}"), Some(json!({"body": "Hello"}))).await;
    assert_eq!(u.body["data"], json!({"template_id": id, "template_name": "Welcome", "body": "Hello"}));
    assert_eq!(api(&app, "GET", "/sms/templates", None).await.body["data"]["data"], json!([u.body["data"]]));
    assert_eq!(api(&app, "DELETE", &format!("/sms/templates/{id}"), None).await.status, 200);
    for (method, body) in [("PUT", Some(json!({"body": "x"}))), ("DELETE", None)] {
        let r = api(&app, method, &format!("/sms/templates/{id}"), body).await;
        assert_eq!((r.status, r.body["response_code"].clone()), (StatusCode::NOT_FOUND, json!("NOT_FOUND")));
    }
}

#[tokio::test]
async fn contacts_copy_transfer_and_remove_duplicates() {
    let app = app(Auth::default());
    let a = api(&app, "POST", "/lists", Some(json!({"list_name": "A"}))).await.body["data"]["list_id"].as_u64().unwrap();
    let b = api(&app, "POST", "/lists", Some(json!({"list_name": "B"}))).await.body["data"]["list_id"].as_u64().unwrap();
    let mut ids = vec![];
    for (phone, name) in [("+61411111111", "Ann"), ("+61 411 111 111", "Ann again"), ("+61422222222", "Bob")] {
        let c = api(&app, "POST", &format!("/lists/{a}/contacts"), Some(json!({"phone_number": phone, "first_name": name, "custom_1": "vip", "nonsense": 1}))).await;
        assert_eq!(c.status, 200, "{}", c.body);
        assert_eq!((c.body["data"]["list_id"].clone(), c.body["data"]["custom_1"].clone(), c.body["data"]["_list_name"].clone()), (json!(a), json!("vip"), json!("A")));
        assert!(c.body["data"].get("nonsense").is_none());
        ids.push(c.body["data"]["contact_id"].as_u64().unwrap());
    }
    assert_eq!(api(&app, "POST", &format!("/lists/{a}/contacts"), Some(json!({"first_name": "nobody"}))).await.status, 400);
    assert_eq!(api(&app, "GET", &format!("/lists/{a}"), None).await.body["data"]["_contacts_count"], 3);
    let r = api(&app, "PUT", &format!("/lists/{a}/remove-duplicates"), None).await;
    assert_eq!(r.body["data"], json!({"deleted": 1}));
    assert_eq!(api(&app, "GET", &format!("/lists/{a}/contacts"), None).await.body["data"]["total"], 2);

    let copied = api(&app, "PUT", &format!("/lists/{a}/contacts/{}/copy/{b}", ids[0]), None).await.body["data"].clone();
    assert_ne!(copied["contact_id"], json!(ids[0]), "a copy gets a new id");
    assert_eq!((copied["list_id"].clone(), copied["first_name"].clone()), (json!(b), json!("Ann")));
    let moved = api(&app, "PUT", &format!("/lists/{a}/contacts/{}/transfer/{b}", ids[2]), None).await.body["data"].clone();
    assert_eq!((moved["contact_id"].clone(), moved["list_id"].clone()), (json!(ids[2]), json!(b)));
    assert_eq!(api(&app, "GET", &format!("/lists/{a}/contacts/{}", ids[2]), None).await.status, 404);
    assert_eq!(api(&app, "GET", &format!("/lists/{b}/contacts"), None).await.body["data"]["total"], 2);

    let u = api(&app, "PUT", &format!("/lists/{a}/contacts/{}", ids[0]), Some(json!({"last_name": "Lee"}))).await;
    assert_eq!((u.body["data"]["first_name"].clone(), u.body["data"]["last_name"].clone()), (json!("Ann"), json!("Lee")));
    assert_eq!(api(&app, "DELETE", &format!("/lists/{a}/contacts/{}", ids[0]), None).await.status, 200);
    for path in [format!("/lists/{a}/contacts/{}", ids[0]), "/lists/999/contacts".into(), format!("/lists/{a}/contacts/{}/copy/999", ids[2])] {
        assert_eq!(api(&app, "GET", &path, None).await.status.as_u16() / 100, 4, "{path}");
    }
    assert_eq!(api(&app, "PUT", &format!("/lists/{b}"), Some(json!({"list_name": "B2"}))).await.body["data"]["list_name"], "B2");
}

#[tokio::test]
async fn mms_and_voice_have_their_own_rules_and_prices() {
    let app = app(Auth::default());
    let mms = json!({"media_file": "https://example.com/a.jpg", "messages": [{"to": "+61411111111", "body": "pic", "subject": "Hi"}]});
    let r = api(&app, "POST", "/mms/send", Some(mms)).await;
    let m = &r.body["data"]["messages"][0];
    assert_eq!((m["message_price"].clone(), m["subject"].clone(), m["_media_file_url"].clone()), (json!("0.5500"), json!("Hi"), json!("https://example.com/a.jpg")));
    assert_eq!(api(&app, "POST", "/mms/send", Some(sms("+61411111111", "no media"))).await.status, 400);
    let voice = json!({"messages": [{"to": "+61411111111", "body": "a".repeat(301), "voice": "male", "lang": "en-au"}]});
    let v = api(&app, "POST", "/voice/price", Some(voice)).await.body["data"]["messages"][0].clone();
    assert_eq!((v["message_price"].clone(), v["voice"].clone(), v["lang"].clone()), (json!("0.1400"), json!("male"), json!("en-au")));
    let robot = json!({"messages": [{"to": "+61411111111", "body": "x", "voice": "robot"}]});
    assert_eq!(api(&app, "POST", "/voice/send", Some(robot)).await.status, 400);
    assert_eq!(api(&app, "GET", "/mms/history", None).await.body["data"]["total"], 1);
    assert_eq!(api(&app, "GET", "/sms/history", None).await.body["data"]["total"], 0, "histories are per kind");
    let receipt = api(&app, "GET", "/mms/receipts", None).await.body["data"]["data"][0].clone();
    assert_eq!((receipt["message_type"].clone(), receipt["status_code"].clone()), (json!("mms"), json!("201")));
    let langs = api(&app, "GET", "/voice/lang", None).await.body["data"].clone();
    assert!(langs.as_array().unwrap().iter().any(|l| l["code"] == "en-au" && l["gender"] == json!(["female", "male"])));
    let countries = api(&app, "GET", "/countries", None).await.body["data"].clone();
    assert!(countries.as_array().unwrap().contains(&json!({"code": "AU", "value": "Australia"})));
}

#[tokio::test]
async fn receipts_inbound_and_email_addresses() {
    let app = app(Auth::default());
    let sent = api(&app, "POST", "/sms/send", Some(sms("+61411111111", "hi"))).await.body["data"]["messages"][0].clone();
    let later = json!({"messages": [{"to": "+61411111111", "body": "later", "schedule": 99_999_999_999_i64}]});
    api(&app, "POST", "/sms/send", Some(later)).await;
    let receipts = api(&app, "GET", "/sms/receipts", None).await.body["data"].clone();
    assert_eq!(receipts["total"], 1, "scheduled messages have no receipt yet");
    assert_eq!(receipts["data"][0]["message_id"], sent["message_id"]);
    let test_inbound = json!({"url": "http://127.0.0.1:9/hook", "from": "+61422222222", "body": "STOP please", "original_message_id": sent["message_id"]});
    let inbound = api(&app, "POST", "/sms/inbound", Some(test_inbound)).await;
    assert_eq!((inbound.body["data"]["_keyword"].clone(), inbound.body["data"]["from"].clone()), (json!("stop"), json!("+61422222222")));
    let listed = api(&app, "GET", "/sms/inbound", None).await.body["data"]["data"][0].clone();
    assert_eq!((listed["message_id"].clone(), listed["body"].clone()), (inbound.body["data"]["message_id"].clone(), json!("STOP please")));
    let missing_url = api(&app, "POST", "/sms/inbound", Some(json!({"body": "x"}))).await;
    assert_eq!((missing_url.status, missing_url.body["data"].clone()), (StatusCode::BAD_REQUEST, json!({"url": "Url field is required."})));

    let e = api(&app, "POST", "/email/addresses", Some(json!({"email_address": "ops@example.com"}))).await.body["data"].clone();
    assert_eq!((e["email_address"].clone(), e["verified"].clone()), (json!("ops@example.com"), json!(0)));
    assert_eq!(api(&app, "POST", "/email/addresses", Some(json!({"email_address": "nope"}))).await.status, 400);
    assert_eq!(api(&app, "GET", "/email/addresses", None).await.body["data"]["total"], 1);
    let id = e["email_address_id"].as_u64().unwrap();
    assert_eq!(api(&app, "DELETE", &format!("/email/addresses/{id}"), None).await.status, 200);
    assert_eq!(api(&app, "DELETE", &format!("/email/addresses/{id}"), None).await.status, 404);
}

#[tokio::test]
async fn maton_connections() {
    let app = app(Auth::default());
    let list = call(&app, "GET", "/connections?app=clicksend&status=ACTIVE", Some(BEARER), None).await;
    assert_eq!(list.body["connections"].as_array().unwrap().len(), 1);
    let created = call(&app, "POST", "/connections", Some(BEARER), Some(json!({"app": "clicksend"}))).await.body["connection"].clone();
    assert_eq!((created["app"].clone(), created["status"].clone()), (json!("clicksend"), json!("PENDING")));
    let id = created["connection_id"].as_str().unwrap();
    assert_eq!(call(&app, "GET", &format!("/connections/{id}"), Some(BEARER), None).await.body["connection"], created);
    assert_eq!(call(&app, "GET", "/connections?status=PENDING", Some(BEARER), None).await.body["connections"], json!([created]));
    assert_eq!(call(&app, "DELETE", &format!("/connections/{id}"), Some(BEARER), None).await.status, 200);
    assert_eq!(call(&app, "GET", &format!("/connections/{id}"), Some(BEARER), None).await.status, 404);
    assert_eq!(call(&app, "POST", "/connections", Some(BEARER), Some(json!({}))).await.status, 400);
    // The control plane takes the Maton key, not ClickSend's Basic credentials.
    assert_eq!(call(&app, "GET", "/connections", Some("Basic c2FuZGJveDpzYW5kYm94LWtleQ=="), None).await.status, 401);
}

#[tokio::test]
async fn list_sends_go_to_each_contact() {
    let app = app(Auth::default());
    let list = api(&app, "POST", "/lists", Some(json!({"list_name": "L"}))).await.body["data"]["list_id"].as_u64().unwrap();
    for phone in ["+61411111111", "+61422222222"] {
        api(&app, "POST", &format!("/lists/{list}/contacts"), Some(json!({"phone_number": phone}))).await;
    }
    let r = api(&app, "POST", "/sms/send", Some(json!({"messages": [{"list_id": list, "body": "to all"}]}))).await;
    let to: Vec<Value> = r.body["data"]["messages"].as_array().unwrap().iter().map(|m| m["to"].clone()).collect();
    assert_eq!(to, [json!("+61411111111"), json!("+61422222222")]);
    assert_eq!(api(&app, "POST", "/sms/send", Some(json!({"messages": [{"list_id": 1, "body": "x"}]}))).await.status, 400);
}

#[tokio::test]
async fn no_operation_echoes_what_it_received() {
    let app = app(Auth::default());
    let fax = json!({"file_url": "https://e.com/f.pdf", "messages": [{"to": "+61299999999"}]});
    let r = api(&app, "POST", "/fax/send?x=1", Some(fax)).await;
    assert_eq!((r.status, r.body["response_code"].clone()), (StatusCode::OK, json!("SUCCESS")));
    assert!(r.body["data"].get("operation").is_none(), "{}", r.body);
    let id = r.body["data"]["messages"][0]["message_id"].as_str().unwrap().to_string();
    assert_eq!(api(&app, "GET", &format!("/fax/receipts/{id}"), None).await.body["data"]["_file_url"], "https://e.com/f.pdf");
    let r = api(&app, "POST", "/fax/send", Some(json!({"messages": [{"to": "+61299999999"}]}))).await;
    assert_eq!((r.status, r.body["data"].clone()), (StatusCode::BAD_REQUEST, json!({"file_url": "File url field is required."})));
    assert_eq!(api(&app, "PATCH", "/own-numbers/on_1", Some(json!({"label": "x"}))).await.status, 404);
    assert_eq!(api(&app, "POST", "/subaccounts", Some(json!({}))).await.status, 400);
    assert_eq!(api(&app, "DELETE", "/fax/send", None).await.status, 405);
    assert_eq!(api(&app, "GET", "/fax/nothing", None).await.status, 404);
}

#[tokio::test]
async fn seeding_makes_things_as_the_api_would_and_records_nothing() {
    let app = app(Auth::default());
    let seed = json!({"balance": 7, "lists": [{"list_name": "VIP", "contacts": [{"phone_number": "+61411111111"}]}], "messages": [{"to": "+61411111111", "body": "Hi"}]});
    let made = call(&app, "POST", "/_sandbox/seed", None, Some(seed)).await;
    assert_eq!(made.status, 200, "{}", made.body);
    let list_id = made.body["data"]["lists"][0]["list_id"].clone();
    let listed = api(&app, "GET", "/lists", None).await.body["data"]["data"][0].clone();
    assert_eq!((listed["list_id"].clone(), listed["_contacts_count"].clone()), (list_id, json!(1)));
    assert_eq!(api(&app, "GET", "/account", None).await.body["data"]["balance"], "7.000000");
    let history = api(&app, "GET", "/sms/history", None).await.body["data"]["data"][0]["message_id"].clone();
    assert_eq!(history, made.body["data"]["message_ids"][0]);
    let recorded = call(&app, "GET", "/_sandbox/requests", None, None).await.body["data"].as_array().unwrap().len();
    assert_eq!(recorded, 3, "only the three API calls above, not the seeding");
    let bad = call(&app, "POST", "/_sandbox/seed", None, Some(json!({"messages": [{"to": "+61411111111", "body": "x", "kind": "fax"}]}))).await;
    assert_eq!(bad.status, 400);
}
