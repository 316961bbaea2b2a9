// Node 18+: load the .wasm from beside this file, synchronously, at import.
import { readFileSync } from 'node:fs';
import { initSync } from './clicksend_wasm.js';

initSync({ module: readFileSync(new URL('./clicksend_wasm_bg.wasm', import.meta.url)) });

export * from './client.js';
