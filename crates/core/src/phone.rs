//! Phone numbers to E.164, for the common ways people write them: spaces, dashes, dots,
//! parentheses, a leading `00` (or the country's own international prefix), and national
//! numbers given a default country (AU, US/CA, GB, NZ). Not a numbering-plan database: it
//! checks lengths and prefixes, not whether a number is allocated.

use crate::Error;

/// A country's calling code, trunk prefix, international prefix and national lengths.
struct Plan {
    country: &'static str,
    calling_code: &'static str,
    trunk: &'static str,
    international: &'static str,
    /// Allowed lengths of the national significant number (after the trunk prefix).
    lengths: &'static [usize],
}

const PLANS: &[Plan] = &[
    Plan { country: "AU", calling_code: "61", trunk: "0", international: "0011", lengths: &[9] },
    Plan { country: "NZ", calling_code: "64", trunk: "0", international: "00", lengths: &[8, 9, 10] },
    Plan { country: "GB", calling_code: "44", trunk: "0", international: "00", lengths: &[9, 10] },
    Plan { country: "US", calling_code: "1", trunk: "1", international: "011", lengths: &[10] },
    Plan { country: "CA", calling_code: "1", trunk: "1", international: "011", lengths: &[10] },
];

fn invalid(msg: String) -> Error {
    Error::invalid_argument(format!("parsePhone: {msg}"))
}

/// The number in E.164 (`+61411111111`), or an error that says what is wrong.
pub fn parse_phone(input: &str, default_country: Option<&str>) -> Result<String, Error> {
    let shown: String = input.chars().take(40).collect();
    let compact: String = input.chars().filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')' | '\u{a0}')).collect();
    let (plus, digits) = match compact.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, compact.as_str()),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid(format!("\"{shown}\" is not a phone number (digits, spaces, dashes, dots, parentheses and a leading + only)")));
    }
    let plan = match default_country {
        Some(code) => Some(
            PLANS
                .iter()
                .find(|p| p.country.eq_ignore_ascii_case(code))
                .ok_or_else(|| invalid(format!("default country \"{}\" is not supported (AU, CA, GB, NZ, US)", code.chars().take(8).collect::<String>())))?,
        ),
        None => None,
    };
    let international = if plus {
        Some(digits)
    } else if let Some(rest) = digits.strip_prefix(plan.map_or("00", |p| p.international)) {
        Some(rest)
    } else {
        digits.strip_prefix("00")
    };
    if let Some(number) = international {
        return e164(number, &shown);
    }
    let Some(plan) = plan else {
        return Err(invalid(format!("\"{shown}\" has no country code: write it with + (e.g. +61 411 111 111) or give a default country")));
    };
    // A national number written with the trunk prefix (0 in AU, GB, NZ; 1 in NANP); no
    // national significant number of these countries starts with it.
    let national = match digits.strip_prefix(plan.trunk) {
        Some(rest) if plan.lengths.contains(&rest.len()) => rest,
        _ => digits,
    };
    if !plan.lengths.contains(&national.len()) {
        return Err(invalid(format!("\"{shown}\" is not a valid {} number (wrong length)", plan.country)));
    }
    if plan.calling_code == "1" && !matches!(national.as_bytes()[0], b'2'..=b'9') {
        return Err(invalid(format!("\"{shown}\" is not a valid {} number (area codes start with 2-9)", plan.country)));
    }
    e164(&format!("{}{national}", plan.calling_code), &shown)
}

fn e164(digits: &str, shown: &str) -> Result<String, Error> {
    if !(8..=15).contains(&digits.len()) || digits.starts_with('0') {
        return Err(invalid(format!("\"{shown}\" is not a valid international number (8 to 15 digits, not starting with 0)")));
    }
    Ok(format!("+{digits}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        let cases: &[(&str, Option<&str>, &str)] = &[
            ("+61 411 111 111", None, "+61411111111"),
            ("+61-411-111-111", None, "+61411111111"),
            ("0061 411 111 111", None, "+61411111111"),
            ("0011 61 411 111 111", Some("AU"), "+61411111111"),
            ("0411 111 111", Some("AU"), "+61411111111"),
            ("(02) 9999 9999", Some("au"), "+61299999999"),
            ("411111111", Some("AU"), "+61411111111"),
            ("(555) 123-4567", Some("US"), "+15551234567"),
            ("1 555 123 4567", Some("US"), "+15551234567"),
            ("555.123.4567", Some("CA"), "+15551234567"),
            ("011 44 20 7946 0958", Some("US"), "+442079460958"),
            ("020 7946 0958", Some("GB"), "+442079460958"),
            ("07700 900123", Some("GB"), "+447700900123"),
            ("021 123 4567", Some("NZ"), "+64211234567"),
            ("09 123 4567", Some("NZ"), "+6491234567"),
            ("+1 (555) 123-4567", Some("GB"), "+15551234567"),
        ];
        for (input, country, want) in cases {
            assert_eq!(parse_phone(input, *country).as_deref(), Ok(*want), "{input} {country:?}");
        }
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let err = |i: &str, c: Option<&str>| parse_phone(i, c).unwrap_err().message;
        assert!(err("call me", None).contains("is not a phone number"));
        assert!(err("", None).contains("is not a phone number"));
        assert!(err("0411 111 111", None).contains("no country code"));
        assert!(err("0411 111", Some("AU")).contains("not a valid AU number"));
        assert!(err("(155) 123-4567", Some("US")).contains("area codes"));
        assert!(err("+0411111111", None).contains("not a valid international number"));
        assert!(err("+12345", None).contains("not a valid international number"));
        assert!(err("0411111111", Some("FR")).contains("not supported"));
        assert!(err("+61 411 111 111 ext 2", None).contains("is not a phone number"));
    }
}
