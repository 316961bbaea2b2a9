// The demo server under hostile requests (security review findings 8 and 9): malformed paths,
// a client that disconnects mid-POST, an upstream that drops mid-body, and bodies over the
// limit. Each is answered or logged, and the server (with the sandbox behind it) keeps serving.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, connect } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '../support/sandbox.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
let sandbox;
const cleanups = [];

before(async () => {
  sandbox = await startSandbox();
});
after(() => {
  for (const c of cleanups) c();
  sandbox?.stop();
});

/** Starts the demo server; resolves with its port, its process and what it printed. */
async function startDemo(args, env = {}) {
  const child = spawn(process.execPath, [`${root}scripts/demo-server.mjs`, '--port', '0', ...args], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  child.stderr.on('data', (d) => output.push(String(d)));
  const port = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`demo server exited with ${code}: ${output.join('')}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      output.push(`${line}\n`);
      const found = line.match(/demo page: http:\/\/127\.0\.0\.1:(\d+)\//);
      if (found) resolve(Number(found[1]));
    });
  });
  cleanups.push(() => child.kill());
  return { port, child, output };
}

/** Sends raw bytes; resolves with the status line of the answer ('' if none came). */
function raw(port, text, { endAfterMs } = {}) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => {
      answer += d;
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve(answer.split('\r\n')[0]));
    socket.write(text);
    if (endAfterMs !== undefined) setTimeout(() => socket.destroy(), endAfterMs);
  });
}

/** The server is alive: /config.json answers 200. */
async function alive(demo) {
  assert.equal(demo.child.exitCode, null, `the demo server exited: ${demo.output.join('')}`);
  const res = await fetch(`http://127.0.0.1:${demo.port}/config.json`);
  assert.equal(res.status, 200);
}

const get = (port, path) => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`;

test('demo server 8: malformed paths get 400, and the server lives on', async () => {
  const demo = await startDemo(['--sandbox', sandbox.url]);
  for (const path of ['/%ff', '/%c0%ae%c0%ae/etc/passwd', '/%E0%A4%A', '/pkg/%ff.js']) {
    assert.equal(await raw(demo.port, get(demo.port, path)), 'HTTP/1.1 400 Bad Request', path);
  }
  await alive(demo);
});

test('demo server 8: a client that disconnects mid-POST is only logged', async () => {
  const demo = await startDemo(['--sandbox', sandbox.url]);
  const head = `POST /api/v3/sms/send HTTP/1.1\r\nHost: 127.0.0.1:${demo.port}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"messages":[`;
  await raw(demo.port, head, { endAfterMs: 200 });
  // Once the server has seen the disconnect (it logs it), it still serves.
  while (!/request error|failed/.test(demo.output.join(''))) await new Promise((r) => setTimeout(r, 10));
  await alive(demo);
});

test('demo server 8: an upstream that drops mid-body gets 502, and the server lives on', async () => {
  // An "API" that promises 1000 bytes, sends 10, and hangs up.
  const upstream = createServer((socket) => {
    socket.on('error', () => {});
    socket.once('data', () => socket.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"http_co'));
  });
  await new Promise((r) => upstream.listen(0, '127.0.0.1', r));
  cleanups.push(() => upstream.close());
  const demo = await startDemo([], { MATON_API_KEY: 'k', DEMO_UPSTREAM_URL: `http://127.0.0.1:${upstream.address().port}` });
  const res = await fetch(`http://127.0.0.1:${demo.port}/api/v3/account`);
  assert.equal(res.status, 502);
  assert.equal((await res.json()).response_code, 'PROXY_ERROR');
  await alive(demo);
});

