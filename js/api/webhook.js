// `parseWebhook(...)`: what ClickSend sends to a callback URL, as key/value pairs for the
// checks in wasm (clicksend_core::webhook), after the caller's checks that it is genuine.
import { parseWebhookPairs } from '../../clicksend_wasm.js';
import { ClickSendError, invalid, readArgument, unreadable } from './error.js';

/** The code of a callback that fails one of the caller's checks (token, user, subaccount). */
export const FORBIDDEN = 'FORBIDDEN_WEBHOOK';

/**
 * Parses what ClickSend sends to a callback URL: delivery receipts (SMS, MMS, voice, fax) and
 * inbound SMS, as a form post, a query string (GET) or JSON. Takes a fetch/Workers `Request`
 * (its body is read once), `{contentType, body, url?}` (body text or an already parsed object)
 * or `URLSearchParams`. Resolves with `{type, message_id, ...}`; rejects with INVALID_ARGUMENT.
 *
 * ClickSend does not sign its callbacks, so `options` can say what makes one genuine:
 * `token` (the value the callback URL you gave ClickSend carries in its `tokenParam` query
 * parameter, `token` by default; compared in constant time, and left out of the result),
 * `userId` and `subaccountId` (the callback's `user_id` and `subaccount_id` must match). A
 * callback that fails one rejects with FORBIDDEN_WEBHOOK, saying which, never the value.
 * The token is checked before the body is read, and a body is read to MAX_WEBHOOK_BYTES at
 * most (WEBHOOK_TOO_LARGE, `status` 413, beyond).
 */
export async function parseWebhook(input, options) {
  const checks = readArgument('parseWebhook', () => readChecks(options));
  let source;
  try {
    source = sourceOf(input);
  } catch (error) {
    throw unreadable('parseWebhook', error);
  }
  // The token first, before a byte of the body is read: a forged callback costs nothing.
  if (checks?.token !== undefined) checkToken(source.query, checks);
  let pairs;
  try {
    pairs = await source.pairs();
  } catch (error) {
    // A body already read, too large, a getter that throws, a value that cannot become a string.
    throw unreadable('parseWebhook', error);
  }
  // A GET callback's fields are its query: the token is not one of them.
  if (checks?.token !== undefined && source.fromQuery) pairs = pairs.filter(([k]) => k !== checks.tokenParam);
  if (checks) checkOwner(pairs, checks);
  return parseWebhookPairs(pairs);
}

/**
 * The largest callback body read: 64 KB. ClickSend's receipts and inbound messages are a few
 * hundred bytes (an inbound SMS body at most a few KB); a larger body is refused with
 * WEBHOOK_TOO_LARGE before more of it is read (a server answers it 413).
 */
export const MAX_WEBHOOK_BYTES = 64 * 1024;
/** The code of a callback refused for its size. */
export const TOO_LARGE = 'WEBHOOK_TOO_LARGE';

function readChecks(options) {
  if (options === undefined) return undefined;
  if (options === null || typeof options !== 'object') throw invalid('parseWebhook: the options must be an object {token, tokenParam, userId, subaccountId}');
  const { token, tokenParam = 'token', userId, subaccountId, ...rest } = options;
  if (Object.keys(rest).length) throw invalid(`parseWebhook: unknown option \`${Object.keys(rest)[0]}\` (known: token, tokenParam, userId, subaccountId)`);
  const text = (name, v) => {
    if (v !== undefined && (typeof v !== 'string' || v === '')) throw invalid(`parseWebhook: \`${name}\` must be a non-empty string`);
    return v;
  };
  return { token: text('token', token), tokenParam: text('tokenParam', tokenParam), userId: text('userId', userId), subaccountId: text('subaccountId', subaccountId) };
}

/** Whether two strings are equal, in time that depends on their lengths only. */
function sameSecret(given, expected) {
  let diff = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) diff |= (given.charCodeAt(i) || 0) ^ expected.charCodeAt(i);
  return diff === 0;
}

const forbidden = (why) => new ClickSendError(`parseWebhook: ${why}`, { code: FORBIDDEN, status: 0 });

/** The callback URL's token, or a FORBIDDEN_WEBHOOK error. */
function checkToken(query, { token, tokenParam }) {
  const given = query?.getAll(tokenParam) ?? [];
  if (given.length !== 1 || !sameSecret(given[0], token)) throw forbidden(`the callback URL's \`${tokenParam}\` parameter is missing or wrong`);
}

/** The callback's `user_id` and `subaccount_id`, or a FORBIDDEN_WEBHOOK error. */
function checkOwner(fields, { userId, subaccountId }) {
  const field = (name) => fields.find(([k]) => k === name)?.[1];
  if (userId !== undefined && String(field('user_id')) !== userId) throw forbidden('the callback is for another user (`user_id`)');
  if (subaccountId !== undefined && String(field('subaccount_id')) !== subaccountId) throw forbidden('the callback is for another subaccount (`subaccount_id`)');
}

/**
 * The input as `{query, fromQuery, pairs}`: its URL's query (where the token is), whether its
 * fields are that query (a GET), and `pairs()`, which reads its fields (a body within
 * MAX_WEBHOOK_BYTES) only when called.
 */
function sourceOf(input) {
  if (input instanceof URLSearchParams) return { query: input, fromQuery: true, pairs: async () => [...input] };
  if (typeof Request !== 'undefined' && input instanceof Request) {
    const query = new URL(input.url).searchParams;
    if (input.method === 'GET' || input.method === 'HEAD') return { query, fromQuery: true, pairs: async () => [...query] };
    if (input.method !== 'POST') throw invalid(`parseWebhook: ClickSend calls back with POST or GET, not ${input.method}`);
    const contentType = input.headers.get('content-type') ?? '';
    // A form, JSON, or plain text read as a form (what a Request made from a string body says).
    if (!/^\s*(application\/x-www-form-urlencoded|application\/json|text\/plain)\b/i.test(contentType) && contentType !== '') {
      throw invalid(`parseWebhook: ClickSend posts a form or JSON, not ${JSON.stringify(contentType.slice(0, 60))}`);
    }
    return { query, fromQuery: false, pairs: async () => bodyPairs(contentType, await boundedText(input)) };
  }
  if (input && typeof input === 'object' && 'body' in input) {
    const query = input.url === undefined ? null : new URL(input.url, 'http://x').searchParams;
    const { contentType, body } = input;
    return {
      query,
      fromQuery: false,
      pairs: async () => {
        if (typeof body === 'string' && body.length > MAX_WEBHOOK_BYTES) throw tooLarge();
        return bodyPairs(contentType, body);
      },
    };
  }
  throw invalid('parseWebhook: give a Request, {contentType, body} or URLSearchParams');
}

function tooLarge() {
  return new ClickSendError(`parseWebhook: the callback's body is over ${MAX_WEBHOOK_BYTES} bytes, far more than ClickSend sends; not read further`, {
    code: TOO_LARGE,
    status: 413,
  });
}

/** A Request's body as text, read chunk by chunk and refused past MAX_WEBHOOK_BYTES. */
async function boundedText(request) {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > MAX_WEBHOOK_BYTES) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (bytes, stream) => {
    try {
      return decoder.decode(bytes, { stream });
    } catch {
      reader.cancel().catch(() => {});
      throw invalid('parseWebhook: the body is not UTF-8 text');
    }
  };
  let text = '';
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decode(undefined, false);
    size += value.byteLength;
    if (size > MAX_WEBHOOK_BYTES) {
      reader.cancel().catch(() => {});
      throw tooLarge();
    }
    text += decode(value, true);
  }
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
