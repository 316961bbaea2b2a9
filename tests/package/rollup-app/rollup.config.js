import { nodeResolve } from '@rollup/plugin-node-resolve';
import { importMetaAssets } from '@web/rollup-plugin-import-meta-assets';

export default {
  input: 'main.js',
  output: { dir: 'dist', format: 'es' },
  // importMetaAssets: the one line the README gives; it emits the .wasm the package names with
  // new URL(..., import.meta.url), which Rollup alone leaves out (the page then gets a 404).
  plugins: [nodeResolve({ browser: true }), importMetaAssets()],
};
