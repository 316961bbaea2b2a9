// The proof that calls as Promises (APIPromise) do not bring back the crash of Node 20's V8
// (js/entries/node20.js): for each Node major of tests/runtimes and this one, `runs` runs of the
// 40,000-calls-in-flight flood (both entries) and of the per-call benchmark, counting the runs
// that crashed (a non-zero exit, or V8's "unreachable code"). Prints a Markdown table.
//   node bench/crash-check.mjs [runs=32]   (BENCH_PKG: another build than pkg/)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { entryFile } from './build-entry.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[2] ?? 32);
const nodes = { [process.versions.node.split('.')[0]]: process.execPath };
for (const major of [18, 22, 24]) nodes[major] = `${root}tests/runtimes/node_modules/node${major}/bin/node`;

const flood = (load) => `${load}
globalThis.fetch = () => new Promise(() => {});
const client = new ClickSend({ apiKey: 'k', baseUrl: 'http://stub', maxRetries: 0, timeoutMs: 600000 });
const send = () => client.sms.send({ messages: [{ to: '+61411111111', body: 'x' }] });
for (let i = 0; i < 20000; i++) send();
await new Promise((resolve) => setTimeout(resolve, 10));
for (let i = 0; i < 20000; i++) send();
await new Promise((resolve) => setTimeout(resolve, 0));
process.exit(0);`;
const pkg = process.env.BENCH_PKG ?? `${root}pkg`;
const entry = (name) => entryFile(pkg, name);
const loads = {
  import: `import { ClickSend } from '${entry('node.js')}';`,
  require: `import { createRequire } from 'node:module'; const { ClickSend } = createRequire(import.meta.url)('${entry('node.cjs')}');`,
};

// A crash is V8's fatal error or a signal; any other failure is reported apart, with its text.
const crashed = (r) => r.signal !== null || /unreachable code|Fatal error/.test(String(r.stderr));
const failures = [];
const rows = [];
for (const [major, node] of Object.entries(nodes).sort(([a], [b]) => a - b)) {
  const count = { import: 0, require: 0, percall: 0, failed: 0 };
  const tally = (what, r) => {
    if (crashed(r)) count[what]++;
    else if (r.status !== 0) {
      count.failed++;
      failures.push(`node ${major} ${what}: ${String(r.stderr).slice(0, 300)}`);
    }
  };
  for (let i = 0; i < runs; i++) {
    for (const entry of ['import', 'require']) tally(entry, spawnSync(node, ['--input-type=module', '-e', flood(loads[entry])], { encoding: 'utf8' }));
    tally('percall', spawnSync(node, ['bench/percall.mjs', 'ours', '20000', '3'], { cwd: root, encoding: 'utf8' }));
  }
  rows.push(`| ${major} | ${runs} | ${count.import} | ${count.require} | ${count.percall} | ${count.failed} |`);
}
console.log(
  ['| Node | runs of each | flood (import) crashed | flood (require) crashed | per-call benchmark crashed | other failures |', '|---|---|---|---|---|---|', ...rows].join('\n'),
);
for (const f of failures.slice(0, 5)) console.log(f);
