//! clicksend-sandbox: a ClickSend look-alike on localhost, a thin HTTP front over the model
//! (`clicksend-model`), which holds every operation's behaviour.
//!
//! Serves the API under `/v3/...` (like rest.clicksend.com) and `/clicksend/v3/...`
//! (like the Maton gateway), Maton's connection calls at `/connections`, answers CORS
//! preflights, and offers tests a control surface under `/_sandbox/...`: reset, the requests
//! it received, and faults for the next requests.

mod callbacks;
mod http;

pub use http::{app, app_at, Auth, Sandbox, RECORDED_BASIC, RECORDED_BEARER};
