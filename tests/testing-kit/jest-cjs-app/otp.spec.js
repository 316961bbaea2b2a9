// Jest in its default mode (CommonJS), with no Babel and no configuration: the package and its
// testing kit are required as any CommonJS module is.
const { ClickSend, parseWebhook } = require('clicksend-wasm');
const { createSandbox } = require('clicksend-wasm/testing');

test('sends the code, and records its delivery', async () => {
  const sandbox = createSandbox({ now: '2026-11-28T00:00:00Z' });
  const client = new ClickSend({ apiKey: 'test', fetch: sandbox.fetch });
  const { data } = await client.sms.send({ messages: [{ to: '+61411111111', body: 'Your code is 123456' }] });
  const id = data.messages[0].message_id;
  expect(sandbox.requests()[0].json.messages[0].body).toBe('Your code is 123456');
  const event = await parseWebhook(sandbox.receipt(id));
  expect([event.type, event.message_id, event.status_code]).toEqual(['sms_receipt', id, '201']);
});

test('a 429 from ClickSend is retried after its Retry-After', async () => {
  const sandbox = createSandbox();
  sandbox.faults({ path: '/sms/send', status: 429, retry_after: 1 });
  const client = new ClickSend({ apiKey: 'test', fetch: sandbox.fetch });
  await client.sms.send({ messages: [{ to: '+61411111111', body: 'Your code is 42' }] });
  expect(sandbox.requests().map((r) => r.response.status)).toEqual([429, 200]);
});
