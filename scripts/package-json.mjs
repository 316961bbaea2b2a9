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
  // workerd first (it imports the .wasm as a module), then Node, then browsers/bundlers.
  exports: {
    '.': {
      // TypeScript reads `types` first: CommonJS callers get the .d.cts twins.
      types: { require: './index.d.cts', default: './index.d.ts' },
      workerd: './workerd.js',
      node: { import: './node.js', require: './node.cjs' },
      browser: './web.js',
      import: './web.js',
      default: './web.js',
    },
    './package.json': './package.json',
  },
  types: './index.d.ts',
  main: './node.cjs',
  module: './web.js',
  files: ['*.js', '*.cjs', '*.d.ts', '*.d.cts', '*.wasm', 'snippets/', 'README.md', 'LICENSE-*'],
  // Importing an entry instantiates the wasm module; nothing else has side effects.
  sideEffects: ['./node.js', './workerd.js', './web.js'],
  engines: { node: '>=18' },
};
process.stdout.write(JSON.stringify(pkg, null, 2) + '\n');
