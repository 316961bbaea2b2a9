// A bundled page of a fixture in headless Chromium, sending through its server's /api/ (which
// adds the key, tests/support/browser.mjs): what the page shows, checked against what the
// sandbox received from that fixture (by the messages' `source`).
import assert from 'node:assert/strict';
import { launchChromium, newPage, serveStatic } from './browser.mjs';
import { SANDBOX_BEARER, SANDBOX_KEY } from './sandbox.mjs';

let browser;

export async function closeBrowser() {
  await browser?.close();
  browser = undefined;
}

/** The page's own server adds the key to what the page sends to /api/. */
export const backend = (sandbox) => ({ url: sandbox.url, headers: { authorization: `Bearer ${SANDBOX_KEY}` } });

/** The sends the sandbox received from one fixture (by its `source`). */
export async function sendsFrom(sandbox, source) {
  const sends = (await sandbox.requests()).filter((r) => r.method === 'POST' && r.path === '/v3/sms/send');
  return sends.filter((r) => r.json?.messages?.[0]?.source === source);
}

/** Serves `dir` with the backend, opens it, and resolves with `#result`'s text once it is set. */
export async function resultOfPage(sandbox, dir, path = '/') {
  const server = await serveStatic(dir, backend(sandbox));
  browser ??= await launchChromium();
  const page = await newPage(browser);
  const fromPage = [];
  page.on('request', (r) => fromPage.push(JSON.stringify(r.headers())));
  try {
    await page.goto(`${server.url}${path}`);
    await page.waitForFunction(() => document.getElementById('result').textContent !== 'sending…');
    const text = await page.locator('#result').textContent();
    assert.deepEqual(page.errors, []);
    assert.ok(!fromPage.join().includes(SANDBOX_KEY), 'the page sent no key');
    return text;
  } finally {
    await page.close();
    server.close();
  }
}

/** The page sent one SMS, shown as `SUCCESS <id>`, which the sandbox received with the key. */
export async function checkOneSend(sandbox, dir, source, path) {
  const text = await resultOfPage(sandbox, dir, path);
  assert.match(text, /^SUCCESS [0-9A-F-]{36}$/i, text);
  const sends = await sendsFrom(sandbox, source);
  assert.equal(sends.length, 1);
  assert.equal(sends[0].headers.authorization, SANDBOX_BEARER);
  assert.equal(text.split(' ')[1], sends[0].response.body.data.messages[0].message_id);
}
