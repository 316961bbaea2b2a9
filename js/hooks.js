// One attempt of a call, for the wasm transport (src/transport.rs), and a client's state for it:
// the client's rate limit and any Retry-After hold, the client's `fetch` (the caller's, or the
// global one looked up at each attempt), the `request`/`response`/`error` events, the response
// read within limits (body.js), and the record that `withResponse()` reads. `hooks` is a
// client's state (`clientHooks`), or undefined when the wasm Client is used directly: then the
// global fetch and nothing else. No event or record ever holds a request header: credentials
// travel only in `init.headers`, which nothing here copies out.
import { readResponse } from './body.js';

/** The abort reason src/transport.rs gives its controller when `timeoutMs` runs out. */
const TIMEOUT_REASON = 'clicksend-wasm: timeoutMs';
/** The events `client.on` takes. */
export const EVENTS = ['request', 'response', 'retry', 'error'];

const now = () => Date.now();

/** A client's state: its fetch, its limiter, the Retry-After hold and its event handlers. */
export function clientHooks({ fetch, rateLimit, userAgent, maxHoldMs }) {
  return {
    fetch,
    limiter: rateLimit && new Limiter(rateLimit.perSecond, rateLimit.burst ?? rateLimit.perSecond),
    holdUntil: 0,
    maxHoldMs,
    userAgent,
    handlers: Object.fromEntries(EVENTS.map((e) => [e, new Set()])),
  };
}

/** A call's record: what its events name and what `withResponse()` resolves with. */
export function callRecord(area, name) {
  return { area, name, attempts: 0, started: now(), ended: 0, response: undefined };
}

/**
 * Spaces requests to `perSecond` on average with bursts of `burst` (the generic cell rate
 * algorithm): each request reserves the next slot, so waiting requests go out in order.
 */
class Limiter {
  constructor(perSecond, burst) {
    this.interval = 1000 / perSecond;
    this.burst = burst;
    this.tat = 0; // the theoretical arrival time of the next request
  }

  /** Reserves a slot; how long to wait for it, in milliseconds. */
  reserve(at) {
    const tat = Math.max(this.tat, at);
    this.tat = tat + this.interval;
    return Math.max(0, tat - (this.burst - 1) * this.interval - at);
  }
}

/** Waits `ms` (more than 0), cut short (rejecting) when `signal` aborts. */
function wait(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Calls each handler of `type`; a handler's exception or rejection never reaches the call. */
function emit(hooks, type, event) {
  const handlers = hooks?.handlers[type];
  if (!handlers?.size) return;
  for (const handler of handlers) {
    try {
      const result = handler(event);
      if (typeof result?.then === 'function') result.then(undefined, () => {});
    } catch {
      // A handler's mistake is not the call's.
    }
  }
}

/** Seconds or an HTTP date, as milliseconds from now; NaN when it is neither. */
function retryAfterMs(value, at) {
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  return Date.parse(value) - at;
}

/** What src/transport.rs calls for each attempt: resolves with `{status, text, complete, retryAfter}`. */
export async function attempt(hooks, call, url, init) {
  const signal = init.signal;
  if (hooks) {
    // The client's rate limit, then any hold a 429 put on every call of the client.
    // Awaited only when there is a wait: an `await` of nothing costs every call a tick.
    const limited = hooks.limiter ? hooks.limiter.reserve(now()) : 0;
    if (limited > 0) await wait(limited, signal);
    const held = hooks.holdUntil - now();
    if (held > 0) await wait(held, signal);
  }
  const n = call ? ++call.attempts : 1;
  const about = { area: call?.area ?? null, name: call?.name ?? null };
  emit(hooks, 'request', { ...about, method: init.method, url, attempt: n });
  const started = now();
  let response;
  let answer;
  try {
    response = await (hooks?.fetch ?? globalThis.fetch)(url, init);
    answer = await readResponse(response);
  } catch (error) {
    const code = signal?.aborted ? (signal.reason === TIMEOUT_REASON ? 'TIMEOUT' : 'ABORTED') : 'NETWORK_ERROR';
    emit(hooks, 'error', { ...about, attempt: n, code, status: 0 });
    throw error;
  }
  const ended = now();
  if (hooks && answer.status === 429 && answer.retryAfter !== null) {
    const ms = Math.min(retryAfterMs(answer.retryAfter, ended), hooks.maxHoldMs);
    if (ms > 0) hooks.holdUntil = Math.max(hooks.holdUntil, ended + ms);
  }
  if (call) {
    call.ended = ended;
    call.response = { status: answer.status, headers: response.headers, url };
  }
  if (hooks?.handlers.response.size) {
    const headers = Object.fromEntries(response.headers);
    emit(hooks, 'response', { ...about, method: init.method, url, attempt: n, status: answer.status, durationMs: ended - started, headers });
  }
  return answer;
}

/** What src/transport.rs calls before waiting to retry: the `retry` event. */
export function retrying(hooks, call, attemptNumber, delayMs, reason) {
  emit(hooks, 'retry', { area: call?.area ?? null, name: call?.name ?? null, attempt: attemptNumber, delayMs, reason });
}
