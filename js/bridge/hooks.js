// One attempt of a call, for the wasm transport (src/transport.rs), and a client's state for it:
// the client's rate limit and any Retry-After hold, the client's `fetch` (the caller's, or the
// global one looked up at each attempt), the `request`/`response`/`error` events, the response
// read within limits (body.js), and the record that `withResponse()` reads. `hooks` is a
// client's state (`clientHooks`), or undefined when the wasm Client is used directly: then the
// global fetch and nothing else. No event or record ever holds a request header: credentials
// travel only in `init.headers`, which nothing here copies out.
import { invalid } from '../api/error.js';
import { readResponse } from './body.js';

/** The abort reasons of a call's controller: its `timeoutMs` ran out, or the caller's signal fired. */
const TIMEOUT_REASON = 'clicksend-wasm: timeoutMs';
const CALLER_REASON = "clicksend-wasm: caller's signal";
/** The events `client.on` takes. */
export const EVENTS = ['request', 'response', 'retry', 'error'];

/** Refuses an unknown event or a handler that is not a function: `on()` of the client and of the lazy entry. */
export function checkListener(event, handler) {
  if (!EVENTS.includes(event)) throw invalid(`on(): unknown event \`${String(event)}\` (known: ${EVENTS.join(', ')})`);
  if (typeof handler !== 'function') throw invalid('on(): the handler must be a function');
}

const now = () => Date.now();

/** A client's state: its fetch, its limiter, the Retry-After hold and its event handlers. */
export function clientHooks({ fetch, rateLimit, userAgent }) {
  return {
    fetch,
    limiter: rateLimit && (rateLimit.gateway ? new GatewayLimiter(rateLimit.gateway, 1000) : new Limiter(rateLimit.perSecond, rateLimit.burst ?? rateLimit.perSecond)),
    holdUntil: 0,
    userAgent,
    handlers: Object.fromEntries(EVENTS.map((e) => [e, new Set()])),
  };
}

/** A call's record: what its events name and what `withResponse()` resolves with. */
export function callRecord(area, name) {
  return { area, name, attempts: 0, started: now(), ended: 0, response: undefined, redact: undefined };
}

/**
 * A response's headers as a plain object, for events and `withResponse()`: every value
 * redacted of the client's credentials (as errors are: a server may echo them), and
 * `Set-Cookie` left out (no handler needs a session cookie; several would collapse into one).
 * Reads a `Headers`, a `Map`, pairs or a plain object: a custom fetch may return a look-alike.
 */
export function shownHeaders(headers, redact) {
  const out = {};
  for (const [name, value] of headerPairs(headers)) {
    const key = String(name).toLowerCase();
    if (key === 'set-cookie' || key === 'set-cookie2') continue;
    const text = redact ? redact(String(value)) : String(value);
    out[key] = key in out ? `${out[key]}, ${text}` : text;
  }
  return out;
}

function headerPairs(headers) {
  try {
    if (headers == null || typeof headers !== 'object') return [];
    if (typeof headers.entries === 'function') return [...headers.entries()];
    if (typeof headers[Symbol.iterator] === 'function') return [...headers];
    return Object.entries(headers);
  } catch {
    return []; // headers that cannot be read are shown as none; the call itself is not failed
  }
}

/**
 * `promise`, or a rejection with `signal`'s reason as soon as it aborts: a custom fetch (or a
 * body) that ignores the signal cannot outlast the call's deadline.
 */
