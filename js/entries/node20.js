// Used by Node's entries (js/entries/node.js, js/entries/node-require.js), bundled into them.
//
// The V8 of Node 20 (11.3) can crash the whole process ("Fatal error ... unreachable code",
// in Deoptimizer::DoComputeBuiltinContinuation) when a function whose call into wasm
// TurboFan inlined is deoptimized during that call: 40,000 calls in flight did it
// (tests/node/node20.test.mjs). Without that inlining it does not happen; Node 18, 22 and 24
// are not affected. The flag has to be set before any of the package's functions is hot
// (setting it a tick later was not enough), so on Node 20 the entry loads node:v8 at import
// (its cost: bench/NOTES.md, section "Cold start in Node").

/** Whether this is Node 20's V8. */
export const NODE20 = globalThis.process?.versions?.v8?.startsWith('11.3.') ?? false;

/** Turns the inlining off, given node:v8. */
export function guard(v8) {
  v8.setFlagsFromString('--no-turbo-inline-js-wasm-calls');
}
