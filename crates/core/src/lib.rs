//! The pure logic of the ClickSend client, with no wasm or JS dependency.
//!
//! Everything here reads untrusted input (caller arguments, server responses) or
//! encodes a rule of the ClickSend API, so it lives where it can be tested natively,
//! fuzzed, and shared with the sandbox server (one SMS-parts rule, one endpoint table).

pub mod base64;
pub mod endpoints;
pub mod envelope;
pub mod error;
pub mod invariants;
pub mod messages;
pub mod options;
pub mod path;
pub mod phone;
pub mod query;
pub mod retry;
pub mod retry_after;
pub mod sms_parts;
pub mod webhook;

pub use sms_parts::{sms_parts, Encoding, Parts};

pub use endpoints::{Endpoint, Host, Input, Method, ENDPOINTS};
pub use error::{Code, Error};
