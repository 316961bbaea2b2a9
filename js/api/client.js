// The public API: `new ClickSend(options)` with one namespace per area of the endpoint
// table (`client.sms.send(...)`). Each function forwards to the wasm `Client.call`
// with its index in the table; checks, the request and errors all happen in wasm. What a
// production app plugs in (its own fetch, events, a rate limit, the raw response) is kept
// by the wasm client; its events go through js/bridge/hooks.js (`Events`).
import { Client, endpointsJson, packageVersion } from '../../clicksend_wasm.js';
import { priceBulk, sendBulk } from './bulk.js';
import { invalid, readArgument } from './error.js';
import { Events, callRecord, checkListener, shownHeaders } from '../bridge/hooks.js';
import { newArea } from './area.js';
import { pages } from './pagination.js';
import { reconcile } from './reconcile.js';

export { smsParts, parsePhone, phoneInfo, toGsm7 } from '../../clicksend_wasm.js';
export { ClickSendError } from './error.js';
export { parseWebhook } from './webhook.js';

/** The endpoint table: `[{area, name, method, path, input, paged, repeatSafe, enveloped, bulk, reconcile, messages, params}]` (a fresh copy each call). */
export function endpoints() {
  return JSON.parse(endpointsJson());
}

let table; // read once, on the first construction
/** An appInfo name or version: what a User-Agent product token may hold. */
const TOKEN = /^[A-Za-z0-9._~+-]{1,64}$/;

/**
 * A client's events, with the User-Agent made from `appInfo` (the only option the JS side reads;
 * `fetch` and `rateLimit` are the wasm client's).
 */
function eventsFrom(options) {
  const given = options !== null && typeof options === 'object' ? options : {};
  return new Events(userAgent(given.appInfo));
}

/** `clicksend-wasm/<version> [<name>/<version>]`, or nothing in a browser (a CORS preflight). */
function userAgent(appInfo) {
  let product = '';
  if (appInfo !== undefined) {
    const { name, version, ...rest } = appInfo ?? {};
    // Strings only: a missing version would otherwise pass as the text "undefined".
    const token = (v) => typeof v === 'string' && TOKEN.test(v);
    if (appInfo === null || typeof appInfo !== 'object' || Object.keys(rest).length || !token(name) || !token(version)) {
      throw invalid('new ClickSend(): `appInfo` must be {name, version}, each of letters, digits and . _ ~ + - (at most 64)');
    }
    product = ` ${name}/${version}`;
  }
  const browser = typeof navigator !== 'undefined' && /^Mozilla\//.test(navigator.userAgent ?? '');
  return browser ? undefined : `clicksend-wasm/${packageVersion()}${product}`;
}

/**
 * What a call returns: a real Promise (`instanceof Promise`, assignable to `Promise<T>`), with
 * `withResponse()` for the data with the response it came in, as openai-node's APIPromise.
 * `then` and the rest make plain Promises (the species), so nothing else carries the record.
 * (Calls were thenables while Node 20's V8 crashed on promises it deoptimized during a wasm
 * call; js/entries/node20.js turns off the inlining that did it, and tests/node/node20.test.mjs floods
 * these promises on every Node.)
 */
export class APIPromise extends Promise {
  #withResponse;

  /** `withResponse(promise)` makes the promise of `{data, response, attempts, durationMs}`. */
  constructor(executor, withResponse) {
    super(executor);
    this.#withResponse = withResponse;
  }

  static get [Symbol.species]() {
    return Promise;
  }

  withResponse() {
    return this.#withResponse(this);
  }
}

/** A call of the wasm side (its promise) as an APIPromise, its response read from its record. */
function callOf(promise, record) {
  const withResponse = (call) =>
    call.then((data) => {
      const { status, headers, url } = record.response;
      const shown = shownHeaders(headers, record.redact);
      return { data, response: { status, headers: shown, url }, attempts: record.attempts, durationMs: record.ended - record.started };
    });
  return new APIPromise((resolve, reject) => promise.then(resolve, reject), withResponse);
}

export class ClickSend {
  #client;
  #events;
  #country;

  constructor(options) {
    const events = readArgument('new ClickSend()', () => eventsFrom(options));
    const client = new Client(options, events);
    events.redact = (text) => client.redact(text);
    this.#client = client;
    this.#events = events;
    table ??= endpoints();
    table.forEach(({ area, name, paged, repeatSafe, bulk, reconcile: reconciles, params }, index) => {
      this[area] ??= newArea();
      const ns = this[area];
      const record = () => callRecord(area, name);
      const fn = (...args) => {
        const call = record();
        return callOf(client.call(index, args, call), call);
      };
      ns[name] = fn;
      // What else an operation offers is said on its row of the endpoint table.
      if (paged) fn.all = (...args) => pages(client, index, params.length, args, record);
      // A bulk send has an outcome per message; a bulk quote is safe to repeat and sums into one.
      if (bulk) ns[`${name}Bulk`] = (messages, options) => (repeatSafe ? priceBulk : sendBulk)(client, index, messages, options, record);
      if (reconciles) ns.reconcile = (items, options) => reconcile({ history: fn, accountCountry: () => this.#accountCountry() }, items, options);
    });
    for (const { area } of table) Object.freeze(this[area]);
  }

  /**
   * The account's default SMS country (how ClickSend reads a number without a country code),
   * fetched once for `reconcile`; a failed fetch is tried again next time.
   */
  #accountCountry() {
    this.#country ??= this.account.get().then(({ data }) => {
      const country = data?.default_country_sms || data?.country;
      return typeof country === 'string' && country ? country : undefined;
    });
    this.#country.catch(() => {
      this.#country = undefined;
    });
    return this.#country;
  }

  /** Any ClickSend path under /v3, through the same checks: `request('GET', '/sms/history', {query})`. */
  request(method, path, init) {
    const call = callRecord(null, 'request');
    return callOf(this.#client.request(method, path, init, call), call);
  }

  /** `on('request' | 'response' | 'retry' | 'error', handler)`; returns a function that removes it. */
  on(event, handler) {
    checkListener(event, handler);
    const handlers = this.#events.handlers[event];
    const own = (e) => handler(e); // a handler added twice is two handlers, removed one at a time
    handlers.add(own);
    return () => handlers.delete(own);
  }

  // Nothing about the client (its credentials least of all) shows in String(client).
  get [Symbol.toStringTag]() {
    return 'ClickSend';
  }
}
