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
  await new Promise((r) => setTimeout(r, 200));
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
