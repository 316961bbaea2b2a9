//! Client options: which base URL, which credentials, which headers.
//!
//! The wasm side reads the JS options object (rejecting unknown names and wrong types);
//! here the values are checked and turned into a [`Config`]. Credentials end up only in
//! header values, never in a URL or a message, and [`Config::redact`] scrubs them from
//! any text that came from elsewhere (a proxy's error page may echo a header).

use crate::base64;
use crate::pace::{self, Rule};
use crate::retry::{Policy, DEFAULT_MAX_RETRIES, DEFAULT_MAX_RETRY_DELAY_MS};
use crate::{Error, Host};

pub const MATON_BASE: &str = "https://gateway.maton.ai/clicksend";
pub const CLICKSEND_BASE: &str = "https://rest.clicksend.com";
pub const MATON_CONTROL_BASE: &str = "https://ctrl.maton.ai";
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;
/// The longest delay `setTimeout` takes (2^31 - 1 ms); longer ones fire at once.
pub const MAX_TIMEOUT_MS: f64 = 2_147_483_647.0;

/// The option names `new ClickSend(options)` accepts, in the order the docs list them.
pub const OPTION_NAMES: &[&str] = &["apiKey", "username", "connection", "baseUrl", "controlUrl", "timeoutMs", "maxRetries", "maxRetryDelayMs", "fetch", "rateLimit", "appInfo"];

/// The options as the caller gave them (types already checked by the wasm side).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawOptions {
    pub api_key: Option<String>,
    pub username: Option<String>,
    pub connection: Option<String>,
    pub base_url: Option<String>,
    pub control_url: Option<String>,
    pub timeout_ms: Option<f64>,
    pub max_retries: Option<f64>,
    pub max_retry_delay_ms: Option<f64>,
    pub rate_limit: RateLimit,
}

/// `rateLimit` as given: absent (the gateway's pace through Maton, none otherwise), `false`,
/// or `{perSecond, burst}` (fields checked by [`Config::resolve`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub enum RateLimit {
    #[default]
    Default,
    Off,
    Given {
        per_second: Option<f64>,
        burst: Option<f64>,
    },
}

#[derive(Clone, PartialEq)]
pub struct Config {
    /// Base URL without a trailing slash; requests go to `{base}/v3{path}`.
    pub base: String,
    /// Maton's control plane (connections), without a trailing slash.
    pub control_base: String,
    /// Whether the credentials are HTTP Basic (ClickSend directly), which Maton's control
    /// plane does not take.
    basic_auth: bool,
    /// The `Authorization` header value, if any.
    pub authorization: Option<String>,
    /// The `Maton-Connection` header value, if any.
    pub connection: Option<String>,
    /// The overall time a call may take, retries included.
    pub timeout_ms: u32,
    pub retry: Policy,
    /// How the client paces its requests (`rateLimit`; Maton's window by default through
    /// the gateway), if at all.
    pub pace: Option<Rule>,
    /// Every secret value, for [`Config::redact`].
    secrets: Vec<String>,
}

// Hand-written so that `{:?}` of a config can never print a credential.
impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config").field("base", &self.base).field("timeout_ms", &self.timeout_ms).finish_non_exhaustive()
    }
}

fn invalid(msg: impl Into<String>) -> Error {
    Error::invalid_argument(format!("new ClickSend(): {}", msg.into()))
}

/// What [`Config::redact`] puts where a secret was.
pub const REDACTED: &str = "[redacted]";

/// Secrets shorter than this are redacted only where they stand alone, not inside a longer run
/// of letters and digits: a test key such as `test` would otherwise turn the library's own
/// words ("testing kit") into "[redacted]ing kit". ClickSend's and Maton's keys are longer, and
/// are redacted wherever they appear.
pub const SHORT_SECRET: usize = 16;

/// Whether a secret between the characters `before` and `after` stands alone (neither is a
/// letter or a digit).
pub fn stands_alone(before: Option<char>, after: Option<char>) -> bool {
    !before.is_some_and(|c| c.is_ascii_alphanumeric()) && !after.is_some_and(|c| c.is_ascii_alphanumeric())
}

