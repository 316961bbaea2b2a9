// The built package running inside workerd (Miniflare), calling the sandbox from a Worker.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';
import { startSandbox, SANDBOX_KEY } from '../support/sandbox.mjs';
import { endpoints } from 'clicksend-wasm';
import { runScenario } from '../support/scenario.mjs';
import { runEchoCase } from '../support/echo.mjs';
import { endpointCases, errorCases, runEndpointCase, runErrorCase } from '../support/cases.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
let sandbox;
let mf;

before(async () => {
  sandbox = await startSandbox();
  mf = new Miniflare({
    modules: true,
    modulesRoot: root,
    scriptPath: `${root}tests/workerd/worker.js`,
    // The package is ES modules throughout (Miniflare reads .js as CommonJS by default).
    modulesRules: [
      { type: 'ESModule', include: ['**/*.js'] },
      { type: 'CompiledWasm', include: ['**/*.wasm'] },
    ],
    compatibilityDate: '2025-01-01',
    bindings: { SANDBOX_URL: sandbox.url, API_KEY: SANDBOX_KEY },
  });
  await mf.ready;
});

after(async () => {
  await mf?.dispose();
  sandbox?.stop();
});

/** Runs one call inside the Worker. */
async function invoke(call) {
  const res = await mf.dispatchFetch('http://worker/', { method: 'POST', body: JSON.stringify(call) });
  assert.equal(res.status, 200);
  const out = await res.json();
  return out;
}

for (const c of endpointCases) {
  test(`workerd: ${c.fn}: exact request and resolved value`, () => runEndpointCase(sandbox, invoke, endpoints(), c));
}

for (const c of errorCases) {
  test(`workerd: error: ${c.title}`, () => runErrorCase(sandbox, invoke, c));
}

test('workerd: scenario: a list, contacts, duplicates, sends, history pages, receipts, cancel, clean up', () => runScenario(sandbox, invoke));

const withCase = new Set(endpointCases.map((c) => c.fn));
for (const e of endpoints().filter((e) => !withCase.has(`${e.area}.${e.name}`))) {
  test(`workerd: ${e.area}.${e.name}: exact request, resolves with the echo`, () => runEchoCase(sandbox, invoke, e));
}
