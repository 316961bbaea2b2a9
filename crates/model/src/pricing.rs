//! What the modelled account is charged, in its currency (AUD): the prices of messages by
//! country and kind, and amounts written as ClickSend writes them.

use clicksend_core::messages::MessageKind;
use clicksend_core::sms_parts;
use serde_json::{json, Value};

/// To four decimals; `+ 0.0` turns the `-0.0` an empty `sum()` gives into `0`.
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0 + 0.0
}

/// `x` with `places` decimals (`fixed(0.0792, 4)` is `"0.0792"`), by integer arithmetic: float
/// formatting (`{:.4}`) would put core's float printing into the testing kit's `.wasm`
/// (bench/NOTES.md, section "Formatting code kept out of the .wasm").
pub fn fixed(x: f64, places: u32) -> String {
    let scale = 10_i64.pow(places);
    let n = (x * scale as f64).round() as i64;
    let sign = if n < 0 { "-" } else { "" };
    let (whole, frac) = (n.abs() / scale, n.abs() % scale);
    format!("{sign}{whole}.{frac:0width$}", width = places as usize)
}

/// The account's currency, as ClickSend describes it in its answers' `_currency`.
pub fn currency() -> Value {
    json!({
        "currency_name_short": "AUD",
        "currency_prefix_d": "$",
        "currency_prefix_c": "c",
        "currency_name_long": "Australian Dollars",
        "min_recharge_amount": "20.00",
        "max_recharge_amount": "10000.00",
    })
}

/// The calling codes the model prices, with the price of an SMS part: AU, NZ, GB and the +1
/// countries (at the US price). A message to anywhere else is not modelled: its send or quote
/// is answered 501, never with a price the model made up.
pub const SMS_RATES: &[(&str, f64)] = &[("+61", 0.0792), ("+64", 0.0880), ("+44", 0.0550), ("+1", 0.0264)];

/// The country of an E.164 number (`ZZ` when no country has its calling code).
pub fn country_of(to: &str) -> &'static str {
    clicksend_core::phone::phone_info(to).map_or("ZZ", |i| i.country)
}

/// Parts and price of one message of `kind` to `to` (E.164), or `None` where the model
/// prices no message ([`SMS_RATES`]):
/// - SMS: per part, by the GSM-7/UCS-2 rules shared with the client;
/// - MMS: one flat price per message (ClickSend bills MMS per message, media included);
/// - voice: per started 300 characters of speech (a minute or so of text-to-speech).
pub fn message_cost(kind: MessageKind, to: &str, body: &str) -> Option<(usize, f64)> {
    let &(_, rate) = SMS_RATES.iter().find(|(prefix, _)| to.starts_with(prefix))?;
    let (parts, unit) = message_units(kind, body, rate);
    Some((parts, (unit * parts as f64 * 10_000.0).round() / 10_000.0))
}

/// How many units `kind` bills for `body`, and the price of one (`sms_rate` for an SMS part).
pub fn message_units(kind: MessageKind, body: &str, sms_rate: f64) -> (usize, f64) {
    match kind {
        MessageKind::Sms => (sms_parts(body).parts, sms_rate),
        MessageKind::Mms => (1, 0.5500),
        MessageKind::Voice => (body.chars().count().div_ceil(300).max(1), 0.0700),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_places() {
        assert_eq!(
            (fixed(0.0792, 4), fixed(100.0, 6), fixed(-1.5, 2), fixed(0.0, 4), fixed(12.345678, 2)),
            ("0.0792".into(), "100.000000".into(), "-1.50".into(), "0.0000".into(), "12.35".into())
        );
    }

    #[test]
    fn prices_follow_parts() {
        use MessageKind::*;
        assert_eq!(message_cost(Sms, "+61411111111", "hi"), Some((1, 0.0792)));
        assert_eq!(message_cost(Sms, "+61411111111", &"a".repeat(161)), Some((2, 0.1584)));
        assert_eq!(message_cost(Sms, "+15551234567", &"é".repeat(10)), Some((1, 0.0264)));
        assert_eq!(message_cost(Sms, "+15551234567", &"😀".repeat(36)), Some((2, 0.0528)));
        assert_eq!(message_cost(Mms, "+61411111111", &"a".repeat(500)), Some((1, 0.55)));
        assert_eq!(message_cost(Voice, "+61411111111", &"a".repeat(301)), Some((2, 0.14)));
        // Beyond the countries priced: not modelled, not a made-up price.
        assert_eq!(message_cost(Sms, "+4915123456789", "hi"), None);
        assert_eq!((country_of("+15551234567"), country_of("+12684641234"), country_of("")), ("US", "AG", "ZZ"));
    }
}
