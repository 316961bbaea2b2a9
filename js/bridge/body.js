// Reading a fetch Response for the wasm side (src/transport.rs), within limits, so that no
// answer can exhaust memory: a success body of at most MAX_BODY_BYTES (JSON.parse needs it
// whole), and an error body only to its first MAX_ERROR_BODY_BYTES (enough for ClickSend's
// error envelope; a longer body, such as a proxy's page, is only quoted). It runs in JS, where
// reading a stream is natural and the text never has to enter wasm memory. Any throw (an
// object that is not a Response, a stream that breaks) rejects the returned promise.

/** The largest success body the client reads: 16 MB. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** How much of an error body the client reads: 64 KB. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

/**
 * `{status, text, complete, retryAfter}`; `complete` is false when the body was longer than its
 * limit. Not an `async` function: each layer of `async` costs every call extra promise ticks,
 * and a throw here is caught by the caller's `try` all the same.
 */
export function readResponse(response) {
  const status = response.status;
  if (!Number.isInteger(status) || status < 100 || status > 599) throw new TypeError('fetch resolved with something that is not a Response');
  const success = status >= 200 && status < 300;
  // Only a failure's Retry-After matters (a 429 or 503 says when to try again).
  const retryAfter = success ? null : header(response, 'retry-after');
  const limit = success ? MAX_BODY_BYTES : MAX_ERROR_BODY_BYTES;
  const declared = header(response, 'content-length');
  // The common case: a length within the limit (fetch holds the body to it), or no stream.
  if ((declared !== null && /^\d+$/.test(declared) && Number(declared) <= limit) || !response.body) {
    return response.text().then((text) => ({ status, text, complete: true, retryAfter }));
  }
  return readStream(response.body, limit).then(({ text, complete }) => ({ status, text, complete, retryAfter }));
}

/**
 * A header of a Response, or of a look-alike a custom fetch returned (headers as a `Map` or a
 * plain object); null when there is none.
 */
function header(response, name) {
  const headers = response.headers;
  if (typeof headers?.get === 'function') return headers.get(name) ?? null;
  if (headers !== null && typeof headers === 'object') {
    const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
    return key === undefined ? null : String(headers[key]);
  }
  return null;
}

/** The body read chunk by chunk, stopping at `limit` bytes. */
async function readStream(body, limit) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: text + decoder.decode(), complete: true };
    const room = limit - size;
    size += value.byteLength;
    if (size > limit) {
      text += decoder.decode(value.subarray(0, room));
      reader.cancel().catch(() => {});
      return { text, complete: false };
    }
    text += decoder.decode(value, { stream: true });
  }
}
