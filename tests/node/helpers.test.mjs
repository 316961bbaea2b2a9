// smsParts and parsePhone as the package exports them (their rule tables are unit-tested in
// crates/core: sms_parts.rs, phone.rs); the sandbox bills by the same smsParts code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ClickSend, ClickSendError, parsePhone, phoneInfo, smsParts, toGsm7 } from 'clicksend-wasm';
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
  assert.throws(() => parsePhone('0411111111', 'ZZ'), { code: 'INVALID_ARGUMENT', message: /"ZZ" is not an ISO 3166-1 country with a calling code/ });
  assert.throws(() => parsePhone(null), { code: 'INVALID_ARGUMENT' });
  // Every country with a calling code, its own trunk prefix taken off.
  assert.equal(parsePhone('0151 23456789', 'DE'), '+4915123456789');
  assert.equal(parsePhone('8 912 345-67-89', 'RU'), '+79123456789');
  assert.equal(parsePhone('06 20 123 4567', 'HU'), '+36201234567');
  assert.equal(parsePhone('(11) 91234-5678', 'BR'), '+5511912345678');
  assert.throws(() => parsePhone('+999 1234 5678'), { code: 'INVALID_ARGUMENT', message: /no country has the calling code/ });
});

test('phoneInfo: country, calling code and national number; shared calling codes', () => {
  assert.deepEqual(phoneInfo('+4915123456789'), { country: 'DE', callingCode: '49', nationalNumber: '15123456789', candidates: ['DE'] });
  assert.deepEqual(phoneInfo('+1 268 464 1234').country, 'AG');
  assert.deepEqual(phoneInfo('+7 701 234 5678').country, 'KZ');
  assert.deepEqual(phoneInfo('+44 7700 900123'), { country: 'GB', callingCode: '44', nationalNumber: '7700900123', candidates: ['GB', 'GG', 'JE'] });
  assert.equal(phoneInfo('+800 1234 5678').country, '001');
  assert.throws(() => phoneInfo('0411 111 111'), { code: 'INVALID_ARGUMENT', message: /^phoneInfo: .*has no country code/ });
  assert.throws(() => phoneInfo(42), { code: 'INVALID_ARGUMENT', message: /phoneInfo: the number must be a string, got a number/ });
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
