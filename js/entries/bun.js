// Bun: the .wasm read with Bun.file and compiled at import. (`require` in Bun gets node.cjs,
// since a module with top-level await cannot be required.)
import { initSync } from '../../clicksend_wasm.js';

initSync({ module: await Bun.file(new URL('../../clicksend_wasm_bg.wasm', import.meta.url)).arrayBuffer() });

export * from '../api/client.js';
