// ClickSend and Maton as they really behave (docs/exactly-once.md), against the sandbox: messages
// refused inside a 200, numbers not in E.164, a history that lags, a server clock ahead, sends
// carried out after the client gave up, the gateway's 10 requests a second and its own errors.
// Each test asserts what the sandbox recorded and what the client answered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ClickSend, ClickSendError } from 'clicksend-wasm';
import { startSandbox, SANDBOX_KEY } from '../support/sandbox.mjs';

let sandbox;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox?.stop());

const direct = (options) => new ClickSend({ apiKey: SANDBOX_KEY, baseUrl: sandbox.url, ...options });
/** The client as a user of the gateway has it: the default Maton base, sent to the sandbox. */
const throughMaton = (options) => new ClickSend({ apiKey: SANDBOX_KEY, fetch: (url, init) => fetch(url.replace('https://gateway.maton.ai', sandbox.url), init), ...options });

test('per-message truth: refusals inside a 200 are results of their own, counted as refused', async () => {
  await sandbox.reset();
  await sandbox.settings({ countries_enabled: ['AU'] });
  await sandbox.balance(0.2); // two AU SMS, then INSUFFICIENT_CREDIT
  const messages = [
    { to: '+61411000001', body: 'a', custom_string: 'c1' },
    { to: '+6141', body: 'b', custom_string: 'c2' }, // cannot exist
    { to: '+64211234567', body: 'c', custom_string: 'c3' }, // NZ: not enabled
    { to: '+61411000002', body: 'd', custom_string: 'c4', from: 'Shop' },
    { to: '+61411000003', body: 'e', custom_string: 'c5' }, // no credit left
  ];
  const progress = [];
  const results = await direct().sms.sendBulk(messages, { onProgress: (p) => progress.push(p) });
  const [answer] = (await sandbox.requests()).map((r) => r.response.body.data);
  assert.equal(answer.blocked_count, 3);
  assert.deepEqual(
    results.map((r) => [r.ok, r.ambiguous ?? null, r.ok ? r.message.status : r.error.code, r.message?.custom_string]),
    [
      [true, null, 'SUCCESS', 'c1'],
      [false, false, 'INVALID_RECIPIENT', 'c2'],
      [false, false, 'COUNTRY_NOT_ENABLED', 'c3'],
      [true, null, 'SUCCESS', 'c4'],
      [false, false, 'INSUFFICIENT_CREDIT', 'c5'],
    ],
  );
  const refused = results[1];
  assert.ok(refused.error instanceof ClickSendError);
  assert.deepEqual([refused.error.status, refused.error.retryable, refused.input], [200, false, messages[1]]);
  assert.deepEqual(refused.message, answer.messages[1], 'the API record of the message');
  assert.deepEqual(progress, [{ sent: 2, refused: 3, failed: 0, total: 5 }]);
});

test('per-message truth: results are matched by custom_string, and an answer that leaves a message out flags it', async () => {
  await sandbox.reset();
  const answer = (records) => ({ http_code: 200, response_code: 'SUCCESS', response_msg: 'ok', data: { messages: records, blocked_count: 0 } });
  const reply = (records) => async () => new Response(JSON.stringify(answer(records)), { status: 200, headers: { 'content-type': 'application/json' } });
  // Out of order and one missing: the results follow the custom_strings, the missing one is ambiguous.
  const client = new ClickSend({
    apiKey: 'k',
    fetch: reply([
      { custom_string: 'b', status: 'SUCCESS' },
      { custom_string: 'a', status: 'THROTTLED' },
    ]),
    rateLimit: false,
  });
  const results = await client.sms.sendBulk([
    { to: '+61411000001', body: 'x', custom_string: 'a' },
    { to: '+61411000002', body: 'y', custom_string: 'b' },
    { to: '+61411000003', body: 'z', custom_string: 'c' },
  ]);
  assert.deepEqual(
    results.map((r) => [r.ok, r.ambiguous ?? null, r.ok ? r.message.custom_string : r.error.code]),
    [
      [false, false, 'THROTTLED'],
      [true, null, 'b'],
      [false, true, 'INVALID_RESPONSE'],
    ],
  );
  assert.equal(results[0].error.retryable, true, 'THROTTLED says "later"');
  assert.ok(results[2].startedAt > 0 && results[2].endedAt >= results[2].startedAt);
  // Without custom_strings, by position, and only when there is one record per message.
  const short = new ClickSend({ apiKey: 'k', fetch: reply([{ status: 'SUCCESS' }]), rateLimit: false });
  const two = await short.sms.sendBulk([
    { to: '+61411000001', body: 'x' },
    { to: '+61411000002', body: 'y' },
  ]);
  assert.deepEqual(
    two.map((r) => [r.ok, r.ambiguous]),
    [
      [false, true],
      [false, true],
    ],
  );
});

