// smsParts and parsePhone as the package exports them (their rule tables are unit-tested in
// crates/core: sms_parts.rs, phone.rs); the sandbox bills by the same smsParts code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ClickSend, ClickSendError, parsePhone, smsParts, toGsm7 } from 'clicksend-wasm';
import { startSandbox, SANDBOX_KEY } from '../support/sandbox.mjs';

test('smsParts', () => {
  assert.deepEqual(smsParts('Hello'), { encoding: 'GSM-7', characters: 5, parts: 1, perPart: 160, remainingInPart: 155, nonGsm: [] });
  assert.deepEqual(smsParts('a'.repeat(161)), { encoding: 'GSM-7', characters: 161, parts: 2, perPart: 153, remainingInPart: 145, nonGsm: [] });
  assert.deepEqual(smsParts('€'.repeat(80)), { encoding: 'GSM-7', characters: 160, parts: 1, perPart: 160, remainingInPart: 0, nonGsm: [] });
  assert.deepEqual(smsParts('Olá 😀'), {
    encoding: 'UCS-2',
    characters: 6,
    parts: 1,
    perPart: 70,
    remainingInPart: 64,
    nonGsm: [
      { char: 'á', index: 2 },
      { char: '😀', index: 4 },
    ],
  });
  assert.throws(
    () => smsParts(42),
    (e) => e instanceof ClickSendError && e.code === 'INVALID_ARGUMENT',
  );
});

test('toGsm7: look-alikes replaced, what is left named, never more parts', () => {
  const text = 'It’s “ready” – see you at 5…';
  assert.deepEqual(smsParts(text).nonGsm, [
    { char: '’', index: 2 },
    { char: '“', index: 5 },
    { char: '”', index: 11 },
    { char: '–', index: 13 },
    { char: '…', index: 27 },
  ]);
  assert.deepEqual(toGsm7(text), { text: 'It\'s "ready" - see you at 5...', unreplaced: [] });
  assert.deepEqual(toGsm7('Don’t 😀'), { text: "Don't 😀", unreplaced: [{ char: '😀', index: 6 }] });
  const dots = '…'.repeat(70); // one UCS-2 part; 210 dots would be two GSM-7 parts
  assert.deepEqual(toGsm7(dots), { text: dots, unreplaced: Array.from({ length: 70 }, (_, index) => ({ char: '…', index })) });
  for (const bad of [42, null, undefined, {}]) {
    assert.throws(
      () => toGsm7(bad),
      (e) => e instanceof ClickSendError && e.code === 'INVALID_ARGUMENT' && /toGsm7: the text must be a string/.test(e.message),
    );
  }
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
