//! Path parameters: checked and percent-encoded before any request is made, so a
//! caller's value can never change which resource a request reaches (`../`, `/`, `?`).

use crate::query::percent_encode;
use crate::Error;

/// A path argument as the caller gave it, already read off the JS value.
#[derive(Clone, Debug, PartialEq)]
pub enum PathArg {
    Number(f64),
    Text(String),
    /// Anything else; carries the JS type name for the message (`object`, `undefined`, ...).
    Other(&'static str),
}

/// What a parameter must look like. Each row of the endpoint table says it for its
/// parameters (`crate::endpoints`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    /// A positive integer id (`list_id`, `contact_id`, ...): a number, or a string of digits.
    Id = 0,
    /// An opaque string id (`message_id` is a UUID): non-empty, no `/`, not `.` or `..`.
    Token = 1,
    /// An id ClickSend's API descriptions leave open (the OpenAPI 3 one types every path
    /// parameter as a string, the Swagger 2 one does not have these): a positive integer or
    /// a token.
    IdOrToken = 2,
}

/// The kinds of an operation's path parameters, in order, two bits each: one byte per row
/// keeps the endpoint table as small in the `.wasm` as it was before rows carried them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParamKinds(u8);

impl ParamKinds {
    /// Every parameter a numeric id.
    pub const ALL_IDS: ParamKinds = ParamKinds(0);

    /// The kinds given, in order; any parameter after them is an [`ParamKind::Id`].
    pub const fn of(kinds: &[ParamKind]) -> ParamKinds {
        assert!(kinds.len() <= 4, "at most four path parameters");
        let mut bits = 0u8;
        let mut i = 0;
        while i < kinds.len() {
            bits |= (kinds[i] as u8) << (2 * i);
            i += 1;
        }
        ParamKinds(bits)
    }

    /// The kind of parameter number `i`.
    pub fn get(self, i: usize) -> ParamKind {
        match self.0.checked_shr(2 * i as u32).unwrap_or(0) & 3 {
            0 => ParamKind::Id,
            1 => ParamKind::Token,
            _ => ParamKind::IdOrToken,
        }
    }

    /// How many parameters have a kind other than the default, counting to the last one.
    pub fn len(self) -> usize {
        (8 - self.0.leading_zeros() as usize).div_ceil(2)
    }

    /// Whether every parameter is a numeric id.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// The largest integer a JS number holds exactly.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;
/// Tokens longer than this are not ids; refusing them keeps URLs bounded.
const MAX_TOKEN_LEN: usize = 256;

/// Checks one argument for parameter `name` of the given kind and returns its encoded
/// path segment.
pub fn encode_param(name: &str, kind: ParamKind, arg: &PathArg) -> Result<String, Error> {
    match (kind, arg) {
        (ParamKind::Id, _) | (ParamKind::IdOrToken, PathArg::Number(_)) => encode_id(name, arg),
        (ParamKind::Token | ParamKind::IdOrToken, _) => encode_token(name, arg),
    }
}

fn encode_id(name: &str, arg: &PathArg) -> Result<String, Error> {
    let bad = |got: String| Error::invalid_argument(format!("`{name}` must be a positive integer, got {got}"));
    match arg {
        // Integers are formatted as u64: float formatting would come into the `.wasm`
        // (bench/NOTES.md, section "Formatting code kept out of the .wasm").
        PathArg::Number(n) if n.fract() == 0.0 && *n >= 1.0 && *n <= MAX_SAFE_INTEGER => Ok((*n as u64).to_string()),
        PathArg::Number(n) => Err(bad(describe_number(*n).into())),
        PathArg::Text(s) if is_decimal_id(s) => Ok(s.clone()),
        PathArg::Text(_) => Err(bad("a string that is not a positive whole number".into())),
        PathArg::Other(t) => Err(bad((*t).into())),
    }
}

fn describe_number(n: f64) -> &'static str {
    if n.is_nan() {
        "NaN"
    } else if n.is_infinite() {
        "an infinite number"
    } else if n.fract() != 0.0 {
        "a fractional number"
    } else if n < 1.0 {
        "a number below 1"
    } else {
        "a number too large to be exact in JavaScript"
    }
}

/// A decimal integer ≥ 1 with no sign, no leading zero and no more digits than an id has.
fn is_decimal_id(s: &str) -> bool {
    (1..=15).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) && !s.starts_with('0')
}

