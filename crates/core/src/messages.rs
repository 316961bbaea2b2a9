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

fn check_one(kind: MessageKind, m: &MessageFields, shared_media_file: bool) -> Result<(), &'static str> {
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
}
