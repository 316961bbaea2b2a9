// The built package, imported the way a user imports it (`clicksend-wasm`, resolved
// through pkg/package.json's `exports` with the `node` condition), against the sandbox.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { ClickSend, ClickSendError, endpoints } from 'clicksend-wasm';
import { startSandbox, SANDBOX_BASIC, SANDBOX_KEY } from '../support/sandbox.mjs';
import { callByName } from '../support/call.js';
import { runScenario } from '../support/scenario.mjs';
import { runExactRequestCase } from '../support/exact-request.mjs';
import { endpointCases, errorCases, errorFields, runEndpointCase, runErrorCase } from '../support/cases.mjs';

let sandbox;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox.stop());

/** Runs one call in this process. */
async function invoke({ client = {}, fn, args, abortAfterMs }) {
  try {
    const c = new ClickSend({ apiKey: SANDBOX_KEY, baseUrl: sandbox.url, controlUrl: sandbox.url, ...client });
    return { ok: await callByName(c, fn, args, abortAfterMs) };
  } catch (e) {
    assert.ok(e instanceof ClickSendError && e instanceof Error, `not a ClickSendError: ${e}`);
    return { error: errorFields(e) };
  }
}

for (const c of endpointCases) {
  test(`${c.fn}: exact request and resolved value`, () => runEndpointCase(sandbox, invoke, endpoints(), c));
  test(`${c.fn}: with a Maton connection`, () => runEndpointCase(sandbox, invoke, endpoints(), c, { connection: 'conn-42' }));
}

for (const c of errorCases) {
  test(`error: ${c.title}`, () => runErrorCase(sandbox, invoke, c));
}

test('the endpoint table is exported and matches the namespaces', () => {
  const table = endpoints();
  const client = new ClickSend({ apiKey: 'k' });
  const row = { input: 'none', paged: false, repeatSafe: true, enveloped: true, bulk: false, reconcile: false, messages: null, params: [] };
  assert.deepEqual(table[0], { area: 'account', name: 'get', method: 'GET', path: '/account', ...row });
  // Everything about an operation is on its row: sendBulk, reconcile, the messages, the path's parameters.
  const of = (qualified) => table.find((e) => `${e.area}.${e.name}` === qualified);
  assert.deepEqual(
    ['sms.send', 'sms.price', 'sms.history', 'contacts.get', 'alphaTags.list'].map((q) => [q, of(q)?.bulk, of(q)?.reconcile, of(q)?.messages, of(q)?.params, of(q)?.enveloped]),
    [
      ['sms.send', true, false, 'sms', [], true],
      ['sms.price', true, false, 'sms', [], true],
      ['sms.history', false, true, null, [], true],
      ['contacts.get', false, false, null, ['id', 'id'], true],
      ['alphaTags.list', false, false, null, [], false],
    ],
  );
  for (const { area, name, bulk, reconcile } of table) {
    if (bulk) assert.equal(typeof client[area][`${name}Bulk`], 'function', `${area}.${name}Bulk`);
    if (reconcile) assert.equal(typeof client[area].reconcile, 'function', area);
  }
  for (const { area, name } of table) assert.equal(typeof client[area][name], 'function', `${area}.${name}`);
  assert.equal(table.length, 213);
  const safe = Object.fromEntries(table.map((e) => [`${e.area}.${e.name}`, e.repeatSafe]));
  assert.deepEqual([safe['sms.send'], safe['sms.price'], safe['sms.cancel'], safe['recharge.purchase'], safe['lists.delete']], [false, true, true, false, true]);
  // A copy: changing it changes nothing.
  table[0].path = '/elsewhere';
  assert.equal(endpoints()[0].path, '/account');
});

test('every call is a Promise (instanceof Promise) with withResponse(), rejected or not', async () => {
  const client = new ClickSend({ apiKey: 'k', rateLimit: false, fetch: async () => Promise.reject(new TypeError('offline')) });
  const calls = endpoints().map(({ area, name }) => [`${area}.${name}`, client[area][name]()]);
  calls.push(['request', client.request('GET', '/account')], ['sms.sendBulk', client.sms.sendBulk([])], ['sms.reconcile', client.sms.reconcile([])]);
  for (const [what, call] of calls) {
    assert.ok(call instanceof Promise, what);
    if (!what.endsWith('sendBulk') && !what.endsWith('reconcile')) assert.equal(typeof call.withResponse, 'function', what);
    const chained = call.then(
      () => 0,
      () => 0,
    );
    assert.ok(chained instanceof Promise && !('withResponse' in chained), `${what}: then() makes a plain Promise`);
  }
  await Promise.allSettled(calls.map(([, call]) => call));
});

