// Child process: milliseconds from `import` to the first request issued, in Node, Deno or Bun
// (each through its own entry of the package), for `ours` or `B` (a fetch stub records the
// moment it is first called). Prints JSON.
const t0 = performance.now();
let t1;
globalThis.fetch = () => {
  t1 ??= performance.now();
  return Promise.resolve(new Response('{"http_code":200,"response_code":"SUCCESS","response_msg":"","data":{}}'));
};
const which = globalThis.Deno ? Deno.args[0] : process.argv[2];
const entry = globalThis.Deno ? 'deno.js' : globalThis.Bun ? 'bun.js' : 'node.js';
if (which === 'ours') {
  // BENCH_PKG: another build. Deno's env, not `process`: touching `process` in Deno loads its
  // Node compatibility layer, milliseconds that B's run would not pay.
  const other = globalThis.Deno ? Deno.env.get('BENCH_PKG') : process.env.BENCH_PKG;
  // Another build may be from before js/ had folders (js/node.js then, js/entries/node.js now).
  const { ClickSend } = await import(other ? (await import('./build-entry.mjs')).entryFile(other, entry) : `../pkg/js/entries/${entry}`);
  await new ClickSend({ apiKey: 'k', baseUrl: 'http://stub' }).account.get();
} else {
  const { FetchClient } = await import('./fetch-client.js');
  await new FetchClient({ apiKey: 'k', baseUrl: 'http://stub' }).smsHistory({});
}
console.log(JSON.stringify({ ms: t1 - t0 }));
