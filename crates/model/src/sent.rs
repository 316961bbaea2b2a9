//! The messages the account sent, in the order it sent them, with an index by recipient: the
//! history's `q=to:<number>` (what `reconcile` asks, once per number) finds a number's messages
//! without reading every message sent (a linear search took the sandbox most of a 100,000-send
//! run).

use crate::state::Message;
use std::collections::HashMap;

#[derive(Default)]
pub struct SentMessages {
    all: Vec<Message>,
    /// Positions in `all` of each recipient's messages (`to` as stored: E.164 where it could be read).
    by_to: HashMap<String, Vec<usize>>,
}

impl SentMessages {
    /// Keeps a message sent now (after every message kept before it).
    pub fn push(&mut self, message: Message) {
        self.by_to.entry(message.to.clone()).or_default().push(self.all.len());
        self.all.push(message);
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Message> {
        self.all.iter()
    }

    /// The messages, to change their delivery state; their recipients are the index's key and
    /// are never changed after sending.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut Message> {
        self.all.iter_mut()
    }

    /// The messages sent to `to` (as stored), in the order they were sent.
    pub fn sent_to<'a>(&'a self, to: &str) -> impl Iterator<Item = &'a Message> + 'a {
        self.by_to.get(to).into_iter().flatten().map(|&i| &self.all[i])
    }

    pub fn len(&self) -> usize {
        self.all.len()
    }

    pub fn is_empty(&self) -> bool {
        self.all.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Delivery;
    use clicksend_core::messages::MessageKind;

    fn message(id: &str, to: &str) -> Message {
        Message {
            kind: MessageKind::Sms,
            message_id: id.into(),
            date: 0,
            to: to.into(),
            body: String::new(),
            from: None,
            schedule: None,
            custom_string: String::new(),
            list_id: None,
            contact_id: None,
            country: "AU",
            parts: 1,
            price: 0.0,
            delivery: Delivery::Sent,
            extra: Default::default(),
            sent_ms: 0.0,
        }
    }

    #[test]
    fn finds_a_recipients_messages_in_order() {
        let mut sent = SentMessages::default();
        for (id, to) in [("a", "+61411000001"), ("b", "+61411000002"), ("c", "+61411000001")] {
            sent.push(message(id, to));
        }
        let ids = |to| sent.sent_to(to).map(|m| m.message_id.as_str()).collect::<Vec<_>>();
        assert_eq!(ids("+61411000001"), ["a", "c"]);
        assert_eq!(ids("+61411000002"), ["b"]);
        assert!(ids("+61411000003").is_empty());
        assert_eq!(sent.iter().map(|m| m.message_id.as_str()).collect::<Vec<_>>(), ["a", "b", "c"]);
    }
}
