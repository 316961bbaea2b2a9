// `sms.reconcile(items)`: after a send that may or may not have gone out (`ambiguous`), finds
// out for each message whether it did, from the message history, using only what ClickSend's
// descriptions document: `q=to:<number>` (the history holds E.164) and a `date_from`/`date_to`
// window. ClickSend has no idempotency key; this is what stands in for one, so it answers
// `not_found` only when a resend cannot make a duplicate, and `unknown` whenever it cannot be sure.
import { recipientNumbers } from '../../clicksend_wasm.js';
import { ClickSendError, invalid, readArgument } from './error.js';

/**
 * How long after an attempt ended `not_found` may be said, by default: 2 minutes. A request
 * the client gave up on (its timeout, an abort, a proxy that cut the connection) can still be
 * carried out while a server or proxy holds it, and common gateway timeouts are 60 s; how soon
 * a sent message shows in the history is documented nowhere. Both are covered, with room.
 */
export const DEFAULT_SETTLE_MS = 120_000;
/**
 * How far the server's clock may be from the caller's, by default: 5 minutes. The window
 * reaches that far on both sides; "sent after the attempt began" is judged with it when the
 * server's time cannot be read (a browser may not see a cross-origin `Date` header).
 */
export const DEFAULT_CLOCK_SKEW_MS = 300_000;
/**
 * Room for the server whose `Date` header is read (ClickSend's, or a gateway's in front of it)
 * not being the one that stamps the records: both are assumed to keep time within a second.
 */
const OTHER_SERVER_MS = 1000;
/** How far back the window reaches for a message given without its attempt's times: a day. */
const DEFAULT_WINDOW_S = 24 * 60 * 60;
/** Searches in flight at once (each goes through the client's rate limit as well). */
const DEFAULT_CONCURRENCY = 4;
/** A page that fails with a 429 or another retryable error is tried again this many times. */
const PAGE_TRIES = 8;
const OPTIONS = ['from', 'to', 'maxPages', 'signal', 'settleMs', 'clockSkewMs', 'concurrency', 'country'];

/** One item: the message, its `custom_string` as text, and when its attempt began and ended. */
function entryOf(item, i, now, windowStart) {
  const wrapped = item !== null && typeof item === 'object' && 'input' in item;
  const m = wrapped ? item.input : item;
  if (m === null || typeof m !== 'object' || typeof m.to !== 'string' || typeof m.body !== 'string') {
    throw invalid(`reconcile: items[${i}] is neither a message {to, body, custom_string?} nor a sendBulk result or {input, error} with one`);
  }
  const time = (v) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);
  const error = wrapped ? item.error : undefined;
  const startedAt = time(wrapped ? item.startedAt : undefined) ?? time(error?.startedAt);
  const endedAt = time(wrapped ? item.endedAt : undefined) ?? time(error?.endedAt);
  const cs = m.custom_string === undefined || m.custom_string === null ? '' : String(m.custom_string);
  // Without the attempt's times: it may have begun as early as the window, and may still land.
  return { m, cs, startedAt: startedAt ?? windowStart * 1000, endedAt: endedAt ?? now, country: typeof m.country === 'string' ? m.country : undefined };
}

function readOptions(options, now) {
  const given = options ?? {};
  const unknown = Object.keys(given).find((k) => !OPTIONS.includes(k));
  if (unknown) throw invalid(`reconcile: unknown option \`${unknown}\` (known: ${OPTIONS.join(', ')})`);
  const { from, to, maxPages = 20, signal, settleMs = DEFAULT_SETTLE_MS, clockSkewMs = DEFAULT_CLOCK_SKEW_MS, concurrency = DEFAULT_CONCURRENCY, country } = given;
  const whole = (name, v, min) => {
    if (!Number.isInteger(v) || v < min) throw invalid(`reconcile: \`${name}\` must be a whole number from ${min}`);
    return v;
  };
  const time = (name, v) => {
    if (v !== undefined && (!Number.isInteger(v) || v < 0)) throw invalid(`reconcile: \`${name}\` must be a Unix time in seconds`);
    return v;
  };
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw invalid('reconcile: `signal` must be an AbortSignal');
  if (country !== undefined && (typeof country !== 'string' || !/^[A-Za-z]{2}$/.test(country))) throw invalid('reconcile: `country` must be an ISO 3166-1 code such as "AU"');
  return {
    from: time('from', from),
    to: time('to', to),
    maxPages: whole('maxPages', maxPages, 1),
    settleMs: whole('settleMs', settleMs, 0),
    skewMs: whole('clockSkewMs', clockSkewMs, 0),
    concurrency: whole('concurrency', concurrency, 1),
    signal,
    country,
    windowStart: from ?? Math.floor(now / 1000) - DEFAULT_WINDOW_S,
  };
}

/**
 * One result per item, in order: `{state: 'sent', message}` (the history's record),
 * `{state: 'not_found'}` (the attempt can no longer land, and the window was searched to its
 * end without a match: sending again cannot make a duplicate) or `{state: 'unknown', error}`
 * (the search failed, did not reach the end, or found what could be this message or another).
 * `api`: `{history, accountCountry}` of the client.
 */
