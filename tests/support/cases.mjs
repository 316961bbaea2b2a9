// The behaviour every runtime must show, as data: which function is called with what,
// which request the sandbox must have received, and what the call must resolve or
// reject with. The Node suite runs these in-process; the workerd suite runs the same
// calls inside a Worker (Miniflare). `invoke` does the call where the client lives.
import assert from 'node:assert/strict';
import { SANDBOX_KEY } from './sandbox.mjs';

const SMS = { messages: [{ to: '+61411111111', body: 'Hello from the tests', source: 'sdk', custom_string: 'ref-42' }] };
const LATER = {
  messages: [
    { to: '+61411111111', body: 'later', schedule: 99999999999 },
    { to: '+61411111112', body: 'later too', schedule: 99999999999 },
  ],
};

/** Each case: setup calls (their results feed `args`), the call, the expected request. */
export const endpointCases = [
  { fn: 'account.get', args: () => [], request: ['GET', '/v3/account', '', null] },
  { fn: 'sms.send', args: () => [SMS], request: ['POST', '/v3/sms/send', '', SMS] },
  { fn: 'sms.price', args: () => [SMS], request: ['POST', '/v3/sms/price', '', SMS] },
  {
    fn: 'sms.history',
    setup: [['sms.send', [SMS]]],
    args: () => [{ date_from: 1700000000, page: 1, limit: 20, q: 'a&b c', nothing: undefined }],
    request: ['GET', '/v3/sms/history', 'date_from=1700000000&page=1&limit=20&q=a%26b%20c', null],
  },
  {
    fn: 'sms.cancel',
    setup: [['sms.send', [LATER]]],
    args: ([sent]) => [sent.data.messages[0].message_id],
    request: (args) => ['PUT', `/v3/sms/${args[0]}/cancel`, '', null],
  },
  { fn: 'sms.cancelAll', setup: [['sms.send', [LATER]]], args: () => [], request: ['PUT', '/v3/sms/cancel-all', '', null] },
  { fn: 'lists.list', setup: [['lists.create', [{ list_name: 'A' }]]], args: () => [{ page: 1, limit: 50 }], request: ['GET', '/v3/lists', 'page=1&limit=50', null] },
  { fn: 'lists.create', args: () => [{ list_name: 'Customers' }], request: ['POST', '/v3/lists', '', { list_name: 'Customers' }] },
  {
    fn: 'lists.delete',
    setup: [['lists.create', [{ list_name: 'Temp' }]]],
    args: ([created]) => [created.data.list_id],
    request: (args) => ['DELETE', `/v3/lists/${args[0]}`, '', null],
  },
];

/** Error cases: faults to arm, client options, the call, and the exact error. */
export const errorCases = [
  {
    title: '401 with a wrong key',
    client: { apiKey: 'wrong-key' },
    fn: 'account.get',
    error: { code: 'UNAUTHORIZED', status: 401, message: 'Invalid credentials.', data: null },
    sent: 1,
  },
  {
    title: '404 for an unknown message',
    fn: 'sms.cancel',
    args: ['NO-SUCH-ID'],
    error: { code: 'NOT_FOUND', status: 404, message: 'Message not found.', data: null },
    sent: 1,
  },
  {
    title: '429 with Retry-After',
    faults: { path: '/sms/send', status: 429, retry_after: '7' },
    fn: 'sms.send',
    args: [SMS],
    error: { code: 'TOO_MANY_REQUESTS', status: 429, message: 'Sandbox fault.', data: null, retryAfter: 7 },
    sent: 1,
  },
  {
    title: '500',
    faults: { path: '/account', status: 500 },
    fn: 'account.get',
    error: { code: 'INTERNAL_SERVER_ERROR', status: 500, message: 'Sandbox fault.', data: null },
    sent: 1,
  },
  {
    title: 'a non-JSON 502 from a proxy',
    faults: { path: '/account', status: 502, body: '<html><h1>502 Bad Gateway</h1></html>', content_type: 'text/html' },
    fn: 'account.get',
    error: { code: 'INVALID_RESPONSE', status: 502, message: 'HTTP 502 Bad Gateway: a body that is not a JSON object: <html><h1>502 Bad Gateway</h1></html>' },
    sent: 1,
  },
  {
    title: 'an empty 200',
    faults: { path: '/account', status: 200, body: '' },
    fn: 'account.get',
    error: { code: 'INVALID_RESPONSE', status: 200, message: 'HTTP 200 OK: an empty body' },
    sent: 1,
  },
  {
    title: 'a connection dropped before the response',
    faults: { path: '/account', drop: 'before' },
    fn: 'account.get',
    error: { code: 'NETWORK_ERROR', status: 0 },
    sent: 1,
  },
  {
    title: 'a timeout',
    faults: { path: '/account', delay_ms: 3000 },
    client: { timeoutMs: 200 },
    fn: 'account.get',
    error: { code: 'TIMEOUT', status: 0, message: 'no response within 200 ms (timeoutMs)' },
    sent: 1,
  },
  {
    title: 'an abort by the caller',
    faults: { path: '/account', delay_ms: 3000 },
    abortAfterMs: 100,
    fn: 'account.get',
    error: { code: 'ABORTED', status: 0, message: 'the request was aborted by its signal' },
    sent: 1,
  },
  ...[-1, 1.5, NaN, '', '../account', '12/3', {}, null].map((bad) => ({
    title: `lists.delete(${typeof bad === "number" ? bad : JSON.stringify(bad)}) is refused`,
    fn: 'lists.delete',
    args: [bad],
    error: { code: 'INVALID_ARGUMENT', status: 0 },
    sent: 0,
  })),
  ...['', '..', '../../account', 'a/b', 42].map((bad) => ({
    title: `sms.cancel(${JSON.stringify(bad)}) is refused`,
    fn: 'sms.cancel',
    args: [bad],
    error: { code: 'INVALID_ARGUMENT', status: 0 },
    sent: 0,
  })),
  {
    title: 'a send with no messages is refused',
    fn: 'sms.send',
    args: [{ messages: [] }],
    error: { code: 'INVALID_ARGUMENT', status: 0, message: 'sms.send: `messages` is empty; send at least one message' },
    sent: 0,
  },
];

