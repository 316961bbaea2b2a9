// The testing kit under misuse (security review, round 3): it answers only what ClickSend
// would, or refuses clearly, whatever a test does with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClickSend } from 'clicksend-wasm';
import { createSandbox } from 'clicksend-wasm/testing';

/** A client of the kit, unpaced (the gateway's 10 a second would only slow the tests). */
const clientFor = (sandbox) => new ClickSend({ apiKey: 'test-key', fetch: sandbox.fetch, rateLimit: false });

/** Waits until `check()` holds (a state, not a time). */
async function until(check) {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
}

test("kit misuse: reset() while a request waits in a fault's delay: it never gets another request's answer", async () => {
  const sandbox = createSandbox();
  const client = clientFor(sandbox);
  sandbox.faults({ path: '/lists', delay_ms: 300 });
  const slow = client.lists.list().then(
    (v) => ({ resolved: v }),
    (e) => ({ rejected: e }),
  );
  await until(() => sandbox.requests().length === 1);
  sandbox.reset();
  const account = await client.account.get();
  assert.equal(account.data.user_id, 3819, "the account's own answer");
  const { resolved, rejected } = await slow;
  assert.equal(resolved, undefined, `lists.list() resolved with ${JSON.stringify(resolved?.data)?.slice(0, 80)}`);
  assert.deepEqual([rejected.status, rejected.message], [500, 'The sandbox was reset while this request waited; it was not carried out.']);
});

test('kit misuse: faults() refuses what it cannot do, and matches paths in the form requests() shows', async () => {
  const sandbox = createSandbox();
  for (const [fault, why] of [
    [{ path: '/sms/send', times: 0 }, /times must be a whole number from 1/],
    [{ hang: 'yes' }, /hang must be true or false/],
    [{ path: '/sms/send', stauts: 500 }, /unknown fault field "stauts"/],
    [{ delay_ms: 10 ** 12 }, /delay_ms must be a whole number from 0 to 600000/],
    [{ body: 'no status' }, /give status too/],
  ]) {
    assert.throws(
      () => sandbox.faults(fault),
      (e) => e instanceof TypeError && why.test(e.message),
      JSON.stringify(fault),
    );
  }
  const client = clientFor(sandbox);
  sandbox.faults({ path: '/v3/sms/send', status: 500 });
  await assert.rejects(client.sms.send({ messages: [{ to: '+61411111111', body: 'x' }] }), { status: 500 });
  const again = await client.sms.send({ messages: [{ to: '+61411111111', body: 'x' }] });
  assert.equal(again.data.messages[0].status, 'SUCCESS', 'the fault was spent, not left armed');
  assert.deepEqual(
    sandbox.requests().map((r) => [r.path, r.response.status]),
    [
      ['/clicksend/v3/sms/send', 500],
      ['/clicksend/v3/sms/send', 200],
    ],
  );
});

test('kit misuse: the clock refuses what is not a time', () => {
  assert.throws(() => createSandbox({ now: 'tomorrow' }), { name: 'TypeError', message: /`now` must be a Date, an ISO date string or Unix seconds/ });
  assert.throws(() => createSandbox({ now: {} }), TypeError);
  const sandbox = createSandbox({ now: 1_795_824_000 });
  assert.throws(() => sandbox.clock.advance('60'), { name: 'TypeError', message: /advance\(\) takes a number of seconds/ });
  assert.throws(() => sandbox.clock.advance(Number.NaN), TypeError);
  assert.throws(() => sandbox.clock.set(new Date('nope')), TypeError);
  assert.equal(sandbox.clock.advance(60), 1_795_824_060);
});

test('kit misuse: seed() reports only what it stored, and is not charged', () => {
  const sandbox = createSandbox();
  sandbox.settings({ countries_enabled: ['AU'] });
  const before = sandbox.state().balance;
  const messages = Array.from({ length: 2000 }, (_, i) => ({ to: `+614110${String(i).padStart(5, '0')}`, body: `seeded ${i}` }));
  messages.push({ to: '+6141', body: 'no such number' }, { to: '+64211234567', body: 'a country not enabled' });
  const seeded = sandbox.seed({ messages });
  assert.equal(seeded.message_ids.length, 2000);
  assert.deepEqual(seeded.refused_messages, [
    { index: 2000, status: 'INVALID_RECIPIENT' },
    { index: 2001, status: 'COUNTRY_NOT_ENABLED' },
  ]);
  const state = sandbox.state();
  assert.deepEqual([state.messages.length, state.balance], [2000, before]);
});

test('kit misuse: the record of requests is bounded (the last 10,000), and counts what it let go', async () => {
  const sandbox = createSandbox();
  for (let i = 0; i < 12_000; i++) await sandbox.fetch('https://rest.clicksend.com/v3/account', { headers: { authorization: 'Bearer k' } });
  const kept = sandbox.requests();
  assert.deepEqual([kept.length, sandbox.droppedRequests()], [10_000, 2_000]);
  assert.ok(kept.every((r) => r.response.status === 200));
});

test('kit misuse: a send to a country the kit does not price is refused (501), not answered with a made-up price', async () => {
  const sandbox = createSandbox();
  const client = clientFor(sandbox);
  await assert.rejects(
    client.sms.send({ messages: [{ to: '+4915123456789', body: 'Hallo' }] }),
    (e) => e.status === 501 && /a message to \+4915123456789 is not modelled/.test(e.message),
  );
  await assert.rejects(client.sms.price({ messages: [{ to: '+33612345678', body: 'Bonjour' }] }), { status: 501 });
  assert.deepEqual([sandbox.state().messages.length, sandbox.state().balance], [0, 100]);
  // Refused for another reason first (a number that cannot exist), it is answered as ClickSend would.
  const refused = await client.sms.send({ messages: [{ to: '+4912', body: 'x' }] });
  assert.equal(refused.data.messages[0].status, 'INVALID_RECIPIENT');
});
