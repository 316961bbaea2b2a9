// Child process: microseconds per call of sms.send (one message) and sms.history, for one
// client: `ours` and `B` against an in-process fetch stub, `A` (the official package, which
// cannot use a fetch stub) against an in-process HTTP server. Prints JSON.
//   node bench/percall.mjs ours|ours-limited|B|A [calls=20000] [rounds=5]
// `ours-limited`: ours with a rate limit that never has to wait (what the limiter itself costs).
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { entryFile } from './build-entry.mjs';
import { HISTORY, QUERY, SEND, SMS, stubFetch } from './canned.mjs';
import { perCall } from './measure.mjs';

// Deno and Bun run it too (scripts/bench.sh), each through its own entry of the package.
const [which, callsArg = '20000', roundsArg = '5'] = globalThis.Deno ? Deno.args : process.argv.slice(2);
const entry = globalThis.Deno ? 'deno.js' : globalThis.Bun ? 'bun.js' : 'node.js';
const calls = Number(callsArg);
const rounds = Number(roundsArg);
const root = fileURLToPath(new URL('..', import.meta.url));

async function makeClient() {
  if (which === 'ours' || which === 'ours-limited') {
    globalThis.fetch = stubFetch;
    const { ClickSend } = await import(entryFile(process.env.BENCH_PKG ?? `${root}pkg`, entry)); // BENCH_PKG: compare another build
    const rateLimit = which === 'ours-limited' ? { rateLimit: { perSecond: 1e9, burst: 1e9 } } : {};
    const c = new ClickSend({ apiKey: 'k', baseUrl: 'http://stub', maxRetries: 0, ...rateLimit });
    return { send: () => c.sms.send(SMS), history: () => c.sms.history(QUERY) };
  }
  if (which === 'B') {
    globalThis.fetch = stubFetch;
    const { FetchClient } = await import('./fetch-client.js');
    const c = new FetchClient({ apiKey: 'k', baseUrl: 'http://stub' });
    return { send: () => c.sendSms(SMS), history: () => c.smsHistory(QUERY) };
  }
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.url.includes('/sms/send') ? SEND : HISTORY);
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  server.unref();
  const require = createRequire(`${root}target/bench/deps/`);
  const api = require('clicksend');
  const c = new api.SMSApi('user', 'key', `http://127.0.0.1:${server.address().port}/v3`);
  return { send: () => c.smsSendPost(SMS), history: () => c.smsHistoryGet(undefined, QUERY.date_from, undefined, QUERY.page, QUERY.limit) };
}

const out = await perCall(await makeClient(), calls, rounds);
out.maxRssMb = (process.resourceUsage?.().maxRSS ?? 0) / 1024;
console.log(JSON.stringify(out));
