// Reconciliation against the sandbox's faults: 5,000 messages in five batches, four of which
// fail in a way that leaves them ambiguous (a connection cut before the answer, a 500, a batch
// carried out whose answer is then cut, a connection cut mid-answer). Reconciling the
// ambiguous ones and resending only what was not found leaves every message sent exactly once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ClickSend } from 'clicksend-wasm';
import { startSandbox, SANDBOX_KEY } from '../support/sandbox.mjs';

let sandbox;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox?.stop());

const RECIPIENTS = Array.from({ length: 50 }, (_, i) => `+614${String(11_000_000 + i).padStart(8, '0')}`);

test('reconcile: send, ambiguous, reconcile, resend only not_found: 0 duplicated, 0 lost', async () => {
  await sandbox.reset();
  await sandbox.balance(1_000_000);
  await sandbox.faults([
    { path: '/sms/send', drop: 'before', times: 1 },
    { path: '/sms/send', status: 500, times: 1 },
    { path: '/sms/send', drop: 'after', times: 1 }, // sent, but the client never hears so
    { path: '/sms/send', drop: 'mid-body', times: 1 },
  ]);
  const client = new ClickSend({ apiKey: SANDBOX_KEY, baseUrl: sandbox.url, maxRetries: 0 });
  const messages = Array.from({ length: 5000 }, (_, i) => ({ to: RECIPIENTS[i % 50], body: `Sale ${i}`, source: 'reconcile' }));
  const results = await client.sms.sendBulk(messages, { concurrency: 1, customStrings: true });
  const ambiguous = results.filter((r) => !r.ok && r.ambiguous);
  assert.deepEqual([results.filter((r) => r.ok).length, ambiguous.length], [1000, 4000]);

  const states = await client.sms.reconcile(ambiguous, { settleMs: 0 }); // the sandbox answers at once: nothing is still on its way
  const count = (s) => states.filter((x) => x.state === s).length;
  assert.deepEqual({ sent: count('sent'), not_found: count('not_found'), unknown: count('unknown') }, { sent: 1000, not_found: 3000, unknown: 0 });
  for (const [i, s] of states.entries()) if (s.state === 'sent') assert.equal(s.message.custom_string, ambiguous[i].input.custom_string);

  const resend = ambiguous.filter((_, i) => states[i].state === 'not_found').map((r) => r.input);
  const again = await client.sms.sendBulk(resend, { concurrency: 2 });
  assert.equal(again.filter((r) => r.ok).length, 3000);

  // Every message is in the history exactly once.
  const sent = [];
  for await (const m of client.sms.history.all({ limit: 100 })) sent.push(m.custom_string);
  const once = new Set(sent);
  assert.equal(sent.length, 5000, 'messages sent in all');
  assert.equal(once.size, 5000, 'none duplicated');
  assert.ok(
    results.every((r) => once.has(r.ok ? r.message.custom_string : r.input.custom_string)),
    'none lost',
  );
});

test('reconcile: refuses what it cannot search for, and reports a failed search as unknown', async () => {
  const client = new ClickSend({ apiKey: SANDBOX_KEY, baseUrl: sandbox.url, maxRetries: 0 });
  await assert.rejects(client.sms.reconcile('x'), { code: 'INVALID_ARGUMENT' });
  await assert.rejects(client.sms.reconcile([{ body: 'no recipient' }]), { code: 'INVALID_ARGUMENT', message: /items\[0\]/ });
  await assert.rejects(client.sms.reconcile([], { window: 1 }), { code: 'INVALID_ARGUMENT', message: /unknown option `window`/ });
  await sandbox.reset();
  // A 500 is not retried (a 429, 502, 503 or 504 would be, by the client and then by reconcile).
  // Three times: the page read for the server's clock (then taken as unknown), the first look
  // (for a custom_string) and the final one after the settling all fail.
  await sandbox.faults({ path: '/sms/history', status: 500, times: 3 });
  const [state] = await client.sms.reconcile([{ to: '+61411111111', body: 'hi', custom_string: 'c-1' }], { settleMs: 0 });
  assert.deepEqual([state.state, state.error.status], ['unknown', 500]);
});
