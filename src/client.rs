//! The wasm-facing client: one constructor, one `call` entry for every endpoint of the
//! table, and the `request` escape hatch. The public JS class wraps this (js/client.js).

use crate::args::{self, Outgoing};
use crate::error::Failure;
use crate::{options, transport};
use clicksend_core::options::Config;
use clicksend_core::endpoints::BodyRule;
use clicksend_core::{Error, Input, ENDPOINTS};
use js_sys::{Array, Promise};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

#[wasm_bindgen]
pub struct Client {
    // Shared with the calls in flight; holds the credentials, which never leave Rust
    // except as header values.
    config: Rc<Config>,
}

#[wasm_bindgen]
impl Client {
    /// Throws a `ClickSendError` (`INVALID_ARGUMENT`) for unknown options, wrong types
    /// or unusable values.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<Client, JsValue> {
        let raw = options::read(&options).map_err(|e| Failure::from(e).into_js(str::to_string))?;
        let config = Config::resolve(raw).map_err(|e| Failure::from(e).into_js(str::to_string))?;
        Ok(Client { config: Rc::new(config) })
    }

    /// Calls endpoint number `index` of `endpoints()` with the caller's arguments.
    pub fn call(&self, index: u32, args: Array) -> Promise {
        self.run(self.prepare(index, &args))
    }

    /// Runs the argument checks of endpoint number `index` without sending anything: the
    /// `ClickSendError` a call would reject with, or `undefined` (used by `sendBulk` to check
    /// every batch before the first goes out).
    pub fn check(&self, index: u32, args: Array) -> JsValue {
        match self.prepare(index, &args) {
            Ok(_) => JsValue::UNDEFINED,
            Err(e) => Failure::from(e).into_js(|t| self.config.redact(t)),
        }
    }

    /// `client.request(method, path, {query, body, signal})`: any path under `/v3`,
    /// through the same checks and error handling as the named functions.
    pub fn request(&self, method: JsValue, path: JsValue, init: JsValue) -> Promise {
        self.run(args::read_request(&method, &path, &init))
    }

    /// The checked request for a call of endpoint number `index`.
    fn prepare(&self, index: u32, args: &Array) -> Result<Outgoing, Error> {
        let endpoint = ENDPOINTS.get(index as usize).ok_or_else(|| Error::invalid_argument(format!("there is no endpoint number {index}")))?;
        self.config.check_host(endpoint.host, &endpoint.qualified_name())?;
        args::read_call(endpoint, args)
    }

    fn run(&self, request: Result<Outgoing, Error>) -> Promise {
        let config = self.config.clone();
        future_to_promise(async move {
            let result = match request {
                Ok(out) => transport::send(&config, out).await,
                Err(e) => Err(e.into()),
            };
            result.map_err(|f| f.into_js(|text| config.redact(text)))
        })
    }
}

/// The endpoint table as JSON text: `[{area, name, method, path, input, paged, repeatSafe}]`,
/// in the order `call` numbers them; `input` is `none`, `query`, `body`, `optionalBody` or
/// `bodyAndQuery` (what follows the path parameters); `paged`: the answer is a page, and the
/// function has `.all`; `repeatSafe`: retried on 5xx and network errors too
/// (`clicksend_core::retry`). One string, parsed once in JS: building 213 objects field by
/// field across the wasm boundary took most of a client's construction time.
#[wasm_bindgen(js_name = endpointsJson)]
pub fn endpoints_json() -> String {
    let mut out = String::from("[");
    for (i, e) in ENDPOINTS.iter().enumerate() {
        let input = match e.input {
            Input::None => "none",
            Input::Query | Input::PagedQuery => "query",
            Input::Body(BodyRule::OptionalObject) => "optionalBody",
            Input::Body(_) => "body",
            Input::BodyAndQuery(_) => "bodyAndQuery",
        };
        // Areas, names and paths are ASCII identifiers and path characters: nothing to escape.
        out.push_str(&format!(
            r#"{}{{"area":"{}","name":"{}","method":"{}","path":"{}","input":"{}","paged":{},"repeatSafe":{}}}"#,
            if i == 0 { "" } else { "," },
            e.area,
            e.name,
            e.method.as_str(),
            e.path,
            input,
            e.input == Input::PagedQuery,
            clicksend_core::retry::repeat_safe(e),
        ));
    }
    out.push(']');
    out
}
