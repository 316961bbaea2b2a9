// Two builds of the package in one process, measured in alternating rounds (the per-call loop
// of bench/measure.mjs), so that the machine's drift falls on both alike:
//   node bench/ab.mjs <dir-a> <dir-b> [calls=5000] [rounds=12]
// Prints the median microseconds per call of each, and B/A. AB_LENGTH=1: the stub's responses
// declare their Content-Length (as a server's fixed-length answer does), so bodies are read
// whole instead of chunk by chunk.
import { entryFile } from './build-entry.mjs';
import { QUERY, SMS, stubFetch } from './canned.mjs';

const [dirA, dirB, callsArg = '5000', roundsArg = '12'] = process.argv.slice(2);
const calls = Number(callsArg);
const rounds = Number(roundsArg);
const withLength = async (input) => {
  const res = await stubFetch(input);
  const text = await res.text();
  const headers = { 'content-type': 'application/json', 'content-length': String(new TextEncoder().encode(text).length) };
  return new Response(text, { status: res.status, headers });
};
globalThis.fetch = process.env.AB_LENGTH === '1' ? withLength : stubFetch;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function client(dir) {
  const { ClickSend } = await import(entryFile(dir, 'node.js'));
  const c = new ClickSend({ apiKey: 'k', baseUrl: 'http://stub', maxRetries: 0 });
  return { send: () => c.sms.send(SMS), history: () => c.sms.history(QUERY) };
}

const builds = { a: await client(dirA), b: await client(dirB) };
const times = { a: { send: [], history: [] }, b: { send: [], history: [] } };
for (const op of ['send', 'history']) {
  for (const which of ['a', 'b']) for (let i = 0; i < 2000; i++) await builds[which][op](); // warm-up
  for (let r = 0; r < rounds; r++) {
    for (const which of r % 2 ? ['a', 'b'] : ['b', 'a']) {
      const t0 = performance.now();
      for (let i = 0; i < calls; i++) await builds[which][op]();
      times[which][op].push(((performance.now() - t0) * 1000) / calls);
    }
  }
}
const out = {};
for (const op of ['send', 'history']) {
  const [a, b] = [median(times.a[op]), median(times.b[op])];
  out[op] = { a: Number(a.toFixed(1)), b: Number(b.toFixed(1)), ratio: Number((b / a).toFixed(3)) };
}
console.log(JSON.stringify(out));
