// Security and robustness review, round 3 (the client's own edges): each finding reproduced
// against the built package with a fetch of the test's own, and what the client does now.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClickSend, ClickSendError, smsParts, toGsm7 } from 'clicksend-wasm';

const KEY = 'Key9Secret77Zq3Wp5Lm2Xc8Vb';
const CONNECTION = 'conn-6f2a9c1e-77b0';
const envelope = (data) => ({ http_code: 200, response_code: 'SUCCESS', response_msg: 'ok', data });
const reply = (body, init = {}) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json', ...init.headers }, ...init });
/** A client of the gateway whose fetch is `fetch`, unpaced (the test's fetch answers at once). */
const clientWith = (fetch, options = {}) => new ClickSend({ apiKey: KEY, connection: CONNECTION, rateLimit: false, fetch, ...options });

test('review 3.1: response headers reach events and withResponse() redacted, without Set-Cookie', async () => {
  // A server (or a proxy) that echoes the credentials back in its headers.
  const echo = async (_url, init) => {
    const headers = new Headers(init.headers);
    const out = new Headers({ 'content-type': 'application/json', 'x-echo-auth': headers.get('authorization'), 'x-echo-connection': headers.get('maton-connection') });
    out.append('set-cookie', 'session=abc; HttpOnly');
    out.append('set-cookie', 'other=def');
    return new Response(JSON.stringify(envelope({ ok: 1 })), { status: 200, headers: out });
  };
  const client = clientWith(echo);
  const seen = [];
  client.on('response', (e) => seen.push(e.headers));
  const { response } = await client.account.get().withResponse();
  for (const headers of [seen[0], response.headers]) {
    assert.deepEqual(headers, { 'content-type': 'application/json', 'x-echo-auth': 'Bearer [redacted]', 'x-echo-connection': '[redacted]' });
  }
  assert.ok(!JSON.stringify([seen, response]).includes(KEY));
});

test('review 3.5: .all() stops on a server that repeats a page, reads page numbers given as text, and is capped by default', async () => {
  const pageOf = (current, last) => envelope({ total: 3 * last, per_page: 3, current_page: current, last_page: last, data: [1, 2, 3].map((n) => ({ n: `${current}.${n}` })) });
  // Always page 1 of 5, whatever is asked: it used to loop for ever.
  const repeating = clientWith(async () => reply(pageOf(1, 5)));
  const items = [];
  await assert.rejects(
    (async () => {
      for await (const item of repeating.lists.list.all()) items.push(item.n);
    })(),
    (e) => e instanceof ClickSendError && e.code === 'INVALID_RESPONSE' && /page 2 was asked for and page 1 came back/.test(e.message),
  );
  assert.deepEqual(items, ['1.1', '1.2', '1.3']);
  // Page numbers as text: pages 1, 2, 3, not 1, 11, 111.
  const asked = [];
  const textual = clientWith(async (url) => {
    const page = Number(new URL(url).searchParams.get('page'));
    asked.push(page);
    return reply(pageOf(String(page), '3'));
  });
  const all = [];
  for await (const item of textual.lists.list.all()) all.push(item.n);
  assert.deepEqual(asked, [1, 2, 3]);
  assert.equal(all.length, 9);
  // A history that never ends: an error after 1000 pages unless maxPages says more.
  let calls = 0;
  const endless = clientWith(async (url) => {
    calls++;
    const page = Number(new URL(url).searchParams.get('page'));
    return reply(pageOf(page, 1_000_000));
  });
  await assert.rejects(
    (async () => {
      for await (const _ of endless.lists.list.all());
    })(),
    { code: 'INVALID_ARGUMENT', message: /more than 1000 pages; pass maxPages/ },
  );
  assert.equal(calls, 1000);
});

test('review 3.5: timeoutMs holds when a custom fetch ignores the abort signal', async () => {
  const client = clientWith(() => new Promise(() => {}), { timeoutMs: 200 });
  await assert.rejects(client.account.get(), { code: 'TIMEOUT', ambiguous: false, retryable: true });
  // A send that may have left is ambiguous, as with any timeout.
  await assert.rejects(client.sms.send({ messages: [{ to: '+61411111111', body: 'x' }] }), { code: 'TIMEOUT', ambiguous: true });
});

test('review 3.5: appInfo needs a version; per-call headers are read from a Headers or a Map', async () => {
  assert.throws(() => new ClickSend({ apiKey: KEY, appInfo: { name: 'shop' } }), { code: 'INVALID_ARGUMENT', message: /appInfo/ });
  const sent = [];
  const client = clientWith(async (_url, init) => {
    sent.push(new Headers(init.headers).get('x-request-id'));
    return reply(envelope({}));
  });
  await client.account.get({ headers: new Headers({ 'X-Request-Id': 'from-headers' }) });
  await client.account.get({ headers: new Map([['X-Request-Id', 'from-map']]) });
  await client.account.get({ headers: [['X-Request-Id', 'from-pairs']] });
  assert.deepEqual(sent, ['from-headers', 'from-map', 'from-pairs']);
  await assert.rejects(client.account.get({ headers: new Map([['Authorization', 'Bearer other']]) }), { code: 'INVALID_ARGUMENT' });
  await assert.rejects(client.account.get({ headers: new Set(['x']) }), { code: 'INVALID_ARGUMENT', message: /headers/ });
  assert.equal(sent.length, 3, 'nothing sent for the refused ones');
});

test('review 3.5: request() with GET and a body is refused before sending', async () => {
  let calls = 0;
  const client = clientWith(async () => {
    calls++;
    return reply(envelope({}));
  });
  await assert.rejects(client.request('GET', '/account', { body: { a: 1 } }), (e) => e.code === 'INVALID_ARGUMENT' && !e.retryable && /GET request has no body/.test(e.message));
  assert.equal(calls, 0);
});

test('review 3.5: a custom fetch returning a Response look-alike works with a response listener', async () => {
  for (const headers of [new Map([['content-type', 'application/json']]), { 'Content-Type': 'application/json' }]) {
    const text = JSON.stringify(envelope({ user_id: 1 }));
    const client = clientWith(async () => ({ status: 200, ok: true, headers, body: null, text: async () => text }));
    const seen = [];
    client.on('response', (e) => seen.push([e.status, e.headers]));
    const res = await client.account.get();
    assert.deepEqual([res.data, seen], [{ user_id: 1 }, [[200, { 'content-type': 'application/json' }]]]);
  }
});

test('review 3.5: smsParts and toGsm7 read at most 10,000 characters', () => {
  assert.equal(smsParts('a'.repeat(10_000)).parts, 66);
  for (const fn of [smsParts, toGsm7]) {
    assert.throws(
      () => fn('é'.repeat(1_000_000)),
      (e) => e instanceof ClickSendError && e.code === 'INVALID_ARGUMENT' && /1000000 characters; at most 10000/.test(e.message),
    );
  }
});

test("review 3.5: a short test key is redacted where it stands alone, not inside the library's own words", async () => {
  const client = new ClickSend({
    apiKey: 'test',
    rateLimit: false,
    fetch: async () => new Response(JSON.stringify({ http_code: 400, response_code: 'BAD_REQUEST', response_msg: 'key test refused; see the testing kit' }), { status: 400 }),
  });
  await assert.rejects(client.account.get(), { message: /key \[redacted\] refused; see the testing kit/ });
});
