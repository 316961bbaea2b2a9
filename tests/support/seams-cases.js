// The production seams (a caller's fetch, events, withResponse, per-call overrides, the rate
// limit, the Retry-After hold, the User-Agent), as checks that run the same in Node, in a
// Chromium page and inside workerd (tests/seams, tests/workerd). They talk to a fetch double,
// not a server, so every answer and every delay is decided here. Plain JS, no Node imports.

const KEY = 'seams-key-Zz9';
const CONNECTION = 'conn_seams_77';
const BASE = 'https://api.test';

/** A fetch double: answers from `script` (one entry per request, the last repeating). */
function double(script) {
  const seen = [];
  const fetch = async (url, init) => {
    seen.push({ url, method: init.method, headers: { ...init.headers }, body: init.body ?? null, at: Date.now() });
    const next = script[Math.min(seen.length - 1, script.length - 1)];
    if (next === 'hang') {
      return new Promise((_, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason), { once: true }));
    }
    const [status, headers = {}] = next;
    const body =
      status < 300
        ? { http_code: status, response_code: 'SUCCESS', response_msg: 'ok', data: { n: seen.length } }
        : { http_code: status, response_code: 'BUSY', response_msg: 'busy' };
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
  };
  return { fetch, seen };
}

/** The error a call rejects with, as `{code, status}`; 'resolved' if it did not. */
async function failure(run) {
  try {
    await run();
    return 'resolved';
  } catch (e) {
    return { code: e.code, status: e.status };
  }
}

/** Events with their timings made comparable: `durationMs` becomes its type. */
const comparable = (events) => events.map(([type, e]) => [type, 'durationMs' in e ? { ...e, durationMs: typeof e.durationMs } : e]);

/**
 * A call retried twice (503, 503, 200): the exact event sequence, `withResponse()`, that no
 * event holds a credential, that a throwing or rejecting handler changes nothing, and that a
 * removed handler hears nothing more.
 */
export async function eventsAndResponse(pkg) {
  const { fetch, seen } = double([[503], [503], [200, { 'x-request-id': 'r-1' }]]);
  const client = new pkg.ClickSend({ apiKey: KEY, connection: CONNECTION, baseUrl: BASE, fetch, maxRetryDelayMs: 0 });
  const events = [];
  const offs = ['request', 'response', 'retry', 'error'].map((type) => client.on(type, (e) => events.push([type, e])));
  client.on('request', () => {
    throw new Error('a handler that throws');
  });
  client.on('response', () => Promise.reject(new Error('a handler that rejects')));
  const { data, response, attempts, durationMs } = await client.sms.history({ page: 1 }).withResponse();
  const unknown = await failure(() => client.on('sent', () => {}));
  for (const off of offs) off();
  await client.account.get();
  return {
    events: comparable(events),
    withResponse: { data, response, attempts, durationMs: typeof durationMs },
    sent: seen.length,
    leaks: [KEY, CONNECTION].filter((secret) => JSON.stringify(events).includes(secret)),
    unknown,
  };
}

/** Attempts that fail without a response give `error` events with the code of each. */
export async function errorEvents(pkg) {
  const { fetch } = double(['hang']);
  const client = new pkg.ClickSend({ apiKey: KEY, baseUrl: BASE, fetch, maxRetries: 0 });
  const events = [];
  client.on('error', (e) => events.push(e));
  const timedOut = await failure(() => client.account.get({ timeoutMs: 30 }));
  const controller = new AbortController();
  const aborted = failure(() => client.account.get({ signal: controller.signal }));
  setTimeout(() => controller.abort(), 10);
  return { timedOut, aborted: await aborted, events };
}

/** The caller's fetch carries every request, Maton's connection calls included; `fetch` is checked. */
export async function ownFetch(pkg) {
  const { fetch, seen } = double([[200]]);
  const client = new pkg.ClickSend({ apiKey: KEY, baseUrl: BASE, controlUrl: 'https://ctrl.test', fetch });
  await client.account.get();
  await client.connections.list().catch(() => {}); // an envelope is not Maton's answer; only the request matters
  await client.request('GET', '/sms/history');
  const refused = await failure(() => new pkg.ClickSend({ apiKey: KEY, fetch: 'fetch' }));
  return { urls: seen.map((r) => `${r.method} ${r.url}`), refused };
}

