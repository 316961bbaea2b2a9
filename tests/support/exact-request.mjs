// Every function without a hand-written case (tests/cases/endpoints.json) is called once
// with arguments made from its table entry. The sandbox must receive exactly that request,
// and the call must settle with exactly what the sandbox answered: resolve with its body on
// a 200, reject with its status and `data` otherwise (these made-up ids and bodies mostly
// meet ClickSend's 404s and per-field 400s, which the model gives as ClickSend does).
import assert from 'node:assert/strict';
import { SANDBOX_BEARER } from './sandbox.mjs';

// A digit string is valid for every kind of path parameter (numeric id, string id, either).
const PARAM = '7';
const QUERY = { page: 2, limit: 50 };
// `content` makes it a valid upload too (uploads.create takes {content: base64} or bytes).
const BODY = { name: 'Example', enabled: 1, tags: ['a', 'b'], nested: { to: '+61411111111' }, content: 'aGVsbG8=' };
const UPLOAD_QUERY = { convert: 'fax' };

/** The call's arguments and the request they must make. */
export function exactRequestCall(e) {
  const params = [...e.path.matchAll(/\{\w+\}/g)].map(() => PARAM);
  const path = e.path.replace(/\{\w+\}/g, PARAM);
  const args = [...params];
  let query = '';
  let body = null;
  if (e.input === 'query') {
    args.push(QUERY);
    query = 'page=2&limit=50';
  } else if (e.input === 'body' || e.input === 'optionalBody') {
    args.push(BODY);
    body = BODY;
  } else if (e.input === 'bodyAndQuery' || e.input === 'optionalBodyAndQuery') {
    args.push(BODY, UPLOAD_QUERY);
    body = BODY;
    query = 'convert=fax';
  }
  return { args, request: { method: e.method, path: `/v3${path}`, query }, body };
}

export async function runExactRequestCase(sandbox, invoke, e) {
  await sandbox.reset();
  const fn = `${e.area}.${e.name}`;
  const { args, request, body } = exactRequestCall(e);
  const result = await invoke({ fn, args });
  const all = await sandbox.requests();
  assert.equal(all.length, 1, 'exactly one request');
  const [req] = all;
  assert.deepEqual({ method: req.method, path: req.path, query: req.query }, request);
  assert.equal(req.headers.authorization, SANDBOX_BEARER);
  assert.deepEqual(req.json, body);
  assert.equal(req.headers['content-type'], body ? 'application/json' : undefined);
  const { status, body: answer } = req.response;
  if (status === 200) {
    assert.deepEqual(result.ok, answer, `${fn} rejected: ${JSON.stringify(result.error)}`);
  } else if (status === 204) {
    assert.ok(result.ok !== undefined, `${fn} rejected a 204: ${JSON.stringify(result.error)}`);
  } else {
    assert.ok(result.error, `${fn} resolved although the sandbox answered ${status}`);
    assert.deepEqual([result.error.status, result.error.data ?? null], [status, answer?.data ?? null]);
  }
  assert.ok(!JSON.stringify(answer ?? '').includes('Sandbox echo'), `${fn}: the sandbox echoed`);
}
