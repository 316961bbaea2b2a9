// The one error class of the package. Defined in JS so that it is a real `Error`
// subclass (stack, `instanceof`, `name`); the wasm side constructs it (src/error.rs).
export class ClickSendError extends Error {
  constructor(code, status, message, data, retryAfter, retryable = false, ambiguous = false) {
    super(message);
    this.name = 'ClickSendError';
    /** `response_code` from ClickSend, or NETWORK_ERROR, TIMEOUT, ABORTED, INVALID_ARGUMENT, INVALID_RESPONSE. */
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
  }

  // `JSON.stringify(error)` would otherwise drop `message` (not enumerable on Error).
  toJSON() {
    const { name, code, status, message, data, retryAfter, retryable, ambiguous } = this;
    return { name, code, status, message, data, retryAfter, retryable, ambiguous };
  }
}

/** The error for a caller's mistake found in JS (the wasm side makes its own). */
export function invalid(message) {
  return new ClickSendError('INVALID_ARGUMENT', 0, message, undefined, undefined, false, false);
}
