// The packed tarball in the runtimes users bring, each installed into a fresh project: Node 18,
// 20, 22 and 24 (import and require), Bun (import and require), Deno (`npm:` and a bare
// specifier, with only the permissions the client needs), and the .d.ts under each of
// TypeScript's module resolutions. Each sends one SMS to the sandbox (the exact request it
// recorded is checked) and makes one call that fails with a 404, which must reject with a
// ClickSendError of the class the project imported. The runtimes come from tests/runtimes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startSandbox, SANDBOX_BEARER, SANDBOX_KEY } from '../support/sandbox.mjs';
import { packedWorkspace, root, run } from '../support/tarball.mjs';

const runtimes = join(root, 'tests/runtimes/node_modules');
const NODE = {
  18: join(runtimes, 'node18/bin/node'),
  20: process.execPath,
  22: join(runtimes, 'node22/bin/node'),
  24: join(runtimes, 'node24/bin/node'),
};
const BUN = join(runtimes, '.bin/bun');
const DENO = join(runtimes, '.bin/deno');
const packed = packedWorkspace('runtimes');
const projects = {};
let sandbox;

before(async () => {
  sandbox = await startSandbox();
});

after(() => {
  sandbox?.stop();
  packed.dispose();
});

/** The project, installed once. */
const project = (name) => (projects[name] ??= packed.project(join(root, 'tests/package', name), name));

/** Runs `args` in `dir` with the client's settings; the JSON line it prints. */
function runJson(cmd, args, dir, env = {}) {
  const out = run(cmd, args, dir, { MATON_API_KEY: SANDBOX_KEY, CLICKSEND_BASE_URL: sandbox.url, ...env });
  return JSON.parse(out.trim().split('\n').at(-1));
}

/** The one SMS the sandbox received since the reset, checked request by request. */
async function assertSent(body, source) {
  const sends = (await sandbox.requests()).filter((r) => r.path === '/v3/sms/send');
  assert.equal(sends.length, 1, 'one send reached the sandbox');
  const [r] = sends;
  assert.deepEqual(
    { method: r.method, query: r.query, authorization: r.headers.authorization, type: r.headers['content-type'], json: r.json },
    { method: 'POST', query: '', authorization: SANDBOX_BEARER, type: 'application/json', json: { messages: [{ to: '+61411111111', body, source }] } },
  );
  const notFound = (await sandbox.requests()).filter((x) => x.path === '/v3/lists/987654');
  assert.equal(notFound.length, 1, 'the 404 call was sent once');
  return r.response.body.data.messages[0];
}

for (const [version, node] of Object.entries(NODE)) {
  for (const [name, file, entry, body] of [
    ['node-esm', 'main.js', /\/node_modules\/clicksend-wasm\/js\/entries\/node\.js$/, 'Hello from Node ESM'],
    ['node-cjs', 'main.js', /\/node_modules\/clicksend-wasm\/js\/entries\/node\.cjs$/, 'Hello from Node CommonJS'],
  ]) {
    test(`runtimes: Node ${version}, ${name === 'node-esm' ? 'import' : 'require'}: its entry, a send, a 404 as ClickSendError`, async () => {
      await sandbox.reset();
      const out = runJson(node, [file], project(name));
      assert.match(out.entry, entry);
      assert.deepEqual({ ...out, entry: undefined }, { entry: undefined, node: version, status: 'SUCCESS', parts: 1, error: 'INVALID_ARGUMENT', notFound: '404 NOT_FOUND' });
      await assertSent(body, name);
    });
  }
}

for (const [file, source, entry] of [
  ['index.js', 'bun-import', /\/node_modules\/clicksend-wasm\/js\/entries\/bun\.js$/],
  ['require.cjs', 'bun-require', /\/node_modules\/clicksend-wasm\/js\/entries\/node\.cjs$/],
]) {
  test(`runtimes: Bun, ${file}: the bun entry, a send, a 404 as ClickSendError`, async () => {
    await sandbox.reset();
    const out = runJson(BUN, [file], project('bun-app'));
    assert.match(out.entry, entry);
    assert.deepEqual({ ...out, entry: undefined }, { entry: undefined, status: 'SUCCESS', parts: 1, notFound: '404 NOT_FOUND' });
    await assertSent('Hello from Bun', source);
  });
}

for (const [file, source] of [
  ['npm.js', 'deno-npm'],
  ['bare.js', 'deno-bare'],
]) {
  test(`runtimes: Deno, ${file}: the deno entry with only net to the API and read of the package`, async () => {
    await sandbox.reset();
    const dir = project('deno-app');
    const host = new URL(sandbox.url).host;
    const permissions = [`--allow-net=${host}`, '--allow-read=node_modules/clicksend-wasm', '--allow-env=MATON_API_KEY,CLICKSEND_BASE_URL'];
    const out = runJson(DENO, ['run', '--no-prompt', ...permissions, file], dir, { DENO_DIR: join(packed.dir, 'deno-cache'), NO_COLOR: '1' });
    assert.match(out.entry, /\/node_modules\/clicksend-wasm\/js\/entries\/deno\.js$/);
    assert.deepEqual({ ...out, entry: undefined }, { entry: undefined, status: 'SUCCESS', parts: 1, notFound: '404 NOT_FOUND' });
    await assertSent('Hello from Deno', source);
  });
}

test('runtimes: Deno without read access to the package says so, and sends nothing', async () => {
  await sandbox.reset();
  const host = new URL(sandbox.url).host;
  const failed = (() => {
    try {
      run(DENO, ['run', '--no-prompt', `--allow-net=${host}`, '--allow-env', 'npm.js'], project('deno-app'), { DENO_DIR: join(packed.dir, 'deno-cache'), NO_COLOR: '1' });
    } catch (e) {
      return e.stderr;
    }
    return 'it ran';
  })();
  assert.match(failed, /NotCapable|PermissionDenied|Requires read access/);
  assert.deepEqual(await sandbox.requests(), []);
});

for (const [module, resolution] of [
  ['node16', 'node16'],
  ['nodenext', 'nodenext'],
  ['preserve', 'bundler'],
]) {
  test(`runtimes: the .d.ts and .d.cts type-check with moduleResolution ${resolution}`, () => {
    const dir = project('ts-strict');
    try {
      run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--module', module, '--moduleResolution', resolution], dir);
    } catch (e) {
      assert.fail(`tsc (${resolution}) failed:\n${e.stdout}${e.stderr}`);
    }
  });
}
