// `sendBulk(...)`: any number of messages, in calls of at most 1000, none sent twice.
import { ClickSendError, invalid, readArgument } from './error.js';
import { CALL_OPTIONS, callOptions } from './pagination.js';

/** The areas whose `send` takes `{messages}` and so also has `sendBulk`. */
export const BULK_AREAS = new Set(['sms', 'mms', 'voice']);
/** ClickSend takes at most this many messages per call. */
const BATCH = 1000;

/**
 * `sendBulk(messages, {concurrency, onProgress, customStrings, ...callOptions})`: sends any number of messages in
 * calls of at most 1000, with at most `concurrency` (default 2) in flight, and resolves with
 * one result per message, in input order: `{ok: true, message}` (the API's per-message
 * result) or `{ok: false, ambiguous, error}` (the error of its batch; `ambiguous`: the batch
 * may have been sent anyway; `input`: the message as it was sent, for `reconcile`). A failed
 * batch is never retried here (the transport retries only what is safe), so no message is
 * sent twice. Every batch is checked before the first is sent. `customStrings: true` gives every
 * message without a `custom_string` a unique one (on a copy), so reconciliation matches exactly.
 */
export async function sendBulk(client, index, messages, options = {}, record = () => undefined) {
  const { concurrency, onProgress, total, batches, prepared, inputs } = readArgument('sendBulk', () => prepare(client, index, messages, options));
  const results = new Array(total);
  let next = 0;
  let sent = 0;
  let failed = 0;
  const worker = async () => {
    while (next < batches.length) {
      const i = next++;
      const start = batches[i];
      const count = Math.min(BATCH, total - start);
      try {
        const answer = await client.sendPrepared(prepared[i], record());
        const out = answer?.data?.messages ?? [];
        for (let k = 0; k < count; k++) {
          results[start + k] = out[k] ? { ok: true, message: out[k] } : { ok: false, ambiguous: true, error: missing(start + k), input: inputs[start + k] };
        }
        sent += count;
      } catch (error) {
        for (let k = 0; k < count; k++) results[start + k] = { ok: false, ambiguous: error.ambiguous === true, error, input: inputs[start + k] };
        failed += count;
      }
      onProgress?.({ sent, failed, total });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
  return results;
}

/**
 * Reads the options, then checks and encodes every batch before the first is sent, so what
 * goes out is exactly what was checked. Throws INVALID_ARGUMENT for any problem.
 */
function prepare(client, index, messages, options) {
  const { concurrency = 2, onProgress, customStrings = false, ...rest } = options ?? {};
  const unknown = Object.keys(rest).find((k) => !CALL_OPTIONS.includes(k));
  if (unknown) throw invalid(`sendBulk: unknown option \`${unknown}\` (known: concurrency, onProgress, customStrings, ${CALL_OPTIONS.join(', ')})`);
  if (typeof customStrings !== 'boolean') throw invalid('sendBulk: `customStrings` must be true or false');
  const { signal } = rest;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw invalid('sendBulk: `concurrency` must be a positive whole number');
  if (onProgress !== undefined && typeof onProgress !== 'function') throw invalid('sendBulk: `onProgress` must be a function');
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw invalid('sendBulk: `signal` must be an AbortSignal');
  if (!Array.isArray(messages)) throw invalid('sendBulk: `messages` must be an array');
  const inputs = customStrings ? messages.map(withCustomString) : messages;
  const perCall = callOptions(rest); // each batch's call takes them (and checks them now)
  const total = messages.length;
  const batches = [];
  for (let start = 0; start < total; start += BATCH) batches.push(start);
  const prepared = batches.map((start) => {
    const batch = inputs.slice(start, start + BATCH);
    const listSend = batch.findIndex((m) => m?.list_id != null);
    if (listSend >= 0) throw invalid(`sendBulk: messages[${start + listSend}] has a list_id; send list messages with send(), one result per contact`);
    try {
      return client.prepareCall(index, [{ messages: batch }, perCall]);
    } catch (error) {
      throw invalid(`sendBulk: in messages ${start} to ${start + batch.length - 1}: ${error.message}`);
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
  if (m === null || typeof m !== 'object' || (typeof m.custom_string === 'string' && m.custom_string !== '')) return m;
  issued += 1;
  return { ...m, custom_string: `cw-${Date.now().toString(36)}-${issued.toString(36)}-${Math.random().toString(36).slice(2, 10)}` };
}

function missing(i) {
  return new ClickSendError(`sendBulk: the answer has no result for messages[${i}]`, { code: 'INVALID_RESPONSE', status: 200, ambiguous: true });
}
