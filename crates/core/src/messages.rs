//! The rules a message-sending body must meet before it is sent: the ones ClickSend's
//! API description states (a `messages` array of 1..=1000, each with a recipient and a
//! body, MMS with `media_file`, voice with `voice` male/female, `schedule` an integer).
//! The wasm side reads each JS message into a [`MessageFields`] and asks here.

use crate::Error;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageKind {
    Sms,
    Mms,
    Voice,
}

/// ClickSend accepts at most 1000 messages per call.
pub const MAX_MESSAGES: usize = 1000;

/// What the checks need to know of one message, read off the caller's object.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MessageFields {
    /// `to` is a non-empty string.
    pub has_to: bool,
    /// `list_id` is present (a list send instead of one recipient).
    pub has_list_id: bool,
    /// `body` is a non-empty string.
    pub has_body: bool,
    pub has_media_file: bool,
    /// `voice`, when present: whether it is "male" or "female", the two ClickSend takes.
    pub voice_known: Option<bool>,
    /// `schedule`, when present: whether it is an integer (number or digit string).
    pub schedule_is_integer: Option<bool>,
    /// `custom_string`, when present, as text (a number as it prints).
    pub custom_string: Option<String>,
    /// `from`, when it is a non-empty string: the sender id.
    pub from: Option<String>,
}

/// The longest `custom_string` ClickSend keeps by default (its help centre). What it does with
/// a longer one is documented nowhere (cut, refused?): either way the history would no longer
/// hold the text the client sent, and `reconcile` could not match it, so it is refused here.
pub const MAX_CUSTOM_STRING_CHARS: usize = 50;
/// The longest alphanumeric sender id (legacy docs: at most 11 characters, no spaces, else
/// the message is refused inside the 200 as `INVALID_SENDER_ID`).
pub const MAX_ALPHA_SENDER_CHARS: usize = 11;

/// Whether a sender id is alphanumeric (holds a letter) rather than a number or short code.
pub fn is_alpha_sender(from: &str) -> bool {
    from.bytes().any(|b| b.is_ascii_alphabetic())
}

/// Why ClickSend would refuse this sender id (`INVALID_SENDER_ID`), if it would.
pub fn sender_problem(from: &str) -> Option<String> {
    if !is_alpha_sender(from) {
        return None;
    }
    let chars = from.chars().count();
    if from.bytes().any(|b| b.is_ascii_whitespace()) || from.contains('\u{a0}') {
        return Some("has an alphanumeric `from` with a space; ClickSend refuses those (INVALID_SENDER_ID)".to_string());
    }
    (chars > MAX_ALPHA_SENDER_CHARS).then(|| format!("has an alphanumeric `from` of {chars} characters; ClickSend takes at most {MAX_ALPHA_SENDER_CHARS} (INVALID_SENDER_ID)"))
}

/// Checks a `messages` array (`None` when the body has no array there).
/// `shared_media_file`: the body has a top-level `media_file`, which ClickSend's API
/// description puts there for all the messages of an MMS send.
pub fn check(kind: MessageKind, what: &str, messages: Option<&[MessageFields]>, shared_media_file: bool) -> Result<(), Error> {
    let messages = messages.ok_or_else(|| Error::invalid_argument(format!("{what}: the body needs a `messages` array")))?;
    if messages.is_empty() {
        return Err(Error::invalid_argument(format!("{what}: `messages` is empty; send at least one message")));
    }
    if messages.len() > MAX_MESSAGES {
        return Err(Error::invalid_argument(format!("{what}: {} messages in one call; ClickSend takes at most {MAX_MESSAGES} (split them into several calls)", messages.len())));
    }
    for (i, m) in messages.iter().enumerate() {
        check_one(kind, m, shared_media_file).map_err(|why| Error::invalid_argument(format!("{what}: messages[{i}] {why}")))?;
    }
    Ok(())
}

fn check_one(kind: MessageKind, m: &MessageFields, shared_media_file: bool) -> Result<(), String> {
    check_fields(kind, m, shared_media_file).map_err(String::from)?;
    if let Some(cs) = &m.custom_string {
        let chars = cs.chars().count();
        if chars > MAX_CUSTOM_STRING_CHARS {
            return Err(format!(
                "has a `custom_string` of {chars} characters; ClickSend keeps at most {MAX_CUSTOM_STRING_CHARS}, and a longer one could not be found again by reconcile"
            ));
        }
    }
    match m.from.as_deref().and_then(sender_problem) {
        Some(why) => Err(why),
        None => Ok(()),
    }
}

