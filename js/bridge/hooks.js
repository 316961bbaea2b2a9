// What the wasm side (src/deadline.rs, src/session.rs) hands to JS: a call's deadline (its
// controller and timer, and the waits timed by it) and a client's events (`Events`), which
// build an event only for a handler that listens and keep each call's record for
// `withResponse()`. No event or record ever holds a request header: credentials travel only in
// the request's headers, which nothing here sees.
import { invalid } from '../api/error.js';

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

/**
 * A client's events: its handlers, and what src/session.rs calls as a call goes (each builds an
 * event only if a handler listens). `redact` is set once the wasm client exists; `userAgent` is
 * read once, by the wasm client's constructor.
 */
export class Events {
  handlers = Object.fromEntries(EVENTS.map((e) => [e, new Set()]));
  redact = undefined;

  constructor(userAgent) {
    this.userAgent = userAgent;
  }

  request(call, attempt, method, url) {
    if (call) call.attempts = attempt;
    if (this.handlers.request.size > 0) this.emit('request', { ...about(call), method, url, attempt });
  }

  response(call, attempt, method, url, response, status, started) {
    const ended = now();
    if (call) {
      call.ended = ended;
      call.response = { status, headers: response.headers, url };
      call.redact = this.redact;
    }
    if (this.handlers.response.size > 0) {
      const headers = shownHeaders(response.headers, this.redact);
      this.emit('response', { ...about(call), method, url, attempt, status, durationMs: ended - started, headers });
    }
  }

  error(call, attempt, code) {
    if (this.handlers.error.size > 0) this.emit('error', { ...about(call), attempt, code, status: 0 });
  }

  retry(call, attempt, delayMs, reason) {
    if (this.handlers.retry.size > 0) this.emit('retry', { ...about(call), attempt, delayMs, reason });
  }

  /** Calls each handler of `type`; a handler's exception or rejection never reaches the call. */
  emit(type, event) {
    for (const handler of this.handlers[type]) {
      try {
        const result = handler(event);
        if (typeof result?.then === 'function') result.then(undefined, () => {});
      } catch {
        // A handler's mistake is not the call's.
      }
    }
  }
}

const about = (call) => ({ area: call?.area ?? null, name: call?.name ?? null });

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
 * A call's deadline (src/deadline.rs holds it for the whole call, retries included): a
 * controller whose signal every attempt is sent with, aborted when `ms` run out or when the
 * caller's signal aborts. Made here, in one call from wasm, rather than piece by piece across
 * the boundary. `release` clears the timer and the listener, so nothing outlives the call.
 */
export function deadline(ms, caller) {
  const d = new Deadline(new AbortController(), caller);
  d.timer = setTimeout(() => d.stop(TIMEOUT_REASON), ms);
  if (caller !== undefined) {
    d.onAbort = () => d.stop(CALLER_REASON);
    // Cannot fail for an AbortSignal; if it did, the timeout still bounds the call.
    try {
      caller.addEventListener('abort', d.onAbort);
    } catch {}
  }
  return d;
}

class Deadline {
  #controller;
  #stopping; // rejects when the deadline stops the call: made on first use
  #reject;

  constructor(controller, caller) {
    this.#controller = controller;
    this.signal = controller.signal;
    this.timer = undefined;
    this.caller = caller;
    this.onAbort = undefined;
  }

  /** Aborts the call's requests and whatever `within` waits on, with `reason`. */
  stop(reason) {
    this.#controller.abort(reason);
    this.#reject?.(reason);
  }

  /**
   * `promise`, or a rejection with the abort's reason as soon as the deadline stops the call:
   * src/deadline.rs races a fetch or a body that may ignore the signal against it. The
   * deadline's promise is handled from the start, so a stop while nothing races it is not an
   * unhandled rejection; `stop` rejects it directly (a listener on the signal cost every call:
   * bench/NOTES.md, section "The request made in Rust, per call").
   */
  within(promise) {
    if (this.#stopping === undefined) {
      this.#stopping = this.signal.aborted
        ? Promise.reject(this.signal.reason)
        : new Promise((_, reject) => {
            this.#reject = reject;
          });
      this.#stopping.catch(() => {});
    }
    return Promise.race([promise, this.#stopping]);
  }
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

/**
 * Waits `ms` (none if infinite) or until `wake` (a promise) resolves: true then, false if the
 * deadline stopped the call first. The timer and the listener are cleared either way, so a
 * wait never keeps a Node process alive after its call.
 */
export function pause(d, ms, wake) {
  const signal = d.signal;
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    let timer;
    const done = (passed) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(passed);
    };
    const onAbort = () => done(false);
    if (Number.isFinite(ms)) timer = setTimeout(() => done(true), Math.max(0, ms));
    signal.addEventListener('abort', onAbort, { once: true });
    wake?.then(() => done(true));
  });
}