/// A key or connection id: visible ASCII without `"` or `\`. No real key holds those two, and
/// refusing them means a secret reads the same inside JSON text as outside it, so redacting
/// an error's `data` (as JSON text) cannot miss one.
fn check_token(name: &str, value: &str) -> Result<(), Error> {
    if value.is_empty() {
        return Err(invalid(format!("`{name}` is empty")));
    }
    if !value.bytes().all(|b| (0x21..=0x7e).contains(&b)) {
        return Err(invalid(format!("`{name}` may hold only visible ASCII characters (no spaces, line breaks or accents)")));
    }
    if value.contains(['"', '\\']) {
        return Err(invalid(format!("`{name}` may not hold `\"` or `\\` (no ClickSend or Maton credential does)")));
    }
    Ok(())
}

/// `rateLimit: {perSecond, burst}`: `burst` is `perSecond` when not given.
fn bucket(per_second: Option<f64>, burst: Option<f64>) -> Result<Rule, Error> {
    let per_second = per_second.filter(|n| *n > 0.0 && n.is_finite()).ok_or_else(|| invalid("`rateLimit` needs `perSecond`, a number above 0"))?;
    match burst {
        Some(b) if b.fract() != 0.0 || b < 1.0 => Err(invalid("`rateLimit` `burst` must be a whole number from 1")),
        burst => Ok(Rule::Bucket { per_second, burst: burst.unwrap_or(per_second) }),
    }
}

/// `timeoutMs` (a client's, or one call's): whole milliseconds from 1 to 2^31 - 1.
pub fn timeout_ms(t: f64) -> Result<u32, &'static str> {
    if t.fract() == 0.0 && (1.0..=MAX_TIMEOUT_MS).contains(&t) {
        Ok(t as u32)
    } else {
        Err("`timeoutMs` must be a whole number of milliseconds from 1 to 2147483647")
    }
}

/// `maxRetries` (a client's, or one call's): a whole number from 0 to 10.
pub fn max_retries(n: f64) -> Result<u32, &'static str> {
    if n.fract() == 0.0 && (0.0..=10.0).contains(&n) {
        Ok(n as u32)
    } else {
        Err("`maxRetries` must be a whole number from 0 to 10")
    }
}

/// The names a call's options object takes (its last argument).
pub const CALL_OPTION_NAMES: &[&str] = &["signal", "timeoutMs", "maxRetries", "headers"];

/// Request headers the client sets itself, which a call's `headers` may not replace.
pub const RESERVED_HEADERS: &[&str] = &["authorization", "maton-connection", "content-type", "content-length"];

/// Headers `fetch` refuses to send or sets itself (the Fetch standard's forbidden request
/// headers, and the `Proxy-`/`Sec-` families): given per call, fetch would throw or drop them
/// after the call began, so they are refused before anything is sent.
const FORBIDDEN_HEADERS: &[&str] = &[
    "accept-charset",
    "accept-encoding",
    "access-control-request-headers",
    "access-control-request-method",
    "connection",
    "cookie",
    "cookie2",
    "date",
    "dnt",
    "expect",
    "host",
    "keep-alive",
    "origin",
    "referer",
    "set-cookie",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "via",
];

/// One extra request header of a call: a token for a name (RFC 9110), visible ASCII and
/// spaces for a value (no CR/LF to split it, nothing `fetch` would refuse), and not a header
/// the client owns.
pub fn check_header(name: &str, value: &str) -> Result<(), String> {
    let token = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
    if name.is_empty() || !name.bytes().all(token) {
        return Err(format!("header name `{name}` is not a valid HTTP header name"));
    }
    if RESERVED_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
        return Err(format!("the `{name}` header is the client's own and cannot be set per call"));
    }
    let lower = name.to_ascii_lowercase();
    if FORBIDDEN_HEADERS.contains(&lower.as_str()) || lower.starts_with("proxy-") || lower.starts_with("sec-") {
        return Err(format!("the `{name}` header is one fetch does not let a caller set; nothing was sent"));
    }
    if !value.bytes().all(|b| (0x20..=0x7e).contains(&b)) {
        return Err(format!("the value of header `{name}` may hold only visible ASCII characters and spaces"));
    }
    Ok(())
}

