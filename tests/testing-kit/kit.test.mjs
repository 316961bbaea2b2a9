// The testing kit (`clicksend-wasm/testing`) as the built package has it: the model in-process
// behind `sandbox.fetch`, driven by the client. What it must do for users' tests: answer as the
// sandbox server does (a scripted sequence gives the server and the kit the same answers, ids
// and clock made equal), record requests with credentials redacted, seed, fail on purpose,
// produce webhooks `parseWebhook` reads, keep a clock a test moves, and never break on a
// request the real API would refuse.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ClickSend, parseWebhook } from 'clicksend-wasm';
import { createSandbox } from 'clicksend-wasm/testing';
import { startSandbox } from '../support/sandbox.mjs';

const NOW = 1_795_824_000; // 2026-11-28T00:00:00Z
const clientFor = (sandbox, extra = {}) => new ClickSend({ apiKey: 'test-key', fetch: sandbox.fetch, ...extra });

test('kit: a send through the client, recorded with the key redacted, charged and kept', async () => {
  const sandbox = createSandbox({ now: NOW });
  const client = clientFor(sandbox);
  const sent = await client.sms.send({ messages: [{ to: '+61411111111', body: 'Your code is 123456', custom_string: 'otp-1' }] });
  const [message] = sent.data.messages;
  assert.deepEqual([message.status, message.message_id, message.date, message.custom_string], ['SUCCESS', '5A4D0B0C-0000-4000-8000-000000000001', String(NOW), 'otp-1']);
  const [request] = sandbox.requests();
  assert.deepEqual([request.method, request.path, request.query, request.headers.authorization], ['POST', '/clicksend/v3/sms/send', '', 'Bearer [redacted]']);
  assert.deepEqual(request.json, { messages: [{ to: '+61411111111', body: 'Your code is 123456', custom_string: 'otp-1' }] });
  assert.ok(!JSON.stringify(sandbox.requests()).includes('test-key'), 'the key is nowhere in what was recorded');
  const state = sandbox.state();
  assert.equal(state.balance, 100 - 0.0792);
  assert.deepEqual(
    state.messages.map((m) => [m.message_id, m.to, m.status, m.message_type]),
    [[message.message_id, '+61411111111', 'Sent', 'sms']],
  );
});

test('kit: without credentials a request is refused with a 401, as ClickSend refuses it; a set key must match', async () => {
  const open = createSandbox();
  const refused = await open.fetch('https://rest.clicksend.com/v3/account');
  assert.equal(refused.status, 401);
  assert.equal((await refused.json()).response_code, 'UNAUTHORIZED');
  const strict = createSandbox({ apiKey: 'right' });
  assert.equal((await strict.fetch('https://rest.clicksend.com/v3/account', { headers: { authorization: 'Bearer wrong' } })).status, 401);
  assert.equal((await strict.fetch('https://rest.clicksend.com/v3/account', { headers: { authorization: 'Bearer right' } })).status, 200);
  assert.equal((await open.fetch('https://rest.clicksend.com/v3/countries')).status, 200, 'countries need no credentials');
});

test('kit: seeding makes lists, contacts, templates, messages and inbound as the API would, recording nothing', async () => {
  const sandbox = createSandbox({ now: NOW });
  const made = sandbox.seed({
    balance: 3,
    lists: [{ list_name: 'Customers', contacts: [{ phone_number: '+61411111111', first_name: 'Ann' }] }],
    templates: [{ template_name: 'OTP', body: 'Your code is {code}' }],
    messages: [{ to: '+61422222222', body: 'Earlier' }],
    inbound: [{ from: '+61433333333', body: 'STOP' }],
  });
  assert.deepEqual(sandbox.requests(), []);
  const client = clientFor(sandbox);
  const lists = await client.lists.list();
  assert.deepEqual(
    lists.data.data.map((l) => [l.list_id, l.list_name, l._contacts_count]),
    [[made.lists[0].list_id, 'Customers', 1]],
  );
  assert.equal((await client.smsTemplates.list()).data.data[0].template_id, made.template_ids[0]);
  assert.equal((await client.sms.history()).data.data[0].message_id, made.message_ids[0]);
  assert.equal((await client.sms.inbound()).data.data[0].body, 'STOP');
  assert.equal((await client.account.get()).data.balance, '3.000000');
  assert.throws(() => sandbox.seed({ messages: [{ to: '+61411111111', body: 'x', kind: 'fax' }] }), /kind is sms, mms or voice/);
  sandbox.reset();
  assert.deepEqual([sandbox.state().lists, sandbox.requests()], [[], []]);
});

/** Resolves once `condition()` holds, checking after each turn of the event loop. */
async function until(condition) {
  while (!condition()) await new Promise((r) => setTimeout(r, 0));
}

