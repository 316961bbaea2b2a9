//! The pure logic of the ClickSend client, with no wasm or JS dependency.
//!
//! Everything here reads untrusted input (caller arguments, server responses) or
//! encodes a rule of the ClickSend API, so it lives where it can be tested natively,
//! fuzzed, and shared with the sandbox server (one SMS-parts rule, one endpoint table).

pub mod base64;
pub mod endpoints;
pub mod envelope;
pub mod error;
pub mod invariants;
pub mod messages;
pub mod options;
pub mod pace;
pub mod path;
pub mod phone;
pub mod phone_plans;
pub mod query;
pub mod retry;
pub mod retry_after;
pub mod sms_parts;
pub mod webhook;

pub use sms_parts::{sms_parts, Encoding, Parts};

/// Where `needle` first starts in `haystack`, compared byte by byte. Used instead of `str`'s own
/// substring search, which keeps a panic path (and with it char formatting and Unicode tables,
/// over a kilobyte) in the `.wasm`. `needle` must not be empty.
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    haystack.as_bytes().windows(needle.len().max(1)).position(|w| w == needle.as_bytes())
}

pub use endpoints::{Endpoint, Host, Input, Method, ENDPOINTS};
pub use error::{Code, Error};

#[cfg(test)]
mod tests {
    #[test]
    fn finds_substrings_byte_by_byte() {
        assert_eq!(super::find("Sun, 06 Nov", ", "), Some(3));
        assert_eq!(super::find("filter[{index}]", "{index}"), Some(7));
        assert_eq!(super::find("café ☕ key", "key"), Some(10));
        assert_eq!(super::find("abc", "abcd"), None);
        assert_eq!(super::find("", "x"), None);
    }
}
