// Jest in its ES module mode (node --experimental-vm-modules), with no configuration.
import { expect, test } from '@jest/globals';
import { ClickSend } from 'clicksend-wasm';
import { createSandbox } from 'clicksend-wasm/testing';
import { handleWebhook, sendOtp } from './src/otp.js';

test('sends the code, and records its delivery', async () => {
  const sandbox = createSandbox({ now: '2026-11-28T00:00:00Z' });
  const client = new ClickSend({ apiKey: 'test', fetch: sandbox.fetch });
  const id = await sendOtp(client, '+61411111111', '123456');
  expect(sandbox.requests()[0].json.messages[0].body).toBe('Your code is 123456');
  const deliveries = new Map();
  await handleWebhook(sandbox.receipt(id), deliveries);
  expect(deliveries.get(id)).toBe('201');
});

test('a 429 from ClickSend is retried after its Retry-After', async () => {
  const sandbox = createSandbox();
  sandbox.faults({ path: '/sms/send', status: 429, retry_after: 1 });
  const client = new ClickSend({ apiKey: 'test', fetch: sandbox.fetch });
  await sendOtp(client, '+61411111111', '42');
  expect(sandbox.requests().map((r) => r.response.status)).toEqual([429, 200]);
});