test('demo server 9: a body over 10 MB is refused with 413 while it streams, and nothing reaches the API', async () => {
  const demo = await startDemo(['--sandbox', sandbox.url]);
  await sandbox.reset();
  // Declared too large: refused before reading.
  const declared = `POST /api/v3/sms/send HTTP/1.1\r\nHost: 127.0.0.1:${demo.port}\r\nContent-Type: application/json\r\nContent-Length: ${2 ** 30}\r\nConnection: close\r\n\r\n`;
  assert.equal(await raw(demo.port, declared, { endAfterMs: 2000 }), 'HTTP/1.1 413 Payload Too Large');
  // Chunked, with no length: refused once 10 MB have come in (12 MB are offered, then the
  // stream ends; the signal only bounds the test should the server hang).
  const chunk = new TextEncoder().encode('x'.repeat(1024 * 1024));
  let offered = 0;
  const res = await fetch(`http://127.0.0.1:${demo.port}/api/v3/sms/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    duplex: 'half',
    signal: AbortSignal.timeout(20_000),
    body: new ReadableStream({
      pull(controller) {
        if (offered++ < 12) controller.enqueue(chunk);
        else controller.close();
      },
    }),
  }).catch((e) => e);
  // Either the 413 arrives, or the server closed the upload once it had answered.
  if (res instanceof Response) assert.equal(res.status, 413);
  assert.deepEqual(await sandbox.requests(), []);
  await alive(demo);
});

/** A fake API on 127.0.0.1 answering every request with `respond(req, res)`; resolves with its URL and the requests it saw. */
async function fakeUpstream(respond) {
  const seen = [];
  const server = (await import('node:http')).createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    respond(req, res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => server.close());
  return { url: `http://127.0.0.1:${server.address().port}`, seen };
}

test("demo server: an upstream error that quotes the server's own key reaches the page redacted", async () => {
  const key = 'maton-key-5f1c2d9e8a7b';
  const upstream = await fakeUpstream((req, res) => {
    res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `Invalid API key ${req.headers.authorization.slice(7)} for connection conn-42` }));
  });
  const demo = await startDemo([], { MATON_API_KEY: key, MATON_CONNECTION: 'conn-42', DEMO_UPSTREAM_URL: upstream.url });
  const res = await fetch(`http://127.0.0.1:${demo.port}/api/v3/account`);
  assert.equal(res.status, 401);
  assert.deepEqual(await res.json(), { error: 'Invalid API key [redacted] for connection [redacted]' });
  assert.ok(!demo.output.join('').includes(key), 'nor in the logs');
});

test('demo server: an upstream answer over 16 MB is not buffered whole: 502, and the server lives on', async () => {
  const chunk = Buffer.alloc(1024 * 1024, 'x');
  const upstream = await fakeUpstream((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    let sent = 0;
    const more = () => {
      while (sent < 300) {
        sent++;
        if (!res.write(chunk)) return res.once('drain', more);
      }
      res.end();
    };
    res.on('close', () => {
      sent = 300;
    });
    more();
  });
  const demo = await startDemo([], { MATON_API_KEY: 'k', DEMO_UPSTREAM_URL: upstream.url });
  const res = await fetch(`http://127.0.0.1:${demo.port}/api/v3/account`);
  assert.equal(res.status, 502);
  assert.match((await res.json()).response_msg, /over 16777216 bytes/);
  await alive(demo);
});

test('demo server: paths that a URL parser would take out of /v3 are refused, and never reach the API with the key', async () => {
  const upstream = await fakeUpstream((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  const demo = await startDemo([], { MATON_API_KEY: 'k', DEMO_UPSTREAM_URL: upstream.url });
  // Escaped separators are refused (400); dot segments the server's own URL parser resolves
  // leave /api/ altogether (404). Either way nothing goes upstream.
  for (const [path, status] of [
    ['/api/v3/..%2f..%2fadmin', 400],
    ['/api/v3/a%5c..%5cb', 400],
    ['/api/v3/x%2F..%2F..%2Fadmin', 400],
    ['/api/v3/%2e%2e/%2e%2e/admin', 404],
    ['/api/v3/.%2E/.%2E/admin', 404],
  ]) {
    assert.match(await raw(demo.port, get(demo.port, path)), new RegExp(`^HTTP/1.1 ${status} `), path);
  }
  assert.deepEqual(upstream.seen, []);
  await alive(demo);
});

test('demo server: a webhook is refused for its token before its body is read, and for a body over 64 KB while it streams', async () => {
  const token = 'webhook-token-0123456789';
  const demo = await startDemo(['--sandbox', sandbox.url], { DEMO_WEBHOOK_TOKEN: token });
  const post = (query, length, body) =>
    `POST /webhooks/clicksend?${query} HTTP/1.1\r\nHost: 127.0.0.1:${demo.port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${length}\r\n\r\n${body}`;
  // 10 MB announced, a few bytes sent: the wrong token is answered without waiting for the rest.
  assert.equal(await raw(demo.port, post('token=nope', 10 * 1024 * 1024, 'message_id=1')), 'HTTP/1.1 403 Forbidden');
  // The right token, 70 KB: refused once 64 KB have come in, whatever the length says.
  assert.equal(await raw(demo.port, post(`token=${token}`, 70 * 1024, 'x'.repeat(70 * 1024))), 'HTTP/1.1 413 Payload Too Large');
  assert.equal(await raw(demo.port, post(`token=${token}`, 11, 'hello=world')), 'HTTP/1.1 400 Bad Request', 'a right token, no callback in it');
  await alive(demo);
});
