// The per-call measuring loop, shared by Node (bench/percall.mjs) and Chromium
// (bench/browser.html): a warm-up, then `rounds` rounds of `calls` awaited calls of each
// operation; the median microseconds per call.
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function perCall(client, calls, rounds) {
  const out = {};
  for (const op of ['send', 'history']) {
    for (let i = 0; i < Math.min(2000, calls); i++) await client[op](); // warm-up
    const us = [];
    for (let r = 0; r < rounds; r++) {
      const t0 = performance.now();
      for (let i = 0; i < calls; i++) await client[op]();
      us.push(((performance.now() - t0) * 1000) / calls);
    }
    out[op] = median(us);
  }
  return out;
}
