// `sendBulk(...)`: any number of messages, in calls of at most 1000, none sent twice; and
// `priceBulk(...)`: what sending them would cost, quoted in the same calls and summed.
import { maxMessages } from '../../clicksend_wasm.js';
import { ClickSendError, invalid, readArgument } from './error.js';
import { callOptionNames, callOptions } from './pagination.js';

/** ClickSend takes at most this many messages per call (the wasm side's rule, read once). */
let maxBatch;
const batchSize = () => (maxBatch ??= maxMessages());

/**
 * `sendBulk(messages, {concurrency, onProgress, customStrings, ...callOptions})`: sends any number of messages in
 * calls of at most 1000, with at most `concurrency` (default 2) in flight, and resolves with
 * one result per message, in input order:
 * - `{ok: true, message}`: ClickSend took it (`status` SUCCESS; `message` is its record);
 * - `{ok: false, ambiguous: false, error, message, input}`: ClickSend refused it inside a
 *   `200 SUCCESS` answer (`error.code` is its status, e.g. INVALID_RECIPIENT; `message` the record);
 * - `{ok: false, ambiguous, error, input, startedAt, endedAt}`: its batch failed (`ambiguous`:
 *   it may have gone out anyway; `reconcile` takes these), or the answer did not account for it.
 * A failed batch is never retried here (the transport retries only what is safe), so no message
 * is sent twice. Every batch is checked before the first is sent. `customStrings: true` gives
 * every message without a `custom_string` a unique one (on a copy), so results and
 * reconciliation match exactly.
 */
