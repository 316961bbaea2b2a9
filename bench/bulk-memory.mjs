// Sends 100,000 messages through sms.sendBulk to the sandbox on localhost and prints the
// time, throughput and the Node process's peak memory. A benchmark, not a test: it asserts
// nothing about time. Run `bash scripts/build.sh` and `cargo build --release -p
// clicksend-sandbox` first (scripts/bench.sh does).
//   node bench/bulk-memory.mjs [messages=100000] [concurrency=2]
import { ClickSend } from '../pkg/js/entries/node.js';
import { startSandbox, SANDBOX_KEY } from '../tests/support/sandbox.mjs';

const total = Number(process.argv[2] ?? 100_000);
const concurrency = Number(process.argv[3] ?? 2);
const sandbox = await startSandbox();
try {
  await sandbox.balance(1e9);
  const client = new ClickSend({ apiKey: SANDBOX_KEY, baseUrl: sandbox.url, timeoutMs: 120_000 });
  const messages = Array.from({ length: total }, (_, i) => ({ to: `+614${String(i % 1e8).padStart(8, '0')}`, body: `Bulk message ${i}`, custom_string: `bulk-${i}` }));
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const results = await client.sms.sendBulk(messages, { concurrency });
  const seconds = (performance.now() - started) / 1000;
  const ok = results.filter((r) => r.ok).length;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(`sendBulk: ${total} messages, concurrency ${concurrency}: ${ok} ok, ${total - ok} failed`);
  console.log(`time ${seconds.toFixed(2)} s, ${Math.round(total / seconds)} messages/s`);
  console.log(`peak RSS of this Node process: ${peakMb.toFixed(1)} MB (${(rssBefore / 1048576).toFixed(1)} MB before sending, input array built)`);
} finally {
  sandbox.stop();
}
