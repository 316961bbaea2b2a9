// Next.js edge routes and middleware, Vercel Edge Functions (the `edge-light` condition): the
// .wasm is imported as a compiled module with `?module`, as Vercel's edge runtime documents,
// because it does not compile WebAssembly from bytes at run time.
import wasmModule from '../clicksend_wasm_bg.wasm?module';
import { initSync } from '../clicksend_wasm.js';

initSync({ module: wasmModule });

export * from './client.js';
