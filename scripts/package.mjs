// The package's JavaScript, types and package.json, made in pkg/ from one manifest (below):
// what each entry is (copied as written, or bundled into one module), which runtime condition
// loads it, whether importing it has side effects, and which type files have CommonJS twins.
// package.json's `exports`, `sideEffects` and `files` are derived from the same manifest, so a
// file shipped and a file named in `exports` cannot drift apart.
//
//   node scripts/package.mjs          after the .wasm files are in pkg/ (scripts/build.sh)
//   node scripts/package.mjs --json   prints the package.json it would write
//
// pkg/ is laid out like the crate root: wasm-pack's output at the top, js/ beside it with the
// same folders as the source (src/ imports ./js/api/error.js and ./js/bridge/*.js by those
// paths, so wasm and the entries share one class): js/api/ the public API, js/bridge/ what the
// wasm transport calls, js/entries/ one module per runtime, js/kit/ the testing kit's front.
// The types (js/types/ in the source) go to the top, beside the glue.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { endpointTable } from './endpoint-table.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = `${root}pkg/`;

/** Modules of js/ shipped as written: the public layer the entries import, and the kit's front. */
const LIBRARY = ['api/area', 'api/client', 'api/error', 'api/bulk', 'api/pagination', 'api/reconcile', 'api/webhook', 'bridge/hooks', 'bridge/values', 'kit/kit'];

/**
 * The entries, in the order they are made. `bundle`: made by esbuild into one module from the
 * named source in js/ (the sources are not shipped); otherwise copied as written. `effects`:
 * importing it instantiates a .wasm.
 */
const ENTRIES = [
  { file: 'entries/workerd', effects: true },
  { file: 'entries/edge', effects: true },
  { file: 'entries/deno', effects: true },
  { file: 'entries/bun', effects: true },
  { file: 'kit/node', effects: true },
  { file: 'kit/workerd', effects: true },
  { file: 'kit/web', effects: true },
  // Node 18 to 20.18 cannot require() an ES module: the Node entry bundled as CommonJS.
  { file: 'entries/node.cjs', effects: true, bundle: { from: 'entries/node-require.js', cjs: true } },
  // The testing kit for require() too (Jest's default mode).
  { file: 'kit/kit.cjs', effects: true, bundle: { from: 'kit/require.js', cjs: true } },
  // The browser's entry as one ES module: a page without a bundler fetched web.js, then the
  // glue and client.js, then the modules they import, before it could even ask for the .wasm;
  // one module makes that one request (bench/NOTES.md, section "The build").
  { file: 'entries/web', effects: true, bundle: { from: 'entries/web.js' } },
  // The lazy entry (service workers, extensions, module workers): its namespaces are made
  // before the .wasm is loaded, from the endpoint table written into js/entries/table.js for it.
  { file: 'entries/lazy', effects: false, bundle: { from: 'entries/lazy.js', table: true } },
  // Node's entry as one ES module too: each module Node's loader reads costs cold start.
  { file: 'entries/node', effects: true, bundle: { from: 'entries/node.js', node: true } },
];

/** Type files, and the relative imports their CommonJS twins (.d.cts) point at each other. */
const TYPES = [
  { file: 'index', twin: true },
  { file: 'generated', twin: true },
  { file: 'testing', twin: true },
  { file: 'lazy', twin: false },
];

const js = (file) => `./js/${file.endsWith('.cjs') ? file : `${file}.js`}`;

