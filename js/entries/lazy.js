// `clicksend-wasm/lazy`: the browser build for where a module may not wait at its top level: a
// module service worker (a PWA's background sync), a Manifest V3 extension's background (a
// service worker too), a module Web Worker that must set `onmessage` at once. Importing it loads
// nothing; the .wasm is fetched and instantiated on first use. Every API call waits for it
// itself (calls are asynchronous anyway); the synchronous helpers (`smsParts`, `parsePhone`,
// `phoneInfo`, `toGsm7`, `endpoints`) work once `ready()` has resolved, and throw NOT_READY
// before. The API is the main entry's, built on it: a `ClickSend` made before the .wasm is
// loaded checks its options at its first call (each call then rejects with what is wrong).
import init from '../../clicksend_wasm.js';
import * as loaded from '../api/client.js';
import { newArea } from '../api/area.js';
import { APIPromise } from '../api/client.js';
import { ClickSendError } from '../api/error.js';
import { checkListener } from '../bridge/hooks.js';
import TABLE from './table.js';

export { APIPromise, ClickSendError };

let loading;
let isReady = false;

/**
 * Loads the .wasm once; resolves when the synchronous helpers may be used. `source` (a URL, a
 * Response, bytes or a WebAssembly.Module) replaces the default, the file beside the package's
 * entry. Rejects with NOT_READY if it cannot be loaded (and may be called again).
 */
export function ready(source) {
  loading ??= init({ module_or_path: source ?? new URL('../../clicksend_wasm_bg.wasm', import.meta.url) }).then(
    () => {
      isReady = true;
    },
    (error) => {
      loading = undefined;
      throw new ClickSendError(`clicksend-wasm: the .wasm could not be loaded (${error?.message ?? error})`, { code: 'NOT_READY' });
    },
  );
  return loading;
}

/** A synchronous helper of the main entry, refused (NOT_READY) until `ready()` has resolved. */
function whenReady(name, helper) {
  return (...args) => {
    if (!isReady) throw new ClickSendError(`${name}: the .wasm is not loaded yet: await ready() first (API calls wait for it themselves)`, { code: 'NOT_READY' });
    return helper(...args);
  };
}

export const smsParts = whenReady('smsParts', loaded.smsParts);
export const parsePhone = whenReady('parsePhone', loaded.parsePhone);
export const phoneInfo = whenReady('phoneInfo', loaded.phoneInfo);
export const toGsm7 = whenReady('toGsm7', loaded.toGsm7);
export const endpoints = whenReady('endpoints', loaded.endpoints);

/** `parseWebhook` of the main entry, once the .wasm is loaded. */
export async function parseWebhook(input, options) {
  await ready();
  return loaded.parseWebhook(input, options);
}

/**
 * The client of the main entry, made on first use: the same namespaces (from the endpoint table,
 * generated into js/entries/table.js when the package is built), each function waiting for the .wasm and
 * then calling the loaded client's.
 */
export class ClickSend {
  #options;
  #client; // the main entry's ClickSend, once made
  #listeners = [];

  constructor(options) {
    this.#options = options;
    if (isReady) this.#client = new loaded.ClickSend(options); // its options checked now
    for (const [area, name, paged, bulk, reconcile] of TABLE) {
      this[area] ??= newArea();
      const fn = (...args) => this.#call((c) => c[area][name](...args));
      this[area][name] = fn;
      if (paged) fn.all = (...args) => this.#pages((c) => c[area][name].all(...args));
      const bulkName = `${name}Bulk`;
      if (bulk) this[area][bulkName] = (...args) => this.#later((c) => c[area][bulkName](...args));
      if (reconcile) this[area].reconcile = (...args) => this.#later((c) => c[area].reconcile(...args));
    }
    for (const [area] of TABLE) Object.freeze(this[area]);
  }

  /** The loaded client, made (and its options checked) on first use. */
  #loaded() {
    return ready().then(() => {
      if (this.#client) return this.#client;
      const client = new loaded.ClickSend(this.#options);
      for (const listener of this.#listeners) listener.off = client.on(listener.event, listener.handler);
      this.#listeners = [];
      this.#client = client;
      return client;
    });
  }

  /** A call of the loaded client as an APIPromise of its own, with its withResponse(). */
  #call(run) {
    let inner;
    const executor = (resolve, reject) =>
      this.#loaded().then((client) => {
        inner = run(client);
        inner.then(resolve, reject);
      }, reject);
    return new APIPromise(executor, (call) => call.then(() => inner.withResponse()));
  }

  #later(run) {
    return this.#loaded().then(run);
  }

  async *#pages(run) {
    yield* run(await this.#loaded());
  }

  /** Any ClickSend path under /v3, through the same checks: `request('GET', '/sms/history', {query})`. */
  request(method, path, init) {
    return this.#call((c) => c.request(method, path, init));
  }

  /** `on('request' | 'response' | 'retry' | 'error', handler)`; returns a function that removes it. */
  on(event, handler) {
    checkListener(event, handler);
    if (this.#client) return this.#client.on(event, handler);
    const listener = { event, handler, off: undefined };
    this.#listeners.push(listener);
    return () => {
      listener.off?.();
      this.#listeners = this.#listeners.filter((l) => l !== listener);
    };
  }

  get [Symbol.toStringTag]() {
    return 'ClickSend';
  }
}
