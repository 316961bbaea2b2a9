//! The credentials the model accepts, and what it records of an `Authorization` header.

use clicksend_core::base64;

/// Basic `username:api_key`, or Bearer `api_key`; and the token a browser page must show to
/// use the sandbox server's control surface (`/_sandbox/...`).
#[derive(Clone, Debug)]
pub struct Auth {
    pub username: String,
    pub api_key: String,
    /// With it, a request carrying `X-Sandbox-Control: <token>` may use the control surface
    /// from any origin (a test page). Without it, no browser page can.
    pub control_token: Option<String>,
    /// Take any credentials (the testing kit's default: a user's tests pass their own key);
    /// a request with none is still refused.
    pub any_credentials: bool,
}

impl Default for Auth {
    fn default() -> Self {
        Auth { username: "sandbox".into(), api_key: "sandbox-key".into(), control_token: None, any_credentials: false }
    }
}

/// What the recorded requests show for an `Authorization` header: never the credential (any
/// process, or a page, that reads them would have it), only whether it was the model's own.
pub const RECORDED_BEARER: &str = "Bearer [the sandbox's key]";
pub const RECORDED_BASIC: &str = "Basic [the sandbox's username:key]";

impl Auth {
    pub fn recorded_authorization(&self, value: &str) -> &'static str {
        if self.any_credentials {
            return if value.starts_with("Bearer ") {
                "Bearer [redacted]"
            } else if value.starts_with("Basic ") {
                "Basic [redacted]"
            } else {
                "[redacted]"
            };
        }
        if value == format!("Bearer {}", self.api_key) {
            RECORDED_BEARER
        } else if value == format!("Basic {}", base64::encode(format!("{}:{}", self.username, self.api_key).as_bytes())) {
            RECORDED_BASIC
        } else if value.starts_with("Bearer ") {
            "Bearer [another key, redacted]"
        } else if value.starts_with("Basic ") {
            "Basic [other credentials, redacted]"
        } else {
            "[redacted]"
        }
    }

    /// Bearer `api_key`, or (where `basic_ok`) Basic `username:api_key`.
    pub fn accepts(&self, authorization: Option<&str>, basic_ok: bool) -> bool {
        let Some(value) = authorization else {
            return false;
        };
        if self.any_credentials {
            let basic = value.strip_prefix("Basic ").filter(|_| basic_ok).and_then(base64::decode);
            return value.strip_prefix("Bearer ").is_some_and(|t| !t.is_empty()) || basic.is_some_and(|pair| pair.contains(&b':'));
        }
        if let Some(token) = value.strip_prefix("Bearer ") {
            return token == self.api_key;
        }
        let Some(decoded) = value.strip_prefix("Basic ").filter(|_| basic_ok).and_then(base64::decode) else {
            return false;
        };
        decoded == format!("{}:{}", self.username, self.api_key).into_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        let auth = Auth::default();
        assert!(!auth.accepts(None, true));
        assert!(auth.accepts(Some("Bearer sandbox-key"), true));
        let basic = format!("Basic {}", base64::encode(b"sandbox:sandbox-key"));
        assert!(auth.accepts(Some(&basic), true));
        assert!(!auth.accepts(Some(&basic), false), "the Maton control plane takes the key only");
        assert!(!auth.accepts(Some(&format!("Basic {}", base64::encode(b"sandbox:nope"))), true));
        assert_eq!(auth.recorded_authorization(&basic), RECORDED_BASIC);
        assert_eq!(auth.recorded_authorization("Bearer x"), "Bearer [another key, redacted]");
        let any = Auth { any_credentials: true, ..Auth::default() };
        assert!(any.accepts(Some("Bearer test"), true) && any.accepts(Some(&format!("Basic {}", base64::encode(b"me:k"))), true));
        assert!(!any.accepts(None, true) && !any.accepts(Some("Bearer "), true) && !any.accepts(Some("Token x"), true));
        assert_eq!(any.recorded_authorization("Bearer test"), "Bearer [redacted]");
    }
}
