//! Fax and post (letters and postcards): documents by URL, priced per page or piece, kept in
//! the history; return addresses; uploads, which turn a file into the URL these take.

use super::messages::push_url;
use super::records::{self, check, Resource};
use super::resources;
use super::ApiRequest;
use crate::envelope::{error, invalid, ok, Reply};
use crate::pricing::{currency, round4};
use crate::state::{normalize_recipient, State, SUBACCOUNT_ID, USER_ID};
use clicksend_core::base64;
use serde_json::{json, Map, Value};

const FAX_PAGE_PRICE: f64 = 0.1200;
const LETTER_PRICE: f64 = 1.4500;
const POSTCARD_PRICE: f64 = 1.2000;

fn priced(items: Vec<Value>, total: f64, commit: bool) -> Reply {
    let n = items.len();
    let data = json!({"total_price": round4(total), "total_count": n, "queued_count": n, "messages": items, "recipients": [], "_currency": currency()});
    ok(if commit { "Messages queued for delivery." } else { "Here are some results." }, data)
}

/// `POST /fax/send` (`commit`) and `/fax/price`: the document at `file_url` to each message's
/// fax number `to`, one page a fax in the sandbox.
pub fn send_fax(state: &mut State, req: &ApiRequest, commit: bool) -> Reply {
    let fields = match check(req.body.as_ref(), resources::FAXES.required) {
        Ok(f) => f,
        Err(reply) => return reply,
    };
    let Some(messages) = fields["messages"].as_array().filter(|m| !m.is_empty()) else {
        return invalid(Map::from_iter([("messages".to_string(), json!("Messages must be a list of faxes."))]));
    };
    let mut problems = Map::new();
    for (i, m) in messages.iter().enumerate() {
        if m.get("to").and_then(Value::as_str).and_then(|t| normalize_recipient(t, None)).is_none() {
            problems.insert(format!("messages.{i}.to"), json!("To must be a fax number."));
        }
    }
    if !problems.is_empty() {
        return invalid(problems);
    }
    let total = FAX_PAGE_PRICE * messages.len() as f64;
    if commit && total > state.balance + 1e-9 {
        return error(400, "Not enough credit to send these faxes.");
    }
    let mut out = Vec::new();
    for m in messages {
        let fax = json!({
            "message_id": records::new_id(state, &resources::FAXES), "to": m["to"], "from": m.get("from").cloned().unwrap_or(json!("")),
            "custom_string": m.get("custom_string").cloned().unwrap_or(json!("")), "_file_url": fields["file_url"], "message_pages": 1,
            "message_price": crate::pricing::fixed(FAX_PAGE_PRICE, 4), "status": if commit { "SUCCESS" } else { "QUOTE" }, "status_code": "201",
            "status_text": "Success: Fax sent.", "date": state.now, "user_id": USER_ID, "subaccount_id": SUBACCOUNT_ID,
        });
        out.push(if commit { records::insert(state, &resources::FAXES, fax) } else { fax });
    }
    if commit {
        state.balance -= total;
    }
    priced(out, total, commit)
}

pub fn history(state: &State, req: &ApiRequest, res: &Resource) -> Reply {
    ok(&format!("Here is your {} history.", res.noun.to_ascii_lowercase()), req.page(records::all(state, res).to_vec()))
}

/// `POST /fax/receipts {url}`: a test fax receipt pushed to `url`.
pub fn test_fax_receipt(state: &mut State, req: &ApiRequest) -> Reply {
    let url = match push_url(req) {
        Ok(u) => u,
        Err(reply) => return reply,
    };
    let receipt = json!({"timestamp_send": state.now, "timestamp": state.now, "message_id": state.next_message_id(), "status_code": "201", "status_text": "Success: Fax sent.", "message_type": "fax", "custom_string": "test"});
    state.outbox.push(crate::state::Push { url: Some(url), body: receipt.clone() });
    ok("Test receipt has been sent.", receipt)
}

/// The fields a postal recipient needs (as swagger-v2.yaml's `PostRecipient`).
const RECIPIENT_FIELDS: &[&str] = &["address_name", "address_line_1", "address_city", "address_postal_code", "address_country", "return_address_id"];

