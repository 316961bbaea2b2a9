//! clicksend-sandbox: a ClickSend look-alike on localhost.
//!
//! Serves the API under `/v3/...` (like rest.clicksend.com) and `/clicksend/v3/...`
//! (like the Maton gateway), checks credentials like the real service, keeps state in
//! memory, answers CORS preflights, and offers tests a control surface under
//! `/_sandbox/...`: reset, the requests it received, and faults for the next requests.

mod api;
mod callbacks;
mod control;
mod envelope;
mod http;
mod maton;
mod state;

pub use http::{app, Auth, Sandbox, RECORDED_BASIC, RECORDED_BEARER};
