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

function invalid(message) {
  return new ClickSendError('INVALID_ARGUMENT', 0, message, undefined, undefined, false);
}

function limit(name, value) {
  if (value === undefined) return Infinity;
  if (!Number.isInteger(value) || value < 1) throw invalid(`all(): \`${name}\` must be a positive whole number`);
  return value;
}

/**
 * `fn.all(...pathParams, query?, {maxItems, maxPages, signal}?)`: the items of every page, in
 * order, as an async iterator. Each page is fetched only when the caller reaches it, so
 * stopping early (break) sends no further request.
 */
async function* pages(client, index, params, args) {
  const { maxItems: items, maxPages: pageCount, signal, ...rest } = args[params + 1] ?? {};
  if (Object.keys(rest).length) throw invalid(`all(): unknown option \`${Object.keys(rest)[0]}\` (known: maxItems, maxPages, signal)`);
  const [maxItems, maxPages] = [limit('maxItems', items), limit('maxPages', pageCount)];
  const query = { ...args[params] };
  let page = query.page ?? 1;
  for (let fetched = 0, yielded = 0; fetched < maxPages; fetched++) {
    const { data } = await client.call(index, [...args.slice(0, params), { ...query, page }, signal ? { signal } : undefined]);
    for (const item of data?.data ?? []) {
      if (yielded++ >= maxItems) return;
      yield item;
    }
    if (!data?.data?.length || !(data.current_page < data.last_page)) return;
    page = data.current_page + 1;
  }
}

export class ClickSend {
  #client;

  constructor(options) {
    const client = (this.#client = new Client(options));
    table ??= wasmEndpoints();
    table.forEach(({ area, name, path, paged }, index) => {
      const ns = (this[area] ??= Object.defineProperty({}, Symbol.toStringTag, AREA_TAG));
      const fn = (ns[name] = (...args) => client.call(index, args));
      if (paged) fn.all = (...args) => pages(client, index, path.split('{').length - 1, args);
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
