// The production seams, in Node and in Chromium (tests/workerd runs the same checks in
// workerd): a caller's fetch for every request, the exact events of a call retried twice,
// withResponse(), per-call overrides (through sendBulk and .all too), the User-Agent, the rate
// limit (counted, not timed) and the client-wide Retry-After hold. The checks talk to a fetch
// double (tests/support/seams-cases.js), so every answer is decided by the test.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as pkg from 'clicksend-wasm';
import { openRepoPage } from '../support/browser.mjs';
import { root } from '../support/tarball.mjs';
import { errorEvents, eventsAndResponse, expected, overrides, ownFetch, rateLimit, retryAfterHold } from '../support/seams-cases.js';

const checks = { eventsAndResponse, errorEvents, ownFetch, overrides, rateLimit, retryAfterHold };

let chromium; // {page, close}
after(() => chromium?.close());

async function inChromium(name) {
  chromium ??= await openRepoPage(root, '/tests/seams/page.html');
  return chromium.page.evaluate((name) => window.run(name), name);
}

for (const [runtime, run, want] of [
  ['Node', (name) => checks[name](pkg), expected()],
  ['Chromium', inChromium, expected({ browser: true })],
]) {
  for (const name of Object.keys(checks)) {
    test(`seams, ${runtime}: ${name}`, async () => {
      assert.deepEqual(await run(name), want[name]);
    });
  }
}
