// Node 18+: load the .wasm (at the package's top, one folder up), synchronously, at import.
import { readFileSync } from 'node:fs';
import { initSync } from '../clicksend_wasm.js';

initSync({ module: readFileSync(new URL('../clicksend_wasm_bg.wasm', import.meta.url)) });

export * from './client.js';
