// Serves the demo page (www/ at /, the built package at /pkg/) and a proxy at /api/ that
// adds credentials on the server side, so no API key ever reaches the browser.
//
//   node scripts/demo-server.mjs [--port 8080] [--sandbox <url>]
//
// Where /api/ goes, first match wins:
//   MATON_API_KEY (+ MATON_CONNECTION)       the Maton gateway, Bearer key
//   CLICKSEND_USERNAME + CLICKSEND_API_KEY   ClickSend directly, HTTP Basic
//   --sandbox <url>                          the local sandbox (seeded with demo data)
// DEMO_UPSTREAM_URL replaces the real API's address (the tests point it at a sandbox).
// With the sandbox, delivery receipts come back to /webhooks/clicksend?token=<random> (checked by
// parseWebhook) and the page reads them from /receipts?since=<n>, for the campaign's chart.
// The proxy listens on 127.0.0.1 only and refuses cross-site requests: anything that can
// reach it could spend the account's credit. No request can stop the server: a malformed
// path gets 400, a body over MAX_BODY_BYTES 413 (counted while it streams in), an upstream
// that fails 502, and a client that disconnects is only logged.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { parseWebhook } from '../pkg/js/entries/node.js';
import { seedDemoData } from './demo-seed.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: args } = parseArgs({ options: { port: { type: 'string', default: '8080' }, sandbox: { type: 'string' } } });
const env = process.env;
const log = (line) => console.log(`[demo] ${line}`);

/** The upstream and the headers that authenticate to it; never printed. */
function upstream() {
  if (env.MATON_API_KEY) {
    const headers = { authorization: `Bearer ${env.MATON_API_KEY}` };
    if (env.MATON_CONNECTION) headers['maton-connection'] = env.MATON_CONNECTION;
    return { mode: 'maton', url: env.DEMO_UPSTREAM_URL ?? 'https://gateway.maton.ai/clicksend', headers };
  }
  if (env.CLICKSEND_USERNAME && env.CLICKSEND_API_KEY) {
    const basic = Buffer.from(`${env.CLICKSEND_USERNAME}:${env.CLICKSEND_API_KEY}`).toString('base64');
    return { mode: 'clicksend', url: env.DEMO_UPSTREAM_URL ?? 'https://rest.clicksend.com', headers: { authorization: `Basic ${basic}` } };
  }
  if (args.sandbox) {
    // The sandbox's own key: not a secret, but kept server-side all the same.
    return { mode: 'sandbox', url: args.sandbox, headers: { authorization: `Bearer ${env.SANDBOX_API_KEY ?? 'sandbox-key'}` } };
  }
  console.error('[demo] no upstream: set MATON_API_KEY, or CLICKSEND_USERNAME and CLICKSEND_API_KEY, or pass --sandbox <url>');
  process.exit(2);
}

const api = upstream();
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};
/** The largest request body the proxy passes on: 10 MB (1000 messages of ClickSend's longest). */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

// Only these request headers go upstream: the browser's cookies and credentials stay here.
const FORWARDED = ['accept', 'content-type'];

/** Same-origin requests only: stops other sites (and DNS rebinding) using the proxy. */
function sameOrigin(req, port) {
  const allowed = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!allowed.includes(req.headers.host)) return false;
  const origin = req.headers.origin;
  if (origin && !allowed.some((host) => origin === `http://${host}`)) return false;
  const site = req.headers['sec-fetch-site'];
  return !site || site === 'same-origin' || site === 'none';
}

/** Answers with a ClickSend-shaped error envelope, unless an answer has already begun. */
function fail(res, status, code, msg) {
  if (res.headersSent) return res.destroy();
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify({ http_code: status, response_code: code, response_msg: msg }));
}

/** The request body, or null (after answering 413) when it is over MAX_BODY_BYTES. */
async function readBody(req, res) {
  const declared = Number(req.headers['content-length']);
  const tooLarge = () => {
    // Answer, then close the connection: the rest of the body is never read.
    res.setHeader('connection', 'close');
    res.once('finish', () => req.destroy());
    fail(res, 413, 'PAYLOAD_TOO_LARGE', `The demo proxy takes bodies of at most ${MAX_BODY_BYTES} bytes.`);
    return null;
  };
  if (declared > MAX_BODY_BYTES) return tooLarge();
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return tooLarge();
    chunks.push(chunk);
  }
  return chunks;
}

