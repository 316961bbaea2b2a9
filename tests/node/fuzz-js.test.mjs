// The functions written in JS fuzzed as the Rust ones are (clicksend_core::invariants): inputs
// drawn from a grammar of hostile values, each run against invariants; first the committed
// seeds (fuzz/seeds/js-<target>/*.json, every input a run ever found), then 2,000 generated
// ones from a fixed seed (FUZZ_JS_SEED picks another, FUZZ_JS_RUNS more runs). What fails is
// printed as JSON to add to the seeds once fixed.
// - parseWebhook(input, {token, tokenParam, userId, subaccountId}): resolves with a `type`, or
//   rejects with a ClickSendError INVALID_ARGUMENT or FORBIDDEN_WEBHOOK; never another error,
//   and the token is never in what it resolves or rejects with.
// - sms.reconcile(items, options), against the testing kit: one result per item with a known
//   state, or INVALID_ARGUMENT; never another error; the client works after.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { ClickSend, ClickSendError, parseWebhook } from 'clicksend-wasm';
import { createSandbox } from 'clicksend-wasm/testing';

const SEEDS = new URL('../../fuzz/seeds/', import.meta.url);
const RUNS = Number(process.env.FUZZ_JS_RUNS ?? 2000);
const TOKEN = 'wh-s3cret-Zq9';

/** mulberry32: a small PRNG, so a failing run can be replayed from its seed. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generator(seed) {
  const rand = prng(seed);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const text = () =>
    pick([
      '',
      'x',
      TOKEN,
      `${TOKEN}x`,
      TOKEN.slice(0, -1),
      '201',
      '+61411111111',
      '3819',
      '__proto__',
      'constructor',
      '%00%ff',
      '\u0000',
      'é😀',
      'a'.repeat(300),
      String(Math.floor(rand() * 1e6)),
    ]);
  const scalar = () => pick([text(), text(), Math.floor(rand() * 5000), rand() > 0.5, null, undefined, Number.NaN, -1, 1e21, {}, [], [text()]]);
  const fields = () => {
    const keys = [
      'message_id',
      'status_code',
      'status',
      'timestamp',
      'custom_string',
      'user_id',
      'subaccount_id',
      'from',
      'to',
      'body',
      'message_type',
      'token',
      'type',
      '__proto__',
    ];
    return Object.fromEntries(Array.from({ length: Math.floor(rand() * 8) }, () => [pick(keys), scalar()]));
  };
  const query = () =>
    pick([
      '',
      `token=${TOKEN}`,
      `token=${TOKEN}&token=${TOKEN}`,
      'token=',
      `t=${TOKEN}`,
      `token=${encodeURIComponent(TOKEN)}x`,
      '%zz',
      `token=${TOKEN}&message_id=M1&status_code=201`,
    ]);
  const webhookInput = () => {
    const f = fields();
    const url = `https://app.example/hook?${query()}`;
    return pick([
      { kind: 'form', url, body: new URLSearchParams(Object.entries(f).map(([k, v]) => [k, String(v)])).toString() },
      { kind: 'json', url, body: JSON.stringify(f) },
      { kind: 'json', url, body: pick(['{', '[]', 'null', '"x"', '{"__proto__": {"a": 1}}']) },
      { kind: 'get', url: `${url}&${new URLSearchParams(Object.entries(f).map(([k, v]) => [k, String(v)]))}` },
      { kind: 'object', contentType: pick(['application/json', 'text/plain', undefined, 42]), body: pick([f, JSON.stringify(f), scalar()]), url: pick([url, undefined, 7]) },
      { kind: 'value', value: scalar() },
    ]);
  };
  const webhookOptions = () =>
    pick([
      undefined,
      null,
      'x',
      {},
      { token: TOKEN },
      { token: TOKEN, tokenParam: pick(['token', 't', '', 5]) },
      { userId: pick(['3819', '1', 3819]) },
      { subaccountId: '3998' },
      { token: '' },
      { nope: 1 },
    ]);
  const reconcileItems = () =>
    pick([
      undefined,
      'x',
      {},
      Array.from({ length: Math.floor(rand() * 4) }, () =>
        pick([
          { to: pick(['+61411111111', 'x', 5]), body: pick(['Hi', '', 7]), custom_string: pick([undefined, 'c1', 3]) },
          { input: { to: '+61411111111', body: 'Hi' } },
          { input: null },
          null,
          'x',
          5,
        ]),
      ),
    ]);
  const reconcileOptions = () =>
    // settleMs: 0 in every options object that could succeed: the messages were sent long
    // before (the default would wait two minutes for each run).
    ({
      settleMs: pick([0, 0, 0, -1, 'x', 1.5]),
      ...pick([
        {},
        { from: pick([0, -1, 1.5, 'x', 1_795_000_000]) },
        { to: pick([0, 'x', 2_000_000_000]) },
        { maxPages: pick([0, 1, 2, 'x', 1.5]) },
        { country: pick(['AU', 'x', 5]) },
        { nope: 1 },
      ]),
    });
  return { webhook: () => [webhookInput(), webhookOptions()], reconcile: () => [reconcileItems(), reconcileOptions()] };
}

/** A generated input as parseWebhook takes it. */
function asWebhookArgument(input) {
  if (input.kind === 'form') return new Request(input.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: input.body });
  if (input.kind === 'json') return new Request(input.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: input.body });
  if (input.kind === 'get') return new Request(input.url);
  if (input.kind === 'object') return { contentType: input.contentType, body: input.body, url: input.url };
  return input.value;
}

