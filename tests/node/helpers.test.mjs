// smsParts and parsePhone as the package exports them (their rule tables are unit-tested in
// crates/core: sms_parts.rs, phone.rs); the sandbox bills by the same smsParts code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ClickSend, ClickSendError, parsePhone, smsParts } from 'clicksend-wasm';
import { startSandbox, SANDBOX_KEY } from '../support/sandbox.mjs';

test('smsParts', () => {
  assert.deepEqual(smsParts('Hello'), { encoding: 'GSM-7', characters: 5, parts: 1, perPart: 160, remainingInPart: 155 });
  assert.deepEqual(smsParts('a'.repeat(161)), { encoding: 'GSM-7', characters: 161, parts: 2, perPart: 153, remainingInPart: 145 });
  assert.deepEqual(smsParts('€'.repeat(80)), { encoding: 'GSM-7', characters: 160, parts: 1, perPart: 160, remainingInPart: 0 });
  assert.deepEqual(smsParts('Olá 😀'), { encoding: 'UCS-2', characters: 6, parts: 1, perPart: 70, remainingInPart: 64 });
  assert.throws(
    () => smsParts(42),
    (e) => e instanceof ClickSendError && e.code === 'INVALID_ARGUMENT',
  );
});

test('parsePhone', () => {
  assert.equal(parsePhone('0411 111 111', 'AU'), '+61411111111');
  assert.equal(parsePhone('(555) 123-4567', 'US'), '+15551234567');
  assert.equal(parsePhone('00 44 20 7946 0958'), '+442079460958');
  assert.throws(() => parsePhone('0411 111 111'), { code: 'INVALID_ARGUMENT', message: /has no country code/ });
  assert.throws(() => parsePhone('12', 'AU'), { code: 'INVALID_ARGUMENT', message: /not a valid AU number/ });
  assert.throws(() => parsePhone('0411111111', 'ZZ'), { code: 'INVALID_ARGUMENT', message: /not supported/ });
  assert.throws(() => parsePhone(null), { code: 'INVALID_ARGUMENT' });
});

let sandbox;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox.stop());

test('the sandbox prices by the same parts rule', async () => {
  const client = new ClickSend({ apiKey: SANDBOX_KEY, baseUrl: sandbox.url });
  for (const body of ['short', 'a'.repeat(161), 'ü'.repeat(71), '😀'.repeat(36), `${'a'.repeat(152)}{`]) {
    const quote = await client.sms.price({ messages: [{ to: '+61411111111', body }] });
    assert.equal(quote.data.messages[0].message_parts, smsParts(body).parts, body);
  }
});
