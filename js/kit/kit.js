// The testing kit (`clicksend-wasm/testing`): the sandbox's ClickSend model in-process, behind a
// function with the signature of `fetch`. The model (clicksend-model, the same crate the
// sandbox server runs) lives in its own .wasm (clicksend_testing_bg.wasm), loaded by the
// entry of each runtime (testing-node.js, testing-workerd.js, testing-web.js) before this
// module is used; the main entry's .wasm does not change.
import { Kit } from '../../clicksend_testing.js';

const DEFAULT_WEBHOOK_URL = 'https://example.com/webhooks/clicksend';

/** Seconds since 1970 of a number (seconds), a Date or an ISO string; a TypeError for anything else. */
function seconds(t, what) {
  const ms = t instanceof Date ? t.getTime() : typeof t === 'string' ? Date.parse(t) : typeof t === 'number' ? t * 1000 : Number.NaN;
  if (!Number.isFinite(ms))
    throw new TypeError(
      `testing kit: ${what} must be a Date, an ISO date string or Unix seconds (a number), got ${typeof t === 'string' ? JSON.stringify(t.slice(0, 40)) : typeof t}`,
    );
  return Math.floor(ms / 1000);
}

function abortError(signal) {
  return signal?.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** Resolves after `ms`, or rejects when `signal` aborts (never resolves for `Infinity`). */
function wait(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
    function done() {
      signal?.removeEventListener('abort', aborted);
      resolve();
    }
    function aborted() {
      clearTimeout(timer);
      reject(abortError(signal));
    }
    signal?.addEventListener('abort', aborted, { once: true });
  });
}

/** A body whose first bytes arrive, then the connection breaks (as a dropped response). */
function brokenBody(text) {
  const bytes = new TextEncoder().encode(text.slice(0, 40));
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.error(new TypeError('testing kit: the connection was dropped mid-body'));
    },
  });
}

/** The request ClickSend sends to a webhook with `fields`, in one of the formats ClickSend
 *  offers (and `parseWebhook` reads): a form post, a JSON post, or a GET with a query. */
function webhookRequest(fields, { url = DEFAULT_WEBHOOK_URL, format = 'form' } = {}) {
  const text = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)]));
  if (format === 'json') return new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fields) });
  if (format === 'get') {
    const target = new URL(url);
    for (const [k, v] of Object.entries(text)) target.searchParams.set(k, v);
    return new Request(target, { method: 'GET' });
  }
  if (format !== 'form') throw new TypeError(`testing kit: unknown webhook format ${JSON.stringify(format)}: use 'form', 'json' or 'get'`);
  return new Request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(text).toString() });
}

const encoder = new TextEncoder();
const NO_BODY = new Uint8Array(0);

/** The parts of a request as `fetch(input, init)` would send it. A URL with a text body (what
 *  the client sends) is read directly; anything else through a `Request`. */
async function incoming(input, init) {
  const body = init?.body;
  if ((typeof input === 'string' || input instanceof URL) && (body === undefined || body === null || typeof body === 'string')) {
    const method = (init?.method ?? 'GET').toUpperCase();
    return { method, url: new URL(input), headers: new Headers(init?.headers), body: body ? encoder.encode(body) : NO_BODY, signal: init?.signal };
  }
  const request = new Request(input, init);
  return { method: request.method, url: new URL(request.url), headers: request.headers, body: new Uint8Array(await request.arrayBuffer()), signal: init?.signal ?? request.signal };
}

function parsed(text, what) {
  const value = JSON.parse(text);
  if (value && typeof value === 'object' && 'error' in value) throw new TypeError(`testing kit: ${what}: ${value.error}`);
  return value;
}

/**
 * A ClickSend in-process: `fetch` answers ClickSend's API (and Maton's connection calls) as the
 * sandbox server does, with state, 404s and 400s, and no network.
 * Options: `apiKey`/`username` (without them any credentials are taken, none refused);
 * `now` (a Date, ISO string or Unix seconds): a clock fixed there that moves only by
 * `clock.advance()`; without it, the real time.
 */
