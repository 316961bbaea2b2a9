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

/// Septets a character takes in GSM-7, or `None` when it is not in the alphabet. Compared char
/// by char: `str::contains(char)` searches for a non-ASCII char as a substring, and that search
/// keeps a panic path with char formatting (over a kilobyte) in the `.wasm`.
fn gsm7_width(c: char) -> Option<usize> {
    let any = |set: &str| if c.is_ascii() { set.as_bytes().contains(&(c as u8)) } else { set.chars().any(|g| g == c) };
    if any(GSM7_BASIC) {
        Some(1)
    } else if any(GSM7_EXTENSION) {
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

/// The characters that make a body UCS-2 (outside GSM-7), each with its index in the text as
/// JS counts it (UTF-16 code units), in order.
pub fn non_gsm(body: &str) -> Vec<(char, usize)> {
    let mut index = 0;
    let mut out = Vec::new();
    for c in body.chars() {
        if gsm7_width(c).is_none() {
            out.push((c, index));
        }
        index += c.len_utf16();
    }
    out
}

/// The look-alike substitutions of [`to_gsm7`]: a character outside GSM-7 and what stands in
/// for it. Quotes, dashes, the ellipsis, spaces of other widths, invisible characters (which
/// become nothing), and accented letters GSM-7 lacks.
pub const GSM7_SUBSTITUTES: &[(char, &str)] = &[
    ('\u{2018}', "'"),   // ‘ left single quote
    ('\u{2019}', "'"),   // ’ right single quote, apostrophe
    ('\u{201A}', "'"),   // ‚
    ('\u{201B}', "'"),   // ‛
    ('\u{2032}', "'"),   // ′ prime
    ('\u{00B4}', "'"),   // ´ acute accent
    ('\u{201C}', "\""),  // “
    ('\u{201D}', "\""),  // ”
    ('\u{201E}', "\""),  // „
    ('\u{201F}', "\""),  // ‟
    ('\u{2033}', "\""),  // ″ double prime
    ('\u{00AB}', "\""),  // «
    ('\u{00BB}', "\""),  // »
    ('\u{2010}', "-"),   // ‐ hyphen
    ('\u{2011}', "-"),   // non-breaking hyphen
    ('\u{2012}', "-"),   // ‒ figure dash
    ('\u{2013}', "-"),   // – en dash
    ('\u{2014}', "-"),   // — em dash
    ('\u{2015}', "-"),   // ― horizontal bar
    ('\u{2212}', "-"),   // − minus
    ('\u{2026}', "..."), // … ellipsis
    ('\u{2022}', "*"),   // • bullet
    ('\u{00A0}', " "),   // no-break space
    ('\u{2002}', " "),
    ('\u{2003}', " "),
    ('\u{2009}', " "), // thin space
    ('\u{200A}', " "),
    ('\u{202F}', " "), // narrow no-break space
    ('\u{205F}', " "),
    ('\u{3000}', " "),
    ('\u{200B}', ""), // zero-width space
    ('\u{200C}', ""),
    ('\u{200D}', ""),
    ('\u{2060}', ""),
    ('\u{FEFF}', ""),  // byte order mark
    ('\u{00E1}', "a"), // á
    ('\u{00E2}', "a"), // â
    ('\u{00E3}', "a"), // ã
    ('\u{00EA}', "e"), // ê
    ('\u{00EB}', "e"), // ë
    ('\u{00ED}', "i"), // í
    ('\u{00EE}', "i"), // î
    ('\u{00EF}', "i"), // ï
    ('\u{00F3}', "o"), // ó
    ('\u{00F4}', "o"), // ô
    ('\u{00F5}', "o"), // õ
    ('\u{00FA}', "u"), // ú
    ('\u{00FB}', "u"), // û
    ('\u{00C1}', "A"), // Á
    ('\u{00CD}', "I"), // Í
    ('\u{00D3}', "O"), // Ó
    ('\u{00DA}', "U"), // Ú
];

/// What [`to_gsm7`] made of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gsm7Text {
    /// The text with the substitutions made, or the input as it was when they would not help.
    pub text: String,
    /// The characters still outside GSM-7, with their indexes in `text` (UTF-16 code units).
    pub unreplaced: Vec<(char, usize)>,
}

/// The text with [`GSM7_SUBSTITUTES`] applied, so that it fits GSM-7 where it can. If that
/// would take more parts than the text as given (an ellipsis becomes three characters, and
/// a character left outside GSM-7 keeps the whole message UCS-2), the text is returned as it
/// was: the result never costs more than the input.
pub fn to_gsm7(text: &str) -> Gsm7Text {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match GSM7_SUBSTITUTES.iter().find(|(from, _)| *from == c) {
            Some((_, to)) => out.push_str(to),
            None => out.push(c),
        }
    }
    if sms_parts(&out).parts > sms_parts(text).parts {
        out = text.to_string();
    }
    let unreplaced = non_gsm(&out);
    Gsm7Text { text: out, unreplaced }
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

    #[test]
    fn finds_what_forces_ucs2() {
        assert_eq!(non_gsm("Hello"), []);
        // Indexes in UTF-16 code units, as JS counts them: the emoji takes two.
        assert_eq!(non_gsm("It\u{2019}s 😀 ok á"), [('\u{2019}', 2), ('😀', 5), ('á', 11)]);
    }

    #[test]
    fn substitutes_look_alikes() {
        let r = to_gsm7("It\u{2019}s \u{201C}ok\u{201D} \u{2013} wait\u{2026}\u{00A0}caf\u{00E9}\u{200B}");
        assert_eq!(r, Gsm7Text { text: "It's \"ok\" - wait... café".into(), unreplaced: vec![] });
        assert_eq!(sms_parts(&r.text).encoding, Gsm7);
        let r = to_gsm7("Don\u{2019}t 😀");
        assert_eq!(r, Gsm7Text { text: "Don't 😀".into(), unreplaced: vec![('😀', 6)] });
        // 70 ellipses are one UCS-2 part; as 210 dots they would be two GSM-7 parts.
        let dots = "\u{2026}".repeat(70);
        assert_eq!(to_gsm7(&dots).text, dots);
        for (from, to) in GSM7_SUBSTITUTES {
            assert!(gsm7_width(*from).is_none(), "{from} is GSM-7 already");
            assert!(to.chars().all(|c| gsm7_width(c).is_some()), "{to} is not GSM-7");
        }
    }
}
