// POST /send: one SMS for an authenticated caller, answered with the API's per-message result.
import { parsePhone } from 'clicksend-wasm';
import { clickSend } from './clicksend.js';
import { HttpError, json, readJson, requireBearer } from './http.js';

const MAX_BODY_BYTES = 16 * 1024;
const MAX_MESSAGE_CHARS = 1600; // ten parts or so; ClickSend's own limit is higher
// A sender is an alpha tag (at most 11 characters) or a number (a '+' and at most 15 digits).
const MAX_FROM_CHARS = 16;

/** The longest phone number, as written ("+61 (0)411 111 111" and the like), taken. */
export const MAX_NUMBER_CHARS = 32;

/** `{body, from?}` checked, or a 400 naming the field: what /send and /campaigns share. */
export function contentFrom({ body, from }) {
  if (typeof body !== 'string' || body.trim() === '') throw new HttpError(400, '`body` must be a non-empty string.');
  if (body.length > MAX_MESSAGE_CHARS) throw new HttpError(400, `\`body\` is over ${MAX_MESSAGE_CHARS} characters.`);
  if (from !== undefined && typeof from !== 'string') throw new HttpError(400, '`from` must be a string.');
  if (from !== undefined && from.length > MAX_FROM_CHARS)
    throw new HttpError(400, `\`from\` is over ${MAX_FROM_CHARS} characters: a sender is an alpha tag of up to 11 or a phone number.`);
  return { body, ...(from && { from }) };
}

/** `{to, body, from?}` checked and normalized (`to` in E.164), or a 400 naming the field. */
function messageFrom(input) {
  if (typeof input.to !== 'string' || input.to.length > MAX_NUMBER_CHARS) throw new HttpError(400, '`to` must be a phone number (string).');
  const content = contentFrom(input);
  let to;
  try {
    to = parsePhone(input.to);
  } catch (e) {
    throw new HttpError(400, `\`to\`: ${e.message}`);
  }
  return { to, ...content, source: 'clicksend-worker-example' };
}

export async function send(request, env) {
  await requireBearer(request, env);
  const message = messageFrom(await readJson(request, MAX_BODY_BYTES));
  const res = await clickSend(env).sms.send({ messages: [message] });
  return json(200, res.data.messages[0]);
}