test('numbers in any form ClickSend takes are stored in E.164 and reconciled as sent (no duplicate)', async () => {
  await sandbox.reset();
  const client = direct();
  const forms = ['0411 222 100', '61411222101', '+61 411 222 102', '411222103'];
  await client.sms.send({ messages: forms.map((to, i) => ({ to, body: `hi ${i}`, country: i === 3 ? 'AU' : undefined })) });
  const states = await client.sms.reconcile(
    forms.map((to, i) => ({ to, body: `hi ${i}`, country: i === 3 ? 'AU' : undefined })),
    { settleMs: 0 },
  );
  assert.deepEqual(
    states.map((s) => [s.state, s.message?.to]),
    [
      ['sent', '+61411222100'],
      ['sent', '+61411222101'],
      ['sent', '+61411222102'],
      ['sent', '+61411222103'],
    ],
  );
  const pages = (await sandbox.requests()).filter((r) => r.path === '/v3/sms/history').map((r) => new URLSearchParams(r.query));
  const searches = pages.filter((q) => q.has('q')).map((q) => q.get('q'));
  assert.deepEqual(searches.sort(), ['to:+61411222100', 'to:+61411222101', 'to:+61411222102', 'to:+61411222103']);
  // One page more, with no search: its Date header is the server's time.
  assert.deepEqual(pages.filter((q) => !q.has('q')).map(String), ['page=1&limit=15']);
  assert.ok(
    (await sandbox.requests()).some((r) => r.path === '/v3/account'),
    'the account default country was read for the national number',
  );
  const [bad] = await client.sms.reconcile([{ to: '12', body: 'x' }], { settleMs: 0 });
  assert.equal(bad.state, 'unknown');
});

test('a send carried out after the client gave up, with the history lagging, is found, not resent', async () => {
  await sandbox.reset();
  await sandbox.settings({ history_lag_ms: 1500 });
  await sandbox.faults({ path: '/sms/send', delay_ms: 1200, times: 1 });
  const client = direct({ timeoutMs: 300 });
  const [result] = await client.sms.sendBulk([{ to: '+61411000001', body: 'late' }], { customStrings: true });
  assert.deepEqual([result.ok, result.ambiguous, result.error.code], [false, true, 'TIMEOUT']);
  assert.ok(result.endedAt - result.startedAt >= 250);
  // Asked at once, before the attempt settled, it cannot say not_found: it waits (settleMs).
  const [state] = await client.sms.reconcile([result], { settleMs: 3500 });
  assert.equal(state.state, 'sent');
  assert.equal(state.message.custom_string, result.input.custom_string);
  // Without a custom_string it decides only once settled, by the body, from a record surely
  // made after the attempt began (the server's clock read from its Date header).
  await sandbox.settings({ history_lag_ms: 0 });
  await sandbox.faults({ path: '/sms/send', delay_ms: 4000, times: 1 });
  const plain = await client.sms.sendBulk([{ to: '+61411000002', body: 'late too' }]);
  const [again] = await client.sms.reconcile(plain, { settleMs: 4500 });
  assert.deepEqual([again.state, again.message?.body], ['sent', 'late too']);
  // Carried out at once: its record is dated when the attempt began, which an identical message
  // sent just before would be too. Not a guess: unknown, and why.
  await sandbox.faults({ path: '/sms/send', drop: 'after', times: 1 });
  const cut = await client.sms.sendBulk([{ to: '+61411000003', body: 'cut' }]);
  const [unsure] = await client.sms.reconcile(cut, { settleMs: 0 });
  assert.deepEqual([unsure.state, unsure.error.code], ['unknown', 'UNRESOLVED']);
  assert.match(unsure.error.message, /within \d s of when this attempt began.*custom_string/);
});

