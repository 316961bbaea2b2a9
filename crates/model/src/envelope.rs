//! ClickSend's response envelope, for successes and for errors, and its pagination.

use serde_json::{json, Map, Value};

/// A JSON answer: status and body.
#[derive(Clone, Debug, PartialEq)]
pub struct Reply {
    pub status: u16,
    pub body: Value,
}

pub fn ok(msg: &str, data: Value) -> Reply {
    Reply { status: 200, body: json!({"http_code": 200, "response_code": "SUCCESS", "response_msg": msg, "data": data}) }
}

/// ClickSend's `response_code` for an HTTP status.
pub fn response_code(status: u16) -> &'static str {
    match status {
        400 => "BAD_REQUEST",
        401 => "UNAUTHORIZED",
        403 => "FORBIDDEN",
        404 => "NOT_FOUND",
        405 => "METHOD_NOT_FOUND",
        429 => "TOO_MANY_REQUESTS",
        500 => "INTERNAL_SERVER_ERROR",
        _ => "ERROR",
    }
}

/// An error envelope with ClickSend's `response_code` for the status.
pub fn error(status: u16, msg: &str) -> Reply {
    Reply { status, body: json!({"http_code": status, "response_code": response_code(status), "response_msg": msg, "data": null}) }
}

/// A 400 that says which fields were wrong, as ClickSend's examples do:
/// `data: {"email": "Email field is required."}`.
pub fn invalid(fields: Map<String, Value>) -> Reply {
    let mut reply = error(400, "Invalid input.");
    reply.body["data"] = Value::Object(fields);
    reply
}

/// Where a page's links point: the collection's absolute URL and its other query parameters.
pub struct PageLinks<'a> {
    /// `https://rest.clicksend.com/v3/lists` (the front's own origin and prefix).
    pub path: String,
    /// The request's query without `page`, already encoded (`limit=10&q=...`).
    pub query: &'a str,
}

impl PageLinks<'_> {
    fn url(&self, page: usize) -> Value {
        let sep = if self.query.is_empty() { "" } else { "&" };
        Value::String(format!("{}?{}{sep}page={page}", self.path, self.query))
    }
}

/// ClickSend's pagination shape over `items`; `page` from 1, `limit` clamped to 1..=100
/// (15 when absent); links absolute, as ClickSend's are.
pub fn page<T>(items: Vec<T>, page: Option<usize>, limit: Option<usize>, links: &PageLinks, render: impl FnMut(T) -> Value) -> Value {
    let limit = limit.unwrap_or(15).clamp(1, 100);
    let page = page.unwrap_or(1).max(1);
    let total = items.len();
    let last_page = total.div_ceil(limit).max(1);
    let start = (page - 1).saturating_mul(limit).min(total);
    let data: Vec<Value> = items.into_iter().skip(start).take(limit).map(render).collect();
    let (from, to) = if data.is_empty() { (Value::Null, Value::Null) } else { (json!(start + 1), json!(start + data.len())) };
    json!({
        "total": total,
        "per_page": limit,
        "current_page": page,
        "last_page": last_page,
        "first_page_url": links.url(1),
        "last_page_url": links.url(last_page),
        "next_page_url": if page < last_page { links.url(page + 1) } else { Value::Null },
        "prev_page_url": if page > 1 { links.url(page - 1) } else { Value::Null },
        "path": links.path,
        "from": from,
        "to": to,
        "data": data,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages() {
        let links = PageLinks { path: "https://rest.clicksend.com/v3/lists".into(), query: "limit=15" };
        let items: Vec<Value> = (1..=35).map(|i| json!(i)).collect();
        let p = page(items.clone(), Some(3), Some(15), &links, |v| v);
        assert_eq!(p["data"], json!([31, 32, 33, 34, 35]));
        assert_eq!((p["from"].clone(), p["to"].clone(), p["last_page"].clone()), (json!(31), json!(35), json!(3)));
        assert_eq!((p["next_page_url"].clone(), p["prev_page_url"].clone()), (Value::Null, json!("https://rest.clicksend.com/v3/lists?limit=15&page=2")));
        assert_eq!(
            (p["first_page_url"].clone(), p["last_page_url"].clone()),
            (json!("https://rest.clicksend.com/v3/lists?limit=15&page=1"), json!("https://rest.clicksend.com/v3/lists?limit=15&page=3"))
        );
        assert_eq!(p["path"], "https://rest.clicksend.com/v3/lists");
        let p = page(items.clone(), None, Some(1000), &links, |v| v);
        assert_eq!((p["per_page"].clone(), p["data"].as_array().unwrap().len()), (json!(100), 35));
        let p = page(items, Some(9), None, &links, |v| v);
        assert_eq!((p["data"].clone(), p["from"].clone()), (json!([]), Value::Null));
        let bare = PageLinks { path: "http://127.0.0.1:1/v3/sms/history".into(), query: "" };
        let p = page(Vec::<Value>::new(), None, None, &bare, |v| v);
        assert_eq!((p["total"].clone(), p["last_page"].clone(), p["first_page_url"].clone()), (json!(0), json!(1), json!("http://127.0.0.1:1/v3/sms/history?page=1")));
    }
}
