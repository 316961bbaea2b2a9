//! What must hold for any input to the parsers of untrusted data, as functions over raw
//! bytes: the fuzz targets (`fuzz/`) call them, and `cargo test` replays the committed seeds
//! and every input the fuzzer ever found (`fuzz/seeds/`). Each panics when a promise breaks.
//! Not used by the client, so it costs the `.wasm` nothing.

use crate::envelope::ResponseBody;
use crate::options::{Config, RawOptions};
use crate::path::{ParamKind, PathArg};
use crate::Encoding;

/// Splits fuzz input into `n` text fields at NUL bytes (missing fields are empty).
fn fields(data: &[u8], n: usize) -> Vec<String> {
    let text = String::from_utf8_lossy(data);
    let mut out: Vec<String> = text.splitn(n, '\0').map(String::from).collect();
    out.resize(n, String::new());
    out
}

/// `classify` has an answer for every status and body, and quotes bodies only shortened.
pub fn envelope(data: &[u8]) {
    let (status, rest) = match data {
        [a, b, rest @ ..] => (u16::from_le_bytes([*a, *b]) % 1000, rest),
        _ => return,
    };
    let f = fields(rest, 4);
    let (selector, code, msg, text) = (f[0].as_str(), f[1].as_str(), f[2].as_str(), f[3].as_str());
    let body = match selector.len() % 3 {
        0 => ResponseBody::Object { response_code: (!code.is_empty()).then_some(code), response_msg: (!msg.is_empty()).then_some(msg), error_text: None },
        1 => ResponseBody::OtherJson,
        _ => ResponseBody::NotJson,
    };
    for wants_envelope in [true, false] {
        let verdict = crate::envelope::classify(status, body, text, wants_envelope);
        assert_eq!(verdict.is_ok(), crate::envelope::succeeded(status, body, wants_envelope));
        if let Err(e) = verdict {
            assert!(!e.message.is_empty());
        }
    }
    assert!(crate::envelope::snippet(text).chars().count() <= crate::envelope::SNIPPET_CHARS + 1);
}

/// A `Retry-After` value is a finite, non-negative number of seconds, or nothing.
pub fn retry_after(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for now_ms in [0.0, 1.7e12, 4.1e12] {
        if let Some(s) = crate::retry_after::parse(&text, now_ms) {
            assert!(s.is_finite() && s >= 0.0, "{text:?} gave {s}");
        }
    }
    let _ = crate::retry_after::parse_http_date(&text);
}

/// Webhook pairs (as a form body would give them) are classified or refused, never more.
pub fn webhook(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let pairs: Vec<(String, String)> = text.split('&').map(|p| p.split_once('=').map_or((p.to_string(), String::new()), |(k, v)| (k.to_string(), v.to_string()))).collect();
    if let Ok(kind) = crate::webhook::classify(&pairs) {
        assert!(!kind.as_str().is_empty());
        assert!(pairs.iter().all(|(k, _)| !matches!(k.as_str(), "__proto__" | "constructor" | "prototype")));
    }
}

/// A parsed phone number is E.164: `+`, then at most 15 digits, no leading 0; and its
/// `phone_info` splits it into a calling code and a national number that make it up again.
pub fn phone(data: &[u8]) {
    let f = fields(data, 2);
    for country in [None, Some(f[1].as_str()), Some("AU"), Some("US"), Some("DE"), Some("RU"), Some("AG")] {
        if let Ok(number) = crate::phone::parse_phone(&f[0], country) {
            let digits = number.strip_prefix('+').expect("starts with +");
            assert!((4..=15).contains(&digits.len()), "{number}");
            assert!(digits.bytes().all(|b| b.is_ascii_digit()) && !digits.starts_with('0'), "{number}");
            let info = crate::phone::phone_info(&number).expect("a parsed number has its info");
            assert_eq!(format!("+{}{}", info.calling_code, info.national_number), number);
            assert_eq!(info.candidates.first().copied().unwrap_or(info.country), info.country);
        }
    }
    let _ = crate::phone::phone_info(&f[0]);
}

/// SMS parts agree with the text: the encoding, the count and the arithmetic of parts.
pub fn sms_parts(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let p = crate::sms_parts(&text);
    assert!(p.parts >= 1);
    assert!(p.remaining_in_part <= p.per_part);
    assert!(p.characters <= p.parts * p.per_part);
    if p.parts > 1 {
        // Every full part holds at least per_part - 1 units (a 2-unit character may not fit).
        assert!(p.characters > (p.parts - 1) * (p.per_part - 1));
    }
    if p.encoding == Encoding::Ucs2 {
        assert_eq!(p.characters, text.encode_utf16().count());
    }
    // The characters that force UCS-2 are there exactly when it is UCS-2, at their places.
    let units: Vec<u16> = text.encode_utf16().collect();
    let found = crate::sms_parts::non_gsm(&text);
    assert_eq!(found.is_empty(), p.encoding == Encoding::Gsm7);
    for (c, i) in &found {
        let mut buf = [0u16; 2];
        assert_eq!(&units[*i..*i + c.len_utf16()], c.encode_utf16(&mut buf), "{c} not at {i}");
    }
    // The substitutions never cost more, and leave GSM-7 when they report nothing left.
    let g = crate::sms_parts::to_gsm7(&text);
    let after = crate::sms_parts(&g.text);
    assert!(after.parts <= p.parts, "to_gsm7 added parts");
    assert_eq!(g.unreplaced.is_empty(), after.encoding == Encoding::Gsm7);
}

