// The source of the CommonJS entry, js/entries/node.cjs (scripts/build.sh bundles it with esbuild):
// the same as js/entries/node.js, for `require()`, where reading node:fs costs nothing and a module
// may not wait at its top level.
import { readFileSync } from 'node:fs';
import { initSync } from '../../clicksend_wasm.js';
import { guard, NODE20 } from './node20.js';

// `require` stays as it is in the CommonJS bundle: node:v8 is loaded only on Node 20.
if (NODE20) guard(require('node:v8'));

initSync({ module: readFileSync(new URL('../../clicksend_wasm_bg.wasm', import.meta.url)) });

export * from '../api/client.js';