export async function reconcile(api, items, options) {
  const now = Date.now();
  const { entries, opts } = readArgument('reconcile', () => {
    if (!Array.isArray(items)) throw invalid('reconcile: `items` must be an array');
    const opts = readOptions(options, now);
    return { entries: items.map((item, i) => entryOf(item, i, now, opts.windowStart)), opts };
  });
  const results = new Array(entries.length);
  await numbersOf(api, entries, opts, results);
  opts.clock = await serverClock(api.history, opts);
  const open = () => entries.filter((_, i) => results[i] === undefined);
  const taken = new Set(); // a record answers one item only
  // First look, for messages with a custom_string: a unique match settles one at once.
  await decide(
    api,
    open().filter((e) => e.cs),
    opts,
    results,
    taken,
    false,
  );
  const waiting = open();
  if (waiting.length === 0) return results;
  // The rest only once no attempt can still land: then a miss is a real miss.
  const settled = Math.max(...waiting.map((e) => e.endedAt)) + opts.settleMs;
  await sleep(settled - Date.now(), opts.signal);
  await decide(api, waiting, opts, results, taken, true);
  return results;
}

/** Each entry's E.164 numbers (two where a number reads both ways); unknown where there is none. */
async function numbersOf(api, entries, opts, results) {
  let account; // the account's default country, fetched once, only if a number needs it
  for (const [i, e] of entries.entries()) {
    let country = e.country ?? opts.country;
    const international = /^\s*(\+|00)/.test(e.m.to);
    if (country === undefined && !international) {
      account ??= api.accountCountry().then(
        (c) => ({ c }),
        (error) => ({ error }),
      );
      const got = await account;
      if (got.error) {
        results[i] = { state: 'unknown', error: got.error };
        continue;
      }
      country = got.c;
    }
    const numbers = recipientNumbers(e.m.to, country).split(' ').filter(Boolean);
    e.index = i;
    e.numbers = numbers;
    if (numbers.length === 0) {
      results[i] = {
        state: 'unknown',
        error: invalid(`reconcile: items[${i}].to (${JSON.stringify(e.m.to.slice(0, 40))}) is not a number ClickSend could have sent to${country ? ` (country ${country})` : ''}`),
      };
    }
  }
}

/**
 * Searches the numbers of `entries` (bounded concurrency) and decides each entry a unique
 * custom_string match settles; with `final`, every one of them (a miss is then `not_found`).
 */
async function decide(api, entries, opts, results, taken, final) {
  if (entries.length === 0) return;
  const numbers = [...new Set(entries.flatMap((e) => e.numbers))];
  // In the server's time, as far as it is known, and wider than the clocks could be apart.
  const { offsetMs, uncertaintyMs } = opts.clock;
  const reach = Math.max(uncertaintyMs, opts.skewMs);
  const from = Math.min(...entries.map((e) => e.startedAt)) + offsetMs - reach;
  const window = {
    from: opts.from ?? Math.max(0, Math.floor(from / 1000) - 1),
    to: opts.to ?? Math.ceil((Date.now() + offsetMs + reach) / 1000) + 60,
  };
  const found = new Map();
  let next = 0;
  const worker = async () => {
    while (next < numbers.length) {
      const number = numbers[next++];
      found.set(number, await records(api.history, number, window, opts));
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency, numbers.length) }, worker));
  for (const e of entries) {
    // Before the sends settle, only a custom_string can say "this one": another identical
    // message could still land.
    if (!final && !e.cs) continue;
    const searched = e.numbers.map((n) => found.get(n));
    const failed = searched.find((s) => s.error);
    if (failed) {
      if (final) results[e.index] = { state: 'unknown', error: failed.error };
      continue;
    }
    const verdict = match(
      e,
      searched.flatMap((s) => s.records),
      taken,
      opts.clock,
    );
    if (verdict.record) {
      taken.add(verdict.record);
      results[e.index] = { state: 'sent', message: verdict.record };
    } else if (verdict.unsure) {
      results[e.index] = { state: 'unknown', error: new ClickSendError(`reconcile: items[${e.index}]: ${verdict.unsure}`, { code: 'UNRESOLVED' }) };
    } else if (final) {
      const complete = searched.every((s) => s.complete);
      results[e.index] = complete
        ? { state: 'not_found' }
        : { state: 'unknown', error: invalid(`reconcile: the history for ${e.numbers.join(' or ')} has more than ${opts.maxPages} pages in the window; narrow it with from/to`) };
    }
  }
}

/**
 * Which record is this message, if one is: by a unique `custom_string`; without one, by its
 * body, and only if the record was surely made after the attempt began and is the only record
 * to the number since then. A record made about when the attempt began (within what the
 * clocks allow) could be an identical message sent just before it: `unsure`, never a guess.
 * `unsure` says why it cannot be told.
 */