test('reconcile with the server clock ahead, an identical earlier message, and a page without paging fields', async () => {
  await sandbox.reset();
  await sandbox.settings({ clock_skew_ms: 120_000 });
  const client = direct();
  await client.sms.send({ messages: [{ to: '+61411000001', body: 'same', custom_string: 'k1' }] });
  const [ahead] = await client.sms.reconcile([{ to: '+61411000001', body: 'same', custom_string: 'k1' }], { settleMs: 0 });
  assert.equal(ahead.state, 'sent', 'a server two minutes ahead');
  // Further ahead than clockSkewMs allows (5 minutes): the server's Date header says by how much.
  await sandbox.settings({ clock_skew_ms: 600_000 });
  await client.sms.send({ messages: [{ to: '+61411000001', body: 'same', custom_string: 'k2' }] });
  const [farAhead] = await client.sms.reconcile([{ to: '+61411000001', body: 'same', custom_string: 'k2' }], { settleMs: 0 });
  assert.equal(farAhead.state, 'sent', 'a server ten minutes ahead');
  // An identical message sent earlier (before this attempt began) is not this one: three hours
  // before, or two minutes (within clockSkewMs, where a guess would lose the new message).
  await sandbox.settings({ clock_skew_ms: 0 });
  const now = Math.floor(Date.now() / 1000);
  await sandbox.seed({
    messages: [
      { to: '+61411000009', body: 'Your code is 1', date: now - 3 * 3600 },
      { to: '+61411000008', body: 'Your code is 2', date: now - 120 },
    ],
  });
  const attempt = (input) => ({ input, startedAt: Date.now() - 1000, endedAt: Date.now() });
  const earlier = await client.sms.reconcile([attempt({ to: '+61411000009', body: 'Your code is 1' }), attempt({ to: '+61411000008', body: 'Your code is 2' })], { settleMs: 0 });
  assert.deepEqual(
    earlier.map((s) => s.state),
    ['not_found', 'not_found'],
  );
  // A history that answers without paging fields cannot say where it ends.
  const noPaging = new ClickSend({
    apiKey: 'k',
    rateLimit: false,
    fetch: async () => new Response(JSON.stringify({ http_code: 200, response_code: 'SUCCESS', response_msg: 'ok', data: { data: [] } }), { status: 200 }),
  });
  const [unknown] = await noPaging.sms.reconcile([{ to: '+61411000001', body: 'x', custom_string: 'z' }], { settleMs: 0 });
  assert.deepEqual([unknown.state, unknown.error.code], ['unknown', 'INVALID_RESPONSE']);
  // customStrings leaves a caller's own custom_string alone, of any type.
  const [kept] = await direct().sms.sendBulk([{ to: '+61411000001', body: 'n', custom_string: 42 }], { customStrings: true });
  assert.equal(kept.message.custom_string, '42');
});

test('the gateway: 10 requests a second by default; 1,000 unsure messages over 60 recipients reconcile with none unknown', async () => {
  await sandbox.reset();
  const client = throughMaton();
  const recipients = Array.from({ length: 60 }, (_, i) => `+614110${String(i).padStart(5, '0')}`);
  const messages = Array.from({ length: 1000 }, (_, i) => ({ to: recipients[i % 60], body: `m ${i}`, custom_string: `u-${i}` }));
  await sandbox.faults({ path: '/sms/send', drop: 'after', times: 1 });
  const sent = await client.sms.sendBulk(messages);
  assert.ok(sent.every((r) => !r.ok && r.ambiguous));
  const states = await client.sms.reconcile(sent, { settleMs: 0 });
  const count = (s) => states.filter((x) => x.state === s).length;
  assert.deepEqual([count('sent'), count('unknown'), count('not_found')], [1000, 0, 0]);
  const gateway = (await sandbox.requests()).filter((r) => r.path.startsWith('/clicksend/'));
  // The send, then one search per recipient (all are in E.164, so the account's country is not
  // needed): paced, the gateway refused next to none (an unpaced client meets hundreds: the next test).
  const searched = new Set(gateway.filter((r) => r.path.includes('/sms/history') && r.query.includes('q=')).map((r) => r.query));
  assert.equal(searched.size, 60, [...searched].slice(0, 3).join(' | '));
  assert.ok(!gateway.some((r) => r.path.endsWith('/account')), 'no account lookup for E.164 numbers');
  const refused = gateway.filter((r) => r.response?.status === 429).length;
  assert.ok(refused <= 3, `${refused} answers of 429`);
});

test('the gateway refuses above 10 a second; the client backs off without Retry-After and finishes', async () => {
  await sandbox.reset();
  const client = throughMaton({ rateLimit: false });
  const many = await Promise.all(
    Array.from({ length: 30 }, () =>
      client.account.get().then(
        () => 'ok',
        (e) => e.code,
      ),
    ),
  );
  const answered = (await sandbox.requests()).map((r) => r.response.status);
  assert.ok(answered.includes(429), 'the gateway said 429');
  assert.ok(
    many.every((r) => r === 'ok' || r === 'HTTP_429'),
    String(many),
  );
  // Reconciliation on the same account, unpaced, still finishes: pages refused are tried again.
  await sandbox.reset();
  const messages = Array.from({ length: 40 }, (_, i) => ({ to: `+614110${String(i).padStart(5, '0')}`, body: 'b', custom_string: `r-${i}` }));
  await throughMaton().sms.send({ messages });
  const states = await client.sms.reconcile(messages, { settleMs: 0, concurrency: 8 });
  assert.deepEqual(
    states.map((s) => s.state),
    messages.map(() => 'sent'),
  );
  assert.ok(
    (await sandbox.requests()).some((r) => r.response?.status === 429),
    'it met 429s on the way',
  );
});

