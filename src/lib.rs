//! clicksend-wasm: a ClickSend API client for browsers, Workers and Node.
//!
//! The JS entry files (`js/`) wrap [`Client`] in the public `ClickSend` class, whose
//! namespaces (`client.sms.send`) are made from the endpoint table ([`endpoints_json`]). Every call goes
//! through one pipeline: [`args`] checks and encodes the caller's arguments (nothing is
//! sent if they are wrong), [`transport`] sends the request (each attempt through [`fetch`],
//! with the client's `fetch` or the global one, at the client's pace) under a timeout and the
//! caller's `AbortSignal`, and classifies the answer.
//! The rules themselves live in the pure `clicksend-core` crate.

mod args;
mod client;
mod deadline;
mod error;
mod fetch;
mod helpers;
mod js;
mod options;
mod response;
mod session;
mod transport;

pub use client::{endpoints_json, package_version, Client};
pub use error::ClickSendError;
pub use helpers::{parse_phone, parse_webhook_pairs, sms_parts, to_gsm7};

// Talc instead of the standard library's dlmalloc on wasm: smaller, and no slower per call
// (measured: see bench/NOTES.md, section "The allocator").
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
