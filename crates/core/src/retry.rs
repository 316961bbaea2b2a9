//! When to try a request again, and after how long.
//!
//! Repeating a read, a price quote, a delete or a PUT that sets a state is harmless, so those
//! are retried on 429, 502, 503, 504 and network errors. Anything that sends, creates, buys,
//! recharges or moves credit is retried on 429 only (the server said it did nothing): after a
//! timeout, a dropped connection or a 5xx the request may have been carried out, and sending
//! it again could send a message twice. Which operations are which is said on each row of the
//! endpoint table (`Endpoint::repeat_safe`).

/// How an attempt failed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum AttemptFailure {
    /// An HTTP status other than 2xx.
    Status(u16),
    /// No response: refused, reset, dropped mid-body.
    Network,
    /// The overall `timeoutMs` ran out, or the caller aborted: never retried.
    Stopped,
    /// The call stopped (timeout or abort) before the request left: it waited for the rate
    /// limit or a 429's hold. Nothing was sent, so nothing is ambiguous.
    NotSent,
    /// The request was never sent (bad argument) or the answer could not be read as JSON
    /// (a proxy's page): retrying would not help.
    Final,
    /// A 2xx whose body could not be read (cut short, not JSON, not the envelope): the server
    /// took the request, so an unsafe one was carried out with an outcome the client cannot
    /// tell (WebKit hands over a body cut short as if it were whole). Not retried.
    Unreadable,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Policy {
    pub max_retries: u32,
    pub max_delay_ms: f64,
}

pub const DEFAULT_MAX_RETRIES: u32 = 2;
pub const DEFAULT_MAX_RETRY_DELAY_MS: f64 = 30_000.0;
/// The first backoff step; each retry doubles it (before jitter and the cap).
const BASE_DELAY_MS: f64 = 500.0;

/// Whether a failure can be retried at all, for an operation of this safety.
pub fn retryable(failure: AttemptFailure, repeat_safe: bool) -> bool {
    match failure {
        AttemptFailure::Status(429) => true,
        AttemptFailure::Status(502..=504) | AttemptFailure::Network => repeat_safe,
        _ => false,
    }
}

/// Whether the caller may usefully call again (the error's `retryable`): whatever the client
/// itself retries, and a repeat-safe call that ran out of `timeoutMs`. The client does not
/// retry past its own deadline, but a new call gets a new one.
pub fn worth_calling_again(failure: AttemptFailure, timed_out: bool, repeat_safe: bool) -> bool {
    retryable(failure, repeat_safe) || (timed_out && (repeat_safe || failure == AttemptFailure::NotSent))
}

/// Whether a failure leaves it unknown if the operation was carried out, or how (an unsafe one
/// that timed out, lost its connection, got a 5xx, or a 2xx it could not read).
pub fn ambiguous(failure: AttemptFailure, repeat_safe: bool) -> bool {
    !repeat_safe && matches!(failure, AttemptFailure::Network | AttemptFailure::Stopped | AttemptFailure::Status(500..=599) | AttemptFailure::Unreadable)
}

/// How long a 429 without `Retry-After` holds every call of the client. No source shows whether
/// ClickSend's or Maton's 429 carries the header; Maton counts requests per second, so a second
/// is the shortest wait that is sure to reach a new window.
pub const DEFAULT_429_HOLD_MS: f64 = 1000.0;

/// How long a 429 holds every call of the client: its `Retry-After` (seconds), else
/// [`DEFAULT_429_HOLD_MS`], at most the policy's longest wait.
pub fn hold_after_429(policy: Policy, retry_after_s: Option<f64>) -> f64 {
    retry_after_s.map_or(DEFAULT_429_HOLD_MS, |s| s * 1000.0).max(0.0).min(policy.max_delay_ms)
}