test('the constructor rejects unknown options and wrong types', () => {
  const cases = [
    [{ apiKey: 'k', apikey: 'k' }, /unknown option `apikey`/],
    [{ apiKey: 1 }, /`apiKey` must be a string, got a number/],
    [{ apiKey: 'k', timeoutMs: '5' }, /`timeoutMs` must be a number/],
    [{ apiKey: 'k', timeoutMs: -1 }, /`timeoutMs` must be a whole number/],
    [{ apiKey: 'k', baseUrl: 'ftp://x' }, /`baseUrl` must start with http/],
    [{ apiKey: 'k\r\nX-Evil: 1' }, /`apiKey` may hold only visible ASCII/],
    [{}, /give `apiKey`/],
    [undefined, /expected an options object, got undefined/],
  ];
  for (const [options, message] of cases) {
    assert.throws(
      () => new ClickSend(options),
      (e) => e instanceof ClickSendError && e.code === 'INVALID_ARGUMENT' && message.test(e.message),
    );
  }
});

test('Basic auth (ClickSend directly) and the Maton-Connection header (through the gateway)', async () => {
  await sandbox.reset();
  const direct = new ClickSend({ username: 'sandbox', apiKey: SANDBOX_KEY, baseUrl: sandbox.url });
  const account = await direct.account.get();
  const gateway = new ClickSend({ apiKey: SANDBOX_KEY, connection: DEFAULT_CONNECTION, baseUrl: `${sandbox.url}/clicksend` });
  await gateway.account.get();
  const [req, viaGateway] = await sandbox.requests();
  assert.equal(req.path, '/v3/account');
  assert.equal(req.headers.authorization, SANDBOX_BASIC);
  assert.deepEqual(account, req.response.body);
  assert.equal(viaGateway.path, '/clicksend/v3/account');
  assert.equal(viaGateway.headers['maton-connection'], DEFAULT_CONNECTION);
  assert.equal(viaGateway.response.status, 200);
});

/** The connection the sandbox's gateway has from the start (Maton's default one). */
const DEFAULT_CONNECTION = '5a4d0b0c-0000-4000-8000-00000000c0de';

test('the escape hatch goes through the same checks', async () => {
  await sandbox.reset();
  const client = new ClickSend({ apiKey: SANDBOX_KEY, baseUrl: sandbox.url });
  const page = await client.request('GET', '/sms/history', { query: { limit: 2 } });
  const [req] = await sandbox.requests();
  assert.deepEqual([req.method, req.path, req.query], ['GET', '/v3/sms/history', 'limit=2']);
  assert.deepEqual(page, req.response.body);
  await assert.rejects(client.request('GET', '/../account'), { code: 'INVALID_ARGUMENT' });
  await assert.rejects(client.request('GET', '/a?b=1'), { code: 'INVALID_ARGUMENT' });
  assert.equal((await sandbox.requests()).length, 1);
});

test('the API key never shows: not in String, inspect, JSON or console output', async () => {
  const key = 'TOP-SECRET-KEY-123';
  const client = new ClickSend({ apiKey: key, username: 'me', connection: 'SECRET-CONN', baseUrl: sandbox.url });
  const basic = Buffer.from(`me:${key}`).toString('base64');
  const shown = [String(client), inspect(client, { depth: 5, showHidden: true }), JSON.stringify(client)];
  const logged = [];
  const original = console.log;
  console.log = (...a) => logged.push(a.map((x) => inspect(x, { depth: 5 })).join(' '));
  try {
    console.log(client);
    const e = await client.account.get().catch((e) => e); // wrong credentials: 401
    console.log(e);
    shown.push(String(e), JSON.stringify(e), inspect(e, { depth: 5, showHidden: true }), e.stack);
  } finally {
    console.log = original;
  }
  for (const text of [...shown, ...logged]) {
    for (const secret of [key, basic, 'SECRET-CONN']) assert.ok(!String(text).includes(secret), `secret in: ${text}`);
  }
});

test('a proxy that echoes the key in its error page does not leak it', async () => {
  await sandbox.reset();
  await sandbox.faults({ path: '/account', status: 502, body: `<pre>Authorization: Bearer ${SANDBOX_KEY}</pre>` });
  const client = new ClickSend({ apiKey: SANDBOX_KEY, baseUrl: sandbox.url, maxRetries: 0 });
  const e = await client.account.get().catch((e) => e);
  assert.equal(e.code, 'INVALID_RESPONSE');
  assert.equal(e.message, 'HTTP 502 Bad Gateway: a body that is not a JSON object: <pre>Authorization: Bearer [redacted]</pre>');
});

