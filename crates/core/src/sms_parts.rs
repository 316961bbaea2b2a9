//! How many SMS parts a body takes, by the GSM 03.38 rules ClickSend bills by.
//!
//! GSM-7: 160 characters in one part, 153 per part once split (the rest is the
//! concatenation header); the extension characters `^{}\[~]|€` and form feed take two
//! (an escape and the character), and an escape pair is never split across parts.
//! One character outside the GSM-7 set makes the whole message UCS-2: 70 UTF-16 code
//! units in one part, 67 per part once split, a surrogate pair never split.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Gsm7,
    Ucs2,
}

impl Encoding {
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Gsm7 => "GSM-7",
            Encoding::Ucs2 => "UCS-2",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parts {
    pub encoding: Encoding,
    /// Length in the encoding's units: GSM-7 septets (extension characters count 2)
    /// or UTF-16 code units (an emoji counts 2).
    pub characters: usize,
    /// Parts billed; an empty body still takes one.
    pub parts: usize,
    /// Units per part for this message (160/153 or 70/67).
    pub per_part: usize,
    /// Units left in the last part before another part is needed.
    pub remaining_in_part: usize,
}

const GSM7_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?\
¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM7_EXTENSION: &str = "\u{c}^{}\\[~]|€";

/// Septets a character takes in GSM-7, or `None` when it is not in the alphabet.
fn gsm7_width(c: char) -> Option<usize> {
    if GSM7_BASIC.contains(c) {
        Some(1)
    } else if GSM7_EXTENSION.contains(c) {
        Some(2)
    } else {
        None
    }
}

pub fn sms_parts(body: &str) -> Parts {
    let gsm: Option<Vec<usize>> = body.chars().map(gsm7_width).collect();
    match gsm {
        Some(widths) => count(Encoding::Gsm7, &widths, 160, 153),
        None => {
            let widths: Vec<usize> = body.chars().map(char::len_utf16).collect();
            count(Encoding::Ucs2, &widths, 70, 67)
        }
    }
}

/// Packs characters of the given widths into parts, never splitting one character.
fn count(encoding: Encoding, widths: &[usize], single: usize, multi: usize) -> Parts {
    let characters: usize = widths.iter().sum();
    if characters <= single {
        return Parts { encoding, characters, parts: 1, per_part: single, remaining_in_part: single - characters };
    }
    let (mut parts, mut used) = (1, 0);
    for &w in widths {
        if used + w > multi {
            parts += 1;
            used = 0;
        }
        used += w;
    }
    Parts { encoding, characters, parts, per_part: multi, remaining_in_part: multi - used }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Encoding::*;

    fn check(body: &str, encoding: Encoding, characters: usize, parts: usize, remaining: usize) {
        let p = sms_parts(body);
        assert_eq!(
            (p.encoding, p.characters, p.parts, p.remaining_in_part),
            (encoding, characters, parts, remaining),
            "body of {} chars: {:?}",
            body.chars().count(),
            body.chars().take(20).collect::<String>()
        );
    }

    #[test]
    fn table() {
        let a = |n: usize| "a".repeat(n);
        check("", Gsm7, 0, 1, 160);
        check("hello", Gsm7, 5, 1, 155);
        check(&a(160), Gsm7, 160, 1, 0);
        check(&a(161), Gsm7, 161, 2, 145);
        check(&a(306), Gsm7, 306, 2, 0);
        check(&a(307), Gsm7, 307, 3, 152);
        check(&a(459), Gsm7, 459, 3, 0);
        check("€", Gsm7, 2, 1, 158);
        check(&format!("{}€", a(158)), Gsm7, 160, 1, 0);
        check(&format!("{}€", a(159)), Gsm7, 161, 2, 145);
        // An escape pair at the boundary moves whole into the next part.
        check(&format!("{}{{", a(152)), Gsm7, 154, 1, 6);
        check(&format!("{}{{{}", a(152), a(7)), Gsm7, 161, 2, 144);
        check("^{}\\[~]|€", Gsm7, 18, 1, 142);
        check("@£$¥èéùìòÇ", Gsm7, 10, 1, 150);
        check("é", Gsm7, 1, 1, 159);
        check("á", Ucs2, 1, 1, 69);
        check("ç", Ucs2, 1, 1, 69); // lower-case ç is not GSM-7, only Ç is
        check(&"é".repeat(70), Gsm7, 70, 1, 90);
        check(&format!("{}á", a(69)), Ucs2, 70, 1, 0);
        check(&format!("{}á", a(70)), Ucs2, 71, 2, 63);
        check(&"á".repeat(134), Ucs2, 134, 2, 0);
        check(&"á".repeat(135), Ucs2, 135, 3, 66);
        check("😀", Ucs2, 2, 1, 68);
        check(&"😀".repeat(35), Ucs2, 70, 1, 0);
        check(&"😀".repeat(36), Ucs2, 72, 2, 61); // 33 pairs fill 66 of 67 units
                                                  // A surrogate pair at the boundary is not split.
        check(&format!("{}😀{}", a(66), a(3)), Ucs2, 71, 2, 62);
        check("Hello\nWorld\r", Gsm7, 12, 1, 148);
        check("中文", Ucs2, 2, 1, 68);
        check(&format!("{}\u{c}", a(159)), Gsm7, 161, 2, 145);
        check("`", Ucs2, 1, 1, 69); // the backtick is not in GSM-7
    }
}