fn check_fields(kind: MessageKind, m: &MessageFields, shared_media_file: bool) -> Result<(), &'static str> {
    if !m.has_to && !m.has_list_id {
        return Err("has no recipient: set `to` (a phone number) or `list_id`");
    }
    if !m.has_body {
        return Err("has no `body`");
    }
    if kind == MessageKind::Mms && !m.has_media_file && !shared_media_file {
        return Err("has no `media_file` (an MMS needs the URL of its media, in the body or the message)");
    }
    if kind == MessageKind::Voice && m.voice_known == Some(false) {
        return Err("has a `voice` other than \"male\" or \"female\"");
    }
    if m.schedule_is_integer == Some(false) {
        return Err("has a `schedule` that is not an integer Unix timestamp");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sms(to: bool, body: bool) -> MessageFields {
        MessageFields { has_to: to, has_body: body, ..Default::default() }
    }

    fn msg(r: Result<(), Error>) -> String {
        r.unwrap_err().message
    }

    #[test]
    fn counts() {
        assert!(msg(check(MessageKind::Sms, "sms.send", None, false)).contains("needs a `messages` array"));
        assert!(msg(check(MessageKind::Sms, "sms.send", Some(&[]), false)).contains("is empty"));
        let many = vec![sms(true, true); 1001];
        assert!(msg(check(MessageKind::Sms, "sms.send", Some(&many), false)).contains("1001 messages"));
        assert!(check(MessageKind::Sms, "sms.send", Some(&many[..1000]), false).is_ok());
    }

    #[test]
    fn fields() {
        let e = msg(check(MessageKind::Sms, "sms.send", Some(&[sms(true, true), sms(false, true)]), false));
        assert_eq!(e, "sms.send: messages[1] has no recipient: set `to` (a phone number) or `list_id`");
        assert!(msg(check(MessageKind::Sms, "sms.send", Some(&[sms(true, false)]), false)).ends_with("has no `body`"));
        let list = MessageFields { has_list_id: true, has_body: true, ..Default::default() };
        assert!(check(MessageKind::Sms, "sms.send", Some(&[list]), false).is_ok());
        assert!(msg(check(MessageKind::Mms, "mms.send", Some(&[sms(true, true)]), false)).contains("media_file"));
        assert!(check(MessageKind::Mms, "mms.send", Some(&[sms(true, true)]), true).is_ok());
        let own = MessageFields { has_media_file: true, ..sms(true, true) };
        assert!(check(MessageKind::Mms, "mms.send", Some(&[own]), false).is_ok());
        let male = MessageFields { voice_known: Some(true), ..sms(true, true) };
        assert!(check(MessageKind::Voice, "voice.send", Some(&[male]), false).is_ok());
        let robot = MessageFields { voice_known: Some(false), ..sms(true, true) };
        assert!(msg(check(MessageKind::Voice, "voice.send", Some(&[robot]), false)).contains("voice"));
        let sched = MessageFields { schedule_is_integer: Some(false), ..sms(true, true) };
        assert!(msg(check(MessageKind::Sms, "sms.send", Some(&[sched]), false)).contains("schedule"));
    }

    #[test]
    fn what_clicksend_would_change_or_refuse() {
        let with = |cs: &str, from: Option<&str>| MessageFields { custom_string: Some(cs.into()), from: from.map(String::from), ..sms(true, true) };
        assert!(check(MessageKind::Sms, "sms.send", Some(&[with(&"x".repeat(50), Some("Shop"))]), false).is_ok());
        assert_eq!(
            msg(check(MessageKind::Sms, "sms.send", Some(&[with(&"é".repeat(51), None)]), false)),
            "sms.send: messages[0] has a `custom_string` of 51 characters; ClickSend keeps at most 50, and a longer one could not be found again by reconcile"
        );
        assert!(msg(check(MessageKind::Sms, "sms.send", Some(&[with("a", Some("MyShopOnline"))]), false)).contains("12 characters; ClickSend takes at most 11 (INVALID_SENDER_ID)"));
        assert!(msg(check(MessageKind::Sms, "sms.send", Some(&[with("a", Some("My Shop"))]), false)).contains("with a space"));
        for ok in ["+61411111111", "61411111111", "0411 111 111", "MyShopOnlin", "Shop-2"] {
            assert!(check(MessageKind::Sms, "sms.send", Some(&[with("a", Some(ok))]), false).is_ok(), "{ok}");
        }
    }
}
