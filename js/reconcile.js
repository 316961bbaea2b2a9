// `sms.reconcile(items)`: after a send that may or may not have gone out (`ambiguous`), finds
// out for each message whether it did, from the message history, using only what ClickSend's
// descriptions document: `q=to:<number>` and a `date_from`/`date_to` window, matched on
// `custom_string` and body. ClickSend has no idempotency key; this is what stands in for one.
import { invalid, readArgument } from './error.js';

/** How far back the window reaches by default, in seconds: a day. */
const DEFAULT_WINDOW_S = 24 * 60 * 60;

/** The message an item stands for: a sendBulk result (its `input`) or a message itself. */
function messageOf(item, i) {
  const m = item && typeof item === 'object' && 'input' in item ? item.input : item;
  if (m === null || typeof m !== 'object' || typeof m.to !== 'string' || typeof m.body !== 'string') {
    throw invalid(`reconcile: items[${i}] is neither a message {to, body, custom_string?} nor a sendBulk result with one`);
  }
  return m;
}

function readOptions(options) {
  const { from, to, maxPages = 20, signal, ...rest } = options ?? {};
  if (Object.keys(rest).length) throw invalid(`reconcile: unknown option \`${Object.keys(rest)[0]}\` (known: from, to, maxPages, signal)`);
  const now = Math.floor(Date.now() / 1000);
  const time = (name, v, fallback) => {
    if (v === undefined) return fallback;
    if (!Number.isInteger(v) || v < 0) throw invalid(`reconcile: \`${name}\` must be a Unix time in seconds`);
    return v;
  };
  if (!Number.isInteger(maxPages) || maxPages < 1) throw invalid('reconcile: `maxPages` must be a whole number from 1');
  return { from: time('from', from, now - DEFAULT_WINDOW_S), to: time('to', to, now + 60), maxPages, signal };
}

/**
 * One result per item, in order: `{state: 'sent', message}` (the history's record),
 * `{state: 'not_found'}` (the window was searched to its end and nothing matches) or
 * `{state: 'unknown', error}` (the search failed or did not reach the end of the window).
 */
export async function reconcile(history, items, options) {
  const { messages, window } = readArgument('reconcile', () => {
    if (!Array.isArray(items)) throw invalid('reconcile: `items` must be an array');
    return { messages: items.map(messageOf), window: readOptions(options) };
  });
  // One search per recipient: every record sent to it within the window.
  const byRecipient = new Map();
  for (const m of messages) byRecipient.set(m.to, null);
  await Promise.all(
    [...byRecipient.keys()].map(async (to) => {
      byRecipient.set(to, await search(history, to, window));
    }),
  );
  const taken = new Set(); // a record answers one item only
  return messages.map((m) => {
    const found = byRecipient.get(m.to);
    if (found.error) return { state: 'unknown', error: found.error };
    const record = found.records.find((r) => !taken.has(r) && r.body === m.body && (!m.custom_string || r.custom_string === m.custom_string));
    if (record) {
      taken.add(record);
      return { state: 'sent', message: record };
    }
    return found.complete
      ? { state: 'not_found' }
      : { state: 'unknown', error: invalid(`reconcile: the history for ${m.to} has more than ${window.maxPages} pages in the window; narrow it with from/to`) };
  });
}

/** The records sent to `to` in the window: `{records, complete}` or `{error}`. */
async function search(history, to, { from, to: until, maxPages, signal }) {
  const records = [];
  try {
    let pages = 0;
    for (let page = 1; ; page++) {
      const { data } = await history({ q: `to:${to}`, date_from: from, date_to: until, page, limit: 100 }, signal ? { signal } : undefined);
      records.push(...(data?.data ?? []).filter((r) => r.to === to));
      pages += 1;
      if (!(data?.current_page < data?.last_page)) return { records, complete: true };
      if (pages >= maxPages) return { records, complete: false };
    }
  } catch (error) {
    return { error };
  }
}