async function webhookInvariant([input, options]) {
  const outcome = await parseWebhook(asWebhookArgument(input), options).then(
    (value) => ({ value }),
    (error) => ({ error }),
  );
  if (outcome.error) {
    assert.ok(outcome.error instanceof ClickSendError, `not a ClickSendError: ${outcome.error}`);
    assert.ok(['INVALID_ARGUMENT', 'FORBIDDEN_WEBHOOK'].includes(outcome.error.code), outcome.error.code);
    assert.ok(!outcome.error.message.includes(TOKEN) && !JSON.stringify(outcome.error).includes(TOKEN), 'the token in an error');
  } else {
    assert.equal(typeof outcome.value.type, 'string');
    if (options?.token) assert.ok(!JSON.stringify(outcome.value).includes(TOKEN), 'the token in a result');
  }
}

const sandbox = createSandbox({ now: 1_795_824_000 });
// The gateway's pace (the client's and the model's) is not what this fuzzes: off.
sandbox.settings({ gateway_rate_limit: false });
const client = new ClickSend({ apiKey: 'fuzz-key', fetch: sandbox.fetch, maxRetries: 0, rateLimit: false });
await client.sms.send({ messages: [{ to: '+61411111111', body: 'Hi', custom_string: 'c1' }] });

async function reconcileInvariant([items, options]) {
  const outcome = await client.sms.reconcile(items, options).then(
    (value) => ({ value }),
    (error) => ({ error }),
  );
  if (outcome.error) {
    assert.ok(outcome.error instanceof ClickSendError, `not a ClickSendError: ${outcome.error}`);
    assert.equal(outcome.error.code, 'INVALID_ARGUMENT', outcome.error.message);
  } else {
    assert.equal(outcome.value.length, items.length);
    assert.ok(outcome.value.every((r) => ['sent', 'not_found', 'unknown'].includes(r.state)));
  }
}

const TARGETS = { webhook: webhookInvariant, reconcile: reconcileInvariant };

for (const [name, invariant] of Object.entries(TARGETS)) {
  test(`fuzz (JS): ${name}: the committed seeds, then ${RUNS} generated inputs keep the invariants`, async () => {
    const dir = new URL(`js-${name}/`, SEEDS);
    const seeds = readdirSync(dir).map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')));
    assert.ok(seeds.length >= 5, `only ${seeds.length} seeds in fuzz/seeds/js-${name}`);
    for (const input of seeds) await invariant(input);
    const seed = Number(process.env.FUZZ_JS_SEED ?? 20261128);
    const next = generator(seed)[name];
    for (let i = 0; i < RUNS; i++) {
      const input = next();
      try {
        await invariant(input);
      } catch (e) {
        assert.fail(`run ${i} of seed ${seed} breaks an invariant: ${e.message}\ninput (add it to fuzz/seeds/js-${name}/ once fixed): ${JSON.stringify(input)}`);
      }
    }
  });
}

test('fuzz (JS): the client works after all that', async () => {
  assert.equal((await client.account.get()).http_code, 200);
});