function match(e, records, taken, clock) {
  const free = records.filter((r) => !taken.has(r));
  if (e.cs) {
    const same = free.filter((r) => String(r.custom_string ?? '') === e.cs);
    if (same.length === 1) return { record: same[0] };
    return same.length > 1 ? { unsure: `${same.length} records carry its custom_string ${JSON.stringify(e.cs)}` } : {};
  }
  // A record with a custom_string is another message: this one was sent without.
  const when = (r) => sentWhen(r, e.startedAt, clock);
  const since = free.filter((r) => String(r.custom_string ?? '') === '' && when(r) !== 'before');
  const about = since.filter((r) => when(r) === 'about');
  if (about.length > 0) {
    const within = Math.ceil((clock.uncertaintyMs + 1000) / 1000);
    return {
      unsure: `a message to ${e.m.to} was sent within ${within} s of when this attempt began, and cannot be told from one sent just before it; give messages a custom_string to tell them apart`,
    };
  }
  const same = since.filter((r) => r.body === e.m.body);
  if (same.length === 1 && since.length === 1) return { record: same[0] };
  if (same.length > 1) return { unsure: `${same.length} messages with its body went to ${e.m.to} after it was sent; give messages a custom_string to tell them apart` };
  if (since.length > 0) {
    return {
      unsure: `a message to ${e.m.to} after it was sent has another body or there are several (ClickSend may rewrite a body, e.g. shorten_urls); give messages a custom_string to tell them apart`,
    };
  }
  return {};
}

/**
 * Whether record `r` was made `'before'` or `'after'` the caller's time `startedAt` (ms), or
 * `'about'` then (the clocks cannot tell). Its `date` is the server's, in whole seconds.
 */
function sentWhen(r, startedAt, { offsetMs, uncertaintyMs }) {
  const date = Number(r.date) * 1000;
  if (!Number.isFinite(date)) return 'about';
  const earliest = date - offsetMs - uncertaintyMs;
  const latest = date + 1000 - offsetMs + uncertaintyMs;
  if (latest < startedAt) return 'before';
  return earliest >= startedAt ? 'after' : 'about';
}

/**
 * The server's clock against the caller's: `{offsetMs, uncertaintyMs}`, read from the `Date`
 * header of one history page (whole seconds, stamped while the request was out), as AWS's
 * SDKs correct their clock skew. Where it cannot be read (a browser does not see a
 * cross-origin `Date` unless the server exposes it; a failed page), the offset is taken as 0
 * and `clockSkewMs` as how far off it may be.
 */
async function serverClock(history, opts) {
  const unknown = { offsetMs: 0, uncertaintyMs: opts.skewMs };
  const sent = Date.now();
  let response;
  try {
    ({ response } = await history({ page: 1, limit: 15 }, opts.signal ? { signal: opts.signal } : undefined).withResponse());
  } catch {
    return unknown;
  }
  const received = Date.now();
  const date = Date.parse(response?.headers?.date ?? '');
  if (!Number.isFinite(date)) return unknown;
  // The server's time then was in [date, date + 1 s), the caller's in [sent, received].
  return { offsetMs: date + 500 - (sent + received) / 2, uncertaintyMs: (1000 + received - sent) / 2 + OTHER_SERVER_MS };
}

/** The records sent to `number` in the window: `{records, complete}` or `{error}`. */
async function records(history, number, { from, to }, { maxPages, signal }) {
  const found = [];
  try {
    for (let page = 1; page <= maxPages; page++) {
      const data = await pageOf(history, { q: `to:${number}`, date_from: from, date_to: to, page, limit: 100 }, signal);
      const current = Number(data?.current_page);
      const last = Number(data?.last_page);
      if (!Array.isArray(data?.data) || !Number.isInteger(current) || !Number.isInteger(last) || current !== page) {
        return {
          error: new ClickSendError(
            `reconcile: the history page ${page} for ${number} has no paging fields (current_page, last_page) or not the page asked for; its end cannot be known`,
            { code: 'INVALID_RESPONSE', status: 200 },
          ),
        };
      }
      found.push(...data.data.filter((r) => r?.to === number));
      if (current >= last) return { records: found, complete: true };
    }
    return { records: found, complete: false };
  } catch (error) {
    return { error };
  }
}

/** One page, tried again after a 429 or another retryable failure with a growing wait. */
async function pageOf(history, query, signal) {
  for (let tries = 1; ; tries++) {
    try {
      return (await history(query, signal ? { signal } : undefined)).data;
    } catch (error) {
      if (!error?.retryable || tries >= PAGE_TRIES) throw error;
      const ms = error.retryAfter > 0 ? error.retryAfter * 1000 : Math.min(30_000, 1000 * 2 ** (tries - 1));
      await sleep(ms * (0.5 + Math.random() / 2), signal);
    }
  }
}

/** Waits `ms`; rejects with an ABORTED ClickSendError when `signal` aborts first. */
function sleep(ms, signal) {
  const aborted = () => new ClickSendError('reconcile: aborted by its signal while waiting for the sends to settle; nothing was decided', { code: 'ABORTED' });
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(aborted());
    if (!(ms > 0)) return resolve();
    const done = () => {
      signal?.removeEventListener('abort', stop);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(aborted());
    };
    signal?.addEventListener('abort', stop, { once: true });
  });
}
