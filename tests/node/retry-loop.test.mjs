// The README's retry loop, run as written against the sandbox: a send whose connection is cut
// (once before it is carried out, once after), reconciled, and resent only when not found.
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
async function sendOnce(client, message) {
  try {
    return (await client.sms.send({ messages: [message] })).data.messages[0];
  } catch (e) {
    if (!e.ambiguous) throw e; // nothing went out: e.retryable says whether to try again later
    const [found] = await client.sms.reconcile([message]); // look before sending again
    if (found.state === 'sent') return found.message;
    if (found.state === 'not_found') return (await client.sms.send({ messages: [message] })).data.messages[0];
    throw found.error; // the search failed: try the reconciliation again later
  }
}

for (const drop of ['before', 'after']) {
  test(`retry loop: a send cut ${drop} it is carried out goes out exactly once`, async () => {
    await sandbox.reset();
    await sandbox.faults({ path: '/sms/send', drop, times: 1 });
    const client = new ClickSend({ apiKey: SANDBOX_KEY, baseUrl: sandbox.url });
    const message = { to: '+61411111111', body: 'Your code is 1234', custom_string: 'otp-77' };
    const sent = await sendOnce(client, message);
    assert.equal(sent.custom_string, 'otp-77');
    const history = [];
    for await (const m of client.sms.history.all()) history.push(m.custom_string);
    assert.deepEqual(history, ['otp-77'], 'in the history exactly once');
  });
}
