//! The wasm-facing client: one constructor, one `call` entry for every endpoint of the
//! table, and the `request` escape hatch. The public JS class wraps this (js/api/client.js).

use crate::args::{self, Outgoing};
use crate::error::Rejection;
use crate::options;
use crate::session::Session;
use crate::transport;
use clicksend_core::options::Config;
use clicksend_core::{Error, ENDPOINTS};
use js_sys::{Array, Promise};
use std::rc::Rc;
use std::sync::OnceLock;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

#[wasm_bindgen]
pub struct Client {
    // Shared with the calls in flight; holds the credentials, which never leave Rust
    // except as header values.
    session: Rc<Session>,
}

#[wasm_bindgen]
impl Client {
    /// Throws a `ClickSendError` (`INVALID_ARGUMENT`) for unknown options, wrong types
    /// or unusable values.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue, hooks: JsValue) -> Result<Client, JsValue> {
        let (raw, fetch) = options::read(&options).map_err(|e| Rejection::from(e).into_js(str::to_string))?;
        let config = Config::resolve(raw).map_err(|e| Rejection::from(e).into_js(str::to_string))?;
        Ok(Client { session: Rc::new(Session::new(config, fetch, hooks)?) })
    }

    /// Calls endpoint number `index` of `endpoints()` with the caller's arguments;
    /// `context` is the JS side's record of the call (js/bridge/hooks.js).
    pub fn call(&self, index: u32, args: Array, context: JsValue) -> Promise {
        self.run(self.prepare(index, &args).map(|out| Outgoing { context, ..out }))
    }

    /// Checks and encodes a call of endpoint number `index` now, to be sent later by
    /// [`Client::send_prepared`]; throws the `ClickSendError` the call would reject with.
    /// `sendBulk` prepares every batch before the first goes out: each is read once, and
    /// what is sent is exactly what was checked, even if the caller changes the messages
    /// while the sends are under way.
    #[wasm_bindgen(js_name = prepareCall)]
    pub fn prepare_call(&self, index: u32, args: Array) -> Result<Prepared, JsValue> {
        match self.prepare(index, &args) {
            Ok(out) => Ok(Prepared { out }),
            Err(e) => Err(Rejection::from(e).into_js(|t| self.session.config.redact(t))),
        }
    }

    /// Sends a prepared call (consumed); its options were read when it was prepared.
    #[wasm_bindgen(js_name = sendPrepared)]
    pub fn send_prepared(&self, prepared: Prepared, context: JsValue) -> Promise {
        self.run(Ok(Outgoing { context, ..prepared.out }))
    }

    /// `client.request(method, path, {query, body, signal, timeoutMs, maxRetries, headers})`:
    /// any path under `/v3`, through the same checks and error handling as the named functions.
    pub fn request(&self, method: JsValue, path: JsValue, init: JsValue, context: JsValue) -> Promise {
        self.run(args::read_request(&method, &path, &init).map(|out| Outgoing { context, ..out }))
    }

    /// `text` with the client's credentials replaced by `[redacted]`, as in errors: for the
    /// response headers js/bridge/hooks.js hands to events and `withResponse()`.
    pub fn redact(&self, text: &str) -> String {
        self.session.config.redact(text)
    }

    /// The checked request for a call of endpoint number `index`.
    fn prepare(&self, index: u32, args: &Array) -> Result<Outgoing, Error> {
        let endpoint = ENDPOINTS.get(index as usize).ok_or_else(|| Error::invalid_argument(format!("there is no endpoint number {index}")))?;
        let what = qualified_name(index as usize);
        self.session.config.check_host(endpoint.host, what)?;
        args::read_call(endpoint, what, args)
    }

    fn run(&self, request: Result<Outgoing, Error>) -> Promise {
        let session = self.session.clone();
        future_to_promise(async move {
            let result = match request {
                Ok(out) => transport::send(&session, out).await,
                Err(e) => Err(e.into()),
            };
            result.map_err(|f| f.into_js(|text| session.config.redact(text)))
        })
    }
}

/// `area.name` of endpoint number `index` (which exists), for messages: made once for the
/// whole table, on the first call, rather than formatted anew for every call.
fn qualified_name(index: usize) -> &'static str {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| ENDPOINTS.iter().map(|e| e.qualified_name()).collect())[index].as_str()
}

/// A checked, encoded call waiting to be sent ([`Client::prepare_call`]).
#[wasm_bindgen]
pub struct Prepared {
    out: Outgoing,
}

/// The package's version, for the `User-Agent` header (the npm package's version is the crate's).
#[wasm_bindgen(js_name = packageVersion)]
pub fn package_version() -> String {
    env!("CARGO_PKG_VERSION").into()
}

/// The options every call takes in its last argument (`clicksend_core::options::CALL_OPTION_NAMES`),
/// space-separated, for js/api/pagination.js and js/api/bulk.js, which pass them on.
#[wasm_bindgen(js_name = callOptionNames)]
pub fn call_option_names() -> String {
    clicksend_core::options::CALL_OPTION_NAMES.join(" ")
}

/// The most messages ClickSend takes in one call (`clicksend_core::messages::MAX_MESSAGES`): the
/// size of js/api/bulk.js's batches, the same number the checks of a call refuse above.
#[wasm_bindgen(js_name = maxMessages)]
pub fn max_messages() -> u32 {
    clicksend_core::messages::MAX_MESSAGES as u32
}

/// The endpoint table as JSON text (`clicksend_core::endpoints::table_json`), read once by
/// the JS side to make the namespaces. One string: building 213 objects field by field
/// across the wasm boundary took most of a client's construction time.
#[wasm_bindgen(js_name = endpointsJson)]
pub fn endpoints_json() -> String {
    clicksend_core::endpoints::table_json()
}
