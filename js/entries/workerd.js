// Cloudflare Workers (workerd): the .wasm is imported as a compiled module, because
// workerd does not compile WebAssembly from bytes at run time.
import wasmModule from '../../clicksend_wasm_bg.wasm';
import { initSync } from '../../clicksend_wasm.js';

initSync({ module: wasmModule });

export * from '../api/client.js';
