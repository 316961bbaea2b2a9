// `.all(...)`: every item of every page, in order, fetching a page only when it is reached.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ClickSend, ClickSendError, endpoints } from 'clicksend-wasm';
import { startSandbox, SANDBOX_KEY } from '../support/sandbox.mjs';

let sandbox;
let client;
let sent; // message ids in send order
before(async () => {
  sandbox = await startSandbox();
  client = new ClickSend({ apiKey: SANDBOX_KEY, baseUrl: sandbox.url });
  // 3 pages of 100 and a partial page of 50.
  const messages = Array.from({ length: 350 }, (_, i) => ({ to: '+61411111111', body: `message ${i}` }));
  sent = (await client.sms.send({ messages })).data.messages.map((m) => m.message_id);
});
after(() => sandbox.stop());

const historyRequests = async () => (await sandbox.requests()).filter((r) => r.path === '/v3/sms/history');

test('3 full pages and a partial one yield exactly all items, in order', async () => {
  const before = (await historyRequests()).length;
  const seen = [];
  for await (const m of client.sms.history.all({ limit: 100 })) seen.push(m.message_id);
  assert.deepEqual(seen, sent);
  const pages = (await historyRequests()).slice(before).map((r) => r.query);
  assert.deepEqual(pages, ['limit=100&page=1', 'limit=100&page=2', 'limit=100&page=3', 'limit=100&page=4']);
});

test('stopping early sends no further request', async () => {
  const before = (await historyRequests()).length;
  const seen = [];
  for await (const m of client.sms.history.all({ limit: 100 })) {
    seen.push(m.message_id);
    if (seen.length === 150) break;
  }
  assert.deepEqual(seen, sent.slice(0, 150));
  assert.equal((await historyRequests()).length - before, 2);
});

test('maxItems and maxPages bound it; a start page is honoured', async () => {
  const take = async (query, options) => {
    const out = [];
    for await (const m of client.sms.history.all(query, options)) out.push(m.message_id);
    return out;
  };
  assert.deepEqual(await take({ limit: 100 }, { maxItems: 120 }), sent.slice(0, 120));
  assert.deepEqual(await take({ limit: 100 }, { maxPages: 2 }), sent.slice(0, 200));
  assert.deepEqual(await take({ limit: 100, page: 3 }), sent.slice(200));
  await assert.rejects(take({}, { maxItems: 0 }), (e) => e instanceof ClickSendError && e.code === 'INVALID_ARGUMENT');
  await assert.rejects(take({}, { maxitems: 5 }), { code: 'INVALID_ARGUMENT', message: /unknown option `maxitems`/ });
});

test('the signal stops it between pages', async () => {
  const controller = new AbortController();
  const seen = [];
  await assert.rejects(
    (async () => {
      for await (const m of client.sms.history.all({ limit: 100 }, { signal: controller.signal })) {
        seen.push(m);
        if (seen.length === 100) controller.abort();
      }
    })(),
    { code: 'ABORTED' },
  );
  assert.equal(seen.length, 100);
});

test('path parameters come first, as in the function itself', async () => {
  const list = (await client.lists.create({ list_name: 'Paged' })).data;
  for (let i = 0; i < 20; i++) await client.contacts.create(list.list_id, { phone_number: `+6141111${String(i).padStart(4, '0')}` });
  const phones = [];
  for await (const c of client.contacts.list.all(list.list_id, { limit: 15 })) phones.push(c.phone_number);
  assert.equal(phones.length, 20);
  assert.equal(phones[19], '+61411110019');
});

test('every paginated function has .all, and no other', () => {
  const c = new ClickSend({ apiKey: 'k' });
  const paged = endpoints().filter((e) => e.paged);
  assert.equal(paged.length, 42);
  for (const e of endpoints()) assert.equal(typeof c[e.area][e.name].all, e.paged ? 'function' : 'undefined', `${e.area}.${e.name}`);
});