/**
 * The largest upstream answer the proxy passes on: 16 MB, the most the client reads of a
 * success. Answers are read to this bound (bench/NOTES.md, "Bounds under misuse"), then
 * cleaned of the proxy's own credentials.
 */
const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

/** The proxy's own secrets (the key, the Basic token, the connection id), for redacting what it relays. */
const secrets = [env.MATON_API_KEY, env.MATON_CONNECTION, env.CLICKSEND_API_KEY, api.headers.authorization?.replace(/^(Bearer|Basic) /, '')].filter(
  (s) => typeof s === 'string' && s.length > 0,
);

/** `text` with every secret of the proxy's replaced by `[redacted]`: an upstream error that quotes the key must not reach the page. */
function redacted(text) {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('[redacted]');
  return out;
}

/**
 * A path the proxy passes on: under /api/v3/, without a segment that a URL parser would read
 * as `.` or `..` (`%2e%2e` included) or an escaped separator (`%2f`, `%5c`) that could take the
 * request, with the proxy's credentials, out of /v3 upstream.
 */
function forwardable(path) {
  if (!path.startsWith('/api/v3/')) return false;
  if (/%2f|%5c|\\/i.test(path)) return false;
  return !path.split('/').some((segment) => /^(\.|%2e){1,2}$/i.test(segment));
}

