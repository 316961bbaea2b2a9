// The bundlers users pick, each in a fresh project with the packed tarball installed, building
// a page that sends an SMS from headless Chromium through the page's own /api/: webpack 5 with
// no configuration, Rollup 4 with the one plugin line the README gives, Parcel 2, and Vite's
// module worker and module service worker (with clicksend-wasm/lazy). Vite's page is in
// package.test.mjs. Each bundler is this repository's, linked as the project's own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox } from '../support/sandbox.mjs';
import { checkOneSend, closeBrowser, resultOfPage, sendsFrom } from '../support/bundled-page.mjs';
import { packedWorkspace, root, run } from '../support/tarball.mjs';

const packed = packedWorkspace('bundlers');
let sandbox;

before(async () => {
  sandbox = await startSandbox();
});

after(async () => {
  await closeBrowser();
  sandbox?.stop();
  packed.dispose();
});

/** A fresh project with the tarball, and these packages of this repository linked into it. */
function project(name, tools) {
  const dir = packed.project(join(root, 'tests/package', name), name);
  for (const tool of tools) symlinkSync(join(root, 'node_modules', tool), join(dir, 'node_modules', tool), 'dir');
  return dir;
}

const wasmIn = (dir) => readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.wasm'));

test('bundlers: webpack 5 with no configuration', async () => {
  const dir = project('webpack-app', []);
  run(process.execPath, [join(root, 'node_modules/webpack-cli/bin/cli.js'), '--mode', 'production'], dir, { NO_COLOR: '1' });
  assert.equal(wasmIn(join(dir, 'dist')).length, 1, 'webpack emitted the .wasm');
  copyFileSync(join(dir, 'index.html'), join(dir, 'dist/index.html'));
  await checkOneSend(sandbox, join(dir, 'dist'), 'webpack-app');
});

test('bundlers: Rollup 4 with node-resolve and importMetaAssets (the line the README gives)', async () => {
  const dir = project('rollup-app', ['@rollup', '@web']);
  run(process.execPath, [join(root, 'node_modules/rollup/dist/bin/rollup'), '-c', '--silent'], dir);
  assert.equal(wasmIn(join(dir, 'dist')).length, 1, 'the plugin emitted the .wasm');
  copyFileSync(join(dir, 'index.html'), join(dir, 'dist/index.html'));
  await checkOneSend(sandbox, join(dir, 'dist'), 'rollup-app');
});

test('bundlers: Parcel 2 with no configuration', async () => {
  const dir = project('parcel-app', []);
  run(process.execPath, [join(root, 'node_modules/parcel/lib/bin.js'), 'build', '--no-cache', '--no-autoinstall', '--log-level', 'warn'], dir, { NO_COLOR: '1' });
  assert.equal(wasmIn(join(dir, 'dist')).length, 1, 'Parcel emitted the .wasm');
  await checkOneSend(sandbox, join(dir, 'dist'), 'parcel-app');
});

test('bundlers: Vite, a module worker and a module service worker with clicksend-wasm/lazy', async () => {
  const dir = project('vite-workers-app', []);
  run(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], dir);
  const text = await resultOfPage(sandbox, join(dir, 'dist'));
  assert.equal(text, 'SUCCESS from a Vite module worker | SUCCESS from a Vite service worker');
  const sends = await sendsFrom(sandbox, 'vite-workers-app');
  assert.deepEqual(sends.map((s) => [s.response.status, s.json.messages[0].body]).sort(), [
    [200, 'from a Vite module worker'],
    [200, 'from a Vite service worker'],
  ]);
});
