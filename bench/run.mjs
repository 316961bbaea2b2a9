// The benchmarks, side by side with the alternatives; prints a table and writes
// bench/RESULTS.md. Run by scripts/bench.sh, which builds the package and the sandbox and
// installs the alternatives into target/bench/deps (never committed):
//   A: the official `clicksend` npm package (5.x), Node only;
//   B: bench/fetch-client.js, a plain hand-written fetch client (the lower bound).
// Figures are medians over repeated runs; nothing here is a test and nothing fails on time.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { startSandbox } from '../tests/support/sandbox.mjs';
import { entryFile } from './build-entry.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const deps = createRequire(`${root}target/bench/deps/`);
const QUICK = process.env.BENCH_QUICK === '1'; // fewer repetitions, for trying the script out
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const say = (s) => console.error(`[bench] ${s}`);
const node = (args) => JSON.parse(execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' }).trim().split('\n').at(-1));
// The package measured is pkg/ (BENCH_PKG_DIR: another build's folder under the repository,
// e.g. an earlier commit's, to compare); the child processes get it as BENCH_PKG.
const pkgDir = process.env.BENCH_PKG_DIR ?? 'pkg';
/** An entry's path in the build, from the repository's root. */
const entryOf = (name) => entryFile(`${root}${pkgDir}`, name).slice(root.length);
process.env.BENCH_PKG = `${root}${pkgDir}`;
const rows = []; // {section, measure, ours, a, b, unit, versus}
/** A row: `ours`, `a`, `b` numbers (in `unit`) or text; `versus`: 'ratio' (ours / B) or 'plus' (B + the difference). */
const add = (section, measure, ours, a, b, { unit = '', versus } = {}) => rows.push({ section, measure, ours, a, b, unit, versus });
const fmt = (v, unit = '') => (v === undefined || v === null ? '—' : typeof v === 'string' ? v : `${v >= 100 ? Math.round(v) : v.toFixed(1)}${unit}`);
const ratio = (ours, b) => (typeof ours === 'number' && typeof b === 'number' && b > 0 ? `${(ours / b).toFixed(2)}×` : '—');
const plus = (ours, b, unit) => (typeof ours === 'number' && typeof b === 'number' ? `B ${ours >= b ? '+' : '−'} ${fmt(Math.abs(ours - b), unit)}` : '—');

// ---------------------------------------------------------------- 1. size
function sizes(buffers) {
  const all = Buffer.concat(buffers);
  return { raw: all.length, gz: zlib.gzipSync(all, { level: 9 }).length, br: zlib.brotliCompressSync(all).length };
}
async function sizeFigures() {
  say('sizes');
  const esbuild = deps('esbuild');
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const wasm = sizes([readFileSync(`${root}${pkgDir}/clicksend_wasm_bg.wasm`)]);
  // What the browser entry loads as published: js/entries/web.js, one module since the performance round of a8dddf7 (before,
  // the glue and the modules it imported, which BENCH_PKG_DIR builds may still have).
  const webEntry = `${root}${entryOf('web.js')}`;
  const bundled = !readFileSync(webEntry, 'utf8').includes("from '../clicksend_wasm.js'");
  const jsFiles = bundled
    ? [webEntry]
    : [
        `${root}${pkgDir}/clicksend_wasm.js`,
        ...readdirSync(`${root}${pkgDir}/js`)
          .filter((f) => f.endsWith('.js') && !['node.js', 'workerd.js', 'edge.js', 'deno.js', 'bun.js'].includes(f) && !f.startsWith('testing'))
          .map((f) => `${root}${pkgDir}/js/${f}`),
      ];
  const glue = sizes(jsFiles.map((f) => readFileSync(f)));
  const a = await esbuild.build({ entryPoints: [deps.resolve('clicksend')], bundle: true, platform: 'node', minify: true, write: false, logLevel: 'silent' });
  const aSize = sizes([Buffer.from(a.outputFiles[0].contents)]);
  let aBrowser;
  try {
    await esbuild.build({ entryPoints: [deps.resolve('clicksend')], bundle: true, platform: 'browser', minify: true, write: false, logLevel: 'silent' });
    aBrowser = 'bundles';
  } catch (e) {
    aBrowser = `does not bundle (${e.errors?.length ?? '?'} errors, e.g. ${String(e.errors?.[0]?.text ?? e.message).slice(0, 60)})`;
  }
  const b = await esbuild.build({ entryPoints: [`${root}bench/fetch-client.js`], bundle: true, format: 'esm', minify: true, write: false, logLevel: 'silent' });
  const bSize = sizes([Buffer.from(b.outputFiles[0].contents)]);
  add('size', '.wasm raw / gzip -9 / brotli', `${kb(wasm.raw)} / ${kb(wasm.gz)} / ${kb(wasm.br)}`);
  add('size', 'JS glue raw / gzip / brotli', `${kb(glue.raw)} / ${kb(glue.gz)} / ${kb(glue.br)}`);
  add('size', 'total gzipped, as published (.wasm + JS)', kb(wasm.gz + glue.gz), `${kb(aSize.gz)} (node bundle, minified)`, kb(bSize.gz));
  add('size', 'total raw', kb(wasm.raw + glue.raw), kb(aSize.raw), kb(bSize.raw));
  add('size', 'bundles for the browser', 'yes (web entry)', aBrowser, 'yes');
  // What a web app ships: the web entry bundled and minified (esbuild), with the .wasm.
  const web = await esbuild.build({ entryPoints: [`${root}${entryOf('web.js')}`], bundle: true, format: 'esm', minify: true, write: false, logLevel: 'silent' });
  const webSize = sizes([Buffer.from(web.outputFiles[0].contents)]);
  add('size', 'in a web app (JS minified by a bundler): JS gzipped / with the .wasm', `${kb(webSize.gz)} / ${kb(webSize.gz + wasm.gz)}`, undefined, kb(bSize.gz));
  return { wasmGz: wasm.gz, glueGz: glue.gz, minifiedGz: webSize.gz };
}

// ---------------------------------------------------------------- 2 and 5. per call, memory
function perCallNode() {
  say('per-call overhead in Node (20,000 calls, fetch stub; A against an in-process HTTP server)');
  const runs = QUICK ? 1 : 3;
  const get = (which, calls, rounds) => Array.from({ length: runs }, () => node(['bench/percall.mjs', which, String(calls), String(rounds)]));
  const ours = get('ours', 20000, 3);
  const limited = get('ours-limited', 20000, 3);
  const b = get('B', 20000, 3);
  const a = get('A', QUICK ? 2000 : 20000, 1);
  const m = (xs, k) => median(xs.map((x) => x[k]));
  for (const op of ['send', 'history']) {
    add('per call, Node', `sms.${op} µs/call`, m(ours, op), m(a, op), m(b, op), { unit: ' µs', versus: 'ratio' });
  }
  // The rate limiter: unused it is one `if` per attempt; this is it in use, never waiting.
  add('per call, Node', 'sms.send µs/call with a rateLimit that never waits', m(limited, 'send'), undefined, undefined, { unit: ' µs' });
  say('memory: peak RSS after 20,000 calls, and with none');
  const none = median(Array.from({ length: runs }, () => node(['bench/percall.mjs', 'ours', '0', '1']).maxRssMb));
  const noneB = median(Array.from({ length: runs }, () => node(['bench/percall.mjs', 'B', '0', '1']).maxRssMb));
  add('memory, Node', 'peak RSS, no calls', none, undefined, noneB, { unit: ' MB', versus: 'ratio' });
  add('memory, Node', 'peak RSS, 2×20,000 calls (+ warm-up)', m(ours, 'maxRssMb'), m(a, 'maxRssMb'), m(b, 'maxRssMb'), { unit: ' MB', versus: 'ratio' });
  return Object.fromEntries(['send', 'history'].map((op) => [op, m(ours, op) / m(b, op)]));
}

// ---------------------------------------------------------------- 3. cold start
function coldStartNode() {
  say('cold start in Node (import to first request)');
  const n = QUICK ? 3 : 11;
  const ours = median(Array.from({ length: n }, () => node(['bench/coldstart.mjs', 'ours']).ms));
  const b = median(Array.from({ length: n }, () => node(['bench/coldstart.mjs', 'B']).ms));
  add('cold start', 'Node: import → first request', ours, undefined, b, { unit: ' ms', versus: 'plus' });
  return { ours, b };
}

function serveStatic() {
  const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.html': 'text/html', '.wasm': 'application/wasm' };
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const served = path.startsWith(`/${pkgDir}/`) || path.startsWith('/bench/');
    if (!served || !/^[\w./-]+$/.test(path) || path.includes('..')) return res.writeHead(404).end();
    try {
      const body = readFileSync(`${root}${path.slice(1)}`);
      res.writeHead(200, { 'content-type': types[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
}

async function chromium() {
  say('Chromium: per-call overhead and cold start (headless, playwright-core)');
  const { chromium: browserType } = deps('playwright-core');
  const server = await serveStatic();
  const base = `http://127.0.0.1:${server.address().port}/bench/browser.html?pkg=${encodeURIComponent(pkgDir)}`;
  const browser = await browserType.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const out = {};
  try {
    for (const which of ['ours', 'B']) {
      const cold = [];
      for (let i = 0; i < (QUICK ? 3 : 11); i++) {
        const page = await browser.newPage();
        page.on('pageerror', (e) => say(`page error: ${e.message}`));
        await page.goto(`${base}&client=${which}`);
        await page.waitForFunction(() => window.ready === true);
        cold.push(await page.evaluate(() => window.coldStartMs));
        if (i === 0) out[which] = await page.evaluate(([calls, rounds]) => window.perCall(calls, rounds), [20000, QUICK ? 1 : 3]);
        await page.close();
      }
      out[which].cold = median(cold);
    }
    out.version = browser.version();
  } finally {
    await browser.close();
    server.close();
  }
  for (const op of ['send', 'history']) {
    add('per call, Chromium', `sms.${op} µs/call`, out.ours[op], 'does not run', out.B[op], { unit: ' µs', versus: 'ratio' });
  }
  add('cold start', 'Chromium: page start → first request', out.ours.cold, undefined, out.B.cold, { unit: ' ms', versus: 'plus' });
  return { version: out.version, send: out.ours.send / out.B.send, history: out.ours.history / out.B.history, ours: out.ours.cold, b: out.B.cold };
}

async function workerd() {
  say("workerd (Miniflare): the Worker's own startup and first request, an empty Worker's subtracted");
  const esbuild = deps('esbuild');
  const { Miniflare } = await import(deps.resolve('miniflare', { paths: [root] }));
  const api = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"http_code":200,"response_code":"SUCCESS","response_msg":"","data":{}}'));
  });
  await new Promise((r) => api.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${api.address().port}`;
  // Each Worker is bundled into one module, as wrangler deploys it (the .wasm beside it), so
  // Miniflare has nothing to find or parse: the runs differ only in the Worker itself. The
  // empty Worker makes the same one request, so workerd's own start and the request cancel out.
  const sources = {
    empty: `export default { async fetch(req, env) { return Response.json(await (await fetch(env.URL + '/v3/account')).json()); } };`,
    ours: `import { ClickSend } from './${entryOf('workerd.js')}';
      export default { async fetch(req, env) { return Response.json(await new ClickSend({ apiKey: 'k', baseUrl: env.URL }).account.get()); } };`,
    B: `import { FetchClient } from './bench/fetch-client.js';
      export default { async fetch(req, env) { return Response.json(await new FetchClient({ apiKey: 'k', baseUrl: env.URL }).smsHistory({})); } };`,
  };
  const wasmPath = `${root}${pkgDir}/clicksend_wasm_bg.wasm`;
  const workers = {};
  for (const [which, source] of Object.entries(sources)) {
    const built = await esbuild.build({
      stdin: { contents: source, resolveDir: root },
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      write: false,
      external: ['*.wasm'],
      logLevel: 'silent',
    });
    // The bundle imports the .wasm by the path the package's entry gives (relative to the
    // entry), so the bundle is placed beside the entry.
    workers[which] = [{ type: 'ESModule', path: `${root}${entryOf('workerd.js').replace(/workerd\.js$/, 'worker.js')}`, contents: built.outputFiles[0].text }];
    if (which === 'ours') workers[which].push({ type: 'CompiledWasm', path: wasmPath, contents: readFileSync(wasmPath) });
  }
  // The three in turn, so a slower moment of the machine does not fall on one of them only.
  const times = { empty: [], ours: [], B: [] };
  for (let i = 0; i < (QUICK ? 3 : 15); i++) {
    for (const [which, modules] of Object.entries(workers)) {
      const t0 = performance.now();
      const mf = new Miniflare({ modules, modulesRoot: root, compatibilityDate: '2025-01-01', bindings: { URL: url } });
      const res = await mf.dispatchFetch('http://worker/');
      await res.text();
      times[which].push(performance.now() - t0);
      await mf.dispose();
    }
  }
  const result = Object.fromEntries(Object.entries(times).map(([which, t]) => [which, median(t)]));
  api.close();
  const ours = result.ours - result.empty;
  const b = result.B - result.empty;
  add('cold start', 'workerd: Worker startup + first request (an empty Worker subtracted)', ours, '—', b, { unit: ' ms', versus: 'plus' });
  return { ours, b };
}

// ---------------------------------------------------------------- 4. bulk throughput
async function bulk() {
  say('bulk throughput: 100,000 messages against the sandbox on localhost');
  const total = QUICK ? 20000 : 100000;
  const sandbox = await startSandbox();
  const out = [];
  try {
    for (const concurrency of [1, 2, 4, 8]) {
      const runs = { ours: [], B: [] };
      for (let r = 0; r < (QUICK ? 1 : 3); r++) {
        for (const which of ['ours', 'B']) {
          await sandbox.reset();
          await sandbox.balance(1e9);
          runs[which].push(node(['bench/bulk-run.mjs', which, sandbox.url, String(concurrency), String(total)]));
        }
      }
      const rate = (w) => median(runs[w].map((x) => x.rate));
      const rss = (w) => median(runs[w].map((x) => x.maxRssMb));
      add('bulk', `${total / 1000}k messages, concurrency ${concurrency}: messages/s`, rate('ours'), undefined, rate('B'), { versus: 'ratio' });
      add('bulk', `${total / 1000}k messages, concurrency ${concurrency}: peak RSS of the client process`, rss('ours'), undefined, rss('B'), { unit: ' MB', versus: 'ratio' });
      out.push({ concurrency, rate: rate('ours') / rate('B'), rss: rss('ours') / rss('B') });
    }
  } finally {
    sandbox.stop();
  }
  return out;
}

// ---------------------------------------------------------------- report
const started = new Date();
// ---------------------------------------------------------------- Deno and Bun
/** Per call and cold start in Deno and Bun (each through its own entry), ours beside B. */
function otherRuntimes() {
  const bin = `${root}tests/runtimes/node_modules/.bin`;
  const runtimes = [
    ['Deno', `${bin}/deno`, ['run', '-A']],
    ['Bun', `${bin}/bun`, []],
  ];
  const run = (cmd, args) => JSON.parse(execFileSync(cmd, args, { cwd: root, encoding: 'utf8' }).trim().split('\n').at(-1));
  for (const [name, cmd, pre] of runtimes) {
    say(`${name}: per-call overhead and cold start`);
    const runs = QUICK ? 1 : 3;
    const per = (which) => Array.from({ length: runs }, () => run(cmd, [...pre, 'bench/percall.mjs', which, '20000', '3']));
    const ours = per('ours');
    const b = per('B');
    const m = (xs, k) => median(xs.map((x) => x[k]));
    for (const op of ['send', 'history']) {
      add(`per call, ${name}`, `sms.${op} µs/call`, m(ours, op), undefined, m(b, op), { unit: ' µs', versus: 'ratio' });
    }
    const n = QUICK ? 3 : 11;
    const cold = (which) => median(Array.from({ length: n }, () => run(cmd, [...pre, 'bench/coldstart.mjs', which]).ms));
    add('cold start', `${name}: import → first request`, cold('ours'), undefined, cold('B'), { unit: ' ms', versus: 'plus' });
  }
}

// ---------------------------------------------------------------- the sandbox (not the package)
/** The sandbox's start to its first API answer, and its peak memory once the demo's seed data
 *  and 200 sends are in (the model's targets: under 100 ms and 50 MB). */
async function sandboxFigures() {
  say('sandbox: start-up and memory');
  const { seedDemoData } = await import('../scripts/demo-seed.mjs');
  const starts = [];
  let last;
  for (let i = 0; i < (QUICK ? 3 : 10); i++) {
    const t0 = process.hrtime.bigint();
    last?.stop();
    last = await startSandbox();
    await fetch(`${last.url}/v3/countries`);
    starts.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const auth = { authorization: 'Bearer sandbox-key', 'content-type': 'application/json' };
  await seedDemoData(last.url, auth);
  for (let i = 0; i < 200; i++) {
    await fetch(`${last.url}/v3/sms/send`, { method: 'POST', headers: auth, body: JSON.stringify({ messages: [{ to: '+61411111111', body: `m${i}` }] }) });
  }
  const peakKb = Number(readFileSync(`/proc/${last.pid}/status`, 'utf8').match(/VmHWM:\s+(\d+)/)[1]);
  last.stop();
  add('sandbox', 'start to first answer', median(starts), undefined, undefined, { unit: ' ms' });
  add('sandbox', 'peak memory, demo seed + 200 sends', peakKb / 1024, undefined, undefined, { unit: ' MB' });
}

// ---------------------------------------------------------------- the testing kit
/** `clicksend-wasm/testing`: its own .wasm, and the in-process round trip of `sms.send`
 *  through client, kit and model (targets: under 150 KB gzipped, under 100 µs). */
function kitFigures() {
  say('testing kit: .wasm size and the sms.send round trip in Node');
  const kit = sizes([readFileSync(`${root}${pkgDir}/clicksend_testing_bg.wasm`)]);
  add('testing kit', '.wasm raw / gzip -9', `${(kit.raw / 1024).toFixed(1)} KB / ${(kit.gz / 1024).toFixed(1)} KB`);
  const runs = Array.from({ length: QUICK ? 1 : 3 }, () => node(['bench/kit.mjs', QUICK ? '500' : '2000', '5']).sendUs);
  add('testing kit', 'sms.send round trip, in-process', median(runs), undefined, undefined, { unit: ' µs' });
  return { gz: kit.gz, sendUs: median(runs) };
}

// BENCH_ONLY=size,node,...: only those sections, printed, RESULTS.md left as it is.
const only = process.env.BENCH_ONLY?.split(',');
const want = (name) => !only || only.includes(name);
const size = want('size') ? await sizeFigures() : undefined;
const call = want('node') ? perCallNode() : undefined;
const cold = want('node') ? coldStartNode() : undefined;
const browser = want('chromium') ? await chromium() : undefined;
const worker = want('workerd') ? await workerd() : undefined;
const bulkRatios = want('bulk') ? await bulk() : undefined;
if (want('runtimes')) otherRuntimes();
if (want('sandbox')) await sandboxFigures();
const kit = want('kit') ? kitFigures() : undefined;

// The figures measured before the performance round (bench/baseline.json, from bench/RESULTS.md
// at commit a8dddf7; the workerd row measured then with this script's method), beside each.
const baseline = JSON.parse(readFileSync(`${root}bench/baseline.json`, 'utf8')).figures;
const versusB = (r) => (r.versus === 'ratio' ? ratio(r.ours, r.b) : r.versus === 'plus' ? plus(r.ours, r.b, r.unit) : '—');
const header = ['section', 'measure', 'before (a8dddf7)', 'clicksend-wasm', 'versus B', 'A: clicksend 5.x', 'B: plain fetch'];
const cells = (r) => [r.section, r.measure, baseline[`${r.section} / ${r.measure}`] ?? '—', fmt(r.ours, r.unit), versusB(r), fmt(r.a, r.unit), fmt(r.b, r.unit)];
const table = [header, header.map(() => '---'), ...rows.map(cells)].map((r) => `| ${r.join(' | ')} |`).join('\n');
if (only) {
  console.log(table);
  process.exit(0);
}
const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; Chromium ${browser.version}`;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const met = (ok) => (ok ? 'met' : '**not met**');
const targets = [
  `- Size, .wasm + JS gzipped as a web app's bundler ships it (minified), at most 40 KB: ${kb(size.wasmGz + size.minifiedGz)}, ${met(size.wasmGz + size.minifiedGz <= 40 * 1024)}; as published, at most 48 KB: ${kb(size.wasmGz + size.glueGz)}, ${met(size.wasmGz + size.glueGz <= 48 * 1024)}.`,
  `- Cold start, Node at most B + 5 ms: ${plus(cold.ours, cold.b, ' ms')}, ${met(cold.ours <= cold.b + 5)}; Chromium at most B + 25 ms: ${plus(browser.ours, browser.b, ' ms')}, ${met(browser.ours <= browser.b + 25)}; workerd at most B + 20 ms: ${plus(worker.ours, worker.b, ' ms')}, ${met(worker.ours <= worker.b + 20)}.`,
  `- Per call at most 1.3× B: Node ${call.send.toFixed(2)}× (send), ${call.history.toFixed(2)}× (history); Chromium ${browser.send.toFixed(2)}×, ${browser.history.toFixed(2)}×: ${met(Math.max(call.send, call.history, browser.send, browser.history) <= 1.3)}.`,
  `- Bulk at least 1.0× B at concurrency 1, 2, 4 and 8: ${bulkRatios.map((r) => `${r.rate.toFixed(2)}×`).join(', ')}, ${met(bulkRatios.every((r) => r.rate >= 1))}; peak RSS at most B's + 10 %: ${bulkRatios.map((r) => `${r.rss.toFixed(2)}×`).join(', ')}, ${met(bulkRatios.every((r) => r.rss <= 1.1))}.`,
  `- The testing kit's .wasm under 150 KB gzipped: ${kb(kit.gz)}; its sms.send round trip under 100 µs in Node: ${kit.sendUs.toFixed(0)} µs.`,
];
const text = `# Benchmark results

Measured ${started.toISOString().slice(0, 10)} on ${machine}, by \`bash scripts/bench.sh\`${QUICK ? ' (BENCH_QUICK=1: fewer repetitions)' : ''}.
Figures are medians over repeated runs. A is measured against an in-process HTTP server (it cannot use
a fetch stub), ours and B against a fetch stub that answers at once, so only client work is timed.
"Before" is the same measure before the performance round (a8dddf7, bench/baseline.json).

${table}

## Against the performance round's targets

${targets.join('\n')}

## Where the time and the bytes go

See bench/NOTES.md.
`;
writeFileSync(`${root}bench/RESULTS.md`, text);
console.log(text);
