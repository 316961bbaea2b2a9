// The fault suite: every case of tests/support/fault-cases.js, in Node, in headless Chromium and
// in WebKit (WebKitGTK's MiniBrowser: Safari's engine), against the sandbox's fault controls.
// Each case asserts the exact outcome and the exact requests the sandbox recorded (a case may
// say how one engine differs), then that a normal call on the same client still
// succeeds. Ends with a table: cases, passed, messages sent, duplicated, unaccounted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ClickSend } from 'clicksend-wasm';
import { startSandbox, SANDBOX_KEY } from '../support/sandbox.mjs';
import { openRepoPage, serveStatic } from '../support/browser.mjs';
import { openWebKitPage } from '../support/webkit.mjs';
import { root } from '../support/tarball.mjs';
import { faultCases, runFault } from '../support/fault-cases.js';

let sandbox;
let chromium; // {page, close}
let webkit; // {evaluate, close}
const totals = {};

before(async () => {
  sandbox = await startSandbox();
});

after(async () => {
  await chromium?.close();
  await webkit?.close();
  sandbox?.stop();
  const rows = Object.entries(totals).map(([runtime, t]) => `| ${runtime} | ${t.run} | ${t.passed} | ${t.sent} | ${t.duplicated} | ${t.unaccounted} | ${t.resent} |`);
  console.log(
    [
      'fault suite:',
      '| runtime | cases run | passed | messages sent | duplicated | unaccounted | resent by the runtime after a cut connection |',
      '|---|---|---|---|---|---|---|',
      ...rows,
    ].join('\n'),
  );
});

const runtimes = {
  node: (c, base) => runFault(ClickSend, c, base),
  chromium: async (c, base) => {
    chromium ??= await openRepoPage(root, '/tests/faults/page.html');
    return chromium.page.evaluate(([c, base]) => window.runFault(c, base), [{ ...c, faults: undefined }, base]);
  },
  // Safari's engine: WebKitGTK's MiniBrowser over WebDriver (tests/support/webkit.mjs).
  webkit: async (c, base) => {
    webkit ??= await openWebKit();
    return webkit.evaluate((c, base) => window.runFault(c, base), { ...c, faults: undefined }, base);
  },
};

async function openWebKit() {
  const server = await serveStatic(root);
  const page = await openWebKitPage(`${server.url}/tests/faults/page.html`);
  return { ...page, close: () => page.close().finally(() => server.close()) };
}

/** Messages of every /sms/send request, with how the sandbox answered it and each message. */
function sendsOf(requests) {
  return requests
    .filter((r) => r.path === '/v3/sms/send')
    .map((r) => ({
      status: r.response?.status ?? 'cut',
      to: r.json.messages.map((m) => m.to),
      each: r.response?.status === 200 ? (r.response.body?.data?.messages?.map((m) => m.status) ?? []) : [],
    }));
}

async function runCase(runtime, c) {
  totals[runtime] ??= { run: 0, passed: 0, sent: 0, duplicated: 0, unaccounted: 0, resent: 0 };
  const t = totals[runtime];
  t.run++;
  await sandbox.reset();
  if (c.balance) await sandbox.balance(c.balance);
  if (c.settings) await sandbox.settings(c.settings);
  const faults = c[runtime]?.faults ?? c.faults;
  if (faults) await sandbox.faults(faults);
  const outcome = await runtimes[runtime](c, { url: sandbox.url, apiKey: SANDBOX_KEY });

  const requests = await sandbox.requests();

  // The last request is the normal call made after the failure, and it succeeded.
  const last = requests.pop();
  assert.deepEqual([last.method, last.path, last.response.status, outcome.after], ['GET', '/v3/account', 200, 'SUCCESS']);
  assert.equal(outcome.polluted, 0, 'Object.prototype is untouched');
  const statuses = requests.map((r) => r.response?.status ?? 'cut');
  const sends = sendsOf(requests);
  // Taken: in a 200 answer with its own status SUCCESS (a 200 may refuse some of its messages).
  const accepted = sends.filter((s) => s.status === 200).flatMap((s) => s.to.filter((_, k) => s.each[k] === 'SUCCESS'));
  t.sent += accepted.length;

  // Messages the runtime sent again after a cut connection (see fault-cases.js): only
  // Chromium's network stack does that, and only where a case allows it.
  const cutTo = new Set(sends.filter((s) => s.status === 'cut').flatMap((s) => s.to));
  const resent = sends
    .filter((s) => s.status !== 'cut')
    .flatMap((s) => s.to)
    .filter((to) => cutTo.has(to)).length;
  t.resent += resent;
  if (resent) assert.ok(runtime === 'chromium' && c.ifResent, `${runtime} sent ${resent} messages again after a cut connection`);
  const expected = { ...c, ...(resent ? c.ifResent : {}), ...c[runtime] };
  if (resent && c.ifResent.ok) delete expected.error;
  t.duplicated += accepted.length - new Set(accepted).size;
  assert.equal(accepted.length, new Set(accepted).size, 'no message accepted twice');

  if (c.scenario) {
    assert.deepEqual(outcome.scenario, expected.expect);
    if (c.sends !== undefined) assert.equal(sends.length, c.sends, 'sends that reached the sandbox');
  } else if (c.bulk) {
    assert.deepEqual(statuses.map(String).sort(), expected.statuses.map(String).sort());
    const counts = { total: outcome.bulk.length, sent: 0, failed: 0, ambiguous: 0 };
    for (const r of outcome.bulk) counts[r] = (counts[r] ?? 0) + 1;
    assert.deepEqual(counts, expected.bulk);
    // Every message reported once, as its request went: sent exactly when the sandbox took it
    // (its last request answered 200 with SUCCESS for it), refused exactly when that 200 refused it.
    const lastStatus = new Map();
    for (const s of sends) {
      for (const [k, to] of s.to.entries()) lastStatus.set(to, s.status === 200 ? (s.each[k] === 'SUCCESS' ? 200 : 'refused') : s.status);
    }
    const wrong = (to, i) => (outcome.bulk[i] === 'sent') !== (lastStatus.get(to) === 200) || (outcome.bulk[i] === 'refused') !== (lastStatus.get(to) === 'refused');
    const unaccounted = outcome.bulkTo.filter(([to], i) => wrong(to, i)).length + (c.bulk.total - outcome.bulk.length);
    t.unaccounted += unaccounted;
    assert.equal(unaccounted, 0, 'every message reported as its request went');
    assert.ok(
      outcome.bulkTo.every(([to, echoed]) => echoed === null || echoed === to),
      'results in input order',
    );
  } else {
    assert.deepEqual(statuses, expected.statuses);
    if (expected.error) {
      assert.equal(outcome.ok, undefined, `resolved: ${outcome.ok}`);
      const picked = Object.fromEntries(Object.keys(expected.error).map((k) => [k, outcome.error[k]]));
      assert.deepEqual({ ...picked, name: outcome.error.name }, { ...expected.error, name: 'ClickSendError' });
    } else {
      assert.equal(outcome.error, undefined, `rejected: ${JSON.stringify(outcome.error)}`);
      assert.equal(outcome.ok, expected.ok);
      if (expected.okSize) assert.equal(outcome.okSize, expected.okSize);
    }
  }
  t.passed++;
}

for (const runtime of Object.keys(runtimes)) {
  for (const c of faultCases()) {
    test(`faults (${runtime}): ${c.title}`, () =>
      runCase(
        runtime,
        faultCases().find((x) => x.title === c.title),
      ));
  }
}
