// Node 20's V8 (11.3) crashed the whole process ("Fatal error ... unreachable code") when a
// function whose call into wasm TurboFan had inlined was deoptimized during that call: two
// rounds of 20,000 calls in flight (a fetch that never answers) did it, every time, through
// both Node entries. js/entries/node20.js turns that inlining off on V8 11.3. Calls are Promises (an
// APIPromise each) since; the same flood must finish on every Node major the package supports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const runtimes = fileURLToPath(new URL('../runtimes/node_modules/', import.meta.url));
/** Node 18, 22 and 24 from tests/runtimes (scripts/setup.sh installs them), and this one. */
const NODES = [process.execPath, ...[18, 22, 24].map((major) => `${runtimes}node${major}/bin/node`)];

/** A child process making `calls` sends twice, with nothing ever answered; prints `done`. */
function flood(load) {
  return `${load}
globalThis.fetch = () => new Promise(() => {});
const client = new ClickSend({ apiKey: 'k', baseUrl: 'http://stub', maxRetries: 0, timeoutMs: 600000 });
const send = () => client.sms.send({ messages: [{ to: '+61411111111', body: 'x' }] });
const calls = [];
for (let i = 0; i < 20000; i++) calls.push(send());
await new Promise((resolve) => setTimeout(resolve, 10));
for (let i = 0; i < 20000; i++) calls.push(send());
await new Promise((resolve) => setTimeout(resolve, 0));
if (!calls.every((c) => c instanceof Promise)) throw new Error('a call that is not a Promise');
console.log('done');
process.exit(0);`;
}

for (const node of NODES) {
  const version = node === process.execPath ? process.versions.node : node.match(/node(\d+)\/bin/)[1];
  for (const [entry, load] of [
    ['import', "import { ClickSend } from 'clicksend-wasm';"],
    ['require', "import { createRequire } from 'node:module'; const { ClickSend } = createRequire(import.meta.url)('clicksend-wasm');"],
  ]) {
    test(`node ${version}: 40,000 calls in flight do not crash V8 (${entry})`, () => {
      assert.ok(existsSync(node), `${node}: run scripts/setup.sh`);
      const child = spawnSync(node, ['--input-type=module', '-e', flood(load)], { encoding: 'utf8', cwd: import.meta.dirname, timeout: 120_000 });
      assert.equal(child.stderr.includes('unreachable code'), false, child.stderr.slice(0, 400));
      assert.equal(child.status, 0, child.stderr.slice(0, 400));
      assert.equal(child.stdout.trim(), 'done');
    });
  }
}
