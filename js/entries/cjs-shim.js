// Injected into the CommonJS build (node.cjs) by esbuild: the ES module sources find the
// .wasm relative to themselves with `import.meta.url`, which CommonJS spells `__filename`.
export const importMetaUrl = require('node:url').pathToFileURL(__filename).href;
