import { ClickSend } from 'clicksend-wasm';
import { createSandbox } from 'clicksend-wasm/testing';
import { expect, test } from 'vitest';
import { handleWebhook, sendOtp } from './src/otp.js';

test('sends the code, and records its delivery', async () => {
  const sandbox = createSandbox({ now: '2026-11-28T00:00:00Z' });
  const client = new ClickSend({ apiKey: 'test', fetch: sandbox.fetch });
  const id = await sendOtp(client, '+61411111111', '123456');
  expect(sandbox.requests()[0].path).toBe('/clicksend/v3/sms/send');
  expect(sandbox.requests()[0].json.messages[0].body).toBe('Your code is 123456');
  expect(sandbox.state().balance).toBeLessThan(100);
  const deliveries = new Map();
  await handleWebhook(sandbox.receipt(id), deliveries); // the webhook ClickSend sends
  expect(deliveries.get(id)).toBe('201');
});

test('a refused number is an error, and nothing is charged', async () => {
  const sandbox = createSandbox();
  const client = new ClickSend({ apiKey: 'test', fetch: sandbox.fetch });
  await expect(sendOtp(client, 'not a number', '1')).rejects.toThrow('INVALID_RECIPIENT');
  expect(sandbox.state().balance).toBe(100);
});
