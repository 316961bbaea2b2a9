// Every error a user can meet is the ClickSendError the package exports, whatever made it:
// the wasm module, a bulk send, pagination or webhook parsing (tests/support/error-origins.js),
// in Node and in headless Chromium. And the class's public constructor works as documented.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import * as pkg from 'clicksend-wasm';
import { startSandbox, SANDBOX_KEY } from '../support/sandbox.mjs';
import { openRepoPage } from '../support/browser.mjs';
import { root } from '../support/tarball.mjs';
import { constructed, errorOrigins } from '../support/error-origins.js';

let sandbox;
let chromium; // {page, close}
let refused;

/** A loopback URL where nothing listens: a port that was free a moment ago. */
async function closedPort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}`;
}

before(async () => {
  sandbox = await startSandbox();
  refused = await closedPort();
});

after(async () => {
  await chromium?.close();
  sandbox?.stop();
});

const ERROR = (code, status = 0) => ({ instance: true, error: true, name: 'ClickSendError', code, status });

const EXPECTED = {
  'wasm: a bad argument': ERROR('INVALID_ARGUMENT'),
  'wasm: a 404 from the server': ERROR('NOT_FOUND', 404),
  'wasm: a refused connection': ERROR('NETWORK_ERROR'),
  'wasm: smsParts of a number': ERROR('INVALID_ARGUMENT'),
  'wasm: a bad option': ERROR('INVALID_ARGUMENT'),
  'bulk: a bad option': ERROR('INVALID_ARGUMENT'),
  'bulk: a bad message': ERROR('INVALID_ARGUMENT'),
  'bulk: a failed batch': ERROR('NETWORK_ERROR'),
  'pagination: a bad option': ERROR('INVALID_ARGUMENT'),
  'pagination: a failed page': ERROR('NETWORK_ERROR'),
  'webhooks: not a request': ERROR('INVALID_ARGUMENT'),
  'webhooks: no message_id': ERROR('INVALID_ARGUMENT'),
};

const CONSTRUCTED = {
  plain: {
    name: 'ClickSendError',
    code: 'UNKNOWN_ERROR',
    status: 0,
    message: 'boom',
    data: undefined,
    retryAfter: undefined,
    retryable: false,
    ambiguous: false,
    startedAt: undefined,
    endedAt: undefined,
    instance: true,
    error: true,
    stack: 'string',
  },
  full: {
    name: 'ClickSendError',
    code: 'TOO_MANY_REQUESTS',
    status: 429,
    message: 'slow down',
    data: { a: 1 },
    retryAfter: 2,
    retryable: true,
    ambiguous: false,
    startedAt: 1000,
    endedAt: 2000,
    instance: true,
    error: true,
    stack: 'string',
  },
  positional: 'TypeError: new ClickSendError(message, {code, status, data, retryAfter, retryable, ambiguous}): the second argument must be an object',
};

test('errors: every origin gives the exported ClickSendError, in Node', async () => {
  assert.deepEqual(await errorOrigins(pkg, sandbox.url, SANDBOX_KEY, refused), EXPECTED);
});

test('errors: the public constructor, in Node', () => {
  assert.deepEqual(constructed(pkg), CONSTRUCTED);
});

test('errors: every origin gives the exported ClickSendError, in Chromium; and the constructor', async () => {
  chromium = await openRepoPage(root, '/tests/errors/page.html');
  const { page } = chromium;
  assert.deepEqual(await page.evaluate((args) => window.errorOrigins(...args), [sandbox.url, SANDBOX_KEY, refused]), EXPECTED);
  assert.deepEqual(await page.evaluate(() => window.constructed()), CONSTRUCTED);
  // Chromium logs each failed fetch itself ("Failed to load resource"); nothing else may show.
  assert.deepEqual(
    page.errors.filter((e) => !e.startsWith('Failed to load resource')),
    [],
  );
});
