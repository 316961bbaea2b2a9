// The fault suite's cases: what the sandbox does to a call (its fault controls) and exactly
// what must come of it. `statuses` are the sandbox's answers to the requests it recorded, in
// order; 'cut' is a request it recorded but never answered (a dropped connection, or one the
// client gave up on). Plain JS with no Node imports: the Node suite runs `runFault` in
// its own process, the browser suite inside a Chromium page, against the same sandbox.

const SMS = { messages: [{ to: '+61411111111', body: 'fault suite', source: 'faults' }] };
const BIG = 2 * 1024 * 1024;
const envelope = (data) => JSON.stringify({ http_code: 200, response_code: 'SUCCESS', response_msg: 'ok', data });

/** `now` for the HTTP-date Retry-After case is taken when the case is armed. */
export function faultCases(now = Date.now()) {
  const fast = { maxRetryDelayMs: 50 };
  return [
    {
      title: '429 storm without Retry-After: retried, then rejected',
      faults: { path: '/account', status: 429, times: 3 },
      client: fast,
      fn: 'account.get',
      error: { code: 'TOO_MANY_REQUESTS', status: 429, retryable: true, ambiguous: false },
      statuses: [429, 429, 429],
    },
    {
      title: '429 storm that ends: resolves on the third try',
      faults: { path: '/sms/send', status: 429, times: 2 },
      client: fast,
      fn: 'sms.send',
      args: [SMS],
      ok: 'SUCCESS',
      statuses: [429, 429, 200],
    },
    {
      title: 'Retry-After: 999999 is capped by maxRetryDelayMs (else the 5 s timeout would end it)',
      faults: { path: '/account', status: 429, retry_after: '999999', times: 1 },
      client: { maxRetryDelayMs: 100, timeoutMs: 5000 },
      fn: 'account.get',
      ok: 'SUCCESS',
      statuses: [429, 200],
    },
    {
      title: 'Retry-After as an HTTP date',
      faults: { path: '/account', status: 429, retry_after: new Date(now + 1000).toUTCString(), times: 1 },
      client: { maxRetryDelayMs: 3000 },
      fn: 'account.get',
      ok: 'SUCCESS',
      statuses: [429, 200],
    },
    {
      title: 'connection dropped before any response, on a read: retried',
      faults: { path: '/account', drop: 'before', times: 1 },
      client: fast,
      fn: 'account.get',
      ok: 'SUCCESS',
      statuses: ['cut', 200],
    },
    {
      title: 'connection dropped before any response, on a send: ambiguous, not retried',
      faults: { path: '/sms/send', drop: 'before', times: 1 },
      client: fast,
      fn: 'sms.send',
      args: [SMS],
      error: { code: 'NETWORK_ERROR', status: 0, retryable: false, ambiguous: true },
      statuses: ['cut'],
      // Chromium's network stack itself sends a request again, POST included, when a reused
      // keep-alive connection closes before any byte of the response (its guard against
      // stale sockets). The client never sees the first failure; fetch has no way to turn
      // this off. The sandbox had not carried out the first request, so it then resolves.
      // Allowed for Chromium only, and only in this shape; Node must never do it.
      ifResent: { ok: 'SUCCESS', statuses: ['cut', 200] },
    },
    {
      title: 'connection dropped mid-body, on a read: retried to the limit',
      faults: { path: '/account', drop: 'mid-body', times: 3 },
      client: fast,
      fn: 'account.get',
      error: { code: 'NETWORK_ERROR', status: 0, retryable: true, ambiguous: false },
      statuses: ['cut', 'cut', 'cut'],
      // WebKit hands a body cut short to fetch's caller as if it were whole: the client sees a
      // 200 whose JSON stops half-way, which it cannot read, and does not retry it.
      webkit: { faults: { path: '/account', drop: 'mid-body', times: 1 }, error: { code: 'INVALID_RESPONSE', status: 200, retryable: false, ambiguous: false }, statuses: ['cut'] },
    },
    {
      title: 'connection dropped mid-body, on a send: ambiguous, not retried',
      faults: { path: '/sms/send', drop: 'mid-body', times: 1 },
      fn: 'sms.send',
      args: [SMS],
      error: { code: 'NETWORK_ERROR', status: 0, retryable: false, ambiguous: true },
      statuses: ['cut'],
      // WebKit: a 200 cut short, as above; the send was taken, its outcome unknown: ambiguous.
      webkit: { error: { code: 'INVALID_RESPONSE', status: 200, retryable: false, ambiguous: true } },
    },
    {
      title: 'a send answered 200 with a body that cannot be read: ambiguous (it was taken), not retried',
      faults: { path: '/sms/send', status: 200, body: '{"http_code":200,"response_code":"SUCC' },
      fn: 'sms.send',
      args: [SMS],
      error: { code: 'INVALID_RESPONSE', status: 200, retryable: false, ambiguous: true },
      statuses: [200],
    },
    {
      title: '200 with an HTML body',
      faults: { path: '/account', status: 200, body: '<html><body>Maintenance</body></html>', content_type: 'text/html' },
      fn: 'account.get',
      error: { code: 'INVALID_RESPONSE', status: 200, message: 'HTTP 200 OK: a body that is not a JSON object: <html><body>Maintenance</body></html>' },
      statuses: [200],
    },
    {
      title: '200 with an empty body',
      faults: { path: '/account', status: 200, body: '' },
      fn: 'account.get',
      error: { code: 'INVALID_RESPONSE', status: 200, message: 'HTTP 200 OK: an empty body' },
      statuses: [200],
    },
    {
      title: '200 with truncated JSON',
      faults: { path: '/account', status: 200, body: '{"http_code":200,"response_code":"SUCC' },
      fn: 'account.get',
      error: { code: 'INVALID_RESPONSE', status: 200, message: 'HTTP 200 OK: a body that is not a JSON object: {"http_code":200,"response_code":"SUCC' },
      statuses: [200],
    },
    {
      title: '200 with JSON that is not an envelope',
      faults: { path: '/account', status: 200, body: '{"hello":"world"}' },
      fn: 'account.get',
      error: { code: 'INVALID_RESPONSE', status: 200, message: 'HTTP 200: the body is JSON but not a ClickSend response envelope: {"hello":"world"}' },
      statuses: [200],
    },
    {
      title: '200 with a 2 MB body: resolves with all of it',
      faults: { path: '/account', status: 200, body: envelope({ blob: 'x'.repeat(BIG) }) },
      fn: 'account.get',
      ok: 'SUCCESS',
      okSize: envelope({ blob: 'x'.repeat(BIG) }).length,
      statuses: [200],
    },
    {
      title: 'a response slower than timeoutMs',
      faults: { path: '/account', delay_ms: 2000, times: 1 },
      client: { timeoutMs: 300 },
      fn: 'account.get',
      // Safe to call again: a new call gets a new timeoutMs.
      error: { code: 'TIMEOUT', status: 0, message: 'no response within 300 ms (timeoutMs)', retryable: true, ambiguous: false },
      statuses: ['cut'],
    },
    {
      title: 'a response that tries prototype pollution',
      faults: {
        path: '/account',
        status: 200,
        body: '{"http_code":200,"response_code":"SUCCESS","response_msg":"ok","data":{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"a":{"__proto__":{"polluted":"yes"}}}}',
      },
      fn: 'account.get',
      ok: 'SUCCESS',
      statuses: [200],
    },
    {
      title: 'bulk: 5,000 messages, one batch answered 500 and one dropped: each reported once, none sent twice',
      faults: [
        { path: '/sms/send', status: 500, times: 1 },
        { path: '/sms/send', drop: 'before', times: 1 },
      ],
      balance: 10_000,
      fn: 'sms.sendBulk',
      args: [Array.from({ length: 5000 }, (_, i) => ({ to: `+6143${String(i).padStart(7, '0')}`, body: 'bulk fault', source: 'faults' })), { concurrency: 2 }],
      bulk: { total: 5000, sent: 3000, failed: 0, ambiguous: 2000 },
      statuses: [200, 200, 200, 500, 'cut'],
      // As above: Chromium may send the dropped batch again by itself (when its connection
      // had been reused).
      ifResent: { bulk: { total: 5000, sent: 4000, failed: 0, ambiguous: 1000 }, statuses: [200, 200, 200, 200, 500, 'cut'] },
    },
    {
      title: 'bulk: messages ClickSend refuses inside its 200 (no such number, a country not enabled) are refused, not sent',
      settings: { countries_enabled: ['AU'] },
      fn: 'sms.sendBulk',
      args: [
        Array.from({ length: 12 }, (_, i) => ({ to: ['+6141', '+64211234567'][i % 4] ?? `+6141100${String(i).padStart(4, '0')}`, body: 'refused inside a 200', source: 'faults' })),
        { customStrings: true },
      ],
      bulk: { total: 12, sent: 6, failed: 0, ambiguous: 0, refused: 6 },
      statuses: [200],
    },
    // ClickSend and Maton as they really behave (docs/exactly-once.md): scenarios of several
    // calls, run as they are in each runtime (SCENARIOS below); `expect` is their outcome.
    {
      title: 'reconcile: a send carried out after the client gave up, to numbers written locally and without +, with the history lagging: found sent, not resent',
      settings: { history_lag_ms: 500 },
      faults: { path: '/sms/send', delay_ms: 1000, times: 1 },
      scenario: 'lateSendReconciled',
      expect: {
        sent: [
          [false, true, 'TIMEOUT'],
          [false, true, 'TIMEOUT'],
        ],
        states: [
          ['sent', '+61411222100'],
          ['sent', '+61411222101'],
        ],
      },
      sends: 1,
    },
    {
      title: 'reconcile: a history page without paging fields cannot say where the history ends: unknown',
      faults: { path: '/sms/history', status: 200, body: envelope({ data: [] }), times: 3 },
      scenario: 'pageWithoutPaging',
      expect: { state: 'unknown', code: 'INVALID_RESPONSE' },
      sends: 0,
    },
    {
      title: "the gateway: the client keeps to Maton's 10 requests a second by default (25 calls at once, no 429)",
      scenario: 'gatewayPace',
      expect: { answers: Array(25).fill('SUCCESS'), refusedByGateway: 0 },
      sends: 0,
    },
    {
      title: "the gateway's own error: a missing connection keeps its text, says what to do, and is not retried",
      scenario: 'missingConnection',
      expect: { code: 'MISSING_CONNECTION', status: 400, retryable: false, saysWhatToDo: true, requests: 1 },
      sends: 0,
    },
    {
      title: 'the rate limiter gives back the slots of calls that gave up waiting; they are not ambiguous',
      scenario: 'slotsGivenBack',
      expect: { gaveUpWaiting: true, notAmbiguous: true, next: 'SUCCESS' },
    },
    {
      title: 'refused before sending: a custom_string over 50, an alphanumeric sender over 11 or with a space',
      scenario: 'refusedBeforeSending',
      expect: { codes: ['INVALID_ARGUMENT', 'INVALID_ARGUMENT', 'INVALID_ARGUMENT'] },
      sends: 0,
    },
  ];
}

