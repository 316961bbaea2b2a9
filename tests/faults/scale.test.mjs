// The scale run: 100,000 sends against the sandbox as unkind as ClickSend is, through every
// fault a send meets (5xx, connections cut before, mid-answer and after carrying out, 429 with
// and without Retry-After, client timeouts the server carries out anyway), a history that lags,
// a tenth of the numbers written locally or without `+`, and messages refused inside the 200.
// Then docs/exactly-once.md's campaign loop, as written: reconcile what is unsure, resend only
// what was not found, round again. Counted from the sandbox's own record of what it carried
// out, not from what the client says: 0 duplicated, 0 lost, 0 misreported.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ClickSend } from 'clicksend-wasm';
import { startSandbox, SANDBOX_KEY } from '../support/sandbox.mjs';

let sandbox;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox?.stop());

/** docs/exactly-once.md: sendBulk, reconcile the unsure, resend only what was not found. */
async function sendCampaign(client, messages, { rounds = 5, reconcile } = {}) {
  const outcomes = messages.map(() => undefined); // per message: sent, refused, failed or unknown
  let batch = messages.map((input, i) => ({ i, input })); // to send this round
  let unsure = []; // sent or not, not known yet: {i, item}
  for (let round = 0; round < rounds && (batch.length || unsure.length); round++) {
    const inputs = batch.map((b) => b.input);
    const results = inputs.length ? await client.sms.sendBulk(inputs, { customStrings: true }) : [];
    for (const [k, r] of results.entries()) {
      const { i } = batch[k];
      if (r.ok) outcomes[i] = { state: 'sent', message: r.message };
      else if (r.ambiguous) unsure.push({ i, item: r });
      else outcomes[i] = { state: r.message ? 'refused' : 'failed', message: r.message, error: r.error }; // nothing went out
    }
    const states = await client.sms.reconcile(
      unsure.map((u) => u.item),
      reconcile,
    );
    batch = [];
    unsure = unsure.filter((u, k) => {
      const { state, message, error } = states[k];
      if (state === 'sent') outcomes[u.i] = { state, message };
      if (state === 'not_found') batch.push({ i: u.i, input: u.item.input }); // its own custom_string again
      if (state === 'unknown') outcomes[u.i] = { state, error }; // told so, with why; reconciled again next round
      return state === 'unknown';
    });
  }
  for (const { i } of batch) outcomes[i] = { state: 'not_found' }; // rounds ran out before its resend
  return outcomes;
}

const SENDS = 100_000;
const RECIPIENTS = 2000;
const TIMEOUT_MS = 5000;
/** How long the sandbox shows a sent message only after (ClickSend documents no figure). */
const LAG_MS = 2000;

/** Message `i`: its input, and what ClickSend must make of it (stored as `to`, or refused). */
function message(i) {
  const national = `42${String(i % RECIPIENTS).padStart(7, '0')}`; // an Australian mobile
  const e164 = `+61${national}`;
  const input = { to: e164, body: `Spring sale ${i}: 20% off`, custom_string: `s-${i}` };
  if (i % 500 === 7) return { input: { ...input, to: '+6141' }, refused: 'INVALID_RECIPIENT' }; // cannot exist
  if (i % 500 === 13) return { input: { ...input, to: '+64 21 123 4567' }, refused: 'COUNTRY_NOT_ENABLED' };
  if (i % 20 === 0) return { input: { ...input, to: `0${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`, country: 'AU' }, to: e164 };
  if (i % 20 === 10) return { input: { ...input, to: e164.slice(1) }, to: e164 }; // without the +
  return { input, to: e164 };
}

/** Every way a send can go wrong, once each, armed in order for the next sends. */
const FAULTS = [
  { drop: 'before' },
  { status: 500 },
  { drop: 'after' }, // carried out, its answer cut
  { drop: 'mid-body' },
  { status: 429, retry_after: '1' },
  { status: 429 }, // no Retry-After: the client holds back on its own
  { delay_ms: TIMEOUT_MS + 1500 }, // the client gives up; the sandbox carries it out later
  { status: 503 },
  { drop: 'after' },
  { status: 502 },
  { delay_ms: TIMEOUT_MS + 1500 },
].map((f) => ({ path: '/sms/send', times: 1, ...f }));
/** Armed again when reconciliation begins, so the resends meet faults too (a second round). */
const RESEND_FAULTS = [{ drop: 'after' }, { status: 500 }, { delay_ms: TIMEOUT_MS + 1500 }].map((f) => ({ path: '/sms/send', times: 1, ...f }));