/** package.json: one package, the right entry per runtime. */
function packageJson() {
  const cargo = readFileSync(`${root}Cargo.toml`, 'utf8');
  const field = (name) => cargo.match(new RegExp(`^${name} = "(.*)"`, 'm'))[1];
  return {
    name: 'clicksend-wasm',
    version: field('version'),
    description: field('description'),
    license: field('license'),
    repository: { type: 'git', url: field('repository') },
    keywords: ['clicksend', 'sms', 'mms', 'voice', 'wasm', 'webassembly', 'cloudflare-workers', 'maton'],
    type: 'module',
    // The runtimes with their own way of loading the .wasm first (each also matches `node` or
    // `import`), then Node, then browsers and bundlers. `types` comes first for TypeScript.
    exports: {
      '.': {
        // TypeScript reads `types` first: CommonJS callers get the .d.cts twins.
        types: { require: './index.d.cts', default: './index.d.ts' },
        workerd: js('entries/workerd'),
        'edge-light': js('entries/edge'),
        deno: js('entries/deno'),
        bun: { import: js('entries/bun'), require: js('entries/node.cjs') },
        node: { import: js('entries/node'), require: js('entries/node.cjs') },
        browser: js('entries/web'),
        import: js('entries/web'),
        default: js('entries/web'),
      },
      // Nothing loaded at import (no top-level await): service workers, extensions, module
      // workers. The .wasm is loaded on first use.
      './lazy': { types: './lazy.d.ts', default: js('entries/lazy') },
      // The testing kit: the sandbox's model in-process, with its own .wasm.
      './testing': {
        types: { require: './testing.d.cts', default: './testing.d.ts' },
        workerd: js('kit/workerd'),
        node: { import: js('kit/node'), require: js('kit/kit.cjs') },
        default: js('kit/web'),
      },
      './package.json': './package.json',
    },
    types: './index.d.ts',
    main: js('entries/node.cjs'),
    module: js('entries/web'),
    files: ['*.js', 'js/', '*.d.ts', '*.d.cts', '*.wasm', 'README.md', 'CHANGELOG.md', 'LICENSE-*'],
    // Importing an entry instantiates its .wasm; nothing else has side effects.
    sideEffects: ENTRIES.filter((e) => e.effects).map((e) => js(e.file)),
    engines: { node: '>=18' },
  };
}

/** The lazy entry's table: [area, name, paged, bulk, reconcile] per operation. */
function tableModule() {
  const rows = endpointTable().map(({ area, name, paged, bulk, reconcile }) => [area, name, +paged, +bulk, +reconcile]);
  return `// Generated by scripts/package.mjs from the endpoint table: [area, name, paged, bulk, reconcile]. Do not edit.\nexport default ${JSON.stringify(rows)};\n`;
}

async function bundle(entry) {
  const { from, cjs, node, table } = entry.bundle;
  const scratch = []; // sources copied beside the glue for the bundle, removed after
  const put = (name, text) => {
    const path = `${pkg}js/${name}`;
    if (text === undefined) copyFileSync(`${root}js/${name}`, path);
    else writeFileSync(path, text);
    scratch.push(path);
  };
  put(from);
  if (from.startsWith('entries/') && (cjs || node)) put('entries/node20.js');
  if (table) put('entries/table.js', tableModule());
  const out = `${pkg}${js(entry.file).slice(2)}`;
  await build({
    entryPoints: [`${pkg}js/${from}`],
    outfile: out,
    allowOverwrite: true,
    bundle: true,
    logLevel: 'warning',
    ...(cjs
      ? { platform: 'node', format: 'cjs', target: 'node18', inject: [`${root}js/entries/cjs-shim.js`], define: { 'import.meta.url': 'importMetaUrl' } }
      : node
        ? { platform: 'node', format: 'esm', target: 'node18' }
        : { format: 'esm', target: 'es2022' }),
  });
  for (const path of scratch) if (path !== out) rmSync(path);
}

/** A type file's CommonJS twin: its imports of files that have twins point at the twins. */
function twin(text) {
  const twins = new Set(TYPES.filter((t) => t.twin).map((t) => t.file));
  return text.replace(/'\.\/([\w-]+)\.js'/g, (whole, name) => (twins.has(name) ? `'./${name}.cjs'` : whole));
}

if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify(packageJson(), null, 2)}\n`);
} else {
  for (const folder of ['api', 'bridge', 'entries', 'kit']) mkdirSync(`${pkg}js/${folder}`, { recursive: true });
  for (const name of LIBRARY) copyFileSync(`${root}js/${name}.js`, `${pkg}js/${name}.js`);
  for (const entry of ENTRIES) {
    if (entry.bundle) await bundle(entry);
    else copyFileSync(`${root}js/${entry.file}.js`, `${pkg}js/${entry.file}.js`);
  }
  for (const { file, twin: hasTwin } of TYPES) {
    const text = readFileSync(`${root}js/types/${file}.d.ts`, 'utf8');
    writeFileSync(`${pkg}${file}.d.ts`, text);
    if (hasTwin) writeFileSync(`${pkg}${file}.d.cts`, twin(text));
  }
  writeFileSync(`${pkg}package.json`, `${JSON.stringify(packageJson(), null, 2)}\n`);
  for (const doc of ['README.md', 'CHANGELOG.md', 'LICENSE-MIT', 'LICENSE-APACHE']) copyFileSync(`${root}${doc}`, `${pkg}${doc}`);
}
