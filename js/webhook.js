// `parseWebhook(...)`: what ClickSend sends to a callback URL, as key/value pairs for the
// checks in wasm (clicksend_core::webhook).
import { parseWebhookPairs } from '../clicksend_wasm.js';
import { invalid, unreadable } from './error.js';

/**
 * Parses what ClickSend sends to a callback URL: delivery receipts (SMS, MMS, voice, fax) and
 * inbound SMS, as a form post, a query string (GET) or JSON. Takes a fetch/Workers `Request`
 * (its body is read once), `{contentType, body}` (body text or an already parsed object) or
 * `URLSearchParams`. Resolves with `{type, message_id, ...}`; rejects with INVALID_ARGUMENT.
 */
export async function parseWebhook(input) {
  let pairs;
  try {
    pairs = await readPairs(input);
  } catch (error) {
    // A body already read, a getter that throws, a value that cannot become a string.
    throw unreadable('parseWebhook', error);
  }
  return parseWebhookPairs(pairs);
}

/** The input's fields as key/value pairs. */
async function readPairs(input) {
  if (input instanceof URLSearchParams) return [...input];
  if (typeof Request !== 'undefined' && input instanceof Request) {
    if (input.method === 'GET' || input.method === 'HEAD') return [...new URL(input.url).searchParams];
    return bodyPairs(input.headers.get('content-type'), await input.text());
  }
  if (input && typeof input === 'object' && 'body' in input) return bodyPairs(input.contentType, input.body);
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
