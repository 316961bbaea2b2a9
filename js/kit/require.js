// The source of the testing kit's CommonJS entry, js/kit/kit.cjs (scripts/build.sh bundles it
// with esbuild), for `require('clicksend-wasm/testing')`: Jest's default mode, and any
// CommonJS test suite. The same as js/testing-node.js.
import { readFileSync } from 'node:fs';
import { initSync } from '../../clicksend_testing.js';

initSync({ module: readFileSync(new URL('../../clicksend_testing_bg.wasm', import.meta.url)) });

export * from './kit.js';
