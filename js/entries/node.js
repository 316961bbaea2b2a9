// Node 18+: load the .wasm (at the package's top, two folders up), synchronously, at import.
// `process.getBuiltinModule` (Node 20.16+ and 22.3+) rather than `import ... from 'node:fs'`:
// importing a builtin as an ES module makes Node build its whole namespace, and fs's loads
// Node's streams with it, in every cold start (bench/NOTES.md, section "Cold start in Node").
// Older Node versions import it.
// (js/entries/node.cjs is built from js/entries/node-require.js, where `require('node:fs')` costs nothing.)
import { initSync } from '../../clicksend_wasm.js';
import { guard, NODE20 } from './node20.js';

const builtin = async (name) => globalThis.process.getBuiltinModule?.(name) ?? (await import(name));
const { readFileSync } = await builtin('node:fs');
if (NODE20) guard(await builtin('node:v8'));
initSync({ module: readFileSync(new URL('../../clicksend_wasm_bg.wasm', import.meta.url)) });

export * from '../api/client.js';
