//! The client's error: a code and a message that are safe to show (no secrets).

use std::fmt;

/// What went wrong. `Api` carries ClickSend's own `response_code` (e.g. `NOT_FOUND`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Code {
    InvalidArgument,
    NetworkError,
    Timeout,
    Aborted,
    InvalidResponse,
    /// An error code that was not a plain identifier (see [`is_plain_code`]).
    Unknown,
    Api(String),
}

impl Code {
    pub fn as_str(&self) -> &str {
        match self {
            Code::InvalidArgument => "INVALID_ARGUMENT",
            Code::NetworkError => "NETWORK_ERROR",
            Code::Timeout => "TIMEOUT",
            Code::Aborted => "ABORTED",
            Code::InvalidResponse => "INVALID_RESPONSE",
            Code::Unknown => "UNKNOWN_ERROR",
            Code::Api(code) => code,
        }
    }
}

/// Whether an error code is a plain identifier (`[A-Z0-9_]{1,64}`), as ClickSend's are. Any
/// other `response_code` (one that echoes a key, say) is replaced by `UNKNOWN_ERROR`.
pub fn is_plain_code(code: &str) -> bool {
    (1..=64).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub code: Code,
    /// HTTP status, 0 when no response was received.
    pub status: u16,
    pub message: String,
}

impl Error {
    pub fn invalid_argument(message: impl Into<String>) -> Self {
        Error { code: Code::InvalidArgument, status: 0, message: message.into() }
    }
    pub fn new(code: Code, status: u16, message: impl Into<String>) -> Self {
        Error { code, status, message: message.into() }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message)
    }
}

impl std::error::Error for Error {}
