// Small HTTP helpers: JSON answers, bodies read with a size limit, constant-time tokens.

export class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export const json = (status, value) => Response.json(value, { status, headers: { 'cache-control': 'no-store' } });

/**
 * The request body as text, refusing more than `limit` bytes without reading further (a
 * Content-Length over the limit is refused before any of it is read).
 */
export async function readText(request, limit) {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit) throw new HttpError(413, `The body is over the ${limit}-byte limit.`);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new HttpError(413, `The body is over the ${limit}-byte limit.`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, 'The body is not UTF-8 text.');
  }
}

/** The body as a JSON object, or a 400 that says what is wrong. */
export async function readJson(request, limit) {
  if (!/^application\/json\b/i.test(request.headers.get('content-type') ?? '')) {
    throw new HttpError(415, 'Send JSON with Content-Type: application/json.');
  }
  let value;
  try {
    value = JSON.parse(await readText(request, limit));
  } catch (e) {
    if (e instanceof HttpError) throw e;
    throw new HttpError(400, 'The body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HttpError(400, 'The body must be a JSON object.');
  return value;
}

/**
 * Whether `given` equals the secret `expected`, in time that depends on neither: both are
 * hashed first, so even their lengths are compared in constant time. No secret, no entry.
 */
export async function sameSecret(given, expected) {
  if (typeof expected !== 'string' || expected.length === 0 || typeof given !== 'string') return false;
  const encode = (s) => crypto.subtle.digest('SHA-256', new TextEncoder().encode(s));
  const [a, b] = await Promise.all([encode(given), encode(expected)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

/** Refuses the request unless it carries `Authorization: Bearer <API_TOKEN>`. */
export async function requireBearer(request, env) {
  const header = request.headers.get('authorization') ?? '';
  const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
  if (!(await sameSecret(token, env.API_TOKEN))) throw new HttpError(401, 'A valid bearer token is required.');
}