test('kit: faults: a 429 with Retry-After, a 5xx, a malformed body, a hang until aborted, a cut answer', async () => {
  const sandbox = createSandbox({ now: NOW });
  // A 429 holds back every call of its client until Retry-After has passed: its own client.
  const limitedClient = clientFor(sandbox, { maxRetries: 0 });
  const client = clientFor(sandbox, { maxRetries: 0 });
  assert.equal(
    sandbox.faults([
      { path: '/sms/send', status: 429, retry_after: 7 },
      { path: '/account', status: 503 },
    ]),
    2,
  );
  const limited = await limitedClient.sms.send({ messages: [{ to: '+61411111111', body: 'x' }] }).catch((e) => e);
  assert.deepEqual([limited.code, limited.status, limited.retryAfter], ['TOO_MANY_REQUESTS', 429, 7]);
  const down = await client.account.get().catch((e) => e);
  assert.deepEqual([down.status, down.retryable], [503, true]);
  sandbox.faults({ path: '/account', status: 200, body: '<html>oops', content_type: 'text/html' });
  assert.equal((await client.account.get().catch((e) => e)).code, 'INVALID_RESPONSE');
  sandbox.faults({ path: '/account', hang: true });
  const controller = new AbortController();
  const hung = client.account.get({ signal: controller.signal }).catch((e) => e);
  await until(() => sandbox.requests().length === 4);
  controller.abort();
  assert.equal((await hung).code, 'ABORTED');
  sandbox.faults({ path: '/sms/send', drop: 'after' });
  const cut = await client.sms.send({ messages: [{ to: '+61411111111', body: 'maybe' }] }).catch((e) => e);
  assert.deepEqual([cut.code, cut.ambiguous], ['NETWORK_ERROR', true], 'carried out, answer cut: the client cannot tell');
  assert.equal(sandbox.state().messages.length, 1, 'and it was carried out');
  assert.equal((await client.account.get()).http_code, 200, 'faults are used up');
});

test('kit: webhooks: a receipt and an inbound SMS as Requests parseWebhook reads, in each format', async () => {
  const sandbox = createSandbox({ now: NOW });
  const client = clientFor(sandbox);
  const id = (await client.sms.send({ messages: [{ to: '+61411111111', body: 'hi', custom_string: 'order-9' }] })).data.messages[0].message_id;
  for (const format of ['form', 'json', 'get']) {
    const receipt = await parseWebhook(sandbox.receipt(id, { format, url: 'https://app.example/hooks' }));
    assert.deepEqual([receipt.type, receipt.message_id, receipt.status_code, receipt.custom_string], ['sms_receipt', id, '201', 'order-9']);
  }
  const reply = await parseWebhook(sandbox.inbound({ from: '+61411111111', body: 'YES', original_message_id: id }));
  assert.deepEqual([reply.type, reply.from, reply.body, reply.original_message_id], ['inbound_sms', '+61411111111', 'YES', id]);
  assert.equal((await client.sms.inbound()).data.data[0].body, 'YES', 'kept, as received');
  assert.throws(() => sandbox.receipt('NO-SUCH-ID'), /no message "NO-SUCH-ID" went out/);
  await client.sms.createTestInbound({ url: 'https://app.example/inbound', body: 'test' });
  const [pushed] = sandbox.pushed();
  assert.equal(pushed.url, 'https://app.example/inbound');
  assert.equal((await parseWebhook(pushed)).body, 'test');
});

test('kit: a fixed clock the test moves: dates, scheduled messages and their cancelling follow it', async () => {
  const sandbox = createSandbox({ now: '2026-11-28T00:00:00Z' });
  const client = clientFor(sandbox);
  assert.equal(sandbox.clock.now(), NOW);
  const later = await client.sms.send({ messages: [{ to: '+61411111111', body: 'tomorrow', schedule: NOW + 86_400 }] });
  assert.equal((await client.sms.history()).data.data[0].status, 'Scheduled');
  sandbox.clock.advance(3600);
  const now = await client.sms.send({ messages: [{ to: '+61411111111', body: 'now' }] });
  assert.equal(now.data.messages[0].date, String(NOW + 3600));
  await client.sms.cancel(later.data.messages[0].message_id);
  assert.equal(sandbox.clock.set(new Date('2027-01-01T00:00:00Z')), 1_798_761_600);
});

test('kit: ids are predictable: two kits given the same requests answer the same', async () => {
  const run = async () => {
    const sandbox = createSandbox({ now: NOW });
    const client = clientFor(sandbox);
    const list = (await client.lists.create({ list_name: 'L' })).data;
    const contact = (await client.contacts.create(list.list_id, { phone_number: '+61411111111' })).data;
    const sent = (await client.sms.send({ messages: [{ list_id: list.list_id, body: 'all' }] })).data;
    return [list, contact, sent];
  };
  assert.deepEqual(await run(), await run());
});