/**
 * Per-call overrides: extra headers sent on that call only, the client's own headers refused
 * before anything is sent, `maxRetries` and `timeoutMs` for one call; the same through
 * `sendBulk` and `.all`. And the User-Agent: `clicksend-wasm/<version> <app>/<version>`
 * outside browsers, none in a browser.
 */
export async function overrides(pkg) {
  const { fetch, seen } = double([[503], [200]]);
  const client = new pkg.ClickSend({ apiKey: KEY, baseUrl: BASE, fetch, maxRetryDelayMs: 0, appInfo: { name: 'seams-app', version: '1.2.3' } });
  const traced = await client.account.get({ headers: { 'X-Trace-Id': 't-1' }, maxRetries: 0 }).catch((e) => e.code);
  const afterTraced = seen.length;
  const refused = {};
  for (const name of ['Authorization', 'maton-connection', 'Content-Type', 'content-length', 'Bad Name']) {
    refused[name] = (await failure(() => client.account.get({ headers: { [name]: 'x' } }))).code;
  }
  refused.crlf = (await failure(() => client.account.get({ headers: { 'X-A': 'a\r\nb' } }))).code;
  refused.timeoutMs = (await failure(() => client.account.get({ timeoutMs: 0 }))).code;
  const sentByRefused = seen.length - afterTraced;
  await client.sms.sendBulk([{ to: '+61411111111', body: 'hi' }], { headers: { 'X-Bulk': 'b' } });
  for await (const _ of client.sms.history.all({}, { headers: { 'X-Page': 'p' }, maxPages: 1 })) break;
  const pick = (r) => ({ trace: r.headers['X-Trace-Id'] ?? null, bulk: r.headers['X-Bulk'] ?? null, page: r.headers['X-Page'] ?? null, agent: r.headers['User-Agent'] ?? null });
  return { traced, refused, sentByRefused, requests: seen.map(pick) };
}

/**
 * The rate limit: six calls at once with {perSecond: 20, burst: 2}: two go out at once, the
 * rest one every 50 ms. Counted, not timed: how many reached fetch before any timer ran, and
 * whether any two later ones came closer than the limit allows.
 */
export async function rateLimit(pkg) {
  const { fetch, seen } = double([[200]]);
  const client = new pkg.ClickSend({ apiKey: KEY, baseUrl: BASE, fetch, rateLimit: { perSecond: 20, burst: 2 } });
  const calls = Array.from({ length: 6 }, () => client.account.get());
  await new Promise((r) => setTimeout(r, 0));
  const atOnce = seen.length;
  await Promise.all(calls);
  const gaps = seen.slice(2).map((r, i) => r.at - seen[i + 1].at);
  const refused = (await failure(() => new pkg.ClickSend({ apiKey: KEY, rateLimit: { perSecond: 0 } }))).code;
  // Waiting for the limit counts against the call's timeoutMs: one a second, the second call
  // would wait a second, so with 50 ms it times out, and it never reaches fetch.
  const slow = double([[200]]);
  const once = new pkg.ClickSend({ apiKey: KEY, baseUrl: BASE, fetch: slow.fetch, rateLimit: { perSecond: 1 } });
  await once.account.get();
  const waited = await failure(() => once.account.get({ timeoutMs: 50 }));
  // 40 ms, not 50: workerd's clock moves only between I/O, so a gap it reports can be a few
  // milliseconds short of the one the limiter kept (seen once in a fresh-clone run, 47 ms).
  return { atOnce, total: seen.length, tooClose: gaps.filter((g) => g < 40).length, refused, waited, slowSent: slow.seen.length };
}