test("the gateway's own errors keep their text: a missing connection says what to do and is not retried", async () => {
  await sandbox.reset();
  const wrong = throughMaton({ connection: 'not-a-connection' });
  await assert.rejects(wrong.account.get(), (e) => e.code === 'MISSING_CONNECTION' && e.status === 400 && /connection/.test(e.message) && !e.retryable);
  assert.equal((await sandbox.requests()).length, 1, 'not retried');
  const badKey = new ClickSend({ apiKey: 'nope-key', fetch: (url, init) => fetch(url.replace('https://gateway.maton.ai', sandbox.url), init) });
  await assert.rejects(badKey.account.get(), { code: 'HTTP_401', message: 'HTTP 401 Unauthorized: Invalid or missing Maton API key.' });
  const text = new ClickSend({ apiKey: 'k', rateLimit: false, fetch: async () => new Response('upstream said no', { status: 400 }) });
  await assert.rejects(text.account.get(), { message: /upstream said no/ });
});

test('the rate limiter gives back the slot of a call that gave up, and such a call is not ambiguous', async () => {
  await sandbox.reset();
  const client = direct({ rateLimit: { perSecond: 10, burst: 1 } });
  // 60 sends that give up while they wait for their slots (6 s of slots at 10 a second).
  const abandoned = await Promise.all(
    Array.from({ length: 60 }, (_, i) => client.sms.send({ messages: [{ to: '+61411000001', body: `x${i}` }] }, { timeoutMs: 1 }).catch((e) => e)),
  );
  const waited = abandoned.filter((e) => e instanceof ClickSendError && e.code === 'TIMEOUT' && /nothing went out/.test(e.message));
  assert.ok(waited.length >= 50, `${waited.length} timed out waiting`);
  assert.ok(
    waited.every((e) => e.ambiguous === false && e.retryable === true),
    'never sent: not ambiguous, safe to call again',
  );
  const sentBefore = (await sandbox.requests()).length;
  // The next send goes out at once: the abandoned calls left no slots taken.
  const t = Date.now();
  await client.sms.send({ messages: [{ to: '+61411000001', body: 'now' }] }, { timeoutMs: 2000 });
  assert.ok(Date.now() - t < 2000);
  assert.equal((await sandbox.requests()).length, sentBefore + 1);
});

test('refused before sending: a custom_string over 50, an alphanumeric sender over 11 or with a space, a header fetch refuses', async () => {
  await sandbox.reset();
  const client = direct();
  await assert.rejects(client.sms.send({ messages: [{ to: '+61411000001', body: 'x', custom_string: 'c'.repeat(51) }] }), {
    code: 'INVALID_ARGUMENT',
    message: /custom_string` of 51 characters; ClickSend keeps at most 50/,
  });
  await assert.rejects(client.sms.send({ messages: [{ to: '+61411000001', body: 'x', from: 'MyShopOnline' }] }), { code: 'INVALID_ARGUMENT', message: /INVALID_SENDER_ID/ });
  await assert.rejects(client.sms.sendBulk([{ to: '+61411000001', body: 'x', from: 'My Shop' }]), { code: 'INVALID_ARGUMENT', message: /with a space/ });
  await assert.rejects(client.account.get({ headers: { 'Transfer-Encoding': 'chunked' } }), (e) => e.code === 'INVALID_ARGUMENT' && !e.ambiguous);
  assert.deepEqual(await sandbox.requests(), [], 'nothing sent');
});

test('the model: a list send counts each contact against 1000; receipts fail as ClickSend reports them, with user_id', async () => {
  await sandbox.reset();
  const contacts = Array.from({ length: 1001 }, (_, i) => ({ phone_number: `+614112${String(i).padStart(5, '0')}` }));
  const [list] = (await sandbox.seed({ lists: [{ list_name: 'big', contacts }] })).lists;
  await assert.rejects(direct().sms.send({ messages: [{ list_id: list.list_id, body: 'hi' }] }), { status: 400, message: /at most 1000/ });
  await sandbox.reset();
  const client = direct();
  const { data } = await client.sms.send({
    messages: [
      { to: '+61419999300', body: 'a' },
      { to: '+61419999301', body: 'b' },
    ],
  });
  const receipts = (await client.sms.receipts()).data.data;
  const byId = Object.fromEntries(receipts.map((r) => [r.message_id, r]));
  assert.deepEqual(
    data.messages.map((m) => [byId[m.message_id].status_code, byId[m.message_id].user_id]),
    [
      ['201', 3819],
      ['301', 3819],
    ],
  );
});
