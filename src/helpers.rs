//! Synchronous helpers exported as they are: SMS parts and phone numbers, from the same
//! code the sandbox bills by (`clicksend_core`). Bad input throws a `ClickSendError`.

use crate::error::Rejection;
use crate::js::type_name;
use clicksend_core::{phone, sms_parts as parts, webhook, Error};
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

fn thrown(e: Error) -> JsValue {
    Rejection::from(e).into_js(str::to_string)
}

/// The longest text `smsParts` and `toGsm7` read, in UTF-16 code units: 10,000, eight times
/// ClickSend's longest message in its table of parts (8 parts, 1,224 characters; it truncates
/// beyond 6 by default). Unbounded, a long text cost seconds and hundreds of MB (measured: see
/// bench/NOTES.md, section "Bounds under misuse").
const MAX_SMS_TEXT: u32 = 10_000;

/// A text argument of `what` of at most [`MAX_SMS_TEXT`], or the error for anything else.
fn text_arg(what: &str, v: &JsValue) -> Result<String, JsValue> {
    let text: &js_sys::JsString = v.dyn_ref().ok_or_else(|| thrown(Error::invalid_argument(format!("{what}: the text must be a string, got {}", type_name(v)))))?;
    if text.length() > MAX_SMS_TEXT {
        return Err(thrown(Error::invalid_argument(format!(
            "{what}: the text has {} characters; at most {MAX_SMS_TEXT} are read (ClickSend's longest message is 8 parts, 1,224 characters)",
            text.length()
        ))));
    }
    Ok(String::from(text))
}

/// `[{char, index}]`: characters outside GSM-7 with their indexes (UTF-16 code units).
fn placed(chars: &[(char, usize)]) -> js_sys::Array {
    chars
        .iter()
        .map(|(c, i)| {
            let item = Object::new();
            let _ = Reflect::set(&item, &"char".into(), &c.to_string().into());
            let _ = Reflect::set(&item, &"index".into(), &(*i as f64).into());
            JsValue::from(item)
        })
        .collect()
}

/// `smsParts(body)` → `{encoding, characters, parts, perPart, remainingInPart, nonGsm}`;
/// `nonGsm` lists the characters that make the body UCS-2, with their indexes.
#[wasm_bindgen(js_name = smsParts)]
pub fn sms_parts(body: JsValue) -> Result<JsValue, JsValue> {
    let text = text_arg("smsParts", &body)?;
    let p = parts(&text);
    let out = Object::new();
    let fields: [(&str, JsValue); 6] = [
        ("encoding", p.encoding.as_str().into()),
        ("characters", (p.characters as f64).into()),
        ("parts", (p.parts as f64).into()),
        ("perPart", (p.per_part as f64).into()),
        ("remainingInPart", (p.remaining_in_part as f64).into()),
        ("nonGsm", placed(&clicksend_core::sms_parts::non_gsm(&text)).into()),
    ];
    for (k, v) in fields {
        let _ = Reflect::set(&out, &k.into(), &v);
    }
    Ok(out.into())
}

/// `toGsm7(text)` → `{text, unreplaced}`: the look-alike substitutions of
/// `clicksend_core::sms_parts::GSM7_SUBSTITUTES` (never more parts than the input), and the
/// characters still outside GSM-7 with their indexes in the new text.
#[wasm_bindgen(js_name = toGsm7)]
pub fn to_gsm7(text: JsValue) -> Result<JsValue, JsValue> {
    let g = clicksend_core::sms_parts::to_gsm7(&text_arg("toGsm7", &text)?);
    let out = Object::new();
    let _ = Reflect::set(&out, &"text".into(), &g.text.into());
    let _ = Reflect::set(&out, &"unreplaced".into(), &placed(&g.unreplaced).into());
    Ok(out.into())
}

