// The public API: `new ClickSend(options)` with one namespace per area of the endpoint
// table (`client.sms.send(...)`). Each function forwards to the wasm `Client.call`
// with its index in the table; checks, the request and errors all happen in wasm.
import { Client, endpoints as wasmEndpoints } from './clicksend_wasm.js';

export { smsParts, parsePhone } from './clicksend_wasm.js';
import { ClickSendError } from '__ERROR_MODULE__';

export { ClickSendError };

/** The endpoint table: `[{area, name, method, path}]` (a fresh copy each call). */
export function endpoints() {
  return wasmEndpoints();
}

let table; // read once, on the first construction
const AREA_TAG = { value: 'ClickSendArea' };

export class ClickSend {
  #client;

  constructor(options) {
    const client = (this.#client = new Client(options));
    table ??= wasmEndpoints();
    table.forEach(({ area, name }, index) => {
      const ns = (this[area] ??= Object.defineProperty({}, Symbol.toStringTag, AREA_TAG));
      ns[name] = (...args) => client.call(index, args);
    });
    for (const { area } of table) Object.freeze(this[area]);
  }

  /** Any ClickSend path under /v3, through the same checks: `request('GET', '/sms/history', {query})`. */
  request(method, path, init) {
    return this.#client.request(method, path, init);
  }

  // Nothing about the client (its credentials least of all) shows in String(client).
  get [Symbol.toStringTag]() {
    return 'ClickSend';
  }
}