/** The upstream answer's body, at most MAX_ANSWER_BYTES, or null when it is longer. */
async function boundedAnswer(answer) {
  const declared = Number(answer.headers.get('content-length'));
  if (declared > MAX_ANSWER_BYTES) {
    await answer.body?.cancel();
    return null;
  }
  const chunks = [];
  let size = 0;
  for await (const chunk of answer.body ?? []) {
    size += chunk.byteLength;
    if (size > MAX_ANSWER_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function proxy(req, res, path, search) {
  if (!path.startsWith('/api/v3/')) return res.writeHead(404).end();
  if (!forwardable(path)) return fail(res, 400, 'BAD_REQUEST', 'The demo proxy passes on paths under /api/v3/ only, without dot segments or escaped slashes.');
  const headers = { ...api.headers };
  for (const name of FORWARDED) if (req.headers[name]) headers[name] = req.headers[name];
  const chunks = await readBody(req, res);
  if (!chunks) return log(`${req.method} ${path} -> 413`);
  const started = Date.now();
  try {
    const answer = await fetch(`${api.url}${path.slice('/api'.length)}${search}`, {
      method: req.method,
      headers,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
      redirect: 'manual',
    });
    // The whole answer first (to a bound): if the upstream drops mid-body, nothing has been
    // sent yet; and the proxy's credentials are taken out of it before the page sees it.
    const raw = await boundedAnswer(answer);
    if (raw === null) {
      log(`${req.method} ${path} -> ${answer.status}, answer over ${MAX_ANSWER_BYTES} bytes: 502`);
      return fail(res, 502, 'PROXY_ERROR', `The API's answer was over ${MAX_ANSWER_BYTES} bytes; the demo proxy does not pass it on.`);
    }
    const body = secrets.length ? Buffer.from(redacted(raw.toString('utf8'))) : raw;
    const out = { 'content-type': answer.headers.get('content-type') ?? 'application/json', 'cache-control': 'no-store' };
    const retryAfter = answer.headers.get('retry-after');
    if (retryAfter) out['retry-after'] = retryAfter;
    res.writeHead(answer.status, out).end(body);
    log(`${req.method} ${path} -> ${answer.status} (${Date.now() - started} ms)`);
  } catch (e) {
    fail(res, 502, 'PROXY_ERROR', 'The demo proxy could not reach the API.');
    log(`${req.method} ${path} -> unreachable (${e.cause?.code ?? e.name})`);
  }
}

/** The token the webhook URL carries: whoever does not know it cannot add receipts. */
const webhookToken = env.DEMO_WEBHOOK_TOKEN || randomBytes(16).toString('hex'); // set by tests only
/** Delivery receipts received, in order: `{message_id, status_code, timestamp}`. */
const receipts = [];
const MAX_RECEIPTS = 200_000;

/**
 * ClickSend's delivery receipts, checked to be genuine (the URL's token) by parseWebhook before
 * any of the body is read, and read to parseWebhook's bound while they stream in (413 beyond).
 */
async function webhook(req, res, search) {
  const request = new Request(`http://127.0.0.1/webhooks/clicksend${search}`, {
    method: 'POST',
    headers: Object.entries(req.headers).filter(([name, v]) => (name === 'content-type' || name === 'content-length') && typeof v === 'string'),
    body: Readable.toWeb(req),
    duplex: 'half',
  });
  try {
    const event = await parseWebhook(request, { token: webhookToken });
    if (event.type.endsWith('_receipt') && receipts.length < MAX_RECEIPTS) {
      receipts.push({ message_id: event.message_id, status_code: String(event.status_code ?? ''), timestamp: event.timestamp });
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  } catch (e) {
    const status = { FORBIDDEN_WEBHOOK: 403, WEBHOOK_TOO_LARGE: 413 }[e.code] ?? 400;
    // Refused without reading the rest: the connection closes once the answer is out.
    res.setHeader('connection', 'close');
    res.once('finish', () => req.destroy());
    res.writeHead(status, { 'content-type': 'text/plain' }).end(e.code ?? 'bad webhook');
  }
}

function receiptsSince(res, search) {
  const since = Math.max(0, Number(new URLSearchParams(search).get('since')) || 0);
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify({ receipts: receipts.slice(since), next: receipts.length }));
}

/** Maps a URL path to a file under www/ or pkg/, refusing anything else. */
function fileFor(path) {
  const clean = normalize(path);
  if (clean.includes('..')) return null;
  if (clean === '/') return join(root, 'www/index.html');
  return clean.startsWith('/pkg/') ? join(root, clean) : join(root, 'www', clean);
}

async function serveFile(res, path) {
  const file = fileFor(path);
  try {
    if (!file) throw new Error('outside');
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
}

async function handle(req, res) {
  const { pathname, search } = new URL(req.url, 'http://x');
  if (!sameOrigin(req, server.address().port)) return res.writeHead(403, { 'content-type': 'text/plain' }).end('cross-site requests are refused');
  if (pathname === '/config.json') {
    return res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify({ mode: api.mode }));
  }
  if (pathname.startsWith('/api/')) return proxy(req, res, pathname, search);
  if (pathname === '/webhooks/clicksend' && req.method === 'POST') return webhook(req, res, search);
  if (pathname === '/receipts') return receiptsSince(res, search);
  let path;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return res.writeHead(400, { 'content-type': 'text/plain' }).end('malformed path');
  }
  return serveFile(res, path);
}

const server = createServer((req, res) => {
  // A client that goes away mid-request, or a socket error, ends that request only.
  req.on('error', (e) => log(`${req.method} request error: ${e.code ?? e.message}`));
  res.on('error', (e) => log(`${req.method} response error: ${e.code ?? e.message}`));
  handle(req, res).catch((e) => {
    log(`${req.method} failed: ${e.code ?? e.name}`);
    fail(res, 400, 'BAD_REQUEST', 'The demo server could not handle this request.');
  });
});
server.on('clientError', (_e, socket) => socket.destroy());

if (api.mode === 'sandbox') await seedDemoData(api.url, api.headers);
server.listen(Number(args.port), '127.0.0.1', async () => {
  const port = server.address().port;
  if (api.mode === 'sandbox') {
    // The sandbox pushes each delivery receipt here, as ClickSend would to a public URL.
    const url = `http://127.0.0.1:${port}/webhooks/clicksend?token=${webhookToken}`;
    await fetch(`${api.url}/_sandbox/callbacks`, { method: 'POST', body: JSON.stringify({ url, format: 'form' }) }).catch(() => log('the sandbox did not take the callback URL'));
  }
  const where = api.mode === 'sandbox' ? `the sandbox at ${api.url}` : `the real API (${api.mode}) at ${api.url}; credentials stay in this process`;
  log(`demo page: http://127.0.0.1:${port}/  (talking to ${where})`);
});
