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
            Code::Api(code) => code,
        }
    }
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