/** The client through Maton's gateway (its default base URL), with the gateway at `base.url`. */
const throughGateway = (ClickSend, base, options) =>
  new ClickSend({ apiKey: base.apiKey, fetch: (url, init) => fetch(String(url).replace('https://gateway.maton.ai', base.url), init), ...options });
const outcomeOf = (promise) =>
  promise.then(
    (v) => v.response_code,
    (e) => e,
  );

/** Scenarios of several calls, each resolving with plain data for a case's `expect`. */
const SCENARIOS = {
  async lateSendReconciled(ClickSend, base) {
    const client = new ClickSend({ apiKey: base.apiKey, baseUrl: base.url, timeoutMs: 300 });
    const messages = [
      { to: '0411 222 100', country: 'AU', body: 'late 1' },
      { to: '61411222101', body: 'late 2' },
    ];
    const sent = await client.sms.sendBulk(messages, { customStrings: true });
    // Asked at once: a custom_string may settle it at once, a miss only once the send cannot land.
    const states = await client.sms.reconcile(sent, { settleMs: 2500, country: 'AU' });
    return { sent: sent.map((r) => [r.ok, r.ambiguous, r.error?.code]), states: states.map((s) => [s.state, s.message?.to]) };
  },
  async pageWithoutPaging(ClickSend, base) {
    const client = new ClickSend({ apiKey: base.apiKey, baseUrl: base.url });
    const [state] = await client.sms.reconcile([{ to: '+61411111111', body: 'x', custom_string: 'p-1' }], { settleMs: 0 });
    return { state: state.state, code: state.error?.code };
  },
  async gatewayPace(ClickSend, base) {
    const client = throughGateway(ClickSend, base);
    const answers = await Promise.all(Array.from({ length: 25 }, () => outcomeOf(client.account.get())));
    return { answers: answers.map((a) => (typeof a === 'string' ? a : a.code)), refusedByGateway: answers.filter((a) => a.status === 429).length };
  },
  async missingConnection(ClickSend, base) {
    const client = throughGateway(ClickSend, base, { connection: 'not-a-connection' });
    let requests = 0;
    client.on('request', () => requests++);
    const e = await outcomeOf(client.account.get());
    return { code: e.code, status: e.status, retryable: e.retryable, saysWhatToDo: /no ClickSend connection.*connections\.create.*`connection` option/.test(e.message), requests };
  },
  async slotsGivenBack(ClickSend, base) {
    const client = new ClickSend({ apiKey: base.apiKey, baseUrl: base.url, rateLimit: { perSecond: 5, burst: 1 } });
    // 20 sends that give up at once: 4 s of slots at 5 a second, had they kept them.
    const sends = await Promise.all(Array.from({ length: 20 }, (_, i) => outcomeOf(client.sms.send({ messages: [{ to: '+61411000001', body: `x${i}` }] }, { timeoutMs: 1 }))));
    const waited = sends.filter((e) => e.code === 'TIMEOUT' && /nothing went out/.test(e.message));
    // The next call has its slot within a second, not after the 4 s the abandoned ones held.
    const next = await outcomeOf(client.account.get({ timeoutMs: 1500 }));
    return { gaveUpWaiting: waited.length >= 15, notAmbiguous: waited.every((e) => e.ambiguous === false && e.retryable === true), next: next.code ?? next };
  },
  async refusedBeforeSending(ClickSend, base) {
    const client = new ClickSend({ apiKey: base.apiKey, baseUrl: base.url });
    const to = '+61411000001';
    const refused = await Promise.all([
      outcomeOf(client.sms.send({ messages: [{ to, body: 'x', custom_string: 'c'.repeat(51) }] })),
      outcomeOf(client.sms.send({ messages: [{ to, body: 'x', from: 'MyShopOnline' }] })),
      client.sms.sendBulk([{ to, body: 'x', from: 'My Shop' }]).catch((e) => e),
    ]);
    return { codes: refused.map((e) => e.code) };
  },
};

