//! What ClickSend POSTs (or GETs) to a callback URL: delivery receipts (SMS, MMS, voice, fax)
//! and inbound SMS, as key/value pairs (a form post, a query string, or a flat JSON object,
//! which the JS side turns into pairs). Here the pairs are checked and classified.

use crate::Error;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    SmsReceipt,
    MmsReceipt,
    VoiceReceipt,
    FaxReceipt,
    InboundSms,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::SmsReceipt => "sms_receipt",
            Kind::MmsReceipt => "mms_receipt",
            Kind::VoiceReceipt => "voice_receipt",
            Kind::FaxReceipt => "fax_receipt",
            Kind::InboundSms => "inbound_sms",
        }
    }
}

/// Names a field may not have: JS's own property names of every object. A field `toString`
/// would make `String(result)` throw; `__proto__` and `constructor` could reach a prototype.
pub const RESERVED_FIELDS: &[&str] = &[
    "__proto__",
    "constructor",
    "prototype",
    "toString",
    "toLocaleString",
    "valueOf",
    "hasOwnProperty",
    "isPrototypeOf",
    "propertyIsEnumerable",
    "__defineGetter__",
    "__defineSetter__",
    "__lookupGetter__",
    "__lookupSetter__",
];
/// The result's own key for the classification; a payload field of that name is kept as
/// [`RENAMED_TYPE_FIELD`], so it can never override the classification.
pub const TYPE_FIELD: &str = "type";
pub const RENAMED_TYPE_FIELD: &str = "payload_type";

/// The name a payload field has in the result.
pub fn result_key(field: &str) -> &str {
    if field == TYPE_FIELD {
        RENAMED_TYPE_FIELD
    } else {
        field
    }
}

/// Fields whose values are Unix timestamps: returned as numbers.
pub const TIMESTAMP_FIELDS: &[&str] = &["timestamp", "timestamp_send"];
/// A callback larger than this is not ClickSend's.
pub const MAX_FIELDS: usize = 100;
pub const MAX_VALUE_LEN: usize = 8 * 1024;

/// `"text"` for an error message, shortened, with control characters shown as `?`: what
/// `{:?}` gave here, without pulling Rust's Debug escaping into the `.wasm` (bench/NOTES.md,
/// section "Formatting code kept out of the .wasm").
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    out.extend(s.chars().take(60).map(|c| if c.is_control() { '?' } else { c }));
    out.push('"');
    out
}

fn invalid(msg: String) -> Error {
    Error::invalid_argument(format!("parseWebhook: {msg}"))
}

/// Checks the pairs and says what kind of callback they are.
pub fn classify(pairs: &[(String, String)]) -> Result<Kind, Error> {
    if pairs.is_empty() {
        return Err(invalid("the callback is empty".into()));
    }
    if pairs.len() > MAX_FIELDS {
        return Err(invalid(format!("{} fields; ClickSend sends far fewer", pairs.len())));
    }
    let get = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
    for (i, (k, v)) in pairs.iter().enumerate() {
        if k.is_empty() || RESERVED_FIELDS.contains(&k.as_str()) || (k == RENAMED_TYPE_FIELD && get(TYPE_FIELD).is_some()) {
            return Err(invalid(format!("field name {} is not allowed", quoted(k))));
        }
        if v.len() > MAX_VALUE_LEN {
            return Err(invalid(format!("field {} is longer than {MAX_VALUE_LEN} bytes", quoted(k))));
        }
        if pairs[..i].iter().any(|(other, value)| other == k && value != v) {
            return Err(invalid(format!("field {} is given twice, with different values", quoted(k))));
        }
        if TIMESTAMP_FIELDS.contains(&k.as_str()) && (v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) || v.len() > 12) {
            return Err(invalid(format!("field {} must be a Unix timestamp", quoted(k))));
        }
    }
    if get("message_id").is_none_or(str::is_empty) {
        return Err(invalid("there is no message_id: not a ClickSend delivery receipt or inbound message".into()));
    }
    if get("status_code").or(get("status")).is_some() {
        return match get("message_type").unwrap_or("sms") {
            "sms" => Ok(Kind::SmsReceipt),
            "mms" => Ok(Kind::MmsReceipt),
            "voice" => Ok(Kind::VoiceReceipt),
            "fax" => Ok(Kind::FaxReceipt),
            other => Err(invalid(format!("unknown message_type {} in a delivery receipt", quoted(other)))),
        };
    }
    if get("from").is_some() && get("body").is_some() {
        return Ok(Kind::InboundSms);
    }
    Err(invalid("neither a delivery receipt (status_code) nor an inbound message (from, body)".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn kinds() {
        let receipt = [("message_id", "A1"), ("status_code", "201"), ("status_text", "Delivered"), ("timestamp", "1700000000")];
        assert_eq!(classify(&pairs(&receipt)), Ok(Kind::SmsReceipt));
        let mut mms = receipt.to_vec();
        mms.push(("message_type", "mms"));
        assert_eq!(classify(&pairs(&mms)), Ok(Kind::MmsReceipt));
        assert_eq!(classify(&pairs(&[("message_id", "A"), ("status", "Delivered"), ("message_type", "voice")])), Ok(Kind::VoiceReceipt));
        assert_eq!(classify(&pairs(&[("message_id", "B"), ("from", "+61411111111"), ("body", "STOP"), ("to", "+61400000000")])), Ok(Kind::InboundSms));
    }

    #[test]
    fn malformed() {
        let err = |items: &[(&str, &str)]| classify(&pairs(items)).unwrap_err().message;
        assert!(err(&[]).contains("empty"));
        assert!(err(&[("status_code", "201")]).contains("no message_id"));
        assert!(err(&[("message_id", "A"), ("hello", "x")]).contains("neither"));
        assert!(err(&[("message_id", "A"), ("status_code", "201"), ("timestamp", "yesterday")]).contains("Unix timestamp"));
        assert!(err(&[("message_id", "A"), ("status_code", "201"), ("message_type", "pigeon")]).contains("unknown message_type"));
        assert!(err(&[("__proto__", "x"), ("message_id", "A")]).contains("not allowed"));
        assert!(err(&[("message_id", "A"), ("message_id", "B"), ("status_code", "1")]).contains("twice"));
        let big = "x".repeat(MAX_VALUE_LEN + 1);
        assert!(err(&[("message_id", "A"), ("body", &big), ("from", "1")]).contains("longer"));
        assert_eq!(classify(&pairs(&[("message_id", "A"), ("message_id", "A"), ("status_code", "1")])), Ok(Kind::SmsReceipt), "a repeated identical field is fine");
    }
}
