// The published artefact, as users get it: `npm pack` of pkg/, installed into fresh
// projects outside this repository (see README.md beside this file).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { Miniflare } from 'miniflare';
import { startSandbox, SANDBOX_KEY } from '../support/sandbox.mjs';
import { checkOneSend, closeBrowser, sendsFrom } from '../support/bundled-page.mjs';
import { packedWorkspace, root, run, wranglerBuild } from '../support/tarball.mjs';

const packed = packedWorkspace('package');
const project = (name) => packed.project(join(root, 'tests/package', name), name);
let sandbox;

before(async () => {
  sandbox = await startSandbox();
});

after(async () => {
  await closeBrowser();
  sandbox?.stop();
  packed.dispose();
});

test('package: the tarball holds the entries, types, wasm and licence, nothing else', () => {
  const listing = JSON.parse(run('npm', ['pack', join(root, 'pkg'), '--dry-run', '--json', '--loglevel=error'], packed.dir))[0];
  const files = listing.files.map((f) => f.path).sort();
  for (const f of [
    'package.json',
    'README.md',
    'CHANGELOG.md',
    'LICENSE-MIT',
    'LICENSE-APACHE',
    'js/entries/node.js',
    'js/entries/node.cjs',
    'js/entries/web.js',
    'js/entries/workerd.js',
    'js/api/client.js',
    'js/api/error.js',
    'clicksend_wasm.js',
    'clicksend_wasm_bg.wasm',
    'index.d.ts',
    'index.d.cts',
    'generated.d.ts',
    'generated.d.cts',
    'js/entries/lazy.js',
    'lazy.d.ts',
    'js/kit/kit.cjs',
    'testing.d.cts',
  ]) {
    assert.ok(files.includes(f), `${f} is in the tarball`);
  }
  assert.deepEqual(
    files.filter((f) => !/^(js\/(api|bridge|entries|kit)\/)?[\w.-]+$/.test(f)),
    [],
    'only top-level files and js/ by role',
  );
});

test('package: every entry bundles with esbuild without a warning', async () => {
  // A bundler's warning lands in every user's build output (wasm-bindgen once wrote the same
  // module key three times into its imports object).
  for (const [entry, platform] of [
    ['entries/web.js', 'browser'],
    ['entries/workerd.js', 'neutral'],
    ['entries/edge.js', 'neutral'],
    ['entries/node.js', 'node'],
    ['entries/node.cjs', 'node'],
    ['entries/lazy.js', 'browser'],
    ['kit/kit.cjs', 'node'],
  ]) {
    const result = await esbuild.build({
      entryPoints: [join(root, 'pkg/js', entry)],
      bundle: true,
      format: 'esm',
      platform,
      write: false,
      outdir: 'out',
      logLevel: 'silent',
      external: ['node:*', '*.wasm', '*.wasm?module'],
    });
    assert.deepEqual(
      result.warnings.map((w) => w.text),
      [],
      entry,
    );
  }
});

test('package: a Vite app built with `vite build` sends an SMS from Chromium', async () => {
  const dir = project('vite-app');
  run(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], dir);
  const assets = readdirSync(join(dir, 'dist/assets'));
  assert.ok(
    assets.some((f) => f.endsWith('.wasm')),
    `vite emitted the .wasm: ${assets}`,
  );
  await checkOneSend(sandbox, join(dir, 'dist'), 'vite-app');
});

test('package: a plain page imports node_modules/clicksend-wasm/js/entries/web.js with no bundler', async () => {
  const dir = project('plain-page');
  await checkOneSend(sandbox, dir, 'plain-page');
});

test('package: a Worker built by `wrangler deploy --dry-run` runs in Miniflare and sends', async () => {
  const dir = project('worker');
  wranglerBuild(dir);
  assert.ok(
    readdirSync(join(dir, 'dist')).some((f) => f.endsWith('.wasm')),
    'wrangler kept the .wasm as a module',
  );
  const mf = new Miniflare({
    modules: true,
    modulesRoot: join(dir, 'dist'),
    scriptPath: join(dir, 'dist/index.js'),
    modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }],
    compatibilityDate: '2026-04-01',
    bindings: { MATON_API_KEY: SANDBOX_KEY, CLICKSEND_BASE_URL: sandbox.url },
  });
  try {
    const res = await mf.dispatchFetch('http://worker/');
    const message = await res.json();
    assert.equal(res.status, 200);
    assert.equal(message.status, 'SUCCESS');
    const sends = await sendsFrom(sandbox, 'worker');
    assert.equal(sends.length, 1);
    assert.equal(sends[0].response.body.data.messages[0].message_id, message.message_id);
  } finally {
    await mf.dispose();
  }
});

test('package: a strict TypeScript project type-checks against the .d.ts (import and require)', () => {
  const dir = project('ts-strict');
  assert.ok(existsSync(join(dir, 'node_modules/clicksend-wasm/index.d.cts')));
  // tsc prints its diagnostics on stdout and exits non-zero on any.
  try {
    run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], dir);
  } catch (e) {
    assert.fail(`tsc failed:\n${e.stdout}${e.stderr}`);
  }
});
