// `parseWebhook(...)`: what ClickSend sends to a callback URL, as key/value pairs for the
// checks in wasm (clicksend_core::webhook), after the caller's checks that it is genuine.
import { parseWebhookPairs } from '../clicksend_wasm.js';
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
 */
export async function parseWebhook(input, options) {
  const checks = readArgument('parseWebhook', () => readChecks(options));
  let read;
  try {
    read = await readPairs(input);
  } catch (error) {
    // A body already read, a getter that throws, a value that cannot become a string.
    throw unreadable('parseWebhook', error);
  }
  const pairs = checks ? verified(read, checks) : read.pairs;
  return parseWebhookPairs(pairs);
}

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

/** The pairs of a callback that passes the caller's checks (the token left out), or a FORBIDDEN_WEBHOOK error. */
function verified({ pairs, query, fromQuery }, { token, tokenParam, userId, subaccountId }) {
  const forbidden = (why) => new ClickSendError(`parseWebhook: ${why}`, { code: FORBIDDEN, status: 0 });
  let fields = pairs;
  if (token !== undefined) {
    const given = query?.getAll(tokenParam) ?? [];
    if (given.length !== 1 || !sameSecret(given[0], token)) throw forbidden(`the callback URL's \`${tokenParam}\` parameter is missing or wrong`);
    // A GET callback's fields are its query: the token is not one of them.
    if (fromQuery) fields = pairs.filter(([k]) => k !== tokenParam);
  }
  const field = (name) => fields.find(([k]) => k === name)?.[1];
  if (userId !== undefined && String(field('user_id')) !== userId) throw forbidden('the callback is for another user (`user_id`)');
  if (subaccountId !== undefined && String(field('subaccount_id')) !== subaccountId) throw forbidden('the callback is for another subaccount (`subaccount_id`)');
  return fields;
}

/** The input's fields as key/value pairs, and its URL's query (where the token is), if any. */
async function readPairs(input) {
  if (input instanceof URLSearchParams) return { pairs: [...input], query: input, fromQuery: true };
  if (typeof Request !== 'undefined' && input instanceof Request) {
    const query = new URL(input.url).searchParams;
    if (input.method === 'GET' || input.method === 'HEAD') return { pairs: [...query], query, fromQuery: true };
    return { pairs: bodyPairs(input.headers.get('content-type'), await input.text()), query };
  }
  if (input && typeof input === 'object' && 'body' in input) {
    const query = input.url === undefined ? null : new URL(input.url, 'http://x').searchParams;
    return { pairs: bodyPairs(input.contentType, input.body), query };
  }

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
