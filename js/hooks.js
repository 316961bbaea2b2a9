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
 * Spaces requests to `perSecond` on average with bursts of `burst` (a token bucket), in order.
 * A waiting request holds no slot: slots are handed out when they come due, to the first
 * request still waiting, so one that gives up (its timeout, its signal) leaves nothing
 * taken, and the next in line goes in its place.
 */
class Limiter {
  constructor(perSecond, burst) {
    this.interval = 1000 / perSecond;
    this.burst = burst;
    this.tokens = burst;
    this.stamp = now();
    this.queue = [];
    this.timer = undefined;
  }

  refill(at) {
    this.tokens = Math.min(this.burst, this.tokens + (at - this.stamp) / this.interval);
    this.stamp = at;
  }

  /** Takes a slot now (true), or false when the caller must wait in line (`acquire`). */
  take() {
    if (this.queue.length > 0) return false;
    this.refill(now());
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Waits for a slot in line; rejects (and leaves the line) when `signal` aborts. */
  acquire(signal) {
    return new Promise((resolve, reject) => {
      const waiter = { resolve, reject, signal, onAbort: undefined };
      if (signal?.aborted) return reject(signal.reason);
      waiter.onAbort = () => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        reject(signal.reason);
        if (this.queue.length === 0) this.stop();
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.queue.push(waiter);
      this.schedule();
    });
  }

  schedule() {
    if (this.timer !== undefined || this.queue.length === 0) return;
    this.refill(now());
    const ms = Math.max(0, (1 - this.tokens) * this.interval);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.refill(now());
      while (this.queue.length > 0 && this.tokens >= 1) {
        const waiter = this.queue.shift();
        this.tokens -= 1;
        waiter.signal?.removeEventListener('abort', waiter.onAbort);
        waiter.resolve();
      }
      this.schedule();
    }, ms);
  }

  stop() {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/**
 * How long a 429 without `Retry-After` holds every call of the client. No source shows
 * whether ClickSend's or Maton's 429 carries the header; Maton counts requests per second,
 * so a second is the shortest wait that is sure to reach a new window.
 */
export const DEFAULT_429_HOLD_MS = 1000;

/** What an attempt rejects with when the call stopped before its request left. */
class NotSent extends Error {
  constructor(reason) {
    super('clicksend-wasm: the call stopped before its request was sent');
    this.notSent = true;
    this.reason = reason;
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
    // Any hold a 429 put on every call of the client, then the client's rate limit. Awaited
    // only when there is a wait: an `await` of nothing costs every call a tick. A call that
    // stops while it waits was never sent (NotSent: not ambiguous, its slot not taken).
    try {
      const held = hooks.holdUntil - now();
      if (held > 0) await wait(held, signal);
      if (hooks.limiter && !hooks.limiter.take()) await hooks.limiter.acquire(signal);
    } catch (reason) {
      throw new NotSent(reason);
    }
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
  if (hooks && answer.status === 429) {
    const asked = answer.retryAfter === null ? Number.NaN : retryAfterMs(answer.retryAfter, ended);
    const ms = Math.min(Number.isFinite(asked) ? asked : DEFAULT_429_HOLD_MS, hooks.maxHoldMs);
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
