// Retries against the sandbox's faults: what is retried, what never is, and that no
// message is ever sent twice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ClickSend } from 'clicksend-wasm';
import { startSandbox, SANDBOX_KEY } from '../support/sandbox.mjs';

let sandbox;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox.stop());

const SMS = { messages: [{ to: '+61411111111', body: 'Hello', custom_string: 'order-7' }] };
const client = (options = {}) => new ClickSend({ apiKey: SANDBOX_KEY, baseUrl: sandbox.url, maxRetryDelayMs: 50, ...options });
const sent = async () => (await client().sms.history()).data.total;

test('a 429 then success: resolves once, and the message is sent once', async () => {
  await sandbox.reset();
  await sandbox.faults({ path: '/sms/send', status: 429, retry_after: '1' });
  const res = await client().sms.send(SMS);
  assert.equal(res.data.messages[0].status, 'SUCCESS');
  const requests = await sandbox.requests();
  assert.deepEqual(
    requests.map((r) => [r.path, r.response.status]),
    [
      ['/v3/sms/send', 429],
      ['/v3/sms/send', 200],
    ],
  );
  assert.equal(await sent(), 1);
});

test('a 503 on a GET is retried, up to maxRetries', async () => {
  await sandbox.reset();
  await sandbox.faults({ path: '/account', status: 503, times: 2 });
  assert.equal((await client().account.get()).response_code, 'SUCCESS');
  assert.equal((await sandbox.requests()).length, 3);

  await sandbox.reset();
  await sandbox.faults({ path: '/account', status: 503, times: 5 });
  const e = await client({ maxRetries: 1 })
    .account.get()
    .catch((e) => e);
  assert.deepEqual([e.code, e.status, e.retryable], ['ERROR', 503, true]);
  assert.equal((await sandbox.requests()).length, 2);
});

test('502, 504 and dropped connections on reads are retried; a 500 is not', async () => {
  for (const fault of [{ status: 502 }, { status: 504 }, { drop: 'before' }, { drop: 'mid-body' }]) {
    await sandbox.reset();
    await sandbox.faults({ path: '/sms/history', ...fault });
    assert.equal((await client().sms.history()).response_code, 'SUCCESS', JSON.stringify(fault));
    assert.equal((await sandbox.requests()).length, 2, JSON.stringify(fault));
  }
  await sandbox.reset();
  await sandbox.faults({ path: '/sms/history', status: 500 });
  await assert.rejects(client().sms.history(), { code: 'INTERNAL_SERVER_ERROR', retryable: false });
  assert.equal((await sandbox.requests()).length, 1);
});

test('a send that fails ambiguously is never retried, and the error says so', async () => {
  for (const fault of [{ status: 500 }, { status: 503 }, { drop: 'before' }, { drop: 'mid-body' }]) {
    await sandbox.reset();
    await sandbox.faults({ path: '/sms/send', ...fault });
    const e = await client()
      .sms.send(SMS)
      .catch((e) => e);
    assert.equal(e.retryable, false, JSON.stringify(fault));
    assert.match(e.message, /not retried: the request may have been carried out \(a send may have gone out\).*custom_string/);
    assert.equal((await sandbox.requests()).length, 1, `exactly one request for ${JSON.stringify(fault)}`);
  }
  // A send that timed out, too.
  await sandbox.reset();
  await sandbox.faults({ path: '/sms/send', delay_ms: 1000 });
  const e = await client({ timeoutMs: 200 })
    .sms.send(SMS)
    .catch((e) => e);
  assert.deepEqual([e.code, e.retryable], ['TIMEOUT', false]);
  assert.match(e.message, /may have gone out/);
  assert.equal((await sandbox.requests()).length, 1);
});

test('Retry-After is honoured, in seconds or as an HTTP date, and capped by maxRetryDelayMs', async () => {
  await sandbox.reset();
  await sandbox.faults({ path: '/account', status: 429, retry_after: '999999' });
  const started = Date.now();
  assert.equal((await client({ maxRetryDelayMs: 100 }).account.get()).response_code, 'SUCCESS');
  assert.ok(Date.now() - started < 10_000, 'the absurd Retry-After was capped');
  for (const retry_after of ['120', new Date(Date.now() + 120_000).toUTCString()]) {
    await sandbox.reset();
    await sandbox.faults({ path: '/account', status: 429, retry_after });
    const e = await client({ maxRetries: 0 })
      .account.get()
      .catch((e) => e);
    assert.equal(e.retryable, true);
    assert.ok(e.retryAfter >= 119 && e.retryAfter <= 120, `${retry_after} -> ${e.retryAfter}`);
  }
});

const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

test('an abort during backoff rejects with ABORTED and sends nothing more', async () => {
  await sandbox.reset();
  const timersBefore = timers();
  await sandbox.faults({ path: '/account', status: 429, retry_after: '5', times: 3 });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 100);
  const e = await client({ maxRetryDelayMs: 10_000 })
    .account.get({ signal: controller.signal })
    .catch((e) => e);
  assert.deepEqual([e.code, e.status], ['ABORTED', 0]);
  assert.equal(timers(), timersBefore, 'the backoff timer was cleared (a pending one would keep Node running)');
  await new Promise((r) => setTimeout(r, 200));
  assert.equal((await sandbox.requests()).length, 1);
});

test('timeoutMs bounds the whole call, backoff included', async () => {
  await sandbox.reset();
  await sandbox.faults({ path: '/account', status: 429, retry_after: '5', times: 3 });
  const e = await client({ maxRetryDelayMs: 10_000, timeoutMs: 300 })
    .account.get()
    .catch((e) => e);
  assert.equal(e.code, 'TIMEOUT');
  assert.equal((await sandbox.requests()).length, 1);
});
