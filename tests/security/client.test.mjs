// The security review's findings against the client (the npm package), each reproduced: a
// secret in `error.code`, raw paths leaving /v3, a secret cut in half by a snippet, secrets
// with `"` or `\`, a module poisoned by values that throw, async failures that escaped as
// uncaught exceptions, unbounded response bodies, and webhook fields that override the
// classification. The shared checks (tests/support/security-cases.js) run in Node, in
// Chromium and, from tests/workerd, in workerd.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import * as pkg from 'clicksend-wasm';
import { startSandbox } from '../support/sandbox.mjs';
import { openRepoPage } from '../support/browser.mjs';
import { root } from '../support/tarball.mjs';
import { codeRedaction, ESCAPING_PATHS, poisoning, rawPaths, uploadLimit, webhookFields } from '../support/security-cases.js';

const { ClickSend, ClickSendError } = pkg;
const KEY = 'Key9Secret77Zq3Wp5Lm2Xc8Vb';
let sandbox;
let chromium; // {page, close}

before(async () => {
  sandbox = await startSandbox(['--api-key', KEY]);
});

after(async () => {
  await chromium?.close();
  sandbox?.stop();
});

/** Runs a shared check in a Chromium page loading the browser entry. */
async function inChromium(name, ...args) {
  chromium ??= await openRepoPage(root, '/tests/security/page.html');
  return chromium.page.evaluate(([name, args]) => window.run(name, ...args), [name, args]);
}

/** The error a call rejects with. */
async function rejection(run) {
  try {
    await run();
  } catch (e) {
    return e;
  }
  assert.fail('did not reject');
}

// Maton (key and connection id) and ClickSend Basic (key and base64 user:key).
const CLIENTS = [
  { apiKey: KEY, connection: 'conn_Secret55Yh' },
  { username: 'sandbox', apiKey: KEY },
];
const CODE_ECHO = { path: '/account', status: 400, times: 2, body: `{"http_code":400,"response_code":"BAD_${KEY}","response_msg":"bad"}` };
const REDACTED_CODES = [
  { code: 'UNKNOWN_ERROR', status: 400, quoted: true, leaks: [] },
  { code: 'UNKNOWN_ERROR', status: 400, quoted: true, leaks: [] },
];

for (const [runtime, run] of [
  ['Node', (name, ...args) => ({ codeRedaction, rawPaths, poisoning, webhookFields, uploadLimit })[name](pkg, ...args)],
  ['Chromium', inChromium],
]) {
  test(`security 1, ${runtime}: a response_code that echoes a secret becomes UNKNOWN_ERROR, the secret redacted everywhere`, async () => {
    await sandbox.reset();
    await sandbox.faults(CODE_ECHO);
    assert.deepEqual(await run('codeRedaction', sandbox.url, CLIENTS), REDACTED_CODES);
  });

  test(`security 2, ${runtime}: raw paths that would leave /v3 are refused, and nothing is sent`, async () => {
    await sandbox.reset();
    const codes = await run('rawPaths', sandbox.url, KEY);
    assert.deepEqual(codes, Object.fromEntries(ESCAPING_PATHS.map((p) => [p, 'INVALID_ARGUMENT'])));
    assert.deepEqual(await sandbox.requests(), []);
  });

  test(`security 5 and 6, ${runtime}: values that throw when read are refused, and the module keeps working`, async () => {
    await sandbox.reset();
    const out = await run('poisoning', sandbox.url, KEY, runtime === 'Node' ? 10_000 : 2_000);
    const calls = runtime === 'Node' ? 10_000 : 2_000;
    for (const [kind, seen] of Object.entries(out.refused)) assert.deepEqual(seen, { 'ClickSendError INVALID_ARGUMENT': calls }, kind);
    assert.deepEqual({ ...out, refused: undefined }, { refused: undefined, after: 'SUCCESS', phone: '+61411111111', parts: 1 });
    assert.equal((await sandbox.requests()).length, 1, 'only the normal call was sent');
  });

  test(`security 6, ${runtime}: an upload over 20 MB is refused before it is read`, async () => {
    await sandbox.reset();
    const [blob, bytes, message] = await run('uploadLimit', sandbox.url, KEY);
    assert.deepEqual([blob, bytes], ['INVALID_ARGUMENT', 'INVALID_ARGUMENT']);
    assert.match(message, /larger than 20 MB/);
    assert.deepEqual(await sandbox.requests(), []);
  });

  test(`security 7, ${runtime}: a webhook field cannot override the classification or break String()`, async () => {
    assert.deepEqual(await run('webhookFields'), {
      type: 'sms_receipt',
      payload_type: 'inbound_sms',
      string: '[object Object]',
      refused: { toString: 'INVALID_ARGUMENT', valueOf: 'INVALID_ARGUMENT', hasOwnProperty: 'INVALID_ARGUMENT', payload_type: 'INVALID_ARGUMENT' },
    });
  });
}