test('the module keeps working after every kind of failure', async () => {
  await sandbox.reset();
  const client = new ClickSend({ apiKey: SANDBOX_KEY, baseUrl: sandbox.url, timeoutMs: 300, maxRetries: 0 });
  await sandbox.faults([
    { path: '/account', status: 500 },
    { path: '/account', body: 'nope', status: 200 },
    { path: '/account', delay_ms: 1000 },
    { path: '/account', drop: 'before' },
  ]);
  for (const code of ['INTERNAL_SERVER_ERROR', 'INVALID_RESPONSE', 'TIMEOUT', 'NETWORK_ERROR']) {
    await assert.rejects(client.account.get(), { code });
  }
  await assert.rejects(client.lists.delete(-1), { code: 'INVALID_ARGUMENT' });
  const ok = await client.account.get();
  assert.equal(ok.response_code, 'SUCCESS');
});

test('scenario: a list, contacts, duplicates, sends, history pages, receipts, cancel, clean up', () => runScenario(sandbox, invoke));

const withCase = new Set(endpointCases.map((c) => c.fn));
for (const e of endpoints().filter((e) => !withCase.has(`${e.area}.${e.name}`))) {
  test(`${e.area}.${e.name}: exact request, settles with the sandbox's answer`, () => runExactRequestCase(sandbox, invoke, e));
}

test('uploads take {content: base64} or the bytes (Blob, ArrayBuffer, typed arrays), encoded by the client', async () => {
  const client = new ClickSend({ apiKey: SANDBOX_KEY, baseUrl: sandbox.url });
  const bytes = new TextEncoder().encode('%PDF-1.4 hello');
  const base64 = Buffer.from(bytes).toString('base64');
  const files = [bytes, bytes.buffer, new Blob([bytes]), new DataView(bytes.buffer), { content: base64 }];
  for (const file of files) {
    await sandbox.reset();
    const res = await client.uploads.create(file, { convert: 'fax' });
    const [req] = await sandbox.requests();
    assert.deepEqual([req.method, req.path, req.query, req.body], ['POST', '/v3/uploads', 'convert=fax', JSON.stringify({ content: base64 })]);
    assert.deepEqual(res, req.response.body);
  }
  // A view onto part of a buffer sends just that part.
  await sandbox.reset();
  await client.uploads.create(new Uint8Array(bytes.buffer, 9, 5));
  assert.equal((await sandbox.requests())[0].json.content, Buffer.from('hello').toString('base64'));
  await sandbox.reset();
  for (const bad of ['a string', {}, { content: '' }, null, 42]) {
    await assert.rejects(client.uploads.create(bad), { code: 'INVALID_ARGUMENT', message: /give the file as a Blob, an ArrayBuffer, a Uint8Array or \{content: base64\}/ });
  }
  assert.equal((await sandbox.requests()).length, 0, 'nothing sent for a bad file');
});

test('documented inputs: cancelAll takes {custom_string}, numbers.buy needs no body, array query values are indexed', async () => {
  const client = new ClickSend({ apiKey: SANDBOX_KEY, baseUrl: sandbox.url });
  await sandbox.reset();
  await client.sms.cancelAll({ custom_string: 'otp-77' });
  // Numbers for sale come from a search (the sandbox, as ClickSend, sells no other).
  const [first, second] = (await client.numbers.search('AU')).data.data.map((n) => encodeURIComponent(n.dedicated_number));
  await client.numbers.buy(decodeURIComponent(first));
  await client.numbers.buy(decodeURIComponent(second), undefined, { type: 'sms' });
  await client.senders.compliantTypes({ 'filter[product_type]': 'SMS', 'filter[country_code][{index}]': ['AU', 'NZ'] });
  await client.request('GET', '/sms/history', { query: { ids: [3, 4] } });
  const sent = (await sandbox.requests()).map((r) => [r.method, r.path, r.query, r.body]);
  assert.deepEqual(sent, [
    ['PUT', '/v3/sms/cancel-all', '', '{"custom_string":"otp-77"}'],
    ['GET', '/v3/numbers/search/AU', '', ''],
    ['POST', `/v3/numbers/buy/${first}`, '', ''],
    ['POST', `/v3/numbers/buy/${second}`, 'type=sms', ''],
    ['GET', '/v3/senders/compliant-sender-types', 'filter%5Bproduct_type%5D=SMS&filter%5Bcountry_code%5D%5B0%5D=AU&filter%5Bcountry_code%5D%5B1%5D=NZ', ''],
    ['GET', '/v3/sms/history', 'ids%5B0%5D=3&ids%5B1%5D=4', ''],
  ]);
});