fn encode_token(name: &str, arg: &PathArg) -> Result<String, Error> {
    let s = match arg {
        PathArg::Text(s) => s,
        PathArg::Number(_) => return Err(Error::invalid_argument(format!("`{name}` must be a string id, got a number"))),
        PathArg::Other(t) => return Err(Error::invalid_argument(format!("`{name}` must be a string id, got {t}"))),
    };
    let why = if s.is_empty() {
        Some("is empty")
    } else if s == "." || s == ".." {
        Some("is a relative path segment")
    } else if !s.bytes().all(|b| b.is_ascii_alphanumeric() || b"._~+-".contains(&b)) {
        // ClickSend's string ids are UUIDs, phone numbers and codes: anything else (a slash,
        // `%`, `?`, `#`, a space, a control or non-ASCII character) is not an id, and
        // refusing it means no escaping trick can reach another resource.
        Some("may hold only letters, digits and . _ ~ + -")
    } else if s.len() > MAX_TOKEN_LEN {
        Some("is too long to be an id")
    } else {
        None
    };
    match why {
        Some(why) => Err(Error::invalid_argument(format!("`{name}` {why}"))),
        None => Ok(percent_encode(s)),
    }
}

/// Fills a path template (`/lists/{list_id}`) with checked, encoded arguments.
/// `kinds` gives each placeholder's kind; `args` must hold one argument per placeholder;
/// `what` names the operation for messages.
pub fn fill(template: &str, kinds: ParamKinds, args: &[PathArg], what: &str) -> Result<String, Error> {
    let mut out = String::with_capacity(template.len() + 16);
    let mut args = args.iter();
    let mut index = 0;
    for seg in template.split('/').skip(1) {
        out.push('/');
        match seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(name) => {
                let arg = args.next().unwrap_or(&PathArg::Other("undefined"));
                let kind = kinds.get(index);
                index += 1;
                let encoded = encode_param(name, kind, arg).map_err(|e| Error::invalid_argument(format!("{what}: {}", e.message)))?;
                out.push_str(&encoded);
            }
            None => out.push_str(seg),
        }
    }
    Ok(out)
}

/// Checks a caller-written path for `client.request`: relative to `/v3`, made only of
/// unreserved characters and `%XX` escapes, with no segment that is, or decodes to, empty,
/// `.` or `..` (fetch's URL parser reads `%2e` as `.`), and no escape that decodes to `/`, `\`,
/// `?`, `#`, `%` or a control character. Every segment then stays one segment after any
/// normalisation, so the request cannot leave `/v3` (or Maton's `/clicksend/v3`).
pub fn check_raw(path: &str) -> Result<(), Error> {
    let bad = |why: &str| Err(Error::invalid_argument(format!("path {why}")));
    let Some(rest) = path.strip_prefix('/') else {
        return bad("must start with '/' and be relative to /v3, e.g. \"/sms/history\"");
    };
    if rest.starts_with("v3/") || rest == "v3" {
        return bad("is relative to /v3: leave the /v3 prefix out");
    }
    for seg in rest.split('/') {
        let Some(decoded) = decode_segment(seg) else {
            return bad("may hold only letters, digits, '-', '_', '.', '~', '/' and %XX escapes of other characters (pass the query as `query`)");
        };
        if decoded.is_empty() || decoded == b"." || decoded == b".." {
            return bad("has an empty, '.' or '..' segment (escaped or not)");
        }
    }
    Ok(())
}

