// `fn.all(...)`: ClickSend's pages as one async iterator, for every paginated function.
import { callOptionNames as wasmCallOptionNames } from '../../clicksend_wasm.js';
import { ClickSendError, invalid, readArgument } from './error.js';

/**
 * The most pages `.all()` reads unless told otherwise (`maxPages`): 1,000 (100,000 items at
 * ClickSend's largest page). Reaching it with pages left is an error, never a quiet end.
 */
export const DEFAULT_MAX_PAGES = 1000;

function limit(name, value) {
  if (value === undefined) return Infinity;
  if (!Number.isInteger(value) || value < 1) throw invalid(`all(): \`${name}\` must be a positive whole number`);
  return value;
}

let names;
/**
 * The options every call takes in its last argument, as the wasm side lists them (read on first
 * use: the lazy entry loads the .wasm after its modules).
 */
export function callOptionNames() {
  names ??= wasmCallOptionNames().split(' ');
  return names;
}

/** The options of `{..., signal, timeoutMs, maxRetries, headers}` that a call takes, or undefined. */
export function callOptions(options) {
  const out = {};
  for (const key of callOptionNames()) if (options[key] !== undefined) out[key] = options[key];
  return Object.keys(out).length ? out : undefined;
}

/** The query (copied) and the options of `.all(query, options)`. */
function readOptions(query, options) {
  const { maxItems, maxPages, ...rest } = options ?? {};
  const unknown = Object.keys(rest).find((k) => !callOptionNames().includes(k));
  if (unknown) throw invalid(`all(): unknown option \`${unknown}\` (known: maxItems, maxPages, ${callOptionNames().join(', ')})`);
  return { maxItems: limit('maxItems', maxItems), maxPages: maxPages === undefined ? undefined : limit('maxPages', maxPages), perCall: callOptions(rest), query: { ...query } };
}

/** A page's number field as a whole number (ClickSend's are numbers; a proxy may send text), or NaN. */
function pageNumber(value) {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return Number.isInteger(n) ? n : Number.NaN;
}

function badPaging(why) {
  return new ClickSendError(`all(): ${why}; stopped rather than read the same pages again`, { code: 'INVALID_RESPONSE', status: 200 });
}

/**
 * `fn.all(...pathParams, query?, {maxItems, maxPages, ...callOptions}?)`: the items of every page, in
 * order, as an async iterator. Each page is fetched only when the caller reaches it, so
 * stopping early (break) sends no further request.
 */
export async function* pages(client, index, params, args, record) {
  const { maxItems, maxPages, perCall, query } = readArgument('all()', () => readOptions(args[params], args[params + 1]));
  let page = pageNumber(query.page ?? 1);
  if (!(page >= 1)) throw invalid('all(): `page` must be a whole number from 1');
  for (let fetched = 0, yielded = 0; ; fetched++) {
    if (fetched >= (maxPages ?? DEFAULT_MAX_PAGES)) {
      if (maxPages !== undefined) return; // as many pages as asked for
      throw new ClickSendError(`all(): more than ${DEFAULT_MAX_PAGES} pages; pass maxPages to read further (or maxItems to stop sooner)`, { code: 'INVALID_ARGUMENT' });
    }
    const { data } = await client.call(index, [...args.slice(0, params), { ...query, page }, perCall], record());
    const [current, last] = [pageNumber(data?.current_page), pageNumber(data?.last_page)];
    // A server that answers another page (the same one again, one already read) would make the
    // loop endless and its items come twice: refused before any of them is given.
    if (!Number.isNaN(current) && current !== page) throw badPaging(`page ${page} was asked for and page ${data.current_page} came back`);
    for (const item of data?.data ?? []) {
      if (yielded++ >= maxItems) return;
      yield item;
    }
    if (!data?.data?.length || !(current < last)) return;
    page = current + 1;
  }
}
