// Serves the demo: www/ at /, the built package at /pkg/, and /config.json telling the
// page where the sandbox is. Seeds the sandbox with a little demo data first.
// Usage: node scripts/serve.mjs <sandbox-url> [port]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const [sandboxUrl, port = '8080'] = process.argv.slice(2);
if (!sandboxUrl) {
  console.error('usage: node scripts/serve.mjs <sandbox-url> [port]');
  process.exit(2);
}
// The sandbox's own key: not a secret (the real API is never reached from this page).
const SANDBOX_KEY = process.env.SANDBOX_API_KEY ?? 'sandbox-key';
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml' };

async function seed() {
  const call = (method, path, body) =>
    fetch(`${sandboxUrl}/v3${path}`, {
      method,
      headers: { Authorization: `Bearer ${SANDBOX_KEY}`, 'Content-Type': 'application/json' },
      body: body && JSON.stringify(body),
    }).then((r) => r.json());
  await call('POST', '/lists', { list_name: 'Demo customers' });
  await call('POST', '/sms/send', {
    messages: [
      { to: '+61411111111', body: 'Your order #1042 has shipped.', source: 'demo' },
      { to: '+15551234567', body: 'Reminder: your appointment is tomorrow at 10:00.', source: 'demo' },
    ],
  });
}

/** Maps a URL path to a file under www/ or pkg/, refusing anything else. */
function fileFor(path) {
  const clean = normalize(decodeURIComponent(path)).replace(/^(\.\.[/\\])+/, '');
  if (clean === '/' || clean === '/index.html') return join(root, 'www/index.html');
  if (clean.startsWith('/pkg/')) return join(root, clean);
  return join(root, 'www', clean);
}

const server = createServer(async (req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  if (path === '/config.json') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    return res.end(JSON.stringify({ baseUrl: sandboxUrl, apiKey: SANDBOX_KEY, mode: 'sandbox' }));
  }
  const file = fileFor(path);
  if (!file.startsWith(join(root, 'www')) && !file.startsWith(join(root, 'pkg'))) {
    res.writeHead(403);
    return res.end();
  }
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
    res.end(body);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
  }
});

await seed();
server.listen(Number(port), '127.0.0.1', () => {
  console.log(`demo page: http://127.0.0.1:${server.address().port}/  (sandbox ${sandboxUrl})`);
});
