// The public API: `new ClickSend(options)` with one namespace per area of the endpoint
// table (`client.sms.send(...)`). Each function forwards to the wasm `Client.call`
// with its index in the table; checks, the request and errors all happen in wasm.
import { Client, endpoints as wasmEndpoints, parseWebhookPairs } from './clicksend_wasm.js';

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

/** The areas whose `send` takes `{messages}` and so also has `sendBulk`. */
const BULK_AREAS = new Set(['sms', 'mms', 'voice']);
/** ClickSend takes at most this many messages per call. */
const BATCH = 1000;

/**
 * `sendBulk(messages, {concurrency, onProgress, signal})`: sends any number of messages in
 * calls of at most 1000, with at most `concurrency` (default 2) in flight, and resolves with
 * one result per message, in input order: `{ok: true, message}` (the API's per-message
 * result) or `{ok: false, ambiguous, error}` (the error of its batch; `ambiguous`: the batch
 * may have been sent anyway). A failed batch is never retried here (the transport retries
 * only what is safe), so no message is sent twice. Every batch is checked before the first
 * is sent.
 */
async function sendBulk(client, index, messages, options = {}) {
  const { concurrency = 2, onProgress, signal, ...rest } = options ?? {};
  if (Object.keys(rest).length) throw invalid(`sendBulk: unknown option \`${Object.keys(rest)[0]}\` (known: concurrency, onProgress, signal)`);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw invalid('sendBulk: `concurrency` must be a positive whole number');
  if (onProgress !== undefined && typeof onProgress !== 'function') throw invalid('sendBulk: `onProgress` must be a function');
  if (!Array.isArray(messages)) throw invalid('sendBulk: `messages` must be an array');
  const total = messages.length;
  const batches = [];
  for (let start = 0; start < total; start += BATCH) batches.push(start);
  for (const start of batches) {
    const batch = messages.slice(start, start + BATCH);
    const listSend = batch.findIndex((m) => m?.list_id != null);
    if (listSend >= 0) throw invalid(`sendBulk: messages[${start + listSend}] has a list_id; send list messages with send(), one result per contact`);
    const error = client.check(index, [{ messages: batch }]);
    if (error) throw invalid(`sendBulk: in messages ${start} to ${start + batch.length - 1}: ${error.message}`);
  }
  const results = new Array(total);
  let next = 0;
  let sent = 0;
  let failed = 0;
  const worker = async () => {
    while (next < batches.length) {
      const start = batches[next++];
      const batch = messages.slice(start, start + BATCH);
      try {
        const answer = await client.call(index, [{ messages: batch }, signal ? { signal } : undefined]);
        const out = answer?.data?.messages ?? [];
        batch.forEach((_, k) => {
          results[start + k] = out[k] ? { ok: true, message: out[k] } : { ok: false, ambiguous: true, error: missing(start + k) };
        });
        sent += batch.length;
      } catch (error) {
        batch.forEach((_, k) => {
          results[start + k] = { ok: false, ambiguous: error.ambiguous === true, error };
        });
        failed += batch.length;
      }
      onProgress?.({ sent, failed, total });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
  return results;
}

/**
 * Parses what ClickSend sends to a callback URL: delivery receipts (SMS, MMS, voice, fax) and
 * inbound SMS, as a form post, a query string (GET) or JSON. Takes a fetch/Workers `Request`
 * (its body is read once), `{contentType, body}` (body text or an already parsed object) or
 * `URLSearchParams`. Resolves with `{type, message_id, ...}`; rejects with INVALID_ARGUMENT.
 */
export async function parseWebhook(input) {
  if (input instanceof URLSearchParams) return parseWebhookPairs([...input]);
  if (typeof Request !== 'undefined' && input instanceof Request) {
    if (input.method === 'GET' || input.method === 'HEAD') return parseWebhookPairs([...new URL(input.url).searchParams]);
    return parseWebhookPairs(bodyPairs(input.headers.get('content-type'), await input.text()));
  }
  if (input && typeof input === 'object' && 'body' in input) return parseWebhookPairs(bodyPairs(input.contentType, input.body));
  throw invalid('parseWebhook: give a Request, {contentType, body} or URLSearchParams');
}

/** A callback body as key/value pairs: JSON (a flat object) or a form. */
function bodyPairs(contentType, body) {
  let value = body;
  if (typeof body === 'string' && /json/i.test(contentType ?? '')) {
    try {
      value = JSON.parse(body);
    } catch {
      throw invalid('parseWebhook: the body says it is JSON but is not');
    }
  }
  if (typeof value === 'string') return [...new URLSearchParams(value)];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid('parseWebhook: the body must be a form, a JSON object or an object');
  return Object.entries(value).map(([k, v]) => [k, v === null || v === undefined ? '' : typeof v === 'object' ? v : String(v)]);
}

function missing(i) {
  return new ClickSendError('INVALID_RESPONSE', 200, `sendBulk: the answer has no result for messages[${i}]`, undefined, undefined, false, true);
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
