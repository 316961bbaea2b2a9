// The testing kit where users test: the packed tarball installed into fresh projects outside
// this repository, each testing the same small piece of user code (user-code/otp.js: send a
// one-time code, record its delivery from the webhook) through `clicksend-wasm/testing`:
// Vitest, node:test, a Worker's own test run by Miniflare, and a page in headless Chromium.
// The fixtures' tests are `*.spec.js`, outside `test/` folders: this run's `node --test` must not
// take them for its own.
import { after, test } from 'node:test';
import { execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';
import { launchChromium, newPage, serveStatic } from '../support/browser.mjs';
import { packedWorkspace, root, run, wranglerBuild } from '../support/tarball.mjs';

const packed = packedWorkspace('testing-kit');
let browser;

after(async () => {
  await browser?.close();
  packed.dispose();
});

/** A fresh copy of a fixture with the tarball installed and the user's code in src/. */
function project(name) {
  const dir = packed.project(join(root, 'tests/testing-kit', name), name);
  mkdirSync(join(dir, 'src'), { recursive: true });
  cpSync(join(root, 'tests/testing-kit/user-code/otp.js'), join(dir, 'src/otp.js'));
  return dir;
}

test('testing kit: Vitest runs a user test against the kit', () => {
  const dir = project('vitest-app');
  // Vitest from this repository, as the project's own dev dependency.
  symlinkSync(join(root, 'node_modules/vitest'), join(dir, 'node_modules/vitest'), 'dir');
  let out;
  try {
    out = run(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=verbose'], dir, { NO_COLOR: '1', CI: '1' });
  } catch (e) {
    assert.fail(`vitest failed:\n${e.stdout}${e.stderr}`);
  }
  assert.match(out, /sends the code, and records its delivery/);
  assert.match(out, /Tests {2}2 passed \(2\)/);
});

test('testing kit: node:test runs a user test against the kit', () => {
  const dir = project('node-test-app');
  // Not as a subtest of this run: without NODE_TEST_CONTEXT the child reports as a user sees it.
  const { NODE_TEST_CONTEXT, ...env } = process.env;
  let out;
  try {
    out = execFileSync(process.execPath, ['--test', '--test-reporter=tap', 'otp.spec.js'], { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    assert.fail(`node --test failed:\n${e.stdout}${e.stderr}`);
  }
  assert.match(out, /# pass 2\n# fail 0/);
});

/**
 * Jest 30 (this repository's, linked as the project's own dev dependency) in a fresh project;
 * resolves with its JSON report: which tests ran and how they ended.
 */
function jest(name, env = {}) {
  const dir = project(name);
  for (const dep of ['jest', '@jest']) symlinkSync(join(root, 'node_modules', dep), join(dir, 'node_modules', dep), 'dir');
  const report = join(dir, 'report.json');
  try {
    execFileSync(process.execPath, [join(root, 'node_modules/jest/bin/jest.js'), '--ci', '--json', `--outputFile=${report}`], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    assert.fail(`jest failed:\n${e.stdout}${e.stderr}`);
  }
  const { numPassedTests, numFailedTests, testResults } = JSON.parse(readFileSync(report, 'utf8'));
  return { numPassedTests, numFailedTests, titles: testResults.flatMap((r) => r.assertionResults.map((a) => `${a.status}: ${a.title}`)) };
}

const JEST_TITLES = ['passed: sends the code, and records its delivery', 'passed: a 429 from ClickSend is retried after its Retry-After'];

test('testing kit: Jest in its default CommonJS mode, with no Babel and no configuration, requires the kit', () => {
  assert.deepEqual(jest('jest-cjs-app'), { numPassedTests: 2, numFailedTests: 0, titles: JEST_TITLES });
});

test('testing kit: Jest in its ES module mode imports the kit', () => {
  assert.deepEqual(jest('jest-esm-app', { NODE_OPTIONS: '--experimental-vm-modules' }), { numPassedTests: 2, numFailedTests: 0, titles: JEST_TITLES });
});

test("testing kit: a Worker's own test, built by wrangler, sends through the kit in Miniflare", async () => {
  const dir = project('worker-app');
  const dist = wranglerBuild(dir);
  const mf = new Miniflare({
    modules: true,
    modulesRoot: dist,
    scriptPath: join(dist, 'worker.spec.js'),
    modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }],
    compatibilityDate: '2026-04-01',
  });
  try {
    const res = await mf.dispatchFetch('http://worker/');
    const found = await res.json();
    assert.deepEqual(found, { id: '5A4D0B0C-0000-4000-8000-000000000001', path: '/clicksend/v3/sms/send', body: 'Your code is 777', messages: 1 });
  } finally {
    await mf.dispose();
  }
});

test('testing kit: a page in headless Chromium tests with the kit, no bundler', async () => {
  const dir = project('page');
  const server = await serveStatic(dir);
  browser ??= await launchChromium();
  const page = await newPage(browser);
  try {
    await page.goto(server.url);
    await page.waitForFunction(() => document.getElementById('result').textContent !== 'running…');
    const text = await page.locator('#result').textContent();
    assert.deepEqual(page.errors, []);
    assert.deepEqual(JSON.parse(text), { id: '5A4D0B0C-0000-4000-8000-000000000001', body: 'Your code is 31337', delivered: '201' });
  } finally {
    await page.close();
    server.close();
  }
});
