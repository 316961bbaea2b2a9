//! `Retry-After` (RFC 9110): either delay-seconds or an HTTP date.

/// Seconds to wait, from a `Retry-After` value; `now_ms` is the current Unix time in
/// milliseconds (for the date form). `None` when the value is neither form.
pub fn parse(value: &str, now_ms: f64) -> Option<f64> {
    let value = value.trim();
    if !value.is_empty() && value.len() <= 12 && value.bytes().all(|b| b.is_ascii_digit()) {
        // Parsed as an integer: `str::parse::<f64>` would pull float parsing into the `.wasm`
        // (bench/NOTES.md, section "Formatting code kept out of the .wasm").
        return value.parse::<u64>().ok().map(|n| n as f64);
    }
    let at = parse_http_date(value)?;
    Some(((at as f64) - now_ms / 1000.0).max(0.0).ceil())
}

/// IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`, to Unix seconds.
pub fn parse_http_date(s: &str) -> Option<i64> {
    let rest = s.get(crate::find(s, ", ")? + 2..)?;
    let mut parts = rest.split(' ');
    let day: i64 = parts.next()?.parse().ok()?;
    let month = match parts.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year: i64 = parts.next()?.parse().ok()?;
    let mut hms = parts.next()?.split(':').map(|p| p.parse::<i64>().ok());
    let (h, m, sec) = (hms.next()??, hms.next()??, hms.next()??);
    if parts.next()? != "GMT" || parts.next().is_some() || hms.next().is_some() {
        return None;
    }
    if !(1..=31).contains(&day) || !(1970..=9999).contains(&year) || h > 23 || m > 59 || sec > 60 {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + h * 3600 + m * 60 + sec)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds() {
        assert_eq!(parse("120", 0.0), Some(120.0));
        assert_eq!(parse(" 0 ", 0.0), Some(0.0));
        assert_eq!(parse("-1", 0.0), None);
        assert_eq!(parse("1.5", 0.0), None);
        assert_eq!(parse("", 0.0), None);
        assert_eq!(parse("9999999999999", 0.0), None);
    }

    #[test]
    fn dates() {
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(784_111_777));
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        let now_ms = 784_111_777_000.0 - 30_000.0;
        assert_eq!(parse("Sun, 06 Nov 1994 08:49:37 GMT", now_ms), Some(30.0));
        assert_eq!(parse("Sun, 06 Nov 1994 08:49:37 GMT", now_ms + 60_000.0), Some(0.0));
        for bad in ["Sun, 06 Nov 1994 08:49:37 UTC", "06 Nov 1994", "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49 GMT"] {
            assert_eq!(parse_http_date(bad), None, "{bad}");
        }
    }
}