test('scale: 100,000 sends through faults, lag, local numbers, refusals and timeouts, then the campaign loop: 0 duplicated, 0 lost, 0 misreported', async () => {
  await sandbox.reset();
  await sandbox.balance(1e9);
  await sandbox.settings({ history_lag_ms: LAG_MS, countries_enabled: ['AU'] });
  await sandbox.faults(FAULTS);
  const seen = { answers: {}, rejected: 0 };
  let resendFaults;
  const client = new ClickSend({
    apiKey: SANDBOX_KEY,
    baseUrl: sandbox.url,
    timeoutMs: TIMEOUT_MS,
    fetch: async (url, init) => {
      if (String(url).includes('/sms/history')) resendFaults ??= sandbox.faults(RESEND_FAULTS);
      await resendFaults;
      try {
        const response = await fetch(url, init);
        if (String(url).endsWith('/sms/send')) seen.answers[response.status] = (seen.answers[response.status] ?? 0) + 1;
        return response;
      } catch (e) {
        seen.rejected++;
        throw e;
      }
    },
  });
  const plan = Array.from({ length: SENDS }, (_, i) => message(i));
  // settleMs: past the client's timeout, the sandbox carries a held send out 1.5 s later and
  // shows it LAG_MS after that; room on top for a busy machine.
  const outcomes = await sendCampaign(
    client,
    plan.map((p) => p.input),
    { reconcile: { settleMs: 1500 + LAG_MS + 4000 } },
  );

  // The sandbox's record: every message it carried out, by custom_string.
  const stored = new Map();
  for (const m of await sandbox.messages()) stored.set(m.custom_string, [...(stored.get(m.custom_string) ?? []), m]);
  const tally = { sent: 0, refused: 0, unknown: 0, duplicated: 0, lost: 0, misreported: [] };
  for (const [i, p] of plan.entries()) {
    const copies = stored.get(p.input.custom_string) ?? [];
    const outcome = outcomes[i];
    if (copies.length > 1) tally.duplicated++;
    if (p.to && copies.length === 0) tally.lost++;
    if (outcome?.state === 'unknown' && p.refused === 'INVALID_RECIPIENT' && copies.length === 0) {
      // No number to search the history for: reconcile will not guess that it went nowhere.
      tally.unknown++;
      continue;
    }
    const truth = p.to ? ['sent', p.to, 'SUCCESS'] : ['refused', undefined, p.refused];
    const told = [outcome?.state, copies[0]?.to, outcome?.state === 'refused' ? outcome.error.code : outcome?.message?.status];
    if (outcome?.state === 'sent') told[2] = copies.length === 1 && outcome.message.custom_string === p.input.custom_string ? 'SUCCESS' : 'not what the sandbox did';
    if (JSON.stringify(told) !== JSON.stringify(truth)) tally.misreported.push({ i, told, truth });
    if (outcome) tally[outcome.state] = (tally[outcome.state] ?? 0) + 1;
  }
  console.log(
    [
      'scale run:',
      '| sends | sent | refused | unknown (no number to search) | duplicated | lost | misreported | send answers | fetches rejected |',
      '|---|---|---|---|---|---|---|---|---|',
      `| ${SENDS} | ${tally.sent} | ${tally.refused} | ${tally.unknown} | ${tally.duplicated} | ${tally.lost} | ${tally.misreported.length} | ${JSON.stringify(seen.answers)} | ${seen.rejected} |`,
    ].join('\n'),
  );
  assert.deepEqual([tally.duplicated, tally.lost, tally.misreported.slice(0, 5)], [0, 0, []]);
  assert.equal(tally.sent, plan.filter((p) => p.to).length);
  assert.equal(tally.refused + tally.unknown, plan.filter((p) => p.refused).length);
  // The faults were met: the 5xx and 429 answers, and the cut or held connections.
  assert.deepEqual([seen.answers[500], seen.answers[502], seen.answers[503]], [2, 1, 1]);
  assert.ok(seen.answers[429] >= 2 && seen.rejected >= 4, JSON.stringify(seen));
});
