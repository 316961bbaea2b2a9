// One attempt of a call, for the wasm transport (src/transport.rs), and a client's state for it:
// the client's rate limit and any Retry-After hold, the client's `fetch` (the caller's, or the
// global one looked up at each attempt), the `request`/`response`/`error` events, the response
// read within limits (body.js), and the record that `withResponse()` reads. `hooks` is a
// client's state (`clientHooks`), or undefined when the wasm Client is used directly: then the
// global fetch and nothing else. No event or record ever holds a request header: credentials
// travel only in `init.headers`, which nothing here copies out.
import { readResponse } from './body.js';

/** The abort reasons of a call's controller: its `timeoutMs` ran out, or the caller's signal fired. */
const TIMEOUT_REASON = 'clicksend-wasm: timeoutMs';
const CALLER_REASON = "clicksend-wasm: caller's signal";
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

/** Whether anything listens to `type`: events are only built for handlers that exist. */
const listened = (hooks, type) => hooks != null && hooks.handlers[type].size > 0;

/** Calls each handler of `type`; a handler's exception or rejection never reaches the call. */
function emit(hooks, type, event) {
  for (const handler of hooks.handlers[type]) {
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

/**
 * A call's deadline (src/transport.rs holds it for the whole call, retries included): a
 * controller whose signal every attempt is sent with, aborted when `ms` run out or when the
 * caller's signal aborts. Made here, in one call from wasm, rather than piece by piece across
 * the boundary. `release` clears the timer and the listener, so nothing outlives the call.
 */
export function deadline(ms, caller) {
  const controller = new AbortController();
  const d = { signal: controller.signal, timer: setTimeout(() => controller.abort(TIMEOUT_REASON), ms), caller, onAbort: undefined };
  if (caller !== undefined) {
    d.onAbort = () => controller.abort(CALLER_REASON);
    // Cannot fail for an AbortSignal; if it did, the timeout still bounds the call.
    try {
      caller.addEventListener('abort', d.onAbort);
    } catch {}
  }
  return d;
}

/** Why a deadline's controller was aborted: 0 it was not, 1 `timeoutMs` ran out, 2 the caller's signal. */
export function stopped(d) {
  if (!d.signal.aborted) return 0;
  return d.signal.reason === TIMEOUT_REASON ? 1 : 2;
}

export function release(d) {
  clearTimeout(d.timer);
  try {
    d.caller?.removeEventListener('abort', d.onAbort);
  } catch {}
}

/** Waits `ms` before a retry: true after the wait, false if the deadline stopped the call first. */
export function pause(d, ms) {
  return wait(ms, d.signal).then(
    () => true,
    () => false,
  );
}

/**
 * What src/transport.rs calls for each attempt: resolves with `{status, text, complete,
 * retryAfter}`. `headers` is a frozen object the client shares between calls; `body` a string
 * or undefined (then the init has no `body`).
 */
export async function attempt(hooks, call, url, method, headers, body, d) {
  const signal = d.signal;
  const init = body === undefined ? { method, headers, signal } : { method, headers, body, signal };
  if (hooks) {
    // The client's rate limit, then any hold a 429 put on every call of the client.
    // Awaited only when there is a wait: an `await` of nothing costs every call a tick.
    const limited = hooks.limiter ? hooks.limiter.reserve(now()) : 0;
    if (limited > 0) await wait(limited, signal);
    const held = hooks.holdUntil - now();
    if (held > 0) await wait(held, signal);
  }
  const n = call ? ++call.attempts : 1;
  const about = () => ({ area: call?.area ?? null, name: call?.name ?? null });
  if (listened(hooks, 'request')) emit(hooks, 'request', { ...about(), method: init.method, url, attempt: n });
  const started = now();
  let response;
  let answer;
  try {
    response = await (hooks?.fetch ?? globalThis.fetch)(url, init);
    answer = await readResponse(response);
  } catch (error) {
    const code = signal?.aborted ? (signal.reason === TIMEOUT_REASON ? 'TIMEOUT' : 'ABORTED') : 'NETWORK_ERROR';
    if (listened(hooks, 'error')) emit(hooks, 'error', { ...about(), attempt: n, code, status: 0 });
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
  if (listened(hooks, 'response')) {
    const headers = Object.fromEntries(response.headers);
    emit(hooks, 'response', { ...about(), method: init.method, url, attempt: n, status: answer.status, durationMs: ended - started, headers });
  }
  return answer;
}

/** What src/transport.rs calls before waiting to retry: the `retry` event. */
export function retrying(hooks, call, attemptNumber, delayMs, reason) {
  if (listened(hooks, 'retry')) emit(hooks, 'retry', { area: call?.area ?? null, name: call?.name ?? null, attempt: attemptNumber, delayMs, reason });
}
