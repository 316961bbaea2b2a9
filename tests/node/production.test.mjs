// The README's "In production" snippet, run as written against a fetch double that answers
// one 503 and then the envelope: its exact events, withResponse() and the request it sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClickSend } from 'clicksend-wasm';

const answers = [503, 200];
const sent = [];
const tracingFetch = async (url, init) => {
  sent.push({ url, headers: init.headers });
  const status = answers.shift() ?? 200;
  return Response.json({ http_code: status, response_code: status === 200 ? 'SUCCESS' : 'BUSY', response_msg: '', data: { balance: '12.50' } }, { status });
};
const logged = [];
const log = { info: (...line) => logged.push(line) };

const client = new ClickSend({
  apiKey: process.env.MATON_API_KEY ?? 'key',
  fetch: tracingFetch, // any function with fetch's signature: a service binding, a test double
  rateLimit: { perSecond: 10, burst: 5 }, // for every call of this client, retries included
  appInfo: { name: 'shop', version: '2.1.0' }, // User-Agent: clicksend-wasm/0.1.0 shop/2.1.0
  maxRetryDelayMs: 0, // (the test's: no wait before the retry)
});
const off = client.on('retry', (e) => log.info(`retrying ${e.area}.${e.name} after ${e.reason}`));
const { data, response, attempts } = await client.account.get({ timeoutMs: 5_000, headers: { 'X-Request-Id': 'abc' } }).withResponse();
off();

test('README, in production: fetch, events, withResponse, per-call options, rate limit, appInfo', () => {
  assert.deepEqual(logged, [['retrying account.get after 503']]);
  assert.deepEqual([data.data.balance, response.status, attempts], ['12.50', 200, 2]);
  assert.equal(sent[1].url, 'https://gateway.maton.ai/clicksend/v3/account');
  assert.deepEqual({ id: sent[1].headers['X-Request-Id'], agent: sent[1].headers['User-Agent'] }, { id: 'abc', agent: 'clicksend-wasm/0.1.0 shop/2.1.0' });
});