/// `POST /post/{letters,postcards}/send` (`commit`) and `.../price`.
pub fn send_post(state: &mut State, req: &ApiRequest, res: &Resource, commit: bool) -> Reply {
    let fields = match check(req.body.as_ref(), res.required) {
        Ok(f) => f,
        Err(reply) => return reply,
    };
    let Some(recipients) = fields["recipients"].as_array().filter(|r| !r.is_empty()) else {
        return invalid(Map::from_iter([("recipients".to_string(), json!("Recipients must be a list of addresses."))]));
    };
    let mut problems = Map::new();
    for (i, r) in recipients.iter().enumerate() {
        for f in RECIPIENT_FIELDS {
            if r.get(*f).is_none_or(|v| v.is_null() || v.as_str() == Some("")) {
                problems.insert(format!("recipients.{i}.{f}"), json!(format!("{f} is required.")));
            }
        }
        let return_id = r.get("return_address_id").map(|v| v.as_str().map_or_else(|| v.to_string(), String::from)).unwrap_or_default();
        if !return_id.is_empty() && records::find(state, &resources::RETURN_ADDRESSES, &return_id).is_none() {
            problems.insert(format!("recipients.{i}.return_address_id"), json!("Return address not found."));
        }
    }
    if !problems.is_empty() {
        return invalid(problems);
    }
    let unit = if res.key == resources::LETTERS.key { LETTER_PRICE } else { POSTCARD_PRICE };
    let total = unit * recipients.len() as f64;
    if commit && total > state.balance + 1e-9 {
        return error(400, "Not enough credit to send this post.");
    }
    let mut out = Vec::new();
    for r in recipients {
        let mut item = r.clone();
        item["message_id"] = records::new_id(state, res);
        item["price"] = json!(crate::pricing::fixed(unit, 4));
        item["status"] = json!(if commit { "SUCCESS" } else { "QUOTE" });
        item["date_added"] = json!(state.now);
        item["_file_url"] = fields.get("file_url").or(fields.get("file_urls")).cloned().unwrap_or(Value::Null);
        out.push(if commit { records::insert(state, res, item) } else { item });
    }
    if commit {
        state.balance -= total;
    }
    let mut reply = priced(Vec::new(), total, commit);
    reply.body["data"]["recipients"] = Value::Array(out);
    reply
}

/// Reads the address off the first page of a letter. The sandbox cannot read a PDF: it
/// answers the address fields the request gives (`content` is required), and blanks
/// otherwise, as ClickSend does when it finds none.
pub fn detect_address(req: &ApiRequest) -> Reply {
    let fields = match check(req.body.as_ref(), &["content"]) {
        Ok(f) => f,
        Err(reply) => return reply,
    };
    if fields["content"].as_str().and_then(base64::decode).is_none() {
        return invalid(Map::from_iter([("content".to_string(), json!("Content must be the file in base64."))]));
    }
    ok(
        "Address detected.",
        json!({"address_name": "", "address_line_1": "", "address_line_2": "", "address_city": "", "address_state": "", "address_postal_code": "", "address_country": ""}),
    )
}

/// `POST /uploads?convert=...`: a base64 file becomes a URL the other calls take.
pub fn upload(state: &mut State, req: &ApiRequest) -> Reply {
    let fields = match check(req.body.as_ref(), resources::UPLOADS.required) {
        Ok(f) => f,
        Err(reply) => return reply,
    };
    let Some(bytes) = fields["content"].as_str().and_then(base64::decode) else {
        return invalid(Map::from_iter([("content".to_string(), json!("Content must be the file in base64."))]));
    };
    let convert = req.query.get("convert").cloned().unwrap_or_else(|| "none".into());
    if !["fax", "mms", "csv", "post", "postcard", "none"].contains(&convert.as_str()) {
        return invalid(Map::from_iter([("convert".to_string(), json!("Convert must be fax, mms, csv, post, postcard or none."))]));
    }
    let id = records::new_id(state, &resources::UPLOADS);
    let url = format!("{}/uploads/{id}-{}", req.base, fields.get("filename").and_then(Value::as_str).unwrap_or("file"));
    let record = records::insert(state, &resources::UPLOADS, json!({"upload_id": id, "_url": url, "size": bytes.len(), "convert": convert}));
    ok("Your file has been uploaded.", record)
}
