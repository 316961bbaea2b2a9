// The built package running inside workerd (Miniflare), calling the sandbox from a Worker.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';
import { startSandbox, SANDBOX_KEY } from '../support/sandbox.mjs';
import { endpoints } from 'clicksend-wasm';
import { runScenario } from '../support/scenario.mjs';
import { expected as seamsExpected } from '../support/seams-cases.js';
import { runExactRequestCase } from '../support/exact-request.mjs';
import { endpointCases, errorCases, runEndpointCase, runErrorCase } from '../support/cases.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
let sandbox;
let mf;

before(async () => {
  sandbox = await startSandbox();
  mf = new Miniflare({
    modules: true,
    modulesRoot: root,
    scriptPath: `${root}tests/workerd/worker.js`,
    // The package is ES modules throughout (Miniflare reads .js as CommonJS by default).
    modulesRules: [
      { type: 'ESModule', include: ['**/*.js'] },
      { type: 'CompiledWasm', include: ['**/*.wasm'] },
    ],
    compatibilityDate: '2025-01-01',
    bindings: { SANDBOX_URL: sandbox.url, API_KEY: SANDBOX_KEY },
  });
  await mf.ready;
});

after(async () => {
  await mf?.dispose();
  sandbox?.stop();
});

/** Runs one call inside the Worker. */
async function invoke(call) {
  const res = await mf.dispatchFetch('http://worker/', { method: 'POST', body: JSON.stringify(call) });
  assert.equal(res.status, 200);
  const out = await res.json();
  return out;
}

for (const c of endpointCases) {
  test(`workerd: ${c.fn}: exact request and resolved value`, () => runEndpointCase(sandbox, invoke, endpoints(), c));
}

for (const c of errorCases) {
  test(`workerd: error: ${c.title}`, () => runErrorCase(sandbox, invoke, c));
}

test('workerd: scenario: a list, contacts, duplicates, sends, history pages, receipts, cancel, clean up', () => runScenario(sandbox, invoke));

const withCase = new Set(endpointCases.map((c) => c.fn));
for (const e of endpoints().filter((e) => !withCase.has(`${e.area}.${e.name}`))) {
  test(`workerd: ${e.area}.${e.name}: exact request, settles with the sandbox's answer`, () => runExactRequestCase(sandbox, invoke, e));
}

// The security review's client findings, in workerd (tests/security runs them in Node and Chromium).
const SECURE_KEY = 'Key9Secret77Zq3Wp5Lm2Xc8Vb';
let secure;
async function secureSandbox() {
  secure ??= await startSandbox(['--api-key', SECURE_KEY]);
  return secure;
}
after(() => secure?.stop());

async function check(name, ...args) {
  const res = await mf.dispatchFetch('http://worker/', { method: 'POST', body: JSON.stringify({ security: name, args }) });
  assert.equal(res.status, 200);
  return res.json();
}

test('workerd: security 1: a response_code that echoes a secret becomes UNKNOWN_ERROR, redacted everywhere', async () => {
  const s = await secureSandbox();
  await s.reset();
  await s.faults({ path: '/account', status: 400, times: 2, body: `{"http_code":400,"response_code":"BAD_${SECURE_KEY}","response_msg":"bad"}` });
  const clients = [
    { apiKey: SECURE_KEY, connection: 'conn_Secret55Yh' },
    { username: 'sandbox', apiKey: SECURE_KEY },
  ];
  const same = { code: 'UNKNOWN_ERROR', status: 400, quoted: true, leaks: [] };
  assert.deepEqual(await check('codeRedaction', s.url, clients), [same, same]);
});

test('workerd: security 2: raw paths that would leave /v3 are refused, and nothing is sent', async () => {
  const s = await secureSandbox();
  await s.reset();
  const codes = await check('rawPaths', s.url, SECURE_KEY);
  assert.ok(Object.keys(codes).length >= 10);
  assert.deepEqual(new Set(Object.values(codes)), new Set(['INVALID_ARGUMENT']));
  assert.deepEqual(await s.requests(), []);
});

test('workerd: security 5 and 6: values that throw when read are refused, and the module keeps working', async () => {
  const s = await secureSandbox();
  await s.reset();
  const out = await check('poisoning', s.url, SECURE_KEY, 1_000);
  for (const [kind, seen] of Object.entries(out.refused)) assert.deepEqual(seen, { 'ClickSendError INVALID_ARGUMENT': 1_000 }, kind);
  assert.deepEqual([out.after, out.phone, out.parts], ['SUCCESS', '+61411111111', 1]);
});

test('workerd: security 6 and 7: uploads over 20 MB refused; webhook fields cannot override the type', async () => {
  const s = await secureSandbox();
  await s.reset();
  const [blob, bytes] = await check('uploadLimit', s.url, SECURE_KEY);
  assert.deepEqual([blob, bytes], ['INVALID_ARGUMENT', 'INVALID_ARGUMENT']);
  const fields = await check('webhookFields');
  assert.deepEqual([fields.type, fields.payload_type, fields.string], ['sms_receipt', 'inbound_sms', '[object Object]']);
});

// The production seams (tests/seams runs them in Node and Chromium).
for (const [name, want] of Object.entries(seamsExpected())) {
  test(`workerd: seams: ${name}`, async () => {
    const res = await mf.dispatchFetch('http://worker/', { method: 'POST', body: JSON.stringify({ seams: name }) });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), want);
  });
}
