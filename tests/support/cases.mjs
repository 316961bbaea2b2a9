// The behaviour every runtime must show, as data: which function is called with what,
// which request the sandbox must have received, and what the call must resolve or
// reject with. The Node suite runs these in-process; the workerd suite runs the same
// calls inside a Worker (Miniflare). `invoke` does the call where the client lives.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SANDBOX_BEARER, SANDBOX_KEY } from './sandbox.mjs';

const SMS = { messages: [{ to: '+61411111111', body: 'Hello from the tests', source: 'sdk', custom_string: 'ref-42' }] };

/** Every function, once: tests/cases/endpoints.json (its `about` says how to read it). */
export const endpointCases = JSON.parse(readFileSync(new URL('../cases/endpoints.json', import.meta.url), 'utf8')).cases;

/** The value at `N.a.b` in the setup results. */
function lookup(results, ref) {
  const [index, ...path] = ref.split('.');
  return path.reduce((v, key) => v?.[key], results[Number(index)]);
}

/** `"$N.a.b"` values replaced by what they refer to. */
export function resolve(value, results) {
  if (typeof value === 'string') {
    const ref = /^\$(\d+(?:\.\w+)+)$/.exec(value);
    return ref ? lookup(results, ref[1]) : value;
  }
  if (Array.isArray(value)) return value.map((v) => resolve(v, results));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, results)]));
  return value;
}

const fill = (path, results) => path.replace(/\{\$([\w.]+)\}/g, (_, ref) => String(lookup(results, ref)));

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
    client: { maxRetries: 0 }, // what one failure looks like; retries: tests/node/retries.test.mjs
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
    client: { maxRetries: 0 }, // what one failure looks like; retries: tests/node/retries.test.mjs
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
    client: { maxRetries: 0 }, // what one failure looks like; retries: tests/node/retries.test.mjs
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
    title: `lists.delete(${typeof bad === 'number' ? bad : JSON.stringify(bad)}) is refused`,
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
/** `client`: options on top of the defaults (e.g. `{connection}`), for every call. */
export async function runEndpointCase(sandbox, invoke, table, c, client = {}) {
  await sandbox.reset();
  const results = [];
  for (const [fn, args] of c.setup ?? []) {
    const r = await invoke({ client, fn, args: resolve(args, results) });
    assert.ok(r.ok, `setup ${fn} failed: ${JSON.stringify(r.error)}`);
    results.push(r.ok);
  }
  const args = resolve(c.args, results);
  const result = await invoke({ client, fn: c.fn, args });
  assert.ok(result.ok, `${c.fn} rejected: ${JSON.stringify(result.error)}`);
  const all = await sandbox.requests();
  assert.equal(all.length, results.length + 1, 'exactly one request per call');
  const req = all.at(-1);
  const expected = { ...c.request, path: fill(c.request.path, results) };
  assert.deepEqual({ method: req.method, path: req.path, query: req.query }, expected);
  assert.equal(req.headers.authorization, SANDBOX_BEARER);
  assert.equal(req.headers.accept, 'application/json');
  assert.equal(req.headers['maton-connection'], client.connection, 'Maton-Connection exactly when set');
  // The body sent is exactly the input argument, which follows the path parameters (an
  // optional body left out: nothing is sent).
  const endpoint = table.find((e) => `${e.area}.${e.name}` === c.fn);
  const params = endpoint.params.length;
  if (['body', 'optionalBody', 'bodyAndQuery', 'optionalBodyAndQuery'].includes(endpoint.input) && args[params] !== undefined) {
    assert.deepEqual(req.json, args[params]);
    assert.equal(req.headers['content-type'], 'application/json');
  } else {
    assert.equal(req.body, '');
    assert.equal(req.headers['content-type'], undefined);
  }
  // The call resolved with exactly what the server sent.
  assert.deepEqual(result.ok, req.response.body);
  assert.equal(req.response.status, 200);
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