export async function sendBulk(client, index, messages, options = {}, record = () => undefined) {
  const { concurrency, onProgress, total, batches, prepared, inputs } = readArgument('sendBulk', () => prepare('sendBulk', client, index, messages, options));
  const results = new Array(total);
  let next = 0;
  const counts = { sent: 0, refused: 0, failed: 0, total };
  const worker = async () => {
    while (next < batches.length) {
      const i = next++;
      const start = batches[i];
      const batch = inputs.slice(start, start + batchSize());
      const startedAt = Date.now();
      let outcomes;
      try {
        const answer = await client.sendPrepared(prepared[i], record());
        outcomes = judge(batch, answer?.data?.messages, start, startedAt, Date.now());
      } catch (error) {
        const timing = { startedAt: error.startedAt ?? startedAt, endedAt: error.endedAt ?? Date.now() };
        outcomes = batch.map((input) => ({ ok: false, ambiguous: error.ambiguous === true, error, input, ...timing }));
      }
      for (const [k, r] of outcomes.entries()) {
        results[start + k] = r;
        if (r.ok) counts.sent++;
        else if (r.message !== undefined) counts.refused++;
        else counts.failed++;
      }
      onProgress?.({ ...counts });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
  return results;
}

/**
 * `priceBulk(messages, {concurrency, ...callOptions})`: what sending any number of messages
 * would cost, quoted in calls of at most 1000 (at most `concurrency`, default 2, at once), as
 * one quote of the shape a single call answers: `total_price` summed exactly (in millionths),
 * `total_count`, `queued_count` and `blocked_count` summed, every message's record in input
 * order, and the first answer's other fields (`_currency`). A quote is safe to repeat, so the
 * transport retries it as any quote; a call that still fails rejects the whole: part of a
 * quote is not a quote.
 */
export async function priceBulk(client, index, messages, options = {}, record = () => undefined) {
  const { concurrency, batches, prepared } = readArgument('priceBulk', () => prepare('priceBulk', client, index, messages, options));
  const quotes = new Array(batches.length);
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const i = next++;
      quotes[i] = (await client.sendPrepared(prepared[i], record()))?.data;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
  return sumQuotes(quotes);
}

/** The counts a quote sums; `total_price` is summed apart, exactly. */
const COUNTS = ['total_count', 'queued_count', 'blocked_count'];

function sumQuotes(quotes) {
  // The first answer's other fields; its counts are summed below with the others'.
  const sum = { ...quotes[0], total_price: 0, total_count: 0, queued_count: 0, messages: [] };
  if ('blocked_count' in sum) sum.blocked_count = 0;
  let millionths = 0;
  for (const quote of quotes) {
    const price = Number(quote?.total_price);
    if (!Number.isFinite(price)) throw new ClickSendError('priceBulk: a quote answered without a total_price', { code: 'INVALID_RESPONSE', status: 200 });
    millionths += Math.round(price * 1e6);
    for (const key of COUNTS) if (typeof quote[key] === 'number') sum[key] = (sum[key] ?? 0) + quote[key];
    if (Array.isArray(quote.messages)) sum.messages.push(...quote.messages);
  }
  sum.total_price = millionths / 1e6;
  return sum;
}

/**
 * ClickSend's per-message statuses that say "try again later" (the legacy docs' codes:
 * THROTTLED is "identical message body recently sent to the same recipient. Please try
 * again in a few seconds"). Every other status but SUCCESS is a refusal a resend cannot fix.
 */
const LATER = new Set(['THROTTLED']);
const PLAIN_CODE = /^[A-Z0-9_]{1,64}$/;

/** `custom_string` as ClickSend keeps it (text), or '' when there is none. */
function customString(m) {
  const v = m !== null && typeof m === 'object' ? m.custom_string : undefined;
  return v === undefined || v === null ? '' : String(v);
}

/**
 * Each message's outcome from the answer's records: matched by `custom_string` where the
 * message has one, else by position (ClickSend answers in order) when the answer has one
 * record per message. A message the answer does not account for is flagged, never assumed.
 */
function judge(batch, records, start, startedAt, endedAt) {
  const out = Array.isArray(records) ? records : [];
  const byCustom = new Map();
  out.forEach((r, j) => {
    const cs = customString(r);
    if (cs) byCustom.set(cs, [...(byCustom.get(cs) ?? []), j]);
  });
  const used = new Set();
  return batch.map((input, k) => {
    const cs = customString(input);
    const j = cs ? byCustom.get(cs)?.find((x) => !used.has(x)) : out.length === batch.length && !customString(out[k]) ? k : undefined;
    const record = out[j];
    // No record, or one without a status: what happened to the message is not said.
    if (j === undefined || record === null || typeof record !== 'object' || typeof record.status !== 'string') {
      return { ok: false, ambiguous: true, error: missing(start + k), input, startedAt, endedAt };
    }
    used.add(j);
    return outcome(record, input, start + k);
  });
}

function outcome(message, input, i) {
  const status = message.status;
  if (status === 'SUCCESS') return { ok: true, message };
  const code = PLAIN_CODE.test(status) ? status : 'UNKNOWN_ERROR';
  const error = new ClickSendError(`sendBulk: ClickSend refused messages[${i}] inside its 200 answer: ${code}`, { code, status: 200, retryable: LATER.has(code) });
  return { ok: false, ambiguous: false, error, message, input };
}

/** What to use for messages to a list instead. */
const LIST_HINT = { sendBulk: 'send list messages with send(), one result per contact', priceBulk: 'quote list messages with price()' };

/** The options of each bulk helper, besides every call's. */
const OWN_OPTIONS = { sendBulk: ['concurrency', 'onProgress', 'customStrings'], priceBulk: ['concurrency'] };

/**
 * Reads the options of `what` (sendBulk or priceBulk), then checks and encodes every batch
 * before the first is sent, so what goes out is exactly what was checked. Throws
 * INVALID_ARGUMENT for any problem.
 */
function prepare(what, client, index, messages, options) {
  const { concurrency = 2, onProgress, customStrings = false, ...rest } = options ?? {};
  const own = OWN_OPTIONS[what];
  const unknown = Object.keys(options ?? {}).find((k) => !own.includes(k) && !callOptionNames().includes(k));
  if (unknown) throw invalid(`${what}: unknown option \`${unknown}\` (known: ${[...own, ...callOptionNames()].join(', ')})`);
  if (typeof customStrings !== 'boolean') throw invalid(`${what}: \`customStrings\` must be true or false`);
  const { signal } = rest;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw invalid(`${what}: \`concurrency\` must be a positive whole number`);
  if (onProgress !== undefined && typeof onProgress !== 'function') throw invalid(`${what}: \`onProgress\` must be a function`);
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw invalid(`${what}: \`signal\` must be an AbortSignal`);
  if (!Array.isArray(messages)) throw invalid(`${what}: \`messages\` must be an array`);
  const inputs = customStrings ? messages.map(withCustomString) : messages;
  const perCall = callOptions(rest); // each batch's call takes them (and checks them now)
  const total = messages.length;
  const batches = [];
  for (let start = 0; start < total; start += batchSize()) batches.push(start);
  const prepared = batches.map((start) => {
    const batch = inputs.slice(start, start + batchSize());
    const listSend = batch.findIndex((m) => m?.list_id != null);
    if (listSend >= 0) throw invalid(`${what}: messages[${start + listSend}] has a list_id; ${LIST_HINT[what]}`);
    try {
      return client.prepareCall(index, [{ messages: batch }, perCall]);
    } catch (error) {
      throw invalid(`${what}: in messages ${start} to ${start + batch.length - 1}: ${error.message}`);
    }
  });
  return { concurrency, onProgress, total, batches, prepared, inputs };
}

let issued = 0;
/**
 * A copy of the message with a unique `custom_string` if it had none: the time, a counter and
 * random digits (not crypto.randomUUID, which Node 18 and non-secure pages lack).
 */
function withCustomString(m) {
  // Any custom_string the caller set (a number too) is theirs: left as it is.
  if (m === null || typeof m !== 'object' || customString(m) !== '') return m;
  issued += 1;
  return { ...m, custom_string: `cw-${Date.now().toString(36)}-${issued.toString(36)}-${Math.random().toString(36).slice(2, 10)}` };
}

function missing(i) {
  const why = `sendBulk: the answer does not account for messages[${i}] (no record with its custom_string, or not one record per message); it may have gone out: reconcile it`;
  return new ClickSendError(why, { code: 'INVALID_RESPONSE', status: 200, ambiguous: true });
}
