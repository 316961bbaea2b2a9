// The README's retry loop, run as written against the sandbox: a send whose connection is cut
// (once before it is carried out, once after), or that lands after the client gave up, with
// the history lagging behind, reconciled, and resent only when not found.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ClickSend } from 'clicksend-wasm';
import { startSandbox, SANDBOX_KEY } from '../support/sandbox.mjs';

let sandbox;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox?.stop());

/** The README's code: send, and on an ambiguous failure reconcile before sending again. */
async function sendOnce(client, message, options) {
  try {
    return (await client.sms.send({ messages: [message] })).data.messages[0]; // its status says SUCCESS or why not
  } catch (e) {
    if (!e.ambiguous) throw e; // nothing went out: e.retryable says whether to try again later
    // Look before sending again: reconcile waits until the first attempt can no longer land.
    const [found] = await client.sms.reconcile([{ input: message, error: e }], options);
    if (found.state === 'sent') return found.message;
    if (found.state === 'not_found') return (await client.sms.send({ messages: [message] })).data.messages[0];
    throw found.error; // it cannot be told yet: try the reconciliation again later
  }
}

// Each way a send can end ambiguous: cut before it is carried out, cut after, or carried out
// after the client's timeout (the server still finishes it), with the history a second behind.
const CASES = [
  { name: 'cut before it is carried out', fault: { drop: 'before' }, sent: 'resent' },
  { name: 'cut after it is carried out', fault: { drop: 'after' }, sent: 'found' },
  { name: 'carried out after the client gave up', fault: { delay_ms: 1500 }, sent: 'found' },
];
for (const { name, fault, sent: how } of CASES) {
  test(`retry loop: a send ${name} goes out exactly once (history lag 1 s)`, async () => {
    await sandbox.reset();
    await sandbox.settings({ history_lag_ms: 1000 });
    await sandbox.faults({ path: '/sms/send', times: 1, ...fault });
    const client = new ClickSend({ apiKey: SANDBOX_KEY, baseUrl: sandbox.url, timeoutMs: 500 });
    const message = { to: '0411 111 111', body: 'Your code is 1234', custom_string: 'otp-77' };
    const sent = await sendOnce(client, message, { settleMs: 2500 });
    assert.deepEqual([sent.custom_string, sent.to, sent.status === 'SUCCESS' ? 'resent' : 'found'], ['otp-77', '+61411111111', how]);
    await sandbox.settings({ history_lag_ms: 0 }); // everything sent is in the history now
    const history = [];
    for await (const m of client.sms.history.all()) history.push(m.custom_string);
    assert.deepEqual(history, ['otp-77'], 'in the history exactly once');
  });
}