/// `parsePhone(input, defaultCountry?)` → the number in E.164.
#[wasm_bindgen(js_name = parsePhone)]
pub fn parse_phone(input: JsValue, default_country: JsValue) -> Result<String, JsValue> {
    let text = input.as_string().ok_or_else(|| thrown(Error::invalid_argument(format!("parsePhone: the number must be a string, got {}", type_name(&input)))))?;
    let country = match default_country.as_string() {
        Some(c) => Some(c),
        None if default_country.is_undefined() || default_country.is_null() => None,
        None => return Err(thrown(Error::invalid_argument(format!("parsePhone: the default country must be a string such as \"AU\", got {}", type_name(&default_country))))),
    };
    phone::parse_phone(&text, country.as_deref()).map_err(thrown)
}

/// The numbers ClickSend may have stored for a message's `to` (`clicksend_core::phone::recipient`),
/// space-separated: one, two (national or international: both are searched), or none ("").
/// For `sms.reconcile` (js/api/reconcile.js); not exported by the package.
#[wasm_bindgen(js_name = recipientNumbers)]
pub fn recipient_numbers(to: &str, country: Option<String>) -> String {
    match phone::recipient(to, country.as_deref()) {
        phone::Recipient::E164(n) => n,
        phone::Recipient::Either(a, b) => format!("{a} {b}"),
        phone::Recipient::Invalid => String::new(),
    }
}

/// `phoneInfo(number)` → `{country, callingCode, nationalNumber, candidates}` for an
/// international number (see `clicksend_core::phone::phone_info`).
#[wasm_bindgen(js_name = phoneInfo)]
pub fn phone_info(input: JsValue) -> Result<JsValue, JsValue> {
    let text = input.as_string().ok_or_else(|| thrown(Error::invalid_argument(format!("phoneInfo: the number must be a string, got {}", type_name(&input)))))?;
    let info = phone::phone_info(&text).map_err(thrown)?;
    let out = Object::new();
    let candidates = js_sys::Array::new();
    for c in &info.candidates {
        candidates.push(&JsValue::from_str(c));
    }
    let _ = Reflect::set(&out, &"country".into(), &info.country.into());
    let _ = Reflect::set(&out, &"callingCode".into(), &info.calling_code.into());
    let _ = Reflect::set(&out, &"nationalNumber".into(), &info.national_number.into());
    let _ = Reflect::set(&out, &"candidates".into(), &candidates);
    Ok(out.into())
}

/// `parseWebhookPairs([[key, value], ...])` → `{type, ...fields}`: the classification and
/// checks of `clicksend_core::webhook`, timestamps as numbers, every other field as sent. The
/// classification is set last and a payload field named `type` is kept as `payload_type`, so
/// no field can override it.
/// `parseWebhook` (js/api/client.js) turns a Request, a body or URLSearchParams into the pairs.
#[wasm_bindgen(js_name = parseWebhookPairs)]
pub fn parse_webhook_pairs(pairs: js_sys::Array) -> Result<JsValue, JsValue> {
    let mut fields = Vec::with_capacity(pairs.length() as usize);
    for pair in pairs.iter() {
        let pair = js_sys::Array::from(&pair);
        match (pair.get(0).as_string(), pair.get(1).as_string()) {
            (Some(k), Some(v)) if pair.length() == 2 => fields.push((k, v)),
            _ => return Err(thrown(Error::invalid_argument("parseWebhook: every field must be a string (nested objects and arrays are not ClickSend's)"))),
        }
    }
    let kind = webhook::classify(&fields).map_err(thrown)?;
    let out = Object::new();
    for (k, v) in &fields {
        let value: JsValue = if webhook::TIMESTAMP_FIELDS.contains(&k.as_str()) { v.parse::<u64>().map_or(JsValue::NULL, |n| (n as f64).into()) } else { v.into() };
        let _ = Reflect::set(&out, &webhook::result_key(k).into(), &value);
    }
    let _ = Reflect::set(&out, &webhook::TYPE_FIELD.into(), &kind.as_str().into());
    Ok(out.into())
}