function untilAborted(promise, signal) {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * Requests waiting in line for a limiter's slot, in order. A waiting request holds nothing: a
 * limiter hands slots to the first still waiting (`handOut`), so one that gives up (its
 * timeout, its signal) leaves the line and takes nothing.
 */
class Line {
  queue = [];
  timer = undefined;

  /** Waits for a slot in line; rejects (and leaves the line) when `signal` aborts. */
  acquire(signal) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const waiter = { resolve, signal, onAbort: undefined };
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

  /** Gives `slot` to the first request in line. */
  handOut(slot) {
    const waiter = this.queue.shift();
    waiter.signal?.removeEventListener('abort', waiter.onAbort);
    waiter.resolve(slot);
  }

  /** No one waits: no timer needs to wake the line. */
  stop() {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/**
 * Spaces requests to `perSecond` on average with bursts of `burst` (a token bucket), in order:
 * slots are handed out to the line (`Line`) as they come due.
 */
class Limiter extends Line {
  constructor(perSecond, burst) {
    super();
    this.interval = 1000 / perSecond;
    this.burst = burst;
    this.tokens = burst;
    this.stamp = now();
  }

  refill(at) {
    this.tokens = Math.min(this.burst, this.tokens + (at - this.stamp) / this.interval);
    this.stamp = at;
  }

  /** Takes a slot now, or null when the caller must wait in line (`acquire`). */
  take() {
    if (this.queue.length > 0) return null;
    this.refill(now());
    if (this.tokens < 1) return null;
    this.tokens -= 1;
    return SPENT;
  }

  schedule() {
    if (this.timer !== undefined || this.queue.length === 0) return;
    this.refill(now());
    const ms = Math.max(0, (1 - this.tokens) * this.interval);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.refill(now());
      while (this.queue.length > 0 && this.tokens >= 1) {
        this.tokens -= 1;
        this.handOut(SPENT);
      }
      this.schedule();
    }, ms);
  }
}

/** A token bucket's slot: spent when taken, nothing to give back. */
const SPENT = { release() {} };

/**
 * The Maton gateway's limit: at most `limit` requests in any `windowMs`, counted where the
 * gateway counts them, when they reach it. A request reaches it some time between being sent
 * and being answered, so it holds a place in the window from when it is sent until `windowMs`
 * after its answer (`slot.release(at)`): however the network delays requests, no window the
 * gateway sees can hold more than `limit`. Spacing departures evenly was not enough: one slow
 * first request reached the gateway close enough to the eleventh for a 429 (bench/NOTES.md,
 * section "The gateway's window").
 * Requests wait in line (`Line`), in order.
 */
class GatewayLimiter extends Line {
  constructor(limit, windowMs) {
    super();
    this.limit = limit;
    this.windowMs = windowMs;
    this.held = new Set(); // {end}: end undefined while the request is out
  }

  /** Places whose window has passed are free again. */
  purge(at) {
    for (const slot of this.held) if (slot.end !== undefined && slot.end + this.windowMs <= at) this.held.delete(slot);
  }

  slot() {
    const slot = { end: undefined, release: (at) => this.release(slot, at) };
    this.held.add(slot);
    return slot;
  }

  /** A place now, or null when the caller must wait in line (`acquire`). */
  take() {
    if (this.queue.length > 0) return null;
    this.purge(now());
    return this.held.size < this.limit ? this.slot() : null;
  }

  release(slot, at) {
    if (slot.end === undefined) slot.end = at;
    this.schedule();
  }

  /** Hands out the places that are free, then waits for the next to come free, if any will by time. */
  schedule() {
    this.stop();
    this.purge(now());
    while (this.queue.length > 0 && this.held.size < this.limit) this.handOut(this.slot());
    if (this.queue.length === 0) return;
    // The first place to come free by time; places still out come free on release instead.
    let next = Number.POSITIVE_INFINITY;
    for (const slot of this.held) if (slot.end !== undefined) next = Math.min(next, slot.end + this.windowMs);
    if (Number.isFinite(next)) this.timer = setTimeout(() => this.schedule(), Math.max(0, next - now()));
  }
}

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
  let slot; // the rate limit's place, given back (for the gateway's window) once answered
  const init = body === undefined ? { method, headers, signal } : { method, headers, body, signal };
  if (hooks) {
    // Any hold a 429 put on every call of the client, then the client's rate limit. Awaited
    // only when there is a wait: an `await` of nothing costs every call a tick. A call that
    // stops while it waits was never sent (NotSent: not ambiguous, its slot not taken).
    try {
      const held = hooks.holdUntil - now();
      if (held > 0) await wait(held, signal);
      if (hooks.limiter) slot = hooks.limiter.take() ?? (await hooks.limiter.acquire(signal));
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
    response = await untilAborted((hooks?.fetch ?? globalThis.fetch)(url, init), signal);
    answer = await untilAborted(readResponse(response), signal);
  } catch (error) {
    const code = signal?.aborted ? (signal.reason === TIMEOUT_REASON ? 'TIMEOUT' : 'ABORTED') : 'NETWORK_ERROR';
    if (listened(hooks, 'error')) emit(hooks, 'error', { ...about(), attempt: n, code, status: 0 });
    throw error;
  } finally {
    slot?.release(now());
  }
  const ended = now();
  if (call) {
    call.ended = ended;
    call.response = { status: answer.status, headers: response.headers, url };
    call.redact = hooks?.redact;
  }
  if (listened(hooks, 'response')) {
    const headers = shownHeaders(response.headers, hooks.redact);
    emit(hooks, 'response', { ...about(), method: init.method, url, attempt: n, status: answer.status, durationMs: ended - started, headers });
  }
  return answer;
}

/**
 * What src/transport.rs calls after a 429: every call of the client waits `ms` from now before
 * it is sent (src/transport.rs reads the Retry-After and caps it, clicksend_core::retry).
 */
export function hold(hooks, ms) {
  if (hooks && ms > 0) hooks.holdUntil = Math.max(hooks.holdUntil, now() + ms);
}

/** What src/transport.rs calls before waiting to retry: the `retry` event. */
export function retrying(hooks, call, attemptNumber, delayMs, reason) {
  if (listened(hooks, 'retry')) emit(hooks, 'retry', { area: call?.area ?? null, name: call?.name ?? null, attempt: attemptNumber, delayMs, reason });
}
