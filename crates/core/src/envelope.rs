//! Classifying a response: resolve with the envelope, or reject with which error.
//!
//! ClickSend answers `{http_code, response_code, response_msg, data}`. A proxy in the
//! way may answer anything (an HTML 502 page, an empty or truncated body), so every
//! shape of body has a defined outcome here, and none of them can panic.

use crate::{Code, Error};

/// What the wasm side found when it parsed the body as JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResponseBody<'a> {
    /// A JSON object, with its envelope fields when they are strings, and the text of an
    /// `error` (or `message`) field, which a gateway's own errors carry instead of an envelope
    /// (Maton: `{"error": "Missing connection for the requested app"}`).
    Object { response_code: Option<&'a str>, response_msg: Option<&'a str>, error_text: Option<&'a str> },
    /// Valid JSON that is not an object (an array, a string, `null`, ...).
    OtherJson,
    /// Not JSON at all (including an empty or truncated body).
    NotJson,
}

/// How many characters of an unexpected body an error message quotes.
pub const SNIPPET_CHARS: usize = 200;

/// Decides the outcome of a response. `text` is the raw body, quoted (shortened) when it
/// is not what was expected; `envelope`: whether a success must be ClickSend's envelope
/// (Maton's control plane answers with plain objects). `Ok(())` means: resolve with the
/// parsed object as it is.
pub fn classify(status: u16, body: ResponseBody<'_>, text: &str, envelope: bool) -> Result<(), Error> {
    let success = (200..300).contains(&status);
    match body {
        _ if succeeded(status, body, envelope) => Ok(()),
        ResponseBody::Object { .. } if success => {
            Err(Error::new(Code::InvalidResponse, status, format!("HTTP {status}: the body is JSON but not a ClickSend response envelope: {}", snippet(text))))
        }
        ResponseBody::Object { response_code, response_msg, error_text } => {
            let gateway_text = error_text.filter(|t| !t.trim().is_empty());
            if response_code.is_none() && gateway_text.is_some_and(is_missing_connection) {
                return Err(Error::new(Code::Api(MISSING_CONNECTION.into()), status, missing_connection_message(status, gateway_text.unwrap_or_default())));
            }
            let code = match response_code {
                Some(c) if !c.is_empty() => Code::Api(c.to_string()),
                _ => Code::Api(format!("HTTP_{status}")),
            };
            let message = match (response_msg, gateway_text) {
                (Some(m), _) if !m.is_empty() => m.to_string(),
                (_, Some(t)) => format!("HTTP {status} {}: {}", reason(status), snippet(t)),
                _ => format!("HTTP {status} {}", reason(status)),
            };
            Err(Error::new(code, status, message))
        }
        ResponseBody::OtherJson | ResponseBody::NotJson => {
            let what = if text.trim().is_empty() { "an empty body".to_string() } else { format!("a body that is not a JSON object: {}", snippet(text)) };
            Err(Error::new(Code::InvalidResponse, status, format!("HTTP {status} {}: {what}", reason(status))))
        }
    }
}

/// The code of the gateway's answer when the account has no connection to ClickSend (or the
/// `connection` option names none it knows).
pub const MISSING_CONNECTION: &str = "MISSING_CONNECTION";

/// Whether a gateway's error text says there is no connection (Maton's guide: "Missing
/// connection for the requested app"; matched loosely, as the wording is not a contract).
fn is_missing_connection(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.contains("connection") && (lower.contains("missing") || lower.contains("not found") || lower.contains("no connection"))
}

fn missing_connection_message(status: u16, text: &str) -> String {
    format!(
        "HTTP {status}: the Maton gateway has no ClickSend connection to use ({}). Create one (client.connections.create({{app: 'clicksend'}}), then authorize it at its url) or pick one from client.connections.list(), and pass its id as the `connection` option. Not retried: nothing was sent.",
        snippet(text)
    )
}

/// Whether [`classify`] resolves: a 2xx with a JSON object (an envelope where one is expected).
/// Checked first, so the common case needs no copy of the body's text.
pub fn succeeded(status: u16, body: ResponseBody<'_>, envelope: bool) -> bool {
    // 204 No Content is how ClickSend answers some deletes (a default sender's): no body at all.
    status == 204 || (200..300).contains(&status) && matches!(body, ResponseBody::Object { response_code, .. } if response_code.is_some() || !envelope)
}

