// The Worker example as it would be deployed: the packed clicksend-wasm installed into a
// copy of examples/worker, bundled by `wrangler deploy --dry-run`, and run by Miniflare
// with D1 and Queues (all local) against the sandbox, which plays ClickSend and pushes
// delivery receipts back to the Worker's webhook.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';
import { startSandbox, SANDBOX_BEARER, SANDBOX_KEY } from '../../../tests/support/sandbox.mjs';
import { packedWorkspace, wranglerBuild } from '../../../tests/support/tarball.mjs';

const example = fileURLToPath(new URL('..', import.meta.url));
const API_TOKEN = 'test-api-token-3c1f9e';
const WEBHOOK_TOKEN = 'test-webhook-token-77aa01';
const packed = packedWorkspace('worker-example');
let sandbox;
let mf;
let worker; // the Worker's URL
let db;

before(async () => {
  sandbox = await startSandbox();
  const dist = wranglerBuild(packed.project(example, 'worker'));
  mf = new Miniflare({
    host: '127.0.0.1',
    port: 0,
    modules: true,
    modulesRoot: dist,
    scriptPath: join(dist, 'index.js'),
    modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }],
    compatibilityDate: '2026-04-01',
    bindings: { API_TOKEN, WEBHOOK_TOKEN, MATON_API_KEY: SANDBOX_KEY, CLICKSEND_BASE_URL: `${sandbox.url}/clicksend` },
    d1Databases: ['DB'],
    queueProducers: { CAMPAIGNS: 'clicksend-campaigns' },
    queueConsumers: { 'clicksend-campaigns': { maxBatchSize: 1, maxBatchTimeout: 0.05, maxRetries: 10 } },
  });
  worker = String(await mf.ready);
  db = await mf.getD1Database('DB');
  // schema.sql, one statement at a time (D1's exec wants one per line).
  const schema = readFileSync(join(example, 'schema.sql'), 'utf8').replace(/--.*$/gm, '');
  for (const statement of schema
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean))
    await db.prepare(statement).run();
});

after(async () => {
  await mf?.dispose();
  sandbox?.stop();
  packed.dispose();
});

function call(method, path, { token = API_TOKEN, body, type = 'application/json', raw, extra = {} } = {}) {
  const headers = { 'content-type': type, ...extra };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  return fetch(`${worker}${path.slice(1)}`, { method, headers, body: raw ?? (body === undefined ? undefined : JSON.stringify(body)) });
}

async function answer(res) {
  return { status: res.status, body: await res.json() };
}

/**
 * The status a POST gets when it declares a body of `declared` bytes but sends only `sent` of
 * them: an answer can only come from a server that decided without reading the body. (Sending
 * the whole body and reading the answer with fetch is a race here: Miniflare's server answers,
 * then resets the connection under the unread upload, and the reset may discard the answer.)
 */
function statusBeforeTheBody(url, type, declared, sent) {
  return new Promise((resolve, reject) => {
    const { hostname, port, pathname, search } = new URL(url);
    const socket = connect(Number(port), hostname);
    let answer = '';
    socket.on('data', (data) => {
      answer += data;
      if (answer.includes('\r\n')) {
        resolve(Number(answer.split(' ')[1]));
        socket.destroy();
      }
    });
    socket.on('error', () => {}); // a reset after the answer: the rest of the body never came
    socket.on('close', () => reject(new Error(`the connection closed without an answer: ${JSON.stringify(answer)}`)));
    socket.write(`POST ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: ${type}\r\nContent-Length: ${declared}\r\n\r\n`);
    socket.write('x'.repeat(sent));
  });
}

