// Headless Chromium (Debian's) driven by playwright-core, and a static file server for
// the pages it loads. Chromium is told not to reach the internet.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const QUIET = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM, args: QUIET });
}

/** A new page whose uncaught errors and console errors are collected in `page.errors`. */
export async function newPage(browser) {
  const page = await browser.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && page.errors.push(m.text()));
  return page;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

/**
 * A page of this repository (`path`, e.g. `/tests/errors/page.html`) served from `root` and
 * opened in a new headless Chromium, once it has set `window.ready`. Resolves with
 * `{page, close}`; `close()` ends the browser and the server.
 */
export async function openRepoPage(root, path) {
  const server = await serveStatic(root);
  const browser = await launchChromium();
  const page = await newPage(browser);
  await page.goto(`${server.url}${path}`);
  await page.waitForFunction(() => window.ready === true);
  return {
    page,
    close: async () => {
      await browser.close();
      server.close();
    },
  };
}

/**
 * Serves `dir` on 127.0.0.1 (a free port); resolves with `{ url, close }`. With `api`
 * (`{ url, headers }`), requests under /api/ are passed on to `api.url` with `api.headers`
 * added: the backend that keeps the API key out of the page.
 */
export function serveStatic(dir, api) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (api && url.pathname.startsWith('/api/')) return forward(req, res, api, `${url.pathname.slice(4)}${url.search}`);
    let path = normalize(decodeURIComponent(url.pathname));
    if (path.includes('..')) return res.writeHead(403).end();
    if (path.endsWith('/')) path += 'index.html';
    try {
      const body = await readFile(join(dir, path));
      res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() })));
}

async function forward(req, res, api, path) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const headers = { ...api.headers };
  for (const name of ['accept', 'content-type']) if (req.headers[name]) headers[name] = req.headers[name];
  const answer = await fetch(`${api.url}${path}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
  res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await answer.arrayBuffer()));
}