export function createSandbox(options = {}) {
  const { apiKey, username, now } = options;
  const kit = new Kit(JSON.stringify({ apiKey, username }));
  let fixed = now === undefined ? undefined : seconds(now, '`now`');
  const clock = {
    /** The model's time, in Unix seconds. */
    now: () => Math.floor(clock.nowMs() / 1000),
    /** The same in milliseconds (a fixed clock may stand between seconds: advance(1.5)). */
    nowMs: () => (fixed === undefined ? Date.now() : fixed * 1000),
    /** Moves a fixed clock on (starting one at the real time if there was none). */
    advance(secondsToAdd) {
      if (typeof secondsToAdd !== 'number' || !Number.isFinite(secondsToAdd)) throw new TypeError('testing kit: clock.advance() takes a number of seconds');
      fixed = clock.nowMs() / 1000 + secondsToAdd;
      return fixed;
    },
    set(t) {
      fixed = seconds(t, 'clock.set()');
      return fixed;
    },
  };
  const pushed = [];

  async function sandboxFetch(input, init) {
    const { method, url, headers, body, signal } = await incoming(input, init);
    if (signal?.aborted) throw abortError(signal);
    const { ticket, fault } = JSON.parse(kit.arrive(method, url.pathname, url.search.slice(1), JSON.stringify([...headers]), body, url.origin));
    if (fault && fault.delay_ms > 0 && !fault.hang && !fault.drop) {
      // A slow server still carries the request out after the client stopped waiting: the
      // answer is made when the delay is over, whether or not anyone waits for it.
      const answered = wait(fault.delay_ms).then(() => respond(ticket));
      return Promise.race([answered, wait(Number.POSITIVE_INFINITY, signal)]);
    }
    if (fault) {
      try {
        if (fault.hang) await wait(Number.POSITIVE_INFINITY, signal);
      } catch (e) {
        kit.abandon(ticket);
        throw e;
      }
      if (fault.drop === 'before') {
        kit.abandon(ticket);
        throw new TypeError('testing kit: the connection was dropped before a response');
      }
      if (fault.drop === 'mid-body') {
        kit.abandon(ticket);
        return new Response(brokenBody('{"http_code":200,"response_code":"SUCCESS"'), { status: 200, headers: { 'content-type': 'application/json' } });
      }
    }
    return respond(ticket);
  }

  /** Step two of a request: carried out now (or as its fault says), as a Response. */
  function respond(ticket) {
    const answer = JSON.parse(kit.answerAt(ticket, clock.nowMs(), Date.now()));
    const text = kit.take_body();
    for (const push of answer.pushes) pushed.push(webhookRequest(push.body, push.url ? { url: push.url } : undefined));
    // The kit's clock (fixed or skewed as set), as a server's Date header says its own.
    const responseHeaders = { date: answer.date };
    if (answer.contentType) responseHeaders['content-type'] = answer.contentType;
    if (answer.retryAfter) responseHeaders['retry-after'] = answer.retryAfter;
    if (answer.cut) return new Response(brokenBody(text), { status: answer.status, headers: responseHeaders });
    return new Response(answer.status === 204 ? null : text, { status: answer.status, headers: responseHeaders });
  }

  return {
    fetch: sandboxFetch,
    clock,
    /** Every request received, in order: `{method, path, query, headers, body, json, response}`,
     *  credentials shown as `[redacted]`. */
    requests: () => JSON.parse(kit.requests()),
    /** How many requests `requests()` no longer holds: it keeps the last 10,000 (and 64 MB). */
    droppedRequests: () => kit.droppedRequests(),
    /** Forgets everything: state, requests, faults, pushes. The clock stays. */
    reset() {
      kit.reset();
      pushed.length = 0;
    },
    /** Puts things in place without requests: `{balance, lists: [{list_name, contacts}],
     *  templates, messages, inbound}`; returns what was made, with ids. */
    seed: (seed) => parsed(kit.seed(JSON.stringify(seed), clock.now()), 'seed').made,
    /** Makes the next matching requests fail: `{method?, path?, times?, status?, retry_after?,
     *  body?, content_type?, delay_ms?, hang?, drop?: 'before' | 'mid-body' | 'after'}`, or a list. */
    faults: (faults) => parsed(kit.faults(JSON.stringify(faults)), 'faults').armed,
    /** How the service behaves (the sandbox's `/_sandbox/settings`): `{history_lag_ms,
     *  clock_skew_ms, countries_enabled: ['AU', ...] | null, gateway_rate_limit}`; returns them. */
    settings: (settings) => parsed(kit.settings(JSON.stringify(settings ?? {})), 'settings'),
    /** The delivery receipt webhook ClickSend sends for a message that went out, as a Request. */
    receipt(messageId, webhook) {
      const receipt = JSON.parse(kit.receipt(String(messageId)));
      if (!receipt) throw new TypeError(`testing kit: no message ${JSON.stringify(messageId)} went out, so no receipt`);
      return webhookRequest(receipt, webhook);
    },
    /** An inbound SMS (kept, so `sms.inbound()` lists it) and its webhook Request. */
    inbound(fields, webhook) {
      return webhookRequest(JSON.parse(kit.inbound(JSON.stringify(fields ?? {}), clock.now())), webhook);
    },
    /** What ClickSend's test endpoints pushed (`POST /sms/inbound {url}`, test receipts). */
    pushed: () => [...pushed],
    /** What the model holds: `{balance, lists: [{list_id, list_name, contacts}], messages, inbound}`. */
    state: () => JSON.parse(kit.state()),
  };
}