/// An accepted path parameter is one harmless segment: no `/`, `?`, `#`, `\`, and not `.`/`..`.
pub fn path_param(data: &[u8]) {
    let f = fields(data, 2);
    let params = [("list_id", ParamKind::Id), ("message_id", ParamKind::Token), ("alpha_tag_id", ParamKind::IdOrToken), (f[1].as_str(), ParamKind::Token)];
    let args = [PathArg::Text(f[0].clone()), PathArg::Number(f[0].len() as f64 * 1.5), PathArg::Number(f64::from_bits(u64::from_le_bytes(padded(data))))];
    for (name, kind) in params {
        for arg in &args {
            if let Ok(segment) = crate::path::encode_param(name, kind, arg) {
                assert!(!segment.is_empty());
                assert!(!segment.contains(['/', '?', '#', '\\']), "{segment:?}");
                assert!(segment != "." && segment != "..", "{segment:?}");
                assert!(segment.bytes().all(|b| b.is_ascii_graphic()), "{segment:?}");
            }
        }
    }
    if let Ok(path) =
        crate::path::fill("/lists/{list_id}/contacts/{contact_id}", crate::path::ParamKinds::ALL_IDS, &[PathArg::Text(f[0].clone()), PathArg::Text(f[1].clone())], "fuzz")
    {
        assert!(path.starts_with("/lists/") && path.split('/').count() == 5, "{path}");
    }
}

fn padded(data: &[u8]) -> [u8; 8] {
    let mut out = [0u8; 8];
    for (o, d) in out.iter_mut().zip(data) {
        *o = *d;
    }
    out
}

/// Options that are accepted make headers with no line breaks and a URL of ours; the
/// secrets never show through `{:?}` (it prints the same whatever they are) or `redact`
/// (no stretch of text between two `[redacted]` marks still holds one).
pub fn options(data: &[u8]) {
    let f = fields(data, 6);
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
    let raw = |api_key: Option<String>, connection: Option<String>| RawOptions {
        api_key,
        username: opt(&f[1]),
        connection,
        base_url: opt(&f[3]),
        control_url: opt(&f[4]),
        timeout_ms: f[5].parse().ok(),
        max_retries: f[5].len().checked_sub(1).map(|n| n as f64),
        max_retry_delay_ms: None,
        rate_limit: Default::default(),
    };
    let Ok(config) = Config::resolve(raw(opt(&f[0]), opt(&f[2]))) else { return };
    for header in [&config.authorization, &config.connection].into_iter().flatten() {
        assert!(header.bytes().all(|b| (0x20..0x7f).contains(&b)), "{header:?}");
    }
    assert!(config.base.starts_with("http://") || config.base.starts_with("https://"));
    // The same options with other (valid) secrets print the same.
    let other = |s: &str| (!s.is_empty()).then(|| "Zz9".repeat(4));
    let twin = Config::resolve(raw(other(&f[0]), other(&f[2]))).expect("other secrets are as valid");
    assert_eq!(format!("{config:?}"), format!("{twin:?}"), "a secret shows in {{:?}}");
    let redacted = config.redact(&format!("{} {} {}", f[0], f[1], f[2]));
    let pieces: Vec<&str> = redacted.split("[redacted]").collect();
    for secret in [&f[0], &f[2]] {
        for (i, piece) in pieces.iter().enumerate() {
            let edges = (i == 0, i == pieces.len() - 1);
            assert!(secret.is_empty() || !shows(piece, secret, edges), "a secret shows through redact");
        }
    }
}

/// Whether `secret` shows in `piece` as `redact` would have replaced it: anywhere when it is
/// long; when it is short, standing alone. Next to a `[redacted]` mark the neighbour it had is
/// gone, so a short one is judged there only at the ends of the text (`edges`: start, end).
fn shows(piece: &str, secret: &str, (start, end): (bool, bool)) -> bool {
    use crate::options::{stands_alone, SHORT_SECRET};
    if secret.len() >= SHORT_SECRET {
        return piece.contains(secret);
    }
    piece.match_indices(secret).any(|(i, _)| {
        let (before, after) = (piece[..i].chars().last(), piece[i + secret.len()..].chars().next());
        (before.is_some() || start) && (after.is_some() || end) && stands_alone(before, after)
    })
}

/// A raw path `client.request` accepts stays under `/v3` whatever a URL parser does to it:
/// with `%2e` read as `.` and dot segments removed (as fetch's WHATWG parser does), the path
/// keeps `/v3` first and every segment it had; and it holds no separator, escaped or not.
pub fn raw_path(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if crate::path::check_raw(text).is_err() {
        return;
    }
    let url_path = format!("/v3{text}");
    let mut kept: Vec<&str> = Vec::new();
    for seg in url_path.split('/').skip(1) {
        match seg.to_ascii_lowercase().replace("%2e", ".").as_str() {
            "" | "." => {}
            ".." => {
                kept.pop();
            }
            _ => kept.push(seg),
        }
    }
    assert_eq!(kept.first(), Some(&"v3"), "{text:?} leaves /v3");
    assert_eq!(kept.len(), url_path.split('/').count() - 1, "{text:?} loses a segment");
    let lower = text.to_ascii_lowercase();
    assert!(!lower.contains(['\\', '?', '#']) && !lower.contains("%2f") && !lower.contains("%5c"), "{text:?} holds a separator");
}

/// A fuzz target: its name and the invariant it checks on one input.
pub type Target = (&'static str, fn(&[u8]));

/// Every target, by name: what the fuzz targets and the seed replay test run.
pub const TARGETS: &[Target] = &[
    ("envelope", envelope),
    ("retry_after", retry_after),
    ("webhook", webhook),
    ("phone", phone),
    ("sms_parts", sms_parts),
    ("path_param", path_param),
    ("options", options),
    ("raw_path", raw_path),
];
