//! Property tests: `smsParts` and the path-parameter encoder against properties that must
//! hold for any input, not just the examples in the unit tables.
use clicksend_core::path::{encode_param, fill, ParamKind, ParamKinds, PathArg};
use clicksend_core::{sms_parts, Encoding};
use proptest::prelude::*;

const GSM_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENSION: &str = "\u{c}^{}\\[~]|€";

fn is_gsm(c: char) -> bool {
    GSM_BASIC.contains(c) || GSM_EXTENSION.contains(c)
}

/// Text mostly from the GSM alphabet, sometimes with anything else mixed in.
fn message() -> impl Strategy<Value = String> {
    let gsm: Vec<char> = GSM_BASIC.chars().chain(GSM_EXTENSION.chars()).collect();
    prop_oneof![
        4 => proptest::collection::vec(proptest::sample::select(gsm.clone()), 0..700).prop_map(|v| v.into_iter().collect()),
        1 => any::<String>(),
        1 => (proptest::collection::vec(proptest::sample::select(gsm), 0..400), any::<char>()).prop_map(|(v, c)| {
            let mut s: String = v.into_iter().collect();
            s.insert(0, c);
            s
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn sms_parts_never_under_the_minimum_and_count_matches(text in message()) {
        let p = sms_parts(&text);
        prop_assert!(p.parts >= 1);
        // UCS-2 exactly when some character is outside GSM-7.
        prop_assert_eq!(p.encoding == Encoding::Ucs2, text.chars().any(|c| !is_gsm(c)));
        // The character count is the input's length in the encoding's units.
        let expected = match p.encoding {
            Encoding::Gsm7 => text.chars().map(|c| if GSM_EXTENSION.contains(c) { 2 } else { 1 }).sum::<usize>(),
            Encoding::Ucs2 => text.encode_utf16().count(),
        };
        prop_assert_eq!(p.characters, expected);
        // Parts: never under the minimum (one, or just enough parts of the multi-part size)...
        let (single, multi) = if p.encoding == Encoding::Gsm7 { (160, 153) } else { (70, 67) };
        let minimum = if p.characters <= single { 1 } else { p.characters.div_ceil(multi) };
        prop_assert!(p.parts >= minimum, "{} parts, minimum {}", p.parts, minimum);
        // ...and exactly as many as packing without splitting a character needs (an escaped
        // GSM-7 character or a UTF-16 surrogate pair cannot straddle two parts).
        if p.characters > single {
            let widths: Vec<usize> = match p.encoding {
                Encoding::Gsm7 => text.chars().map(|c| if GSM_EXTENSION.contains(c) { 2 } else { 1 }).collect(),
                Encoding::Ucs2 => text.chars().map(char::len_utf16).collect(),
            };
            let mut packed = vec![0usize];
            for w in widths {
                if packed.last().unwrap() + w > multi {
                    packed.push(0);
                }
                *packed.last_mut().unwrap() += w;
            }
            prop_assert_eq!(p.parts, packed.len());
            prop_assert_eq!(p.remaining_in_part, multi - packed.last().unwrap());
        }
        prop_assert!(p.remaining_in_part <= p.per_part);
    }

    #[test]
    fn path_segments_never_escape(value in any::<String>(), kind in proptest::sample::select(vec![ParamKind::Id, ParamKind::Token, ParamKind::IdOrToken])) {
        if let Ok(segment) = encode_param("p", kind, &PathArg::Text(value.clone())) {
            prop_assert!(!segment.is_empty());
            prop_assert!(!segment.contains(['/', '?', '#']), "{:?} -> {:?}", value, segment);
            prop_assert!(segment != ".." && segment != ".", "{:?} -> {:?}", value, segment);
        }
    }

    #[test]
    fn filled_paths_keep_their_shape(a in any::<String>(), b in "[a-zA-Z0-9./?#%-]{0,12}") {
        if let Ok(path) = fill("/sms/{message_id}/cancel", ParamKinds::of(&[ParamKind::Token]), &[PathArg::Text(a.clone())], "sms.cancel") {
            let segments: Vec<&str> = path.split('/').collect();
            prop_assert_eq!(segments.len(), 4, "{}", path);
            prop_assert!(segments.iter().all(|s| *s != ".." && *s != "."));
            prop_assert!(!path.contains(['?', '#']));
        }
        if let Ok(path) = fill("/lists/{list_id}", ParamKinds::ALL_IDS, &[PathArg::Text(b.clone())], "lists.get") {
            prop_assert!(path.strip_prefix("/lists/").is_some_and(|id| id.bytes().all(|c| c.is_ascii_digit())), "{:?} -> {}", b, path);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// `to_gsm7` leaves GSM-7 whenever it reports nothing left, and never adds parts.
    #[test]
    fn to_gsm7_never_costs_more(text in "[a-z ’“”–—…\u{a0}\u{200b}áéç😀]{0,200}") {
        let before = sms_parts(&text);
        let g = clicksend_core::sms_parts::to_gsm7(&text);
        let after = sms_parts(&g.text);
        prop_assert!(after.parts <= before.parts);
        prop_assert_eq!(g.unreplaced.is_empty(), after.encoding == Encoding::Gsm7);
    }
}
