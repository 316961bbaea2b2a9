//! ClickSend's response envelope, for successes and for errors.

use axum::http::StatusCode;
use serde_json::{json, Value};

/// A JSON answer: status and envelope body.
pub struct Reply {
    pub status: StatusCode,
    pub body: Value,
}

pub fn ok(msg: &str, data: Value) -> Reply {
    Reply { status: StatusCode::OK, body: json!({"http_code": 200, "response_code": "SUCCESS", "response_msg": msg, "data": data}) }
}

/// An error envelope with ClickSend's `response_code` for the status.
pub fn error(status: u16, msg: &str) -> Reply {
    let code = match status {
        400 => "BAD_REQUEST",
        401 => "UNAUTHORIZED",
        403 => "FORBIDDEN",
        404 => "NOT_FOUND",
        405 => "METHOD_NOT_FOUND",
        429 => "TOO_MANY_REQUESTS",
        500 => "INTERNAL_SERVER_ERROR",
        _ => "ERROR",
    };
    Reply {
        status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        body: json!({"http_code": status, "response_code": code, "response_msg": msg, "data": null}),
    }
}

/// ClickSend's pagination shape over `items`; `page` from 1, `limit` clamped to 1..=100
/// (15 when absent).
pub fn page(items: Vec<Value>, page: Option<usize>, limit: Option<usize>) -> Value {
    let limit = limit.unwrap_or(15).clamp(1, 100);
    let page = page.unwrap_or(1).max(1);
    let total = items.len();
    let last_page = total.div_ceil(limit).max(1);
    let start = (page - 1).saturating_mul(limit).min(total);
    let data: Vec<Value> = items.into_iter().skip(start).take(limit).collect();
    let (from, to) = if data.is_empty() { (Value::Null, Value::Null) } else { (json!(start + 1), json!(start + data.len())) };
    let url = |p: usize| Value::String(format!("/?page={p}"));
    json!({
        "total": total,
        "per_page": limit,
        "current_page": page,
        "last_page": last_page,
        "next_page_url": if page < last_page { url(page + 1) } else { Value::Null },
        "prev_page_url": if page > 1 { url(page - 1) } else { Value::Null },
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
        let items: Vec<Value> = (1..=35).map(|i| json!(i)).collect();
        let p = page(items.clone(), Some(3), Some(15));
        assert_eq!(p["data"], json!([31, 32, 33, 34, 35]));
        assert_eq!((p["from"].clone(), p["to"].clone(), p["last_page"].clone()), (json!(31), json!(35), json!(3)));
        assert_eq!((p["next_page_url"].clone(), p["prev_page_url"].clone()), (Value::Null, json!("/?page=2")));
        let p = page(items.clone(), None, Some(1000));
        assert_eq!((p["per_page"].clone(), p["data"].as_array().unwrap().len()), (json!(100), 35));
        let p = page(items, Some(9), None);
        assert_eq!((p["data"].clone(), p["from"].clone()), (json!([]), Value::Null));
        let p = page(vec![], None, None);
        assert_eq!((p["total"].clone(), p["last_page"].clone()), (json!(0), json!(1)));
    }
}
