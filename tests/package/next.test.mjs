// The packed tarball in a Next.js app (App Router, Turbopack): `next build`, then `next start`.
// A route handler on the edge runtime, one on Node.js, the proxy (what middleware became in
// Next 16) using smsParts, and a client component that loads the package in the browser
// (headless Chromium), which talks to the API through the app's own route. Each sends one SMS
// to the sandbox (the exact request is checked) and makes one call that fails with a 404.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { launchChromium, newPage } from '../support/browser.mjs';
import { startSandbox, SANDBOX_BEARER, SANDBOX_KEY } from '../support/sandbox.mjs';
import { packedWorkspace, root, run } from '../support/tarball.mjs';

const packed = packedWorkspace('next');
const ENV = { NEXT_TELEMETRY_DISABLED: '1' };
let sandbox;
let app; // {url, child}
let build; // what `next build` printed
let browser;

before(async () => {
  sandbox = await startSandbox();
  const dir = packed.project(join(root, 'tests/package/next-app'), 'next-app');
  const next = join(dir, 'node_modules/next/dist/bin/next');
  build = run(process.execPath, [next, 'build'], dir, ENV);
  const child = spawn(process.execPath, [next, 'start', '-p', '0', '-H', '127.0.0.1'], {
    cwd: dir,
    env: { ...process.env, ...ENV, MATON_API_KEY: SANDBOX_KEY, CLICKSEND_BASE_URL: sandbox.url },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`next start exited with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const found = line.match(/Local:\s+(http:\/\/127\.0\.0\.1:\d+)/);
      if (found) resolve(found[1]);
    });
  });
  child.removeAllListeners('exit');
  app = { url, child };
});

after(async () => {
  await browser?.close();
  app?.child.kill();
  sandbox?.stop();
  packed.dispose();
});

/** What the sandbox received since the reset: the send (checked exactly) and the 404 call. */
async function assertSent(body, source) {
  const all = await sandbox.requests();
  const sends = all.filter((r) => r.path === '/v3/sms/send');
  assert.equal(sends.length, 1, 'one send');
  const [r] = sends;
  assert.deepEqual(
    { method: r.method, query: r.query, authorization: r.headers.authorization, json: r.json },
    { method: 'POST', query: '', authorization: SANDBOX_BEARER, json: { messages: [{ to: '+61411111111', body, source }] } },
  );
  assert.equal(all.filter((x) => x.path === '/v3/lists/987654').length, 1, 'the 404 call, once');
}

test('next: `next build` prints nothing about the package (no dynamic code, unresolved module or wasm warning)', () => {
  assert.match(build, /Compiled successfully/);
  const about = build.split('\n').filter((line) => /clicksend|wasm|Dynamic Code|Module not found|Can't resolve/i.test(line));
  assert.deepEqual(about, []);
});

for (const [runtime, body] of [
  ['edge', 'Hello from a Next.js edge route'],
  ['node', 'Hello from a Next.js Node route'],
]) {
  test(`next: a route handler on the ${runtime} runtime sends, and a 404 rejects as ClickSendError`, async () => {
    await sandbox.reset();
    const res = await fetch(`${app.url}/api/${runtime}`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'SUCCESS', notFound: '404 NOT_FOUND' });
    await assertSent(body, `next-${runtime}`);
  });
}

test("next: the proxy (middleware's successor) counts SMS parts with smsParts", async () => {
  await sandbox.reset();
  const res = await fetch(`${app.url}/api/proxy/v3/account?text=${'a'.repeat(161)}`);
  assert.equal(res.headers.get('x-sms-parts'), '2');
  assert.equal(res.status, 200);
});

test('next: a client component loads the package in Chromium and sends through the app, with no key in the page', async () => {
  await sandbox.reset();
  browser = await launchChromium();
  const page = await newPage(browser);
  const fromPage = [];
  page.on('request', (r) => fromPage.push(`${r.url()} ${JSON.stringify(r.headers())} ${r.postData() ?? ''}`));
  await page.goto(app.url);
  await page.waitForFunction(() => document.getElementById('result')?.textContent !== 'sending…');
  assert.equal(await page.locator('#result').textContent(), 'SUCCESS 1 404 NOT_FOUND');
  assert.deepEqual(
    page.errors.filter((e) => !e.startsWith('Failed to load resource')),
    [],
  );
  assert.ok(!fromPage.join('\n').includes(SANDBOX_KEY), 'the page sent no key');
  await assertSent('Hello from a Next.js page', 'next-client');
});
