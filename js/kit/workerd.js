// The testing kit in Cloudflare Workers (workerd): the .wasm imported as a compiled module.
import wasmModule from '../../clicksend_testing_bg.wasm';
import { initSync } from '../../clicksend_testing.js';

initSync({ module: wasmModule });

export * from './kit.js';