/// The delay before retry number `attempt` (0 for the first retry), or `None` to stop.
/// `retry_after_s` is the server's `Retry-After`; `random` is uniform in [0, 1).
pub fn next_delay(policy: Policy, attempt: u32, failure: AttemptFailure, repeat_safe: bool, retry_after_s: Option<f64>, random: f64) -> Option<f64> {
    if attempt >= policy.max_retries || !retryable(failure, repeat_safe) {
        return None;
    }
    let delay = match retry_after_s {
        Some(s) => s * 1000.0,
        // Full jitter: anywhere up to the exponential step, so clients do not retry in step.
        None => random * BASE_DELAY_MS * 2f64.powi(attempt.min(30) as i32),
    };
    // Not `f64::clamp`: its panic message formats floats, and would bring float formatting into
    // the `.wasm` for nothing (bench/NOTES.md, section "Formatting code kept out of the .wasm").
    Some(delay.max(0.0).min(policy.max_delay_ms))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_retried() {
        let p = Policy { max_retries: 2, max_delay_ms: 30_000.0 };
        for f in [AttemptFailure::Status(429), AttemptFailure::Status(502), AttemptFailure::Status(503), AttemptFailure::Status(504), AttemptFailure::Network] {
            assert!(next_delay(p, 0, f, true, None, 0.5).is_some(), "{f:?} on a safe operation");
        }
        assert!(next_delay(p, 0, AttemptFailure::Status(429), false, None, 0.5).is_some(), "429 on a send: nothing was done");
        for f in [AttemptFailure::Status(500), AttemptFailure::Status(502), AttemptFailure::Status(503), AttemptFailure::Network, AttemptFailure::Stopped] {
            assert_eq!(next_delay(p, 0, f, false, None, 0.5), None, "{f:?} on a send");
            assert!(ambiguous(f, false));
        }
        for f in
            [AttemptFailure::Status(400), AttemptFailure::Status(401), AttemptFailure::Status(404), AttemptFailure::Status(500), AttemptFailure::Stopped, AttemptFailure::Final]
        {
            assert_eq!(next_delay(p, 0, f, true, None, 0.5), None, "{f:?}");
        }
        assert!(!ambiguous(AttemptFailure::Status(429), false) && !ambiguous(AttemptFailure::Status(400), false) && !ambiguous(AttemptFailure::Network, true));
        assert!(!ambiguous(AttemptFailure::NotSent, false), "held by the rate limit until the deadline: nothing went out");
        assert!(ambiguous(AttemptFailure::Unreadable, false) && !ambiguous(AttemptFailure::Unreadable, true), "a send answered 2xx that cannot be read");
        assert!(!retryable(AttemptFailure::Unreadable, true) && !retryable(AttemptFailure::Unreadable, false));
        let policy = Policy { max_retries: 2, max_delay_ms: 5_000.0 };
        assert_eq!([hold_after_429(policy, None), hold_after_429(policy, Some(2.0)), hold_after_429(policy, Some(999.0))], [1000.0, 2000.0, 5000.0]);
        assert_eq!(next_delay(p, 0, AttemptFailure::NotSent, false, None, 0.5), None);
        assert!(
            worth_calling_again(AttemptFailure::NotSent, true, false) && !worth_calling_again(AttemptFailure::NotSent, false, false),
            "a timeout may be tried again, an abort is the caller's"
        );
        assert_eq!(next_delay(p, 2, AttemptFailure::Status(429), true, None, 0.5), None, "max_retries");
        assert_eq!(next_delay(Policy { max_retries: 0, ..p }, 0, AttemptFailure::Status(429), true, None, 0.5), None);
    }

    #[test]
    fn how_long_to_wait() {
        let p = Policy { max_retries: 10, max_delay_ms: 4_000.0 };
        assert_eq!(next_delay(p, 0, AttemptFailure::Status(503), true, None, 0.5), Some(250.0));
        assert_eq!(next_delay(p, 2, AttemptFailure::Status(503), true, None, 0.5), Some(1000.0));
        assert_eq!(next_delay(p, 2, AttemptFailure::Status(503), true, None, 0.0), Some(0.0));
        assert_eq!(next_delay(p, 9, AttemptFailure::Status(503), true, None, 0.99), Some(4000.0), "capped");
        assert_eq!(next_delay(p, 0, AttemptFailure::Status(429), true, Some(2.0), 0.5), Some(2000.0), "Retry-After wins");
        assert_eq!(next_delay(p, 0, AttemptFailure::Status(429), true, Some(999_999.0), 0.5), Some(4000.0), "an absurd Retry-After is capped");
    }
}