test('security 3: a secret cut by the quoted snippet, or by the read limit, leaves no piece behind', async () => {
  const client = new ClickSend({ apiKey: KEY, baseUrl: sandbox.url, maxRetries: 0 });
  for (const body of [
    `${'x'.repeat(190)}${KEY} and more text after it`, // straddles the 200-character snippet
    `${' '.repeat(64 * 1024 - 12)}${KEY} after`, // straddles the 64 KB read limit (white space folds away)
    `${'y'.repeat(4096 - 9)}${KEY}`, // straddles the 4096 characters copied into wasm
  ]) {
    await sandbox.reset();
    await sandbox.faults({ path: '/account', status: 500, content_type: 'text/html', body });
    const e = await rejection(() => client.account.get());
    assert.ok(e instanceof ClickSendError);
    for (let n = 4; n < KEY.length; n++) {
      for (const piece of [KEY.slice(0, n), KEY.slice(-n)]) assert.ok(!e.message.includes(piece), `a piece of the key (${n} characters) in: ${e.message}`);
    }
    assert.ok(!/\[redac(?!ted\])/.test(e.message), `a broken mark in: ${e.message}`);
  }
});

test('security 4: keys and connection ids with " or \\ are refused, so data is always redacted', () => {
  for (const options of [{ apiKey: 'a"b' }, { apiKey: 'a\\b' }, { apiKey: 'k', connection: 'c"d' }, { username: 'u', apiKey: 'x\\y' }]) {
    assert.throws(
      () => new ClickSend(options),
      (e) => e instanceof ClickSendError && e.code === 'INVALID_ARGUMENT' && /may not hold/.test(e.message),
    );
  }
});

test('security 6: a compressed body is held to the limit as it is read, not to its declared (compressed) length', async () => {
  // 64 MB of JSON that gzip makes 64 KB: its Content-Length is well within the limit, and fetch
  // hands the body over decompressed. Read whole, it parsed (and a larger one took all memory).
  const json = Buffer.concat([Buffer.from('{"pad":"'), Buffer.alloc(64 * 1024 * 1024, ' '), Buffer.from('"}')]);
  const gz = gzipSync(json);
  const srv = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': gz.length });
    res.end(gz);
  });
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  try {
    assert.ok(gz.length < 1024 * 1024, `compressed: ${gz.length} bytes`);
    const e = await rejection(() => new ClickSend({ apiKey: KEY, baseUrl: `http://127.0.0.1:${srv.address().port}`, maxRetries: 0 }).account.get());
    assert.ok(e instanceof ClickSendError, String(e));
    assert.equal(e.code, 'INVALID_RESPONSE');
    assert.match(e.message, /larger than 16 MB/);
  } finally {
    srv.close();
  }
});

/** A local server answering every request with `status` and a body of `size` bytes, streamed. */
async function bigBody(status, size, contentLength) {
  let written = 0;
  const srv = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'text/plain', ...(contentLength ? { 'content-length': size } : {}) });
    const chunk = Buffer.alloc(64 * 1024, 'z');
    const pump = () => {
      while (written < size) {
        written += chunk.length;
        if (!res.write(chunk)) return res.once('drain', pump);
      }
      res.end();
    };
    res.on('error', () => {});
    res.socket.on('error', () => {});
    pump();
  });
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${srv.address().port}`, written: () => written, close: () => srv.close() };
}

test('security 6: huge bodies are read only to their limit, and the call rejects with a ClickSendError', async () => {
  for (const [status, contentLength, code, pattern] of [
    [500, false, 'INVALID_RESPONSE', /^HTTP 500 Internal Server Error: a body that is not a JSON object: zzz/],
    [500, true, 'INVALID_RESPONSE', /^HTTP 500/],
    [200, false, 'INVALID_RESPONSE', /larger than 16 MB/],
    [200, true, 'INVALID_RESPONSE', /larger than 16 MB/],
  ]) {
    const big = await bigBody(status, 400 * 1024 * 1024, contentLength);
    try {
      const e = await rejection(() => new ClickSend({ apiKey: KEY, baseUrl: big.url, maxRetries: 0 }).account.get());
      assert.ok(e instanceof ClickSendError, String(e));
      assert.equal(e.code, code);
      assert.match(e.message, pattern);
      assert.ok(big.written() < 100 * 1024 * 1024, `the client read on: ${big.written()} bytes written`);
    } finally {
      big.close();
    }
  }
  // And the module still works.
  assert.equal(pkg.parsePhone('0411 111 111', 'AU'), '+61411111111');
});
