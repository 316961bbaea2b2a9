// `clicksend-wasm/lazy`: the package's API with nothing loaded at import (no top-level await),
// for service workers, Manifest V3 extensions and module workers. API calls load the .wasm on
// first use themselves; the synchronous helpers throw a ClickSendError with code NOT_READY until
// `ready()` has resolved.
export * from './index.js';

/**
 * Loads the .wasm once; resolves when the synchronous helpers (`smsParts`, `parsePhone`,
 * `phoneInfo`, `toGsm7`, `endpoints`) may be used. `source` replaces the default (the file beside
 * the package's entry): a URL, a Response, bytes or a compiled module. Rejects with NOT_READY.
 */
export declare function ready(source?: URL | string | Response | BufferSource | WebAssembly.Module): Promise<void>;