/** The fields of an error as every runtime reports them. */
export function errorFields(e) {
  return {
    isClickSendError: e?.name === 'ClickSendError',
    code: e?.code,
    status: e?.status,
    message: e?.message,
    data: e?.data,
    retryAfter: e?.retryAfter,
    json: JSON.stringify(e),
  };
}

/**
 * invoke({client, fn, args, abortAfterMs}) → {ok: value} | {error: errorFields}
 * where `client` holds options on top of {apiKey, baseUrl}.
 */
export async function runEndpointCase(sandbox, invoke, c) {
  await sandbox.reset();
  const setupResults = [];
  for (const [fn, args] of c.setup ?? []) {
    const r = await invoke({ fn, args });
    assert.ok(r.ok, `setup ${fn} failed: ${JSON.stringify(r.error)}`);
    setupResults.push(r.ok);
  }
  const args = c.args(setupResults);
  const result = await invoke({ fn: c.fn, args });
  assert.ok(result.ok, `${c.fn} rejected: ${JSON.stringify(result.error)}`);
  const all = await sandbox.requests();
  const req = all.at(-1);
  assert.equal(all.length, setupResults.length + 1, 'exactly one request per call');
  const [method, path, query, body] = typeof c.request === 'function' ? c.request(args) : c.request;
  assert.deepEqual({ method: req.method, path: req.path, query: req.query }, { method, path, query });
  assert.equal(req.headers.authorization, `Bearer ${SANDBOX_KEY}`);
  assert.equal(req.headers.accept, 'application/json');
  if (body === null) {
    assert.equal(req.body, '');
    assert.equal(req.headers['content-type'], undefined);
  } else {
    assert.deepEqual(req.json, body);
    assert.equal(req.headers['content-type'], 'application/json');
  }
  // The call resolved with exactly the envelope the server sent.
  assert.deepEqual(result.ok, req.response.body);
  assert.equal(result.ok.response_code, 'SUCCESS');
}

export async function runErrorCase(sandbox, invoke, c) {
  await sandbox.reset();
  if (c.faults) await sandbox.faults(c.faults);
  const result = await invoke({ client: c.client, fn: c.fn, args: c.args ?? [], abortAfterMs: c.abortAfterMs });
  assert.ok(result.error, `${c.fn} resolved: ${JSON.stringify(result.ok)}`);
  const e = result.error;
  assert.equal(e.isClickSendError, true);
  for (const [key, value] of Object.entries(c.error)) assert.deepEqual(e[key], value, `${key} of ${JSON.stringify(e)}`);
  assert.equal(e.retryAfter, c.error.retryAfter, 'retryAfter only where the server sent Retry-After');
  assert.ok(!e.json.includes(SANDBOX_KEY) && !e.message.includes(SANDBOX_KEY), 'no key in the error');
  assert.ok(!e.json.includes('wrong-key') && !e.message.includes('wrong-key'), 'no key in the error');
  assert.equal((await sandbox.requests()).length, c.sent, 'requests sent');
}
