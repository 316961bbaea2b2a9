// Prints pkg/package.json: one package, the right entry per runtime.
import { readFileSync } from 'node:fs';

const cargo = readFileSync(new URL('../Cargo.toml', import.meta.url), 'utf8');
const field = (name) => cargo.match(new RegExp(`^${name} = "(.*)"`, 'm'))[1];

const pkg = {
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
      workerd: './js/workerd.js',
      'edge-light': './js/edge.js',
      deno: './js/deno.js',
      bun: { import: './js/bun.js', require: './js/node.cjs' },
      node: { import: './js/node.js', require: './js/node.cjs' },
      browser: './js/web.js',
      import: './js/web.js',
      default: './js/web.js',
    },
    // Nothing loaded at import (no top-level await): service workers, extensions, module
    // workers. The .wasm is loaded on first use.
    './lazy': {
      types: './lazy.d.ts',
      default: './js/lazy.js',
    },
    // The testing kit: the sandbox's model in-process, with its own .wasm.
    './testing': {
      types: { require: './testing.d.cts', default: './testing.d.ts' },
      workerd: './js/testing-workerd.js',
      node: { import: './js/testing-node.js', require: './js/testing.cjs' },
      default: './js/testing-web.js',
    },
    './package.json': './package.json',
  },
  types: './index.d.ts',
  main: './js/node.cjs',
  module: './js/web.js',
  files: ['*.js', 'js/', '*.d.ts', '*.d.cts', '*.wasm', 'README.md', 'CHANGELOG.md', 'LICENSE-*'],
  // Importing an entry instantiates the wasm module; nothing else has side effects.
  sideEffects: [
    './js/node.js',
    './js/node.cjs',
    './js/workerd.js',
    './js/web.js',
    './js/edge.js',
    './js/deno.js',
    './js/bun.js',
    './js/testing-node.js',
    './js/testing.cjs',
    './js/testing-workerd.js',
    './js/testing-web.js',
  ],
  engines: { node: '>=18' },
};
process.stdout.write(`${JSON.stringify(pkg, null, 2)}\n`);
