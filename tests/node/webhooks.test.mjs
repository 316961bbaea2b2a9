// parseWebhook on what the sandbox pushes to a callback URL, end to end: delivery receipts
// and inbound SMS, as a form post, JSON and a GET, received by a real local HTTP server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { ClickSend, ClickSendError, parseWebhook } from 'clicksend-wasm';
import { startSandbox, SANDBOX_KEY } from '../support/sandbox.mjs';

let sandbox;
let receiver;
const received = [];
let waiting = null;

before(async () => {
  sandbox = await startSandbox();
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, contentType: req.headers['content-type'], body });
      res.end('ok');
      waiting?.();
    });
  });
  await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
});
after(() => {
  receiver.close();
  sandbox.stop();
});

/** Waits for the next `n` callbacks (bounded: the test fails rather than hangs). */
async function next(n) {
  const deadline = Date.now() + 10_000;
  while (received.length < n && Date.now() < deadline) {
    await new Promise((r) => {
      waiting = r;
      setTimeout(r, 200);
    });
  }
  assert.ok(received.length >= n, `expected ${n} callbacks, got ${received.length}`);
  return received.splice(0, n);
}

const client = () => new ClickSend({ apiKey: SANDBOX_KEY, baseUrl: sandbox.url });
const hookUrl = () => `http://127.0.0.1:${receiver.address().port}/webhooks/clicksend`;

for (const format of ['form', 'json', 'get']) {
  test(`delivery receipts and inbound SMS, pushed as ${format}, parse`, async () => {
    await sandbox.reset();
    received.length = 0;
    await fetch(`${sandbox.url}/_sandbox/callbacks`, { method: 'POST', body: JSON.stringify({ url: hookUrl(), format }) });
    const sent = (await client().sms.send({ messages: [{ to: '+61411111111', body: 'Hi', custom_string: `order-${format}` }] })).data.messages[0];
    const [receipt] = await next(1);
    const asRequest = (cb) =>
      new Request(`http://127.0.0.1${cb.url}`, cb.method === 'GET' ? {} : { method: cb.method, headers: { 'content-type': cb.contentType }, body: cb.body });
    for (const input of [asRequest(receipt), ...(receipt.method === 'GET' ? [] : [{ contentType: receipt.contentType, body: receipt.body }])]) {
      const r = await parseWebhook(input);
      assert.deepEqual([r.type, r.message_id, r.status_code, r.custom_string], ['sms_receipt', sent.message_id, '201', `order-${format}`]);
      assert.equal(typeof r.timestamp, 'number');
    }
    await client().sms.createTestInbound({ url: hookUrl(), from: '+61422222222', body: 'STOP please', to: '+61411111111' });
    const [inbound] = await next(1);
    const r = await parseWebhook(asRequest(inbound));
    assert.deepEqual([r.type, r.from, r.body, r.to], ['inbound_sms', '+61422222222', 'STOP please', '+61411111111']);
  });
}

test('URLSearchParams and parsed objects work too; malformed callbacks are refused', async () => {
  const form = new URLSearchParams({ message_id: 'M1', status_code: '201', message_type: 'mms', timestamp: '1700000000' });
  assert.deepEqual(await parseWebhook(form), { type: 'mms_receipt', message_id: 'M1', status_code: '201', message_type: 'mms', timestamp: 1700000000 });
  assert.equal((await parseWebhook({ body: { message_id: 'V', status: 'Delivered', message_type: 'voice' } })).type, 'voice_receipt');
  const refused = [
    { body: '' },
    { body: 'hello=world' },
    { body: 'message_id=A&status_code=1&timestamp=soon' },
    { contentType: 'application/json', body: '{"message_id": "A", "status_code": 1, "data": {"x": 1}}' },
    { contentType: 'application/json', body: '[1,2]' },
    { contentType: 'application/json', body: '{"__proto__": {"polluted": true}, "message_id": "A", "status_code": "1"}' },
    'a string',
  ];
  for (const input of refused) {
    await assert.rejects(parseWebhook(input), (e) => e instanceof ClickSendError && e.code === 'INVALID_ARGUMENT', JSON.stringify(input));
  }
  assert.equal({}.polluted, undefined);
  // A Workers-style Request's body is read once: reading it again fails, as it should.
  const request = new Request('http://x/hook', { method: 'POST', body: 'message_id=A&status_code=201' });
  await parseWebhook(request);
  assert.equal(request.bodyUsed, true);
});

test('webhooks: only genuine callbacks: the URL token (constant time, left out), user and subaccount', async () => {
  const url = (token) => `https://app.example/hooks?token=${token}`;
  const form = 'message_id=M1&status_code=201&status=Delivered&user_id=77&subaccount_id=9';
  const post = (token) => new Request(url(token), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
  const checks = { token: 'wh-secret-42', userId: '77', subaccountId: '9' };
  const ok = await parseWebhook(post('wh-secret-42'), checks);
  assert.deepEqual([ok.type, ok.message_id, ok.token], ['sms_receipt', 'M1', undefined]);
  // A GET callback: the token is in the query with the fields, and is not one of them.
  const get = await parseWebhook(new URLSearchParams(`${form}&token=wh-secret-42`), checks);
  assert.deepEqual([get.message_id, 'token' in get], ['M1', false]);
  // {contentType, body, url}, and another parameter name.
  const other = await parseWebhook({ contentType: 'application/x-www-form-urlencoded', body: form, url: 'https://app.example/hooks?k=s3' }, { token: 's3', tokenParam: 'k' });
  assert.equal(other.message_id, 'M1');
  const refused = async (input, options) => {
    const e = await parseWebhook(input, options).then(
      () => assert.fail('accepted'),
      (x) => x,
    );
    assert.ok(e instanceof ClickSendError, String(e));
    assert.equal(e.code, 'FORBIDDEN_WEBHOOK');
    assert.ok(!e.message.includes('wh-secret-42') && !JSON.stringify(e).includes('wh-secret-42'), 'the expected value is never echoed');
    return e.message;
  };
  assert.match(await refused(post('wh-secret-41'), checks), /`token` parameter is missing or wrong/);
  assert.match(await refused(post(''), checks), /`token` parameter is missing or wrong/);
  assert.match(await refused({ contentType: 'application/x-www-form-urlencoded', body: form }, checks), /`token` parameter is missing or wrong/);
  assert.match(await refused(post('wh-secret-42'), { ...checks, userId: '78' }), /another user/);
  assert.match(await refused(post('wh-secret-42'), { ...checks, subaccountId: '10' }), /another subaccount/);
  await assert.rejects(parseWebhook(post('x'), { token: 1 }), { code: 'INVALID_ARGUMENT' });
  await assert.rejects(parseWebhook(post('x'), { secret: 'x' }), { code: 'INVALID_ARGUMENT', message: /unknown option `secret`/ });
});
