// The public API: `new ClickSend(options)` with one namespace per area of the endpoint
// table (`client.sms.send(...)`). Each function forwards to the wasm `Client.call`
// with its index in the table; checks, the request and errors all happen in wasm.
import { Client, endpointsJson } from '../clicksend_wasm.js';
import { BULK_AREAS, sendBulk } from './bulk.js';
import { pages } from './pagination.js';

export { smsParts, parsePhone } from '../clicksend_wasm.js';
export { ClickSendError } from './error.js';
export { parseWebhook } from './webhook.js';

/** The endpoint table: `[{area, name, method, path, input, paged, repeatSafe}]` (a fresh copy each call). */
export function endpoints() {
  return JSON.parse(endpointsJson());
}

let table; // read once, on the first construction
const AREA_TAG = { value: 'ClickSendArea' };

export class ClickSend {
  #client;

  constructor(options) {
    const client = new Client(options);
    this.#client = client;
    table ??= endpoints();
    table.forEach(({ area, name, path, paged }, index) => {
      this[area] ??= Object.defineProperty({}, Symbol.toStringTag, AREA_TAG);
      const ns = this[area];
      const fn = (...args) => client.call(index, args);
      ns[name] = fn;
      if (paged) fn.all = (...args) => pages(client, index, path.split('{').length - 1, args);
      if (name === 'send' && BULK_AREAS.has(area)) ns.sendBulk = (messages, options) => sendBulk(client, index, messages, options);
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
