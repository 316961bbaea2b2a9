// sendBulk: batches of at most 1000, bounded concurrency, one result per message in input
// order, and no message sent twice whatever fails.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ClickSend, ClickSendError } from 'clicksend-wasm';
import { startSandbox, SANDBOX_KEY } from '../support/sandbox.mjs';

let sandbox;
before(async () => {
  sandbox = await startSandbox();
});

/** A reset sandbox with credit for many messages. */
async function fresh() {
  await sandbox.reset();
  await sandbox.balance(1_000_000);
}
after(() => sandbox.stop());

const client = (options = {}) => new ClickSend({ apiKey: SANDBOX_KEY, baseUrl: sandbox.url, ...options });
const messages = (n, prefix = 'm') => Array.from({ length: n }, (_, i) => ({ to: `+614${String(i).padStart(8, '0')}`, body: `${prefix} ${i}`, custom_string: `${prefix}-${i}` }));
const sendRequests = async (path = '/v3/sms/send') => (await sandbox.requests()).filter((r) => r.path === path);

/** Counts how many requests are in flight at once (the client calls the global fetch). */
async function inFlight(run) {
  const real = globalThis.fetch;
  let now = 0;
  let most = 0;
  globalThis.fetch = async (...args) => {
    most = Math.max(most, ++now);
    try {
      return await real(...args);
    } finally {
      now--;
    }
  };
  try {
    return [await run(), most];
  } finally {
    globalThis.fetch = real;
  }
}

test('2,500 messages: batches of 1000, 1000 and 500, results in input order, progress after each', async () => {
  await fresh();
  const input = messages(2500);
  const progress = [];
  const [results, most] = await inFlight(() => client().sms.sendBulk(input, { onProgress: (p) => progress.push(p) }));
  assert.equal(results.length, 2500);
  results.forEach((r, i) => {
    assert.equal(r.ok, true);
    assert.deepEqual([r.message.custom_string, r.message.status], [`m-${i}`, 'SUCCESS']);
  });
  assert.deepEqual(
    (await sendRequests()).map((r) => r.json.messages.length),
    [1000, 1000, 500],
  );
  assert.equal(progress.length, 3);
  assert.deepEqual(progress.at(-1), { sent: 2500, refused: 0, failed: 0, total: 2500 });
  assert.ok(most <= 2, `at most 2 in flight, saw ${most}`);
  const [, one] = await inFlight(() => client().sms.sendBulk(messages(3000), { concurrency: 1 }));
  assert.equal(one, 1);
});

test('a batch that fails ambiguously is reported as such, never sent again, and the others go through', async () => {
  await fresh();
  // The second send call gets a 500 (the sandbox did nothing, but the client cannot know).
  await sandbox.faults([{ path: '/sms/send', status: 500, times: 1, method: 'POST' }]);
  const input = messages(3000);
  const results = await client().sms.sendBulk(input, { concurrency: 1 });
  const failedBatch = results.findIndex((r) => !r.ok);
  assert.equal(failedBatch, 0, 'the first call got the fault');
  for (let i = 0; i < 3000; i++) {
    const r = results[i];
    if (i < 1000) {
      assert.deepEqual([r.ok, r.ambiguous, r.error.code, r.error.retryable], [false, true, 'INTERNAL_SERVER_ERROR', false]);
      assert.ok(r.error instanceof ClickSendError);
    } else {
      assert.equal(r.ok, true);
    }
  }
  // Every message reached the sandbox at most once.
  const seen = new Map();
  for (const req of await sendRequests()) for (const m of req.json.messages) seen.set(m.custom_string, (seen.get(m.custom_string) ?? 0) + 1);
  assert.ok([...seen.values()].every((n) => n === 1));
  assert.equal(seen.size, 3000);
});

test('a 429 on a batch is retried (nothing was sent), and each message is sent once', async () => {
  await fresh();
  await sandbox.faults({ path: '/sms/send', status: 429, retry_after: '0' });
  const results = await client({ maxRetryDelayMs: 10 }).sms.sendBulk(messages(1500));
  assert.ok(results.every((r) => r.ok));
  assert.equal((await client().sms.history()).data.total, 1500);
});

test('every batch is checked before the first is sent', async () => {
  await fresh();
  const input = messages(2500);
  input[2100] = { to: '+61411111111' }; // no body
  await assert.rejects(client().sms.sendBulk(input), { code: 'INVALID_ARGUMENT', message: /sendBulk: in messages 2000 to 2499: sms.send: messages\[100\] has no `body`/ });
  await assert.rejects(client().sms.sendBulk([{ list_id: 5, body: 'x' }]), { code: 'INVALID_ARGUMENT', message: /list_id/ });
  await assert.rejects(client().sms.sendBulk('nope'), { code: 'INVALID_ARGUMENT' });
  await assert.rejects(client().sms.sendBulk([], { concurrency: 0 }), { code: 'INVALID_ARGUMENT' });
  await assert.rejects(client().sms.sendBulk([], { batch: 5 }), { code: 'INVALID_ARGUMENT', message: /unknown option `batch`/ });
  assert.equal((await sandbox.requests()).length, 0);
  assert.deepEqual(await client().sms.sendBulk([]), []);
});

