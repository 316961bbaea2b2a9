// `clicksend-wasm/lazy` where a module may not wait at its top level, from the packed tarball in
// fresh projects, in headless Chromium: a module service worker answering a fetch event from a
// call, a module Web Worker answering a message posted right after `new Worker()`, and a
// Manifest V3 extension's background service worker. Each sends an SMS to the sandbox, which
// records it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { launchChromium, newPage, serveStatic } from '../support/browser.mjs';
import { startSandbox } from '../support/sandbox.mjs';
import { packedWorkspace, root } from '../support/tarball.mjs';

const packed = packedWorkspace('lazy');
let sandbox;
let browser;
let server;
let page;

before(async () => {
  sandbox = await startSandbox();
  server = await serveStatic(packed.project(join(root, 'tests/package/lazy-app'), 'lazy-app'));
  browser = await launchChromium();
  page = await newPage(browser);
  await page.goto(`${server.url}/index.html?sandbox=${encodeURIComponent(sandbox.url)}`);
  await page.waitForFunction(() => window.ready === true);
});

after(async () => {
  await browser?.close();
  server?.close();
  sandbox?.stop();
  packed.dispose();
});

/** The messages the sandbox received, as `[to, body]`. */
async function received() {
  return (await sandbox.requests()).filter((r) => r.path === '/v3/sms/send').map((r) => r.json.messages.map((m) => [m.to, m.body])[0]);
}

test('lazy entry: a module service worker answers a fetch event by sending an SMS', async () => {
  await sandbox.reset();
  const message = await page.evaluate(() => window.fromServiceWorker());
  assert.deepEqual([message.status, message.to, message.body], ['SUCCESS', '+61411111111', 'from a service worker']);
  assert.deepEqual(await received(), [['+61411111111', 'from a service worker']]);
  assert.deepEqual(page.errors, []);
});

test('lazy entry: a module worker answers the message posted right after new Worker()', async () => {
  await sandbox.reset();
  const message = await page.evaluate(() => window.fromWorker());
  assert.deepEqual([message.status, message.body], ['SUCCESS', 'from a module worker']);
  assert.deepEqual(await received(), [['+61411111111', 'from a module worker']]);
});

test("lazy entry: a Manifest V3 extension's background service worker sends an SMS", async () => {
  await sandbox.reset();
  const extension = packed.project(join(root, 'tests/package/extension-app'), 'extension-app');
  const profile = mkdtempSync(join(tmpdir(), 'clicksend-wasm-extension-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
    ],
  });
  try {
    const worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ?? (await context.waitForEvent('serviceworker'));
    assert.match(worker.url(), /^chrome-extension:\/\/[a-p]{32}\/background\.js$/);
    const { message, parts } = await worker.evaluate((url) => self.sendTest(url), sandbox.url);
    assert.deepEqual([message.status, message.body, parts], ['SUCCESS', 'from an extension', 1]);
    assert.deepEqual(await received(), [['+61411111111', 'from an extension']]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
