// Next.js edge routes and middleware, Vercel Edge Functions (the `edge-light` condition): the
// .wasm is imported as a compiled module with `?module`, as Vercel's edge runtime documents,
// because it does not compile WebAssembly from bytes at run time. The module may come from
// another realm (Next runs edge code in its own context), where `instanceof WebAssembly.Module`
// fails, so it is instantiated with `WebAssembly.instantiate` (through `init`), which takes it.
import wasmModule from '../../clicksend_wasm_bg.wasm?module';
import init from '../../clicksend_wasm.js';

await init({ module_or_path: wasmModule });

export * from '../api/client.js';
