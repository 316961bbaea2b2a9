// Every function without a hand-written case (tests/cases/endpoints.json) is called once
// with arguments made from its table entry. The sandbox must receive exactly that request,
// and the call must resolve with exactly what the sandbox sent: for the operations it does
// not model with state, an envelope echoing the request.
import assert from 'node:assert/strict';
import { SANDBOX_BEARER } from './sandbox.mjs';

// A digit string is valid for every kind of path parameter (numeric id, string id, either).
const PARAM = '7';
const QUERY = { page: 2, limit: 50 };
// `content` makes it a valid upload too (uploads.create takes {content: base64} or bytes).
const BODY = { name: 'Example', enabled: 1, tags: ['a', 'b'], nested: { to: '+61411111111' }, content: 'aGVsbG8=' };
const UPLOAD_QUERY = { convert: 'fax' };

/** The call's arguments and the request they must make. */
export function echoCall(e) {
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

export async function runEchoCase(sandbox, invoke, e) {
  await sandbox.reset();
  const fn = `${e.area}.${e.name}`;
  const { args, request, body } = echoCall(e);
  const result = await invoke({ fn, args });
  assert.ok(result.ok, `${fn} rejected: ${JSON.stringify(result.error)}`);
  const all = await sandbox.requests();
  assert.equal(all.length, 1, 'exactly one request');
  const [req] = all;
  assert.deepEqual({ method: req.method, path: req.path, query: req.query }, request);
  assert.equal(req.headers.authorization, SANDBOX_BEARER);
  assert.deepEqual(req.json, body);
  assert.equal(req.headers['content-type'], body ? 'application/json' : undefined);
  assert.deepEqual(result.ok, req.response.body);
  if (result.ok.response_msg.startsWith('Sandbox echo')) {
    const q = Object.fromEntries(new URLSearchParams(request.query));
    assert.deepEqual(result.ok.data, { operation: fn, method: request.method, path: request.path, query: q, body });
  }
}
