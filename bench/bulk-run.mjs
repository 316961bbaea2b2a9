// Child process: `total` messages through sendBulk (ours) or batching by hand (B) against
// the sandbox at `url`, with `concurrency` calls in flight. Prints JSON.
//   node bench/bulk-run.mjs ours|B <sandbox url> <concurrency> <total>
const [which, url, concurrency, total] = process.argv.slice(2);
const messages = Array.from({ length: Number(total) }, (_, i) => ({ to: `+614${String(i % 1e8).padStart(8, '0')}`, body: `Bulk message ${i}` }));
let results;
const t0 = performance.now();
if (which === 'ours') {
  // BENCH_PKG: another build (js/node.js in builds made before js/ had folders).
  const pkg = process.env.BENCH_PKG ?? new URL('../pkg', import.meta.url).pathname;
  const { entryFile } = await import('./build-entry.mjs');
  const { ClickSend } = await import(entryFile(pkg, 'node.js'));
  const c = new ClickSend({ apiKey: 'sandbox-key', baseUrl: url, timeoutMs: 120_000 });
  results = await c.sms.sendBulk(messages, { concurrency: Number(concurrency) });
} else {
  const { FetchClient } = await import('./fetch-client.js');
  results = await new FetchClient({ apiKey: 'sandbox-key', baseUrl: url }).sendBulk(messages, Number(concurrency));
}
const seconds = (performance.now() - t0) / 1000;
const ok = results.filter((r) => r.ok).length;
console.log(JSON.stringify({ seconds, rate: ok / seconds, ok, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