/** A 429 with Retry-After holds back every call of the client, not only the one that got it. */
export async function retryAfterHold(pkg) {
  const { fetch, seen } = double([[429, { 'retry-after': '1' }], [200]]);
  const client = new pkg.ClickSend({ apiKey: KEY, baseUrl: BASE, fetch, maxRetries: 1 });
  let read; // resolves once the 429 has been read: the retry event comes right after
  const retried = new Promise((resolve) => {
    read = resolve;
  });
  client.on('retry', () => read());
  const first = client.account.get();
  await retried;
  const second = client.sms.history();
  await Promise.all([first, second]);
  // Every request after the 429's: none within the hold it set, however busy the machine.
  const duringHold = seen.filter((s) => s.at - seen[0].at < 990).length;
  return { duringHold, total: seen.length, heldFor: seen[1].at - seen[0].at >= 990 && seen[2].at - seen[0].at >= 990 };
}

/** What each check must give, in every runtime (`agent` differs in a browser: none). */
export function expected({ browser = false, version = '0.1.0' } = {}) {
  const about = { area: 'sms', name: 'history' };
  const url = 'https://api.test/v3/sms/history?page=1';
  const json = { 'content-type': 'application/json' };
  const last = { 'content-type': 'application/json', 'x-request-id': 'r-1' };
  const agent = browser ? null : `clicksend-wasm/${version} seams-app/1.2.3`;
  return {
    eventsAndResponse: {
      events: [
        ['request', { ...about, method: 'GET', url, attempt: 1 }],
        ['response', { ...about, method: 'GET', url, attempt: 1, status: 503, durationMs: 'number', headers: json }],
        ['retry', { ...about, attempt: 1, delayMs: 0, reason: 503 }],
        ['request', { ...about, method: 'GET', url, attempt: 2 }],
        ['response', { ...about, method: 'GET', url, attempt: 2, status: 503, durationMs: 'number', headers: json }],
        ['retry', { ...about, attempt: 2, delayMs: 0, reason: 503 }],
        ['request', { ...about, method: 'GET', url, attempt: 3 }],
        ['response', { ...about, method: 'GET', url, attempt: 3, status: 200, durationMs: 'number', headers: last }],
      ],
      withResponse: {
        data: { http_code: 200, response_code: 'SUCCESS', response_msg: 'ok', data: { n: 3 } },
        response: { status: 200, headers: last, url },
        attempts: 3,
        durationMs: 'number',
      },
      sent: 4,
      leaks: [],
      unknown: { code: 'INVALID_ARGUMENT', status: 0 },
    },
    errorEvents: {
      timedOut: { code: 'TIMEOUT', status: 0 },
      aborted: { code: 'ABORTED', status: 0 },
      events: [
        { area: 'account', name: 'get', attempt: 1, code: 'TIMEOUT', status: 0 },
        { area: 'account', name: 'get', attempt: 1, code: 'ABORTED', status: 0 },
      ],
    },
    ownFetch: {
      urls: ['GET https://api.test/v3/account', 'GET https://ctrl.test/connections', 'GET https://api.test/v3/sms/history'],
      refused: { code: 'INVALID_ARGUMENT', status: 0 },
    },
    overrides: {
      traced: 'BUSY',
      refused: {
        Authorization: 'INVALID_ARGUMENT',
        'maton-connection': 'INVALID_ARGUMENT',
        'Content-Type': 'INVALID_ARGUMENT',
        'content-length': 'INVALID_ARGUMENT',
        'Bad Name': 'INVALID_ARGUMENT',
        crlf: 'INVALID_ARGUMENT',
        timeoutMs: 'INVALID_ARGUMENT',
      },
      sentByRefused: 0,
      requests: [
        { trace: 't-1', bulk: null, page: null, agent },
        { trace: null, bulk: 'b', page: null, agent },
        { trace: null, bulk: null, page: 'p', agent },
      ],
    },
    rateLimit: { atOnce: 2, total: 6, tooClose: 0, refused: 'INVALID_ARGUMENT', waited: { code: 'TIMEOUT', status: 0 }, slowSent: 1 },
    retryAfterHold: { duringHold: 1, total: 3, heldFor: true },
  };
}
