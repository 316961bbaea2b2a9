// The testing kit in browsers and bundlers (Vitest too): the .wasm fetched and instantiated
// before the module finishes loading (top-level await).
import init from '../../clicksend_testing.js';

await init({ module_or_path: new URL('../../clicksend_testing_bg.wasm', import.meta.url) });

export * from './kit.js';