/// A raw path segment's bytes after percent-decoding, or `None` if it holds a character
/// other than an unreserved one or a `%XX` escape, or an escape of `/`, `\`, `?`, `#`, `%`
/// or a control character (each of which could split, end or re-escape the segment).
fn decode_segment(seg: &str) -> Option<Vec<u8>> {
    let bytes = seg.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let hex = |at: usize| bytes.get(at).and_then(|&h| (h as char).to_digit(16));
            let byte = (hex(i + 1)? * 16 + hex(i + 2)?) as u8;
            if byte < 0x20 || byte == 0x7f || b"/\\?#%".contains(&byte) {
                return None;
            }
            out.push(byte);
            i += 3;
        } else if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b);
            i += 1;
        } else {
            return None;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use PathArg::*;

    /// The kinds the endpoint table gives these parameters.
    fn one(name: &str, arg: PathArg) -> Result<String, String> {
        let kind = match name {
            "message_id" | "dedicated_number" => ParamKind::Token,
            "own_number_id" => ParamKind::IdOrToken,
            _ => ParamKind::Id,
        };
        encode_param(name, kind, &arg).map_err(|e| e.message)
    }

    #[test]
    fn numeric_ids() {
        assert_eq!(one("list_id", Number(42.0)), Ok("42".into()));
        assert_eq!(one("list_id", Number(9_007_199_254_740_991.0)), Ok("9007199254740991".into()));
        assert_eq!(one("list_id", Text("123".into())), Ok("123".into()));
        for bad in [Number(0.0), Number(-3.0), Number(1.5), Number(f64::NAN), Number(f64::INFINITY), Number(1e300)] {
            assert!(one("list_id", bad.clone()).is_err(), "{bad:?}");
        }
        for bad in ["", "0", "012", "-1", "1.0", "1e3", "../1", "12/3", " 1", "１２"] {
            assert!(one("list_id", Text(bad.into())).is_err(), "{bad:?}");
        }
        assert_eq!(one("list_id", Number(-3.0)), Err("`list_id` must be a positive integer, got a number below 1".into()));
        assert_eq!(one("list_id", Number(1.5)), Err("`list_id` must be a positive integer, got a fractional number".into()));
        assert_eq!(one("list_id", Other("object")), Err("`list_id` must be a positive integer, got object".into()));
    }

    #[test]
    fn string_ids() {
        let uuid = "BF7AD270-0DE2-418B-B606-71D527D9C1AE";
        assert_eq!(one("message_id", Text(uuid.into())), Ok(uuid.into()));
        assert_eq!(one("message_id", Text("a b?c#d%".into())), Err("`message_id` may hold only letters, digits and . _ ~ + -".into()));
        assert_eq!(one("message_id", Text("..".into())), Err("`message_id` is a relative path segment".into()));
        for bad in ["", ".", "..", "../x", "a/b", "a\\b", "a\nb", "%2e%2e", "..%2Fx", "a?b", "a#b", "ä", "a b"] {
            assert!(one("message_id", Text(bad.into())).is_err(), "{bad:?}");
        }
        assert!(one("message_id", Text("x".repeat(257))).is_err());
        assert!(one("message_id", Number(5.0)).is_err());
    }

    #[test]
    fn keys_take_either() {
        assert_eq!(one("own_number_id", Number(12.0)), Ok("12".into()));
        assert_eq!(one("own_number_id", Text("on_1a2b".into())), Ok("on_1a2b".into()));
        assert!(one("own_number_id", Number(-1.0)).is_err());
        assert!(one("own_number_id", Text("../x".into())).is_err());
        assert_eq!(one("dedicated_number", Text("+61411111111".into())), Ok("%2B61411111111".into()));
    }

    #[test]
    fn fills_templates() {
        let t = "/lists/{from_list_id}/contacts/{contact_id}/copy/{to_list_id}";
        assert_eq!(fill(t, ParamKinds::ALL_IDS, &[Number(1.0), Text("2".into()), Number(3.0)], "x"), Ok("/lists/1/contacts/2/copy/3".into()));
        let err = fill(t, ParamKinds::ALL_IDS, &[Number(1.0)], "contacts.copy").unwrap_err();
        assert_eq!(err.message, "contacts.copy: `contact_id` must be a positive integer, got undefined");
        assert_eq!(fill("/account", ParamKinds::ALL_IDS, &[], "x"), Ok("/account".into()));
        let kinds = ParamKinds::of(&[ParamKind::Token, ParamKind::IdOrToken]);
        assert_eq!((kinds.get(0), kinds.get(1), kinds.get(2), kinds.get(40)), (ParamKind::Token, ParamKind::IdOrToken, ParamKind::Id, ParamKind::Id));
        assert_eq!((kinds.len(), ParamKinds::of(&[ParamKind::Id, ParamKind::Token]).len(), ParamKinds::ALL_IDS.len()), (2, 2, 0));
        assert_eq!(fill("/s/{source}/{source_id}", kinds, &[Text("sms".into()), Text("ab1".into())], "x"), Ok("/s/sms/ab1".into()));
    }

    #[test]
    fn raw_paths() {
        for ok in ["/account", "/sms/history", "/lists/12/contacts", "/sms/ABC-12%20x/cancel"] {
            assert_eq!(check_raw(ok), Ok(()), "{ok}");
        }
        for bad in ["account", "/", "/sms//x", "/sms/../account", "/./a", "/a?b=1", "/a#b", "/a b", "/v3/account", "/a%2", "/a%zz", "/a\\b"] {
            assert!(check_raw(bad).is_err(), "{bad}");
        }
        // Dot segments in any spelling fetch normalises, and escaped separators.
        for bad in [
            "/%2e%2e/%2e%2e/admin",
            "/sms/%2e%2e/%2e%2e/%2e%2e/other-app/v1/x",
            "/.%2e/x",
            "/%2E./x",
            "/%2e/x",
            "/sms/%2E%2E",
            "/a%2fb",
            "/a%2F..",
            "/a%5cb",
            "/a%5C..%5C..",
            "/a%3fb",
            "/a%23b",
            "/a%252e%252e",
            "/a%00b",
            "/a%0a",
        ] {
            assert!(check_raw(bad).is_err(), "{bad}");
        }
        assert_eq!(check_raw("/sms/a%2Eb"), Ok(()), "a dot inside a segment is harmless");
    }
}
