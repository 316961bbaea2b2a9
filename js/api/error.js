// The one error class of the package. Defined in JS so that it is a real `Error` subclass
// (stack, `instanceof`, `name`). The wasm side imports this very module (src/error.rs,
// `raw_module = "./js/api/error.js"`: the same path from the crate root and from pkg/), so an
// error from wasm, from JS and from a user's own code is one class.

/** The `code` of an error made without one. */
export const DEFAULT_CODE = 'UNKNOWN_ERROR';

export class ClickSendError extends Error {
  /**
   * `new ClickSendError(message, {code, status, data, retryAfter, retryable, ambiguous})`:
   * every field optional (`code` UNKNOWN_ERROR, `status` 0, `retryable` and `ambiguous`
   * false), for users' own tests and mocks as much as for the client.
   */
  constructor(message, options = {}) {
    // The old positional form (code, status, message, ...) must fail loudly, not make an
    // error whose message is a code.
    if (options === null || typeof options !== 'object')
      throw new TypeError('new ClickSendError(message, {code, status, data, retryAfter, retryable, ambiguous}): the second argument must be an object');
    const { code = DEFAULT_CODE, status = 0, data, retryAfter, retryable = false, ambiguous = false, startedAt, endedAt } = options;
    super(message);
    this.name = 'ClickSendError';
    /** `response_code` from ClickSend, or NETWORK_ERROR, TIMEOUT, ABORTED, INVALID_ARGUMENT, INVALID_RESPONSE, UNKNOWN_ERROR. */
    this.code = code;
    /** HTTP status; 0 when no response was received. */
    this.status = status;
    /** The response body's `data`, when there is one. */
    this.data = data;
    /** Seconds to wait, from a `Retry-After` header (429). */
    this.retryAfter = retryAfter;
    /**
     * Whether calling again is safe and may succeed. `false` for an operation that may have
     * been carried out (a send that timed out), and for errors a retry cannot fix.
     */
    this.retryable = retryable;
    /** Whether the operation may have been carried out anyway (a send that timed out). */
    this.ambiguous = ambiguous;
    /**
     * When the call began and when the client gave up on it (ms since 1970), on errors of
     * calls that were sent: `sms.reconcile` waits until the request can no longer land.
     */
    this.startedAt = startedAt;
    this.endedAt = endedAt;
  }

  // `JSON.stringify(error)` would otherwise drop `message` (not enumerable on Error).
  toJSON() {
    const { name, code, status, message, data, retryAfter, retryable, ambiguous, startedAt, endedAt } = this;
    return { name, code, status, message, data, retryAfter, retryable, ambiguous, startedAt, endedAt };
  }
}

/** The error for a caller's mistake found in JS (the wasm side makes its own). */
export function invalid(message) {
  return new ClickSendError(message, { code: 'INVALID_ARGUMENT' });
}

/**
 * `read()`'s result; an exception from reading a caller's value (a getter or a Proxy trap
 * that throws) becomes an INVALID_ARGUMENT error, so the caller only ever sees ClickSendError.
 */
export function readArgument(what, read) {
  try {
    return read();
  } catch (error) {
    throw unreadable(what, error);
  }
}

/** The error for `error`, thrown while reading an argument of `what`. */
export function unreadable(what, error) {
  if (error instanceof ClickSendError) return error;
  return invalid(`${what}: an argument cannot be read (${error?.name ?? 'an error'} from a getter, a Proxy or the input itself)`);
}

/**
 * The wasm side's way in (src/error.rs): positional, so that no options object has to be
 * built field by field across the boundary. Not exported by the package.
 */
export function fromWasm(code, status, message, data, retryAfter, retryable, ambiguous, startedAt, endedAt) {
  return new ClickSendError(message, { code, status, data, retryAfter, retryable, ambiguous, startedAt: startedAt || undefined, endedAt: endedAt || undefined });
}