/** Waits for `check()` to return a truthy value (a deadline, not a timing assertion). */
async function until(what, check, ms = 120_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const sends = async () => (await sandbox.requests()).filter((r) => r.path === '/clicksend/v3/sms/send');
const rows = async (sql, ...args) =>
  (
    await db
      .prepare(sql)
      .bind(...args)
      .all()
  ).results;

test('worker: /send refuses bad callers and bad input without sending anything', async () => {
  await sandbox.reset();
  const cases = [
    ['no token', { token: null, body: { to: '+61411111111', body: 'hi' } }, 401, 'A valid bearer token is required.'],
    ['a wrong token', { token: 'test-api-token-3c1f9f', body: { to: '+61411111111', body: 'hi' } }, 401, 'A valid bearer token is required.'],
    ['a token that is a prefix', { token: 'test-api-token', body: { to: '+61411111111', body: 'hi' } }, 401, 'A valid bearer token is required.'],
    ['malformed JSON', { raw: '{"to": "+6141111' }, 400, 'The body is not valid JSON.'],
    ['not JSON', { raw: 'to=+61411111111', type: 'application/x-www-form-urlencoded' }, 415, 'Send JSON with Content-Type: application/json.'],
    ['a JSON array', { body: [] }, 400, 'The body must be a JSON object.'],
    ['an oversized body', { body: { to: '+61411111111', body: 'x'.repeat(17 * 1024) } }, 413, 'The body is over the 16384-byte limit.'],
    ['no message', { body: { to: '+61411111111' } }, 400, '`body` must be a non-empty string.'],
    ['a number that is not one', { body: { to: '12', body: 'hi' } }, 400, null],
    ['a recipient that is not a string', { body: { to: 61411111111, body: 'hi' } }, 400, '`to` must be a phone number (string).'],
  ];
  for (const [what, options, status, error] of cases) {
    const res = await answer(await call('POST', '/send', options));
    assert.equal(res.status, status, what);
    if (error) assert.deepEqual(res.body, { error }, what);
    else assert.match(res.body.error, /^`to`: /, what);
  }
  assert.deepEqual(await sandbox.requests(), [], 'nothing reached ClickSend');
});

test("worker: /send sends one SMS and answers the API's per-message result", async () => {
  await sandbox.reset();
  const res = await answer(await call('POST', '/send', { body: { to: '+61 411 111 111', body: 'Hello from a Worker' } }));
  assert.equal(res.status, 200);
  const [sent] = await sends();
  assert.equal(sent.headers.authorization, SANDBOX_BEARER);
  assert.deepEqual(sent.json, { messages: [{ to: '+61411111111', body: 'Hello from a Worker', source: 'clicksend-worker-example' }] });
  assert.deepEqual(res.body, sent.response.body.data.messages[0]);
  assert.equal(res.body.status, 'SUCCESS');
});

test('worker: the webhook refuses a wrong token and a forged body, and stores nothing', async () => {
  const before = (await rows('SELECT COUNT(*) AS n FROM events'))[0].n;
  const post = (token, body, type = 'application/x-www-form-urlencoded') =>
    fetch(`${worker}webhooks/clicksend?token=${token}`, { method: 'POST', headers: { 'content-type': type }, body }).then(answer);
  assert.deepEqual(await post('nope', 'message_id=1&status_code=201'), { status: 401, body: { error: 'Unknown webhook token.' } });
  const forged = await post(WEBHOOK_TOKEN, 'hello=world');
  assert.equal(forged.status, 400);
  assert.match(forged.body.error, /^Not a ClickSend callback: /);
  assert.equal((await post(WEBHOOK_TOKEN, '{"__proto__": {"polluted": 1}}', 'application/json')).status, 400);
  assert.equal((await post(WEBHOOK_TOKEN, 'x'.repeat(70 * 1024))).status, 413);
  // The token is checked before the body is read: a large body with a wrong one is refused as
  // such, before 10 MB could have been read (64 KB of it are sent; the rest never is).
  assert.equal(await statusBeforeTheBody(`${worker}webhooks/clicksend?token=nope`, 'application/x-www-form-urlencoded', 10 * 1024 * 1024, 64 * 1024), 401);
  assert.equal((await rows('SELECT COUNT(*) AS n FROM events'))[0].n, before);
});

test('worker: a campaign POST retried with the same Idempotency-Key answers the first campaign and sends nobody twice', async () => {
  await sandbox.reset();
  await sandbox.balance(100_000);
  const recipients = Array.from({ length: 1500 }, (_, i) => `+6141${String(i).padStart(7, '0')}`);
  const campaign = { body: 'Once only', recipients };
  const post = (body, key) => call('POST', '/campaigns', { body, extra: key ? { 'idempotency-key': key } : {} }).then(answer);
  const first = await post(campaign, 'spring-sale-1');
  assert.equal(first.status, 202);
  // A retry of the same request (a timeout, a proxy that resends): the same campaign, as the
  // header or in the body.
  assert.deepEqual(await post(campaign, 'spring-sale-1'), { status: 200, body: { campaign: first.body.campaign, recipients: 1500, batches: 2, replayed: true } });
  assert.deepEqual((await post({ ...campaign, idempotency_key: 'spring-sale-1' })).body.campaign, first.body.campaign);
  // The same key for another campaign is a mistake, not a replay.
  const other = await post({ ...campaign, body: 'Something else' }, 'spring-sale-1');
  assert.deepEqual(other, { status: 409, body: { error: 'This Idempotency-Key was used for another campaign; use a new key for a new campaign.' } });

  await until('both batches sent', async () => (await rows("SELECT COUNT(*) AS n FROM batches WHERE campaign_id = ? AND state = 'sent'", first.body.campaign))[0].n === 2);
  const received = (await sends()).flatMap((c) => c.json.messages.map((m) => m.to));
  assert.equal(received.length, 1500, 'every recipient once');
  assert.deepEqual([...new Set(received)].sort(), recipients);
  assert.equal((await rows('SELECT COUNT(*) AS n FROM campaigns WHERE idempotency_key = ?', 'spring-sale-1'))[0].n, 1);
});

test('worker: a queue message is checked before anything is sent; one that fails is recorded, not left sending', async () => {
  await sandbox.reset();
  const queue = await mf.getQueueProducer('CAMPAIGNS');
  const campaign = crypto.randomUUID();
  await queue.send({ campaign, batch: 0, recipients: Array(1000).fill('+61411000001') }); // 1,000 SMS to one number
  await queue.send({ campaign, batch: 1, recipients: ['+61411000002'] }); // well formed, but no such campaign
  const batches = () => rows('SELECT batch, state, error FROM batches WHERE campaign_id = ? ORDER BY batch', campaign);
  await until('both batches settled', async () => (await batches()).filter((b) => b.state !== 'sending').length === 2);
  assert.deepEqual(await batches(), [
    { batch: 0, state: 'failed', error: 'malformed queue message: a recipient listed twice' },
    { batch: 1, state: 'failed', error: `Error: no campaign ${campaign}` },
  ]);
  assert.deepEqual(await sends(), [], 'nothing reached ClickSend');
});

test('worker: a campaign to 10,000 recipients fans out through Queues, each sent exactly once, receipts stored', async () => {
  await sandbox.reset();
  await sandbox.balance(100_000);
  await fetch(`${sandbox.url}/_sandbox/callbacks`, { method: 'POST', body: JSON.stringify({ url: `${worker}webhooks/clicksend?token=${WEBHOOK_TOKEN}`, format: 'form' }) });
  const recipients = Array.from({ length: 10_000 }, (_, i) => `+6140${String(i).padStart(7, '0')}`);
  const withDuplicates = [...recipients, recipients[0], recipients[9_999]];
  const created = await answer(await call('POST', '/campaigns', { body: { body: 'Our sale starts today!', recipients: withDuplicates } }));
  assert.equal(created.status, 202);
  assert.deepEqual({ ...created.body, campaign: undefined }, { campaign: undefined, recipients: 10_000, batches: 10 });
  const id = created.body.campaign;

  const status = async () => (await answer(await call('GET', `/campaigns/${id}`))).body;
  await until('every batch sent', async () => (await status()).batchStates.sent === 10);

  // The sandbox proves it: ten calls of at most 1000, every recipient exactly once.
  const calls = await sends();
  assert.equal(calls.length, 10);
  assert.ok(calls.every((c) => c.response.status === 200 && c.json.messages.length <= 1000));
  const received = calls.flatMap((c) => c.json.messages.map((m) => m.to));
  assert.equal(received.length, 10_000);
  assert.deepEqual([...new Set(received)].sort(), recipients);
  assert.ok(calls.every((c) => c.json.messages.every((m) => m.body === 'Our sale starts today!' && m.custom_string.startsWith(`${id}:`))));

  // D1 holds each recipient's outcome with the API's message id.
  const outcomes = await rows('SELECT status, COUNT(*) AS n, COUNT(DISTINCT message_id) AS ids FROM messages WHERE campaign_id = ? GROUP BY status', id);
  assert.deepEqual(outcomes, [{ status: 'SUCCESS', n: 10_000, ids: 10_000 }]);

  // Receipts come back through the webhook and are matched to the campaign's messages.
  const done = await until('10,000 receipts', async () => {
    const s = await status();
    if (process.env.DEBUG_RECEIPTS) console.log(new Date().toISOString(), s.receipts, (await rows('SELECT COUNT(*) AS n FROM events'))[0].n);
    return s.receipts === 10_000 && s;
  });
  assert.deepEqual(done.messageStatuses, { SUCCESS: 10_000 });
  const stored = await rows("SELECT COUNT(*) AS n FROM events WHERE kind = 'receipt' AND status = '201'");
  assert.equal(stored[0].n, 10_000);
});

test('worker: a batch that may have gone out is recorded as ambiguous and never resent; a rate-limited one is retried and sent once', async () => {
  await sandbox.reset();
  await sandbox.balance(100_000);
  await sandbox.faults([
    { path: '/sms/send', drop: 'before', times: 1 },
    { path: '/sms/send', status: 429, retry_after: '1', times: 3 },
  ]);
  const recipients = Array.from({ length: 2_500 }, (_, i) => `+6142${String(i).padStart(7, '0')}`);
  const created = await answer(await call('POST', '/campaigns', { body: { body: 'Doors open at 9', recipients } }));
  assert.equal(created.status, 202);
  const id = created.body.campaign;
  const states = await until('every batch settled', async () => {
    const s = (await answer(await call('GET', `/campaigns/${id}`))).body;
    return (s.batchStates.sent ?? 0) + (s.batchStates.ambiguous ?? 0) === 3 && s.batchStates;
  });
  assert.deepEqual(states, { ambiguous: 1, sent: 2 });

  const [ambiguous] = await rows("SELECT batch, error FROM batches WHERE campaign_id = ? AND state = 'ambiguous'", id);
  assert.match(ambiguous.error, /^NETWORK_ERROR: /);
  const perRecipient = await rows('SELECT batch, status FROM messages WHERE campaign_id = ?', id);
  assert.equal(perRecipient.length, 2_500);
  assert.ok(perRecipient.every((r) => r.status === (r.batch === ambiguous.batch ? 'AMBIGUOUS' : 'SUCCESS')));

  // What ClickSend saw: the dropped call once (never repeated), three 429s, and each
  // recipient accepted at most once.
  const calls = await sends();
  const statuses = calls.map((c) => c.response?.status ?? 'dropped');
  assert.deepEqual(statuses.filter((s) => s !== 200).sort(), [429, 429, 429, 'dropped']);
  const ambiguousTo = new Set(recipients.slice(ambiguous.batch * 1000, (ambiguous.batch + 1) * 1000));
  const seen = calls.flatMap((c) => c.json.messages.map((m) => m.to));
  assert.ok(
    [...ambiguousTo].every((to) => seen.filter((t) => t === to).length === 1),
    'the ambiguous batch was sent once',
  );
  const accepted = calls.filter((c) => c.response?.status === 200).flatMap((c) => c.json.messages.map((m) => m.to));
  assert.equal(accepted.length, new Set(accepted).size);
  assert.deepEqual(
    accepted.sort(),
    recipients.filter((to) => !ambiguousTo.has(to)),
  );
});

test('worker: a campaign with a bad number is refused whole, naming it; nothing is queued', async () => {
  await sandbox.reset();
  const res = await answer(await call('POST', '/campaigns', { body: { body: 'hi', recipients: ['+61411111111', 'call me', '+61422222222'] } }));
  assert.equal(res.status, 400);
  assert.equal(res.body.error, 'Some recipients are not phone numbers; nothing was queued.');
  assert.deepEqual(
    res.body.details.map((d) => [d.index, d.to]),
    [[1, 'call me']],
  );
  assert.deepEqual(await sandbox.requests(), []);
  assert.equal((await answer(await call('POST', '/campaigns', { token: 'wrong', body: { body: 'hi', recipients: ['+61411111111'] } }))).status, 401);
});

// ---- the security review's findings 10 and 11 ------------------------------------------------

test('worker: a campaign whose fields are longer than ClickSend takes is refused, nothing queued', async () => {
  await sandbox.reset();
  const campaignsBefore = (await rows('SELECT COUNT(*) AS n FROM campaigns'))[0].n;
  // 112 KB of sender would have become ~100 MB of send bodies (1000 messages a batch).
  const longFrom = await answer(await call('POST', '/campaigns', { body: { body: 'hi', from: 'S'.repeat(112 * 1024), recipients: ['+61411111111'] } }));
  assert.equal(longFrom.status, 400);
  assert.match(longFrom.body.error, /`from` is over 16 characters/);
  const longNumber = await answer(await call('POST', '/campaigns', { body: { body: 'hi', recipients: ['+61411111111', '4'.repeat(100)] } }));
  assert.equal(longNumber.status, 400);
  assert.deepEqual(longNumber.body.details, [{ index: 1, to: 'string', error: 'not a phone number (a string of at most 32 characters)' }]);
  const longTo = await answer(await call('POST', '/send', { body: { to: '4'.repeat(100), body: 'hi' } }));
  assert.equal(longTo.status, 400);
  assert.equal((await rows('SELECT COUNT(*) AS n FROM campaigns'))[0].n, campaignsBefore);
  assert.deepEqual(await sends(), []);
});

test('worker: a recipient nested 900,000 arrays deep, or a webhook body that is not UTF-8, gets 400', async () => {
  const deep = `{"body":"hi","recipients":[${'['.repeat(900_000)}${']'.repeat(900_000)}]}`;
  const nested = await answer(await call('POST', '/campaigns', { raw: deep }));
  assert.equal(nested.status, 400);
  const invalidUtf8 = await fetch(`${worker}webhooks/clicksend?token=${WEBHOOK_TOKEN}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new Uint8Array([0x6d, 0x3d, 0xff, 0xfe, 0xc0, 0xae]),
  }).then(answer);
  assert.deepEqual(invalidUtf8, { status: 400, body: { error: 'Not a ClickSend callback: parseWebhook: the body is not UTF-8 text' } });
});

test('worker: a receipt ClickSend sends five times is stored once', async () => {
  const post = () =>
    fetch(`${worker}webhooks/clicksend?token=${WEBHOOK_TOKEN}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'message_id=REPLAYED-1&status_code=201&status=Delivered&timestamp=1700000000',
    }).then(answer);
  const answers = [];
  for (let i = 0; i < 5; i++) answers.push(await post());
  assert.deepEqual(answers[0], { status: 200, body: { stored: 'receipt' } });
  for (const a of answers.slice(1)) assert.deepEqual(a, { status: 200, body: { stored: 'receipt', duplicate: true } });
  assert.equal((await rows("SELECT COUNT(*) AS n FROM events WHERE message_id = 'REPLAYED-1'"))[0].n, 1);
});