test('kit: a request the real API would refuse gets the same refusal, and the kit goes on working', async () => {
  const sandbox = createSandbox({ now: NOW });
  const auth = { authorization: 'Bearer k', 'content-type': 'application/json' };
  const hostile = [
    ['POST', '/v3/sms/send', 'not json'],
    ['POST', '/v3/sms/send', '[1,2,3]'],
    ['POST', '/v3/lists', '{"list_name": {"nested": true}}'],
    ['GET', '/v3/lists/99999999999999999999999999', undefined],
    ['PUT', '/v3/lists/1/contacts/2/copy/3', '{}'],
    ['GET', `/v3/${'a/'.repeat(500)}`, undefined],
    ['DELETE', '/v3/account', undefined],
    ['POST', '/v3/subaccounts', '{}'],
    ['POST', '/v3/uploads?convert=%ZZ', '{"content": "@@@"}'],
    ['GET', '/v3/sms/history?page=-1&limit=1e9', undefined],
    ['POST', '/connections', '{"app": ""}'],
  ];
  const statuses = [];
  for (const [method, path, body] of hostile) {
    const response = await sandbox.fetch(`https://rest.clicksend.com${path}`, { method, headers: auth, body });
    const envelope = await response.json();
    statuses.push(response.status);
    assert.ok(response.status === 200 || typeof (envelope.response_code ?? envelope.error) === 'string', `${method} ${path}: ${JSON.stringify(envelope)}`);
  }
  assert.deepEqual(statuses, [400, 400, 400, 404, 404, 404, 405, 400, 400, 200, 400]);
  const after = await clientFor(sandbox).account.get();
  assert.equal(after.data.username, 'sandbox');
});

// ---- the same model as the sandbox server ----

let server;
before(async () => {
  server = await startSandbox(['--now', String(NOW), '--api-key', 'k']);
});
after(() => server?.stop());

/** A scripted sequence of raw requests: lists, contacts, sends (to a list too), a page, a
 *  cancel, refusals, deletes, Maton's connections. */
const SCRIPT = [
  ['POST', '/v3/lists', { list_name: 'Customers' }],
  ['POST', '/v3/lists/428001/contacts', { phone_number: '+61411111111', first_name: 'Ann' }],
  ['POST', '/v3/lists/428001/contacts', { phone_number: '+447700900123', email: 'b@example.com' }],
  [
    'POST',
    '/v3/sms/send',
    {
      messages: [
        { list_id: 428001, body: 'Hello {first_name}' },
        { to: '+15551234567', body: 'x'.repeat(200), schedule: NOW + 60 },
      ],
    },
  ],
  ['GET', '/v3/sms/history?limit=2&page=2'],
  ['PUT', '/v3/sms/5A4D0B0C-0000-4000-8000-000000000006/cancel'],
  ['POST', '/v3/sms/templates', { template_name: 'T' }],
  ['GET', '/v3/lists/999'],
  ['POST', '/v3/subaccounts', { api_username: 'u', password: 'p', email: 'u@example.com', phone_number: '+61411111111', first_name: 'U', last_name: 'One' }],
  ['GET', '/v3/subaccounts'],
  ['GET', '/v3/account'],
  ['POST', '/v3/email/addresses', { email_address: 'ops@example.com' }],
  ['POST', '/v3/sms-campaigns/send', { list_id: 428001, name: 'Sale', body: 'Sale!' }],
  ['GET', '/v3/statistics/sms'],
  ['DELETE', '/v3/lists/428001/contacts/1500002'],
  ['GET', '/connections'],
  ['POST', '/connections', { app: 'clicksend' }],
  ['PATCH', '/v3/lists'],
];

async function play(fetcher) {
  const answers = [];
  for (const [method, path, body] of SCRIPT) {
    const response = await fetcher(`${server.url}${path}`, {
      method,
      headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
      body: body && JSON.stringify(body),
    });
    answers.push([method, path, response.status, await response.json()]);
  }
  return answers;
}

test('kit: one model, two fronts: the server and the kit answer a scripted sequence alike', async () => {
  const fromServer = await play(fetch);
  const kit = createSandbox({ apiKey: 'k', now: NOW });
  const fromKit = await play(kit.fetch);
  assert.equal(fromKit.length, SCRIPT.length);
  for (const [i, answer] of fromKit.entries()) assert.deepEqual(answer, fromServer[i], `step ${i + 1}: ${SCRIPT[i][0]} ${SCRIPT[i][1]}`);
  const statuses = fromKit.map((a) => a[2]);
  assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 400, 404, 200, 200, 200, 200, 200, 200, 200, 200, 200, 405]);
});