/** A call's outcome as plain data (it may cross from a page to Node). */
export async function runFault(ClickSend, c, base) {
  if (c.scenario) {
    const outcome = { scenario: await SCENARIOS[c.scenario](ClickSend, base) };
    outcome.polluted = [{}.polluted, Object.prototype.polluted].filter((v) => v !== undefined).length;
    outcome.after = (await new ClickSend({ apiKey: base.apiKey, baseUrl: base.url }).account.get()).response_code;
    return outcome;
  }
  const client = new ClickSend({ apiKey: base.apiKey, baseUrl: base.url, ...c.client });
  const [area, name] = c.fn.split('.');
  const outcome = {};
  try {
    const value = await client[area][name](...(c.args ?? []));
    if (name === 'sendBulk') {
      outcome.bulk = value.map((r) => (r.ok ? 'sent' : r.ambiguous ? 'ambiguous' : r.message ? 'refused' : 'failed'));
      outcome.bulkTo = value.map((r, i) => [c.args[0][i].to, r.ok ? r.message.to : null]);
    } else {
      outcome.ok = value.response_code;
      outcome.okSize = JSON.stringify(value).length;
    }
  } catch (e) {
    outcome.error = { name: e.name, code: e.code, status: e.status, message: e.message, retryable: e.retryable, ambiguous: e.ambiguous };
  }
  outcome.polluted = [{}.polluted, Object.prototype.polluted, Object.polluted].filter((v) => v !== undefined).length;
  // The module still works after the failure: a normal call on the same client succeeds.
  outcome.after = (await client.account.get()).response_code;
  return outcome;
}
