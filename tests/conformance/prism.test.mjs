// Every request the client builds for ClickSend's core (★) operations is checked against
// ClickSend's official API description: Prism mocks ../shared/clicksend-api/openapi-v3.yaml
// (and swagger-v2.yaml for operations only there) and validates each request's method,
// path, query and body, answering 422 with the failing field for one that does not match.
// Without ../shared (a checkout elsewhere) the tests are skipped, and say so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { ClickSend, endpoints } from 'clicksend-wasm';
import { callByName } from '../support/call.js';
import { endpointCases, resolve } from '../support/cases.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const specs = `${root}../shared/clicksend-api`;
const prismBin = `${root}node_modules/.bin/prism`;
const available = existsSync(`${specs}/openapi-v3.yaml`);
const skip = available ? false : `../shared/clicksend-api is not beside this checkout (looked in ${specs})`;

// ★ operations checked against swagger-v2.yaml: `mms.receipts` is only there, and
// openapi-v3.yaml writes remove-duplicates with a trailing slash (its own curl example,
// swagger-v2.yaml and the older docs have none, as the client sends it).
const SWAGGER = new Set(['mms.receipts', 'lists.removeDuplicates']);

async function freePort() {
  return new Promise((resolvePort) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

async function startPrism(spec) {
  const port = await freePort();
  const child = spawn(prismBin, ['mock', '--host', '127.0.0.1', '--port', String(port), spec], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`Prism did not start for ${spec}:\n${output}`)), 60_000);
    const watch = (chunk) => {
      output += chunk;
      if (output.includes('Prism is listening')) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    child.once('exit', (code) => fail(new Error(`Prism exited with ${code}:\n${output}`)));
  });
  child.removeAllListeners('exit');
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

let openapi;
let swagger;
const answers = []; // what Prism said to each request, for the failure messages
const realFetch = globalThis.fetch;

before(async () => {
  if (!available) return;
  [openapi, swagger] = await Promise.all([startPrism(`${specs}/openapi-v3.yaml`), startPrism(`${specs}/swagger-v2.yaml`)]);
  // The wasm client calls the global fetch at call time: keep Prism's answers to explain
  // a 422, and apply swagger-v2.yaml's `basePath: /v3`, which Prism does not.
  globalThis.fetch = async (original) => {
    const request = original.url.startsWith(`${swagger.url}/v3/`) ? new Request(original.url.replace('/v3/', '/'), original) : original;
    const described = `${request.method} ${request.url}`;
    const response = await realFetch(request);
    answers.push({ status: response.status, text: `${described} -> ${response.status} ${await response.clone().text()}` });
    return response;
  };
});

after(() => {
  globalThis.fetch = realFetch;
  openapi?.stop();
  swagger?.stop();
});

/** Calls as the cases do, with Basic credentials (the descriptions' security scheme). */
async function run(baseUrl, fn, args) {
  const client = new ClickSend({ username: 'user', apiKey: 'KEY', baseUrl });
  try {
    return { ok: await callByName(client, fn, args) };
  } catch (error) {
    return { error };
  }
}

const core = endpoints().filter((e) => !e.path.startsWith('/connections'));
let validated = 0;

for (const c of endpointCases.filter((c) => core.some((e) => `${e.area}.${e.name}` === c.fn))) {
  test(`conformance: ${c.fn} matches ClickSend's API description`, { skip }, async () => {
    const base = SWAGGER.has(c.fn) ? swagger.url : openapi.url;
    // Setup calls only provide example ids (Prism answers with the description's
    // examples); what is validated is the call itself.
    const results = [];
    for (const [fn, args] of c.setup ?? []) results.push((await run(openapi.url, fn, resolve(args, results))).ok);
    answers.length = 0;
    const r = await run(base, c.fn, resolve(c.args, results));
    // Prism answered: the request passed its validation if the status is not 4xx/5xx.
    // (The client may still reject swagger-v2.yaml's mock answers, which are the string
    // "string": that description has no response schemas.)
    assert.equal(answers.length, 1, `${c.fn}: ${r.error?.message ?? 'no request was sent'}`);
    assert.ok(answers[0].status < 400, `${c.fn} was refused:\n${answers[0].text}`);
    validated += 1;
  });
}

test('conformance: every ★ operation was validated', { skip }, () => {
  console.log(`conformance: ${validated} of ${core.length} core operations validated by Prism against ClickSend's API description`);
  assert.equal(validated, core.length);
});