impl Config {
    pub fn resolve(raw: RawOptions) -> Result<Config, Error> {
        let mut secrets = Vec::new();
        let authorization = match (&raw.username, &raw.api_key) {
            (Some(_), None) => return Err(invalid("`username` needs `apiKey` too (ClickSend's HTTP Basic credentials)")),
            (Some(user), Some(key)) => {
                check_token("apiKey", key)?;
                // Printable ASCII: HTTP Basic has no agreed encoding for anything else, and a
                // ':' would end the username early.
                if user.is_empty() || user.contains(':') || !user.bytes().all(|b| (0x20..0x7f).contains(&b)) {
                    return Err(invalid("`username` must be non-empty printable ASCII, without ':'"));
                }
                let token = base64::encode(format!("{user}:{key}").as_bytes());
                secrets.extend([key.clone(), token.clone()]);
                Some(format!("Basic {token}"))
            }
            (None, Some(key)) => {
                check_token("apiKey", key)?;
                secrets.push(key.clone());
                Some(format!("Bearer {key}"))
            }
            (None, None) if raw.base_url.is_none() => {
                return Err(invalid("give `apiKey` (Maton gateway), `username` and `apiKey` (ClickSend directly), or `baseUrl` (a proxy that adds credentials)"))
            }
            (None, None) => None,
        };
        if let Some(connection) = &raw.connection {
            check_token("connection", connection)?;
            secrets.push(connection.clone());
        }
        let base = match &raw.base_url {
            Some(url) => check_base_url("baseUrl", url)?,
            None if raw.username.is_some() => CLICKSEND_BASE.to_string(),
            None => MATON_BASE.to_string(),
        };
        let control_base = match &raw.control_url {
            Some(url) => check_base_url("controlUrl", url)?,
            None => MATON_CONTROL_BASE.to_string(),
        };
        let timeout_ms = match raw.timeout_ms {
            None => DEFAULT_TIMEOUT_MS,
            Some(t) => timeout_ms(t).map_err(invalid)?,
        };
        let max_retries = match raw.max_retries {
            None => DEFAULT_MAX_RETRIES,
            Some(n) => max_retries(n).map_err(invalid)?,
        };
        let max_delay_ms = match raw.max_retry_delay_ms {
            None => DEFAULT_MAX_RETRY_DELAY_MS,
            Some(ms) if (0.0..=MAX_TIMEOUT_MS).contains(&ms) => ms,
            Some(_) => return Err(invalid("`maxRetryDelayMs` must be a number of milliseconds from 0 to 2147483647")),
        };
        let retry = Policy { max_retries, max_delay_ms };
        let basic_auth = raw.username.is_some();
        let pace = match raw.rate_limit {
            // Only for the gateway's own base URL: a key without `username` or `baseUrl`.
            RateLimit::Default => (raw.api_key.is_some() && !basic_auth && raw.base_url.is_none()).then_some(pace::MATON),
            RateLimit::Off => None,
            RateLimit::Given { per_second, burst } => Some(bucket(per_second, burst)?),
        };
        Ok(Config { base, control_base, basic_auth, authorization, connection: raw.connection, timeout_ms, retry, pace, secrets })
    }

    /// The full URL of a request to `host`: for ClickSend the base and `/v3`, for the
    /// control plane its base; then the filled path and its query string.
    pub fn url(&self, host: Host, path_and_query: &str) -> String {
        // Pushed rather than `format!`ed: this runs for every attempt.
        let (base, v3) = match host {
            Host::ClickSend => (&self.base, "/v3"),
            Host::MatonControl => (&self.control_base, ""),
        };
        let mut url = String::with_capacity(base.len() + v3.len() + path_and_query.len());
        url.push_str(base);
        url.push_str(v3);
        url.push_str(path_and_query);
        url
    }

    /// Whether these credentials can call `host`: Maton's control plane takes a Maton
    /// API key (Bearer), not ClickSend's Basic credentials.
    pub fn check_host(&self, host: Host, what: &str) -> Result<(), Error> {
        if host == Host::MatonControl && self.basic_auth {
            return Err(Error::invalid_argument(format!("{what}: Maton's connection API needs a Maton `apiKey` (without `username`)")));
        }
        Ok(())
    }

    /// [`Config::redact`] for text that was cut short (the first part of a long body): a
    /// secret cut in two at the end leaves its first part there, which is redacted too.
    pub fn redact_truncated(&self, text: &str) -> String {
        let mut out = self.redact(text);
        let tail = self.secrets.iter().filter_map(|s| (1..s.len()).rev().find(|&n| s.get(..n).is_some_and(|start| out.ends_with(start)))).max();
        if let Some(n) = tail {
            out.truncate(out.len() - n);
            out.push_str(REDACTED);
        }
        out
    }

