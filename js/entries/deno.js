// Deno: the .wasm read from the package's folder with Deno.readFile and compiled at import
// (`deno run` needs --allow-read for the package's folder).
import { initSync } from '../../clicksend_wasm.js';

initSync({ module: await Deno.readFile(new URL('../../clicksend_wasm_bg.wasm', import.meta.url)) });

export * from '../api/client.js';
