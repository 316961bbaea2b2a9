// Example arguments for an operation, from ClickSend's API description: first its own
// examples, then values built from its schema (required fields only, formats and enums
// honoured). The conformance test tries them in that order.
import { deref } from './descriptions.mjs';

/** String ids need plausible values; numeric ids and either-kind ids take 1. */
const TOKEN_SAMPLES = {
  message_id: 'BF7AD270-0DE2-418B-B606-71D527D9C1AE',
  original_message_id: 'BF7AD270-0DE2-418B-B606-71D527D9C1AE',
  dedicated_number: '+61411111111',
  country: 'AU',
  country_code: 'US',
  number_type: '10dlc',
  source: 'sms',
};

/** A value that satisfies `schema` (recursion bounded); `maximal`: with every optional property too. */
export function build(doc, schema, depth = 0, maximal = false) {
  const s = deref(doc, schema);
  if (!s || depth > 8) return undefined;
  if (s.allOf) return Object.assign({}, ...s.allOf.map((x) => build(doc, x, depth + 1, maximal)));
  if (s.oneOf || s.anyOf) return build(doc, (s.oneOf ?? s.anyOf)[0], depth + 1, maximal);
  if (s.enum) return s.enum[0];
  switch (s.type) {
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => build(doc, s.items, depth + 1, maximal));
    case 'integer':
    case 'number':
      return s.minimum ?? s.example ?? 1;
    case 'boolean':
      return true;
    case 'string': {
      const value =
        { email: 'user@example.com', date: '2026-01-01', 'date-time': '2026-01-01T00:00:00Z', uri: 'https://example.com/file.pdf', url: 'https://example.com/file.pdf' }[
          s.format
        ] ?? (typeof s.example === 'string' ? s.example : 'example');
      // A `pattern` the value must match (an ABN of digits, say): the first candidate that does.
      if (!s.pattern) return value;
      const pattern = new RegExp(s.pattern);
      return [value, '12345678901', 'ABC', 'abc', 'A1'].find((c) => pattern.test(c)) ?? value;
    }
    default: {
      if (!s.properties) return {};
      const out = {};
      for (const k of maximal ? Object.keys(s.properties) : (s.required ?? [])) {
        const v = build(doc, s.properties[k], depth + 1, maximal);
        if (v !== undefined) out[k] = v;
      }
      return out;
    }
  }
}

function pathArgs(e, op) {
  const specParams = (op.parameters ?? []).filter((p) => p.in === 'path');
  const types = e.params;
  return [...e.path.matchAll(/\{(\w+)\}/g)].map(([, name], i) => {
    if (types[i] !== 'token') return 1;
    const p = specParams.find((x) => x.name === name) ?? specParams[i];
    if (p?.schema?.enum) return p.schema.enum[0];
    const example = p?.example ?? p?.schema?.example;
    return typeof example === 'string' && example && !example.includes(',') ? example : (TOKEN_SAMPLES[name] ?? 'abc');
  });
}

function queryArg(spec, op, fromSchema, maximal = false) {
  const q = {};
  for (const p of (op.parameters ?? []).map((x) => deref(spec.doc, x)).filter((x) => x?.in === 'query' && (x.required || maximal))) {
    q[p.name] = !fromSchema && p.example !== undefined ? p.example : build(spec.doc, p.schema ?? p);
  }
  return q;
}

function bodySchema(op) {
  if (op.requestBody) return op.requestBody.content?.['application/json'];
  return { schema: (op.parameters ?? []).find((p) => p.in === 'body')?.schema };
}

function bodyArg(spec, op, fromSchema, maximal = false) {
  const media = bodySchema(op);
  // A body the description gives no content (openapi-v3.yaml's PATCH /own-numbers/{id}).
  if (!media?.schema) return undefined;
  const schema = deref(spec.doc, media?.schema);
  const example = media?.example ?? schema?.example;
  const built = build(spec.doc, media?.schema, 0, maximal);
  // Maximal from the example: the example's values over every documented field.
  const exampleValue = example && typeof example === 'object' ? (maximal ? { ...built, ...example } : example) : undefined;
  const value = !fromSchema && exampleValue ? exampleValue : built;
  return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

/**
 * Candidate argument lists: from the description's examples, then from its schema. Minimal:
 * only what is required; `maximal`: every documented query parameter and body field.
 */
export function operationArgs(e, spec, op, maximal = false) {
  return [false, true].map((fromSchema) => {
    const args = pathArgs(e, op);
    if (e.input === 'query') args.push(queryArg(spec, op, fromSchema, maximal));
    if (e.input === 'body' || e.input === 'optionalBody') args.push(bodyArg(spec, op, fromSchema, maximal));
    while (args.length && args.at(-1) === undefined) args.pop();
    if (e.input === 'bodyAndQuery' || e.input === 'optionalBodyAndQuery') args.push(bodyArg(spec, op, fromSchema, maximal), queryArg(spec, op, fromSchema, maximal));
    return args;
  });
}