    /// Replaces every credential in `text` (from a server or the runtime) with `[redacted]`.
    /// One pass over the text, the longest secret first at each place: replacing one secret
    /// after another could cut into an earlier `[redacted]` (a short secret such as `r`)
    /// and leave pieces of a secret behind (found by fuzzing). A secret shorter than
    /// [`SHORT_SECRET`] is redacted only where it stands alone (see there).
    pub fn redact(&self, text: &str) -> String {
        let secrets: Vec<&str> = self.secrets.iter().map(String::as_str).filter(|s| !s.is_empty() && crate::find(text, s).is_some()).collect();
        if secrets.is_empty() {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        let mut before = None; // the character of `text` before `rest`
        while let Some(c) = rest.chars().next() {
            let here = |s: &&&str| rest.starts_with(**s) && (s.len() >= SHORT_SECRET || stands_alone(before, rest[s.len()..].chars().next()));
            match secrets.iter().filter(here).max_by_key(|s| s.len()) {
                Some(secret) => {
                    out.push_str(REDACTED);
                    before = secret.chars().last();
                    rest = rest.get(secret.len()..).unwrap_or_default();
                }
                None => {
                    out.push(c);
                    before = Some(c);
                    rest = rest.get(c.len_utf8()..).unwrap_or_default();
                }
            }
        }
        out
    }
}

/// `http(s)://host[:port][/path]`, no credentials, query or fragment; trailing `/` dropped.
fn check_base_url(name: &str, url: &str) -> Result<String, Error> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    let Some(rest) = rest else {
        return Err(invalid(format!("`{name}` must start with http:// or https://")));
    };
    let authority = rest.split('/').next().unwrap_or("");
    if authority.is_empty() {
        return Err(invalid(format!("`{name}` has no host")));
    }
    if authority.contains('@') {
        return Err(invalid(format!("`{name}` must not carry credentials; pass `username` and `apiKey` instead")));
    }
    if url.contains(['?', '#']) || !url.bytes().all(|b| (0x21..=0x7e).contains(&b)) {
        return Err(invalid(format!("`{name}` must be a plain URL without query, fragment, spaces or non-ASCII characters")));
    }
    Ok(url.trim_end_matches('/').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(key: Option<&str>, user: Option<&str>, base: Option<&str>) -> RawOptions {
        RawOptions { api_key: key.map(Into::into), username: user.map(Into::into), base_url: base.map(Into::into), ..Default::default() }
    }

    #[test]
    fn maton_by_default() {
        let c = Config::resolve(opts(Some("k123"), None, None)).unwrap();
        assert_eq!(c.url(Host::ClickSend, "/account"), "https://gateway.maton.ai/clicksend/v3/account");
        assert_eq!(c.authorization.as_deref(), Some("Bearer k123"));
        assert_eq!(c.timeout_ms, DEFAULT_TIMEOUT_MS);
        assert_eq!(c.retry, Policy { max_retries: 2, max_delay_ms: 30_000.0 });
        assert_eq!(c.url(Host::MatonControl, "/connections?app=clicksend"), "https://ctrl.maton.ai/connections?app=clicksend");
        assert_eq!(c.check_host(Host::MatonControl, "connections.list"), Ok(()));
    }

    #[test]
    fn clicksend_direct_with_basic() {
        let c = Config::resolve(opts(Some("KEY"), Some("user"), None)).unwrap();
        assert_eq!(c.url(Host::ClickSend, "/sms/send?a=1"), "https://rest.clicksend.com/v3/sms/send?a=1");
        assert_eq!(c.authorization.as_deref(), Some("Basic dXNlcjpLRVk="));
        assert!(c.check_host(Host::MatonControl, "connections.list").unwrap_err().message.contains("Maton `apiKey`"));
    }

    #[test]
    fn base_url_without_key() {
        let raw = RawOptions { control_url: Some("http://127.0.0.1:8787/ctrl".into()), ..opts(None, None, Some("http://127.0.0.1:8787/")) };
        let c = Config::resolve(raw).unwrap();
        assert_eq!(c.url(Host::MatonControl, "/connections"), "http://127.0.0.1:8787/ctrl/connections");
        assert_eq!(c.url(Host::ClickSend, "/account"), "http://127.0.0.1:8787/v3/account");
        assert_eq!(c.authorization, None);
    }

    #[test]
    fn rejects() {
        let err = |o: RawOptions| Config::resolve(o).unwrap_err().message;
        assert!(err(opts(None, None, None)).contains("give `apiKey`"));
        assert!(err(opts(None, Some("u"), None)).contains("needs `apiKey`"));
        assert!(err(opts(Some("a\r\nX-Evil: 1"), None, None)).contains("visible ASCII"));
        assert!(err(opts(Some("clé"), None, None)).contains("visible ASCII"));
        assert!(err(opts(Some(""), None, None)).contains("empty"));
        assert!(err(opts(Some("k"), None, Some("ftp://x"))).contains("http://"));
        assert!(err(opts(Some("k"), None, Some("https://u:p@x"))).contains("credentials"));
        assert!(err(opts(Some("k"), None, Some("https://x/?a"))).contains("plain URL"));
        let conn = RawOptions { connection: Some("id\n".into()), ..opts(Some("k"), None, None) };
        assert!(err(conn).contains("`connection`"));
        for (n, d) in [(Some(-1.0), None), (Some(1.5), None), (Some(11.0), None), (None, Some(-5.0)), (None, Some(f64::NAN))] {
            let o = RawOptions { max_retries: n, max_retry_delay_ms: d, ..opts(Some("k"), None, None) };
            assert!(err(o).contains("maxRetr"), "{n:?} {d:?}");
        }
        for t in [0.0, -1.0, 1.5, f64::NAN, 3e9] {
            let o = RawOptions { timeout_ms: Some(t), ..opts(Some("k"), None, None) };
            assert!(err(o).contains("timeoutMs"), "{t}");
        }
    }

    #[test]
    fn paces_the_gateway_unless_told_otherwise() {
        let pace = |o: RawOptions| Config::resolve(o).map(|c| c.pace);
        assert_eq!(pace(opts(Some("k"), None, None)), Ok(Some(crate::pace::MATON)));
        assert_eq!(pace(opts(Some("k"), Some("u"), None)), Ok(None), "ClickSend directly");
        assert_eq!(pace(opts(Some("k"), None, Some("http://127.0.0.1:1"))), Ok(None), "a base URL of the caller's");
        assert_eq!(pace(RawOptions { rate_limit: RateLimit::Off, ..opts(Some("k"), None, None) }), Ok(None));
        let given = |per_second, burst| RawOptions { rate_limit: RateLimit::Given { per_second, burst }, ..opts(Some("k"), Some("u"), None) };
        assert_eq!(pace(given(Some(0.5), None)), Ok(Some(Rule::Bucket { per_second: 0.5, burst: 0.5 })));
        assert_eq!(pace(given(Some(5.0), Some(2.0))), Ok(Some(Rule::Bucket { per_second: 5.0, burst: 2.0 })));
        let err = |o| Config::resolve(o).unwrap_err().message;
        for bad in [None, Some(0.0), Some(f64::INFINITY), Some(f64::NAN)] {
            assert_eq!(err(given(bad, None)), "new ClickSend(): `rateLimit` needs `perSecond`, a number above 0");
        }
        for bad in [0.0, 1.5] {
            assert_eq!(err(given(Some(1.0), Some(bad))), "new ClickSend(): `rateLimit` `burst` must be a whole number from 1");
        }
    }

    #[test]
    fn redacts_and_hides_secrets() {
        let raw = RawOptions { connection: Some("conn-1".into()), ..opts(Some("SECRET"), Some("me"), None) };
        let c = Config::resolve(raw).unwrap();
        let token = base64::encode(b"me:SECRET");
        let text = format!("echo SECRET and {token} and conn-1");
        assert_eq!(c.redact(&text), "echo [redacted] and [redacted] and [redacted]");
        let debug = format!("{c:?}");
        assert!(!debug.contains("SECRET") && !debug.contains(&token) && !debug.contains("conn-1"), "{debug}");
    }

    #[test]
    fn redacts_in_one_pass_so_short_secrets_cannot_cut_into_marks() {
        // Secrets "e" and "r": replaced one after the other, "r" would cut into the first
        // "[redacted]" and leave an "e" standing.
        let raw = RawOptions { connection: Some("r".into()), ..opts(Some("e"), None, None) };
        let c = Config::resolve(raw).unwrap();
        assert_eq!(c.redact("e r-e.r"), "[redacted] [redacted]-[redacted].[redacted]");
        assert_eq!(c.redact("abc"), "abc");
    }

    #[test]
    fn short_secrets_only_where_they_stand_alone_long_ones_anywhere() {
        // A test key must not mangle the library's own words.
        let c = Config::resolve(opts(Some("test"), None, None)).unwrap();
        assert_eq!(c.redact("the testing kit: key test, Bearer test"), "the testing kit: key [redacted], Bearer [redacted]");
        let long = "a1b2c3d4e5f6a7b8c9d0";
        let c = Config::resolve(opts(Some(long), None, None)).unwrap();
        assert_eq!(c.redact(&format!("x{long}y {long}")), "x[redacted]y [redacted]");
    }
}
