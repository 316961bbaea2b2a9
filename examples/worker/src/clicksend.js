// One ClickSend client per isolate, from the Worker's secrets.
import { ClickSend, ClickSendError } from 'clicksend-wasm';
import { HttpError } from './http.js';

let cached;

export function clickSend(env) {
  if (cached?.env === env) return cached.client;
  const options = env.MATON_API_KEY
    ? { apiKey: env.MATON_API_KEY, ...(env.MATON_CONNECTION && { connection: env.MATON_CONNECTION }) }
    : { username: env.CLICKSEND_USERNAME, apiKey: env.CLICKSEND_API_KEY };
  // CLICKSEND_BASE_URL points the Worker at a sandbox (the tests do).
  if (env.CLICKSEND_BASE_URL) options.baseUrl = env.CLICKSEND_BASE_URL;
  cached = { env, client: new ClickSend({ ...options, timeoutMs: 25_000 }) };
  return cached.client;
}

/** A ClickSendError as an HTTP answer for the Worker's caller; other errors pass through. */
export function asHttpError(e) {
  if (!(e instanceof ClickSendError)) return e;
  if (e.code === 'INVALID_ARGUMENT') return new HttpError(400, e.message);
  // The API's own verdict on the input (bad number, no credit) is the caller's to see...
  if (e.status === 400 || e.status === 402 || e.status === 404) return new HttpError(e.status, e.message);
  // ...but not how the Worker's own credentials fared.
  if (e.status === 401 || e.status === 403) return new HttpError(502, "ClickSend refused this service's credentials.");
  const error = new HttpError(e.code === 'TIMEOUT' ? 504 : 502, e.ambiguous ? `${e.message} The message may have been sent; do not resend blindly.` : e.message);
  error.ambiguous = e.ambiguous;
  return error;
}
