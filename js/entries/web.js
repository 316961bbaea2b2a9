// Browsers and bundlers: fetch and instantiate the .wasm (at the package's top) before the
// module finishes loading (top-level await), so the API is usable right after `import`.
import init from '../../clicksend_wasm.js';

await init({ module_or_path: new URL('../../clicksend_wasm_bg.wasm', import.meta.url) });

export * from '../api/client.js';
