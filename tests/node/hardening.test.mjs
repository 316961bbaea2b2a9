// Hostile input, table-driven: path traversal and query injection through every path
// parameter of every endpoint, header injection through every option, secrets across every
// kind of failure, and prototype pollution through pages. Each must be refused (or
// harmless) with nothing sent that should not be.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { ClickSend, ClickSendError, endpoints } from 'clicksend-wasm';
import { startSandbox, SANDBOX_KEY } from '../support/sandbox.mjs';
import { exactRequestCall } from '../support/exact-request.mjs';

let sandbox;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox.stop());

// Values that would change which resource a request reaches, or what it asks.
const HOSTILE = [
  '..',
  '.',
  '../account',
  '..%2Faccount',
  'a/b',
  '/',
  'a?b=1',
  '?limit=1000',
  'a#b',
  'a\\b',
  '%2e%2e',
  '%2F',
  'a%2Fb',
  'a\r\nX-Injected: 1',
  '',
  ' ',
  'a b',
  'ä',
  '1 OR 1=1',
  '\u0000',
];

const withParams = endpoints().filter((e) => e.path.includes('{'));

test(`hardening: every path parameter of ${withParams.length} endpoints refuses ${HOSTILE.length} hostile values, sending nothing`, async () => {
  await sandbox.reset();
  const client = new ClickSend({ apiKey: SANDBOX_KEY, baseUrl: sandbox.url, controlUrl: sandbox.url });
  let tried = 0;
  for (const e of withParams) {
    const { args } = exactRequestCall(e);
    const count = [...e.path.matchAll(/\{\w+\}/g)].length;
    for (let position = 0; position < count; position++) {
      for (const value of HOSTILE) {
        const hostile = args.map((a, i) => (i === position ? value : a));
        const error = await client[e.area][e.name](...hostile).then(
          () => null,
          (x) => x,
        );
        assert.ok(error instanceof ClickSendError, `${e.area}.${e.name} took ${JSON.stringify(value)} as parameter ${position + 1}`);
        assert.equal(error.code, 'INVALID_ARGUMENT', `${e.area}.${e.name}(${JSON.stringify(value)}): ${error.message}`);
        tried++;
      }
    }
  }
  assert.deepEqual(await sandbox.requests(), [], 'nothing was sent');
  assert.ok(tried > (200 * HOSTILE.length) / 2, `${tried} calls`);
});

const OPTIONS = {
  apiKey: ['key\r\nX-Injected: 1', 'key\n', 'kéy', 'key with space', ''],
  username: ['me\r\n', 'mé', ''],
  connection: ['conn\r\nX-Injected: 1', 'cönn', 'conn\u0000', ''],
  baseUrl: ['http://example.com\r\nX: 1', 'javascript:alert(1)', 'file:///etc/passwd', 'example.com', 'http://exa mple.com', ''],
  controlUrl: ['http://example.com\nX: 1', 'ftp://example.com', ''],
};

test('hardening: CR/LF, non-ASCII and non-http values in any option are refused at construction, without echoing them', () => {
  for (const [name, values] of Object.entries(OPTIONS)) {
    for (const value of values) {
      const options = { apiKey: 'k', [name]: value };
      let thrown;
      try {
        new ClickSend(options);
      } catch (e) {
        thrown = e;
      }
      assert.ok(thrown instanceof ClickSendError, `${name} = ${JSON.stringify(value)} was accepted`);
      assert.equal(thrown.code, 'INVALID_ARGUMENT');
      if (value.length > 3) assert.ok(!thrown.message.includes(value), `the message repeats ${JSON.stringify(value)}`);
    }
  }
});

test('hardening: no credential in any error, its JSON, its stack, String(client) or anything logged, for every kind of failure', async () => {
  const key = 'K3Y-DO-NOT-LEAK-0a1b2c';
  const connection = 'CONN-DO-NOT-LEAK-9f8e';
  const basic = Buffer.from(`someone:${key}`).toString('base64');
  // Each client with the secrets it holds.
  const clients = [
    [new ClickSend({ apiKey: key, connection, baseUrl: sandbox.url, timeoutMs: 300, maxRetries: 0 }), [key, connection]],
    [new ClickSend({ username: 'someone', apiKey: key, baseUrl: sandbox.url, timeoutMs: 300, maxRetries: 0 }), [key, basic]],
  ];
  const failures = [
    [null, (c) => c.account.get()], // 401: the sandbox wants another key
    [{ path: '/account', status: 500, body: `{"response_code":"X","response_msg":"Bad key ${key} for ${connection}"}` }, (c) => c.account.get()],
    [{ path: '/account', status: 502, body: `<pre>Authorization: Bearer ${key}\nAuthorization: Basic ${basic}\nMaton-Connection: ${connection}</pre>` }, (c) => c.account.get()],
    [{ path: '/account', drop: 'before' }, (c) => c.account.get()],
    [{ path: '/account', delay_ms: 1000 }, (c) => c.account.get()],
    [null, (c) => c.lists.get('../x')],
    [null, (c) => c.sms.send({ messages: [{ body: 'no recipient' }] })],
    [null, (c) => c.account.get({ signal: AbortSignal.abort() })],
    [{ path: '/account', status: 429, retry_after: '1', body: `{"response_code":"TOO_MANY_REQUESTS","response_msg":"${key}","data":{"key":"${key}"}}` }, (c) => c.account.get()],
  ];
  const logged = [];
  const methods = ['log', 'info', 'warn', 'error', 'debug'];
  const originals = methods.map((m) => console[m]);
  for (const m of methods) console[m] = (...a) => logged.push(a.map((x) => inspect(x, { depth: 6, showHidden: true })).join(' '));
  try {
    for (const [client, secrets] of clients) {
      const shown = [];
      shown.push(String(client), inspect(client, { depth: 6, showHidden: true }), JSON.stringify(client));
      for (const [fault, call] of failures) {
        await sandbox.reset();
        if (fault) await sandbox.faults(fault);
        const e = await call(client).then(
          () => assert.fail('resolved'),
          (x) => x,
        );
        assert.ok(e instanceof ClickSendError, String(e));
        shown.push(String(e), e.stack, JSON.stringify(e), inspect(e, { depth: 6, showHidden: true }), JSON.stringify(e.data ?? null));
        for (const k of Object.getOwnPropertyNames(e)) shown.push(`${k}=${inspect(e[k], { depth: 6 })}`);
      }
      for (const text of shown) {
        for (const secret of secrets) assert.ok(!String(text).includes(secret), `${secret} in: ${text}`);
      }
    }
  } finally {
    for (const [i, m] of methods.entries()) console[m] = originals[i];
  }
  assert.deepEqual(logged, [], 'the client logs nothing');
});

test('hardening: pages that try prototype pollution do not pollute Object.prototype', async () => {
  await sandbox.reset();
  const poison = '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}';
  const page = `{"http_code":200,"response_code":"SUCCESS","response_msg":"ok","data":{"total":1,"per_page":100,"current_page":1,"last_page":1,"data":[${poison}],"__proto__":{"polluted":"yes"}}}`;
  await sandbox.faults({ path: '/sms/history', status: 200, body: page });
  const client = new ClickSend({ apiKey: SANDBOX_KEY, baseUrl: sandbox.url });
  const items = [];
  for await (const item of client.sms.history.all()) items.push(item);
  assert.equal(items.length, 1);
  assert.equal({}.polluted, undefined);
  assert.equal(Object.prototype.polluted, undefined);
  assert.equal(Object.getPrototypeOf(items[0]), Object.prototype);
});
