//! What tests add around the modelled service, kept apart from it: the record of the requests
//! received and the faults programmed for the next ones. The model's handlers never see these;
//! [`crate::Model`] keeps them beside the [`crate::State`] it hands the handlers.

use crate::record::RequestLog;

/// The test harness of one model: reset with it.
#[derive(Default)]
pub struct Harness {
    pub requests: RequestLog,
    pub faults: Vec<Fault>,
}

impl Harness {
    /// Takes the first fault matching the request, counting it down.
    pub fn take_fault(&mut self, method: &str, path: &str) -> Option<Fault> {
        let i = self.faults.iter().position(|f| f.method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case(method)) && f.path.as_deref().is_none_or(|p| p == path))?;
        let fault = self.faults[i].clone();
        self.faults[i].times -= 1;
        if self.faults[i].times == 0 {
            self.faults.remove(i);
        }
        Some(fault)
    }
}

/// A fault programmed by a test for the next matching requests.
#[derive(Clone, Debug, Default)]
pub struct Fault {
    pub method: Option<String>,
    /// Path relative to `/v3` (`/sms/send`), or `/connections...`; `None` matches all.
    pub path: Option<String>,
    pub times: usize,
    pub status: Option<u16>,
    pub retry_after: Option<String>,
    pub delay_ms: u64,
    /// Never answer: the front holds the request until its caller gives up (aborts).
    pub hang: bool,
    pub body: Option<String>,
    pub content_type: Option<String>,
    pub drop: Option<ConnectionDrop>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ConnectionDrop {
    /// Close the connection before sending anything.
    Before,
    /// Send the head and part of the body, then close.
    MidBody,
    /// Carry the request out, then answer as `MidBody` does: the client cannot tell whether
    /// it happened (what a reconciliation has to find out).
    AfterCarryingOut,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_count_down_and_match() {
        let mut s = Harness::default();
        s.faults.push(Fault { method: Some("POST".into()), path: Some("/sms/send".into()), times: 2, status: Some(500), ..Default::default() });
        assert!(s.take_fault("GET", "/sms/send").is_none());
        assert!(s.take_fault("post", "/sms/send").is_some());
        assert!(s.take_fault("POST", "/sms/send").is_some());
        assert!(s.take_fault("POST", "/sms/send").is_none());
    }
}