test('MMS and voice have sendBulk too', async () => {
  await fresh();
  const mms = messages(3, 'pic').map((m) => ({ ...m, media_file: 'https://example.com/a.jpg' }));
  assert.ok((await client().mms.sendBulk(mms)).every((r) => r.ok && r.message.status === 'SUCCESS'));
  const calls = messages(3, 'call').map((m) => ({ ...m, voice: 'female' }));
  assert.ok((await client().voice.sendBulk(calls)).every((r) => r.ok));
  assert.equal((await sendRequests('/v3/mms/send')).length + (await sendRequests('/v3/voice/send')).length, 2);
});

test('an abort stops batches not yet sent; they are reported as not sent', async () => {
  await fresh();
  await sandbox.faults({ path: '/sms/send', delay_ms: 300, times: 1 });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 100);
  const results = await client().sms.sendBulk(messages(2000), { concurrency: 1, signal: controller.signal });
  assert.deepEqual([results[0].ok, results[0].ambiguous, results[0].error.code], [false, true, 'ABORTED'], 'in flight when aborted: may have been sent');
  assert.deepEqual([results[1999].ok, results[1999].ambiguous, results[1999].error.code], [false, false, 'ABORTED'], 'never sent');
  assert.equal((await sendRequests()).length, 1);
});

test('what is sent is what was checked: changing the messages during the send changes nothing', async () => {
  await fresh();
  const list = messages(2500, 'snap');
  const sending = client().sms.sendBulk(list, { concurrency: 1 });
  // The batches were checked and encoded when sendBulk was called; these changes come after.
  list[0].body = 'changed';
  list[2400].body = '';
  delete list[2401].to;
  const results = await sending;
  assert.ok(results.every((r) => r.ok));
  const sent = (await sendRequests()).flatMap((r) => r.json.messages);
  assert.deepEqual(sent, messages(2500, 'snap'));
});

test('sendBulk refuses a signal that is not an AbortSignal, sending nothing', async () => {
  await fresh();
  await assert.rejects(client().sms.sendBulk(messages(3), { signal: {} }), {
    name: 'ClickSendError',
    code: 'INVALID_ARGUMENT',
    message: 'sendBulk: `signal` must be an AbortSignal',
  });
  assert.equal((await sandbox.requests()).length, 0);
});

test('priceBulk: 2,500 messages quoted in calls of 1000, 1000 and 500, summed into one quote exactly as one call would answer', async () => {
  await fresh();
  const input = messages(2500);
  // Two in the first call and one in the last that ClickSend would refuse (no such number): blocked, not priced.
  for (const i of [3, 7, 2400]) input[i] = { ...input[i], to: '+999' };
  const quote = await client().sms.priceBulk(input);
  const calls = await sendRequests('/v3/sms/price');
  assert.deepEqual(
    calls.map((r) => r.json.messages.map((m) => m.custom_string)),
    [0, 1000, 2000].map((start) => input.slice(start, start + 1000).map((m) => m.custom_string)),
  );
  assert.equal((await sendRequests()).length, 0, 'nothing sent');
  // One call for all 2500 (the sandbox takes at most 1000 a call, so three quotes of the same shape).
  const single = await Promise.all([0, 1000, 2000].map((start) => client().sms.price({ messages: input.slice(start, start + 1000) })));
  const millionths = single.reduce((n, { data }) => n + Math.round(data.total_price * 1e6), 0);
  assert.equal(quote.total_price, millionths / 1e6);
  assert.deepEqual([quote.total_count, quote.queued_count, quote.blocked_count, quote._currency], [2500, 2497, 3, single[0].data._currency]);
  assert.deepEqual(
    quote.messages.map((m) => m.custom_string),
    input.map((m) => m.custom_string),
  );
});

test('priceBulk: its own options checked before anything is sent; a failed quote rejects the whole', async () => {
  await fresh();
  const c = client();
  await assert.rejects(c.sms.priceBulk(messages(2), { onProgress: () => {} }), {
    code: 'INVALID_ARGUMENT',
    message: /priceBulk: unknown option `onProgress` \(known: concurrency, signal/,
  });
  await assert.rejects(c.sms.priceBulk([{ list_id: 1, body: 'x' }]), {
    code: 'INVALID_ARGUMENT',
    message: 'priceBulk: messages[0] has a list_id; quote list messages with price()',
  });
  assert.equal((await sandbox.requests()).length, 0);
  await sandbox.faults([{ path: '/sms/price', status: 400, times: 1 }]);
  await assert.rejects(c.sms.priceBulk(messages(1500), { concurrency: 1 }), (e) => e instanceof ClickSendError && e.status === 400);
});
