// The testing kit in Node: its .wasm (at the package's top) loaded synchronously at import.
import { readFileSync } from 'node:fs';
import { initSync } from '../../clicksend_testing.js';

initSync({ module: readFileSync(new URL('../../clicksend_testing_bg.wasm', import.meta.url)) });

export * from './kit.js';