/// The first [`SNIPPET_CHARS`] characters of `text`, white space folded, `…` when cut. The
/// text is redacted before it gets here; a cut never falls inside a `[redacted]` mark (the
/// mark is then left out whole), so no piece of a mark can be mistaken for text.
pub fn snippet(text: &str) -> String {
    let folded: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some((mut cut, _)) = folded.char_indices().nth(SNIPPET_CHARS) else { return folded };
    let mark = crate::options::REDACTED;
    // `get` rather than `[..]` here and in the redaction: a str index that can panic keeps the
    // panic's char-formatting (and Unicode tables) in the `.wasm`.
    let head = folded.get(..cut).unwrap_or(&folded);
    if let Some(start) = head.rfind('[').filter(|&i| i + mark.len() > cut && folded.get(i..).is_some_and(|rest| rest.starts_with(mark))) {
        cut = start;
    }
    format!("{}…", folded.get(..cut).unwrap_or(&folded))
}

/// The reason phrase of the statuses ClickSend and proxies answer with.
pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Payload Too Large",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj<'a>(code: Option<&'a str>, msg: Option<&'a str>) -> ResponseBody<'a> {
        ResponseBody::Object { response_code: code, response_msg: msg, error_text: None }
    }

    #[test]
    fn a_gateways_own_errors_keep_their_text() {
        let body = |t| ResponseBody::Object { response_code: None, response_msg: None, error_text: Some(t) };
        let e = classify(401, body("Invalid API key."), "", true).unwrap_err();
        assert_eq!((e.code.as_str(), e.message.as_str()), ("HTTP_401", "HTTP 401 Unauthorized: Invalid API key."));
        let e = classify(400, body("Missing connection for the requested app"), "", true).unwrap_err();
        assert_eq!(e.code.as_str(), MISSING_CONNECTION);
        assert!(e.message.contains("(Missing connection for the requested app)") && e.message.contains("`connection` option"), "{}", e.message);
        let e = classify(400, ResponseBody::Object { response_code: Some("BAD_REQUEST"), response_msg: Some("Nope."), error_text: Some("x") }, "", true).unwrap_err();
        assert_eq!((e.code.as_str(), e.message.as_str()), ("BAD_REQUEST", "Nope."), "an envelope's own fields win");
    }

    #[test]
    fn success_envelope_resolves() {
        assert_eq!(classify(200, obj(Some("SUCCESS"), Some("ok")), "{}", true), Ok(()));
    }

    #[test]
    fn no_content_resolves_and_plain_objects_resolve_where_no_envelope_is_expected() {
        assert_eq!(classify(204, ResponseBody::NotJson, "", true), Ok(()));
        assert_eq!(classify(200, obj(None, None), "{\"own_numbers\":[]}", false), Ok(()));
    }

    #[test]
    fn api_errors_keep_clicksend_code_and_message() {
        let e = classify(404, obj(Some("NOT_FOUND"), Some("Resource not found.")), "", true).unwrap_err();
        assert_eq!((e.code.as_str(), e.status, e.message.as_str()), ("NOT_FOUND", 404, "Resource not found."));
        let e = classify(429, obj(None, None), "{}", true).unwrap_err();
        assert_eq!((e.code.as_str(), e.message.as_str()), ("HTTP_429", "HTTP 429 Too Many Requests"));
    }

    #[test]
    fn unexpected_bodies_are_invalid_responses() {
        let html = format!("<html>\n<body>{}</body></html>", "x".repeat(400));
        let e = classify(502, ResponseBody::NotJson, &html, true).unwrap_err();
        assert_eq!((e.code.clone(), e.status), (Code::InvalidResponse, 502));
        assert!(e.message.starts_with("HTTP 502 Bad Gateway: a body that is not a JSON object: <html> <body>xxx"), "{}", e.message);
        assert!(e.message.ends_with('…'));
        let e = classify(200, ResponseBody::NotJson, "", true).unwrap_err();
        assert_eq!(e.message, "HTTP 200 OK: an empty body");
        let e = classify(200, ResponseBody::OtherJson, "[1,2]", true).unwrap_err();
        assert_eq!(e.code, Code::InvalidResponse);
        let e = classify(200, obj(None, None), "{\"a\":1}", true).unwrap_err();
        assert!(e.message.contains("not a ClickSend response envelope"), "{}", e.message);
        assert_eq!(classify(200, obj(None, None), "{\"connections\":[]}", false), Ok(()));
    }

    #[test]
    fn snippet_cuts_on_char_boundaries() {
        let s = "é".repeat(300);
        assert_eq!(snippet(&s).chars().count(), SNIPPET_CHARS + 1);
    }
}
