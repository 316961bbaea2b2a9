//! Query strings and percent-encoding (RFC 3986: everything but unreserved characters).

/// Percent-encodes a path segment or a query component.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    encode_into(&mut out, s);
    out
}

/// [`percent_encode`] onto the end of `out`.
fn encode_into(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
}

/// Builds `?k=v&...` from pairs (empty string when there are none).
pub fn build(pairs: &[(String, String)]) -> String {
    build_from(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// [`build`] from borrowed pairs, each encoded straight into the result.
pub fn build_from<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    let mut out = String::new();
    for (i, (k, v)) in pairs.enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        encode_into(&mut out, k);
        out.push('=');
        encode_into(&mut out, v);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes() {
        assert_eq!(percent_encode("AZaz09-_.~"), "AZaz09-_.~");
        assert_eq!(percent_encode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
        assert_eq!(build(&[]), "");
        let pairs = [("date_from".to_string(), "1700000000".to_string()), ("q".to_string(), "a&b".to_string())];
        assert_eq!(build(&pairs), "?date_from=1700000000&q=a%26b");
    }
}
