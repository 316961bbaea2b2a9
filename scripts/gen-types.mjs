// Generates js/types/generated.d.ts: the TypeScript declarations of every function of the
// endpoint table that js/types/index.d.ts does not declare by hand, from ClickSend's official API
// descriptions (openapi-v3.yaml, which has response schemas, and
// swagger-v2.yaml, which does not, so results there are `Envelope<unknown>`).
//
//   node scripts/gen-types.mjs            writes js/types/generated.d.ts
//   node scripts/gen-types.mjs --check    exits 1 if js/types/generated.d.ts is not what it would write
//
// The output is committed (the descriptions are reference data outside this repository);
// tests/node/types.test.mjs runs --check whenever the descriptions are there, so it cannot
// drift. They are read from CLICKSEND_API_DIR, or clicksend-api/ in a shared/ folder beside
// the checkout.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import YAML from 'yaml';
import { API_DIR, PREFER_SWAGGER } from './api-description.mjs';
import { endpointTable } from './endpoint-table.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const specDir = API_DIR;
const out = `${root}js/types/generated.d.ts`;

// ---------------------------------------------------------------- inputs

const load = (file) => YAML.parse(readFileSync(`${specDir}/${file}`, 'utf8'), { maxAliasCount: -1 });
const v3 = { doc: load('openapi-v3.yaml'), ns: 'Api', refs: (d) => d.components.schemas, prefix: '/v3' };
const v2 = { doc: load('swagger-v2.yaml'), ns: 'ApiV2', refs: (d) => d.definitions, prefix: '' };

/** The functions js/types/index.d.ts declares by hand: `area.name` of its type-literal members. */
function handWritten() {
  const file = `${root}js/types/index.d.ts`;
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found = new Map(); // area -> Set(names)
  const visit = (node) => {
    if (ts.isClassDeclaration(node) && node.name?.text === 'ClickSend') {
      for (const m of node.members) {
        if (!ts.isPropertyDeclaration(m) || !m.type) continue;
        const names = new Set();
        const collect = (t) => {
          if (ts.isTypeLiteralNode(t)) for (const f of t.members) names.add(f.name.getText(source));
          if (ts.isIntersectionTypeNode(t)) t.types.forEach(collect);
        };
        collect(m.type);
        found.set(m.name.getText(source), names);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

// ---------------------------------------------------------------- schema -> TypeScript

const pascal = (s) => s.replace(/(^|[^a-zA-Z0-9]+)([a-zA-Z0-9])/g, (_, __, c) => c.toUpperCase());
const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
const key = (k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
/** The first line of a description, without HTML, short enough for a hover. */
const docText = (text) =>
  String(text ?? '')
    .replace(/<[^>]+>/g, '')
    .split(/\n/)[0]
    .replace(/\*\//g, '*\\/')
    .trim()
    .slice(0, 160);
const doc = (text, indent) => {
  const line = docText(text);
  return line ? `${indent}/** ${line} */\n` : '';
};

const named = new Map(); // "Api.Name" -> declaration text (null while being built)
const queue = [];

function refName(spec, ref) {
  const name = ref.split('/').pop();
  const full = `${spec.ns}.${pascal(name)}`;
  if (!named.has(full)) {
    named.set(full, null);
    queue.push([spec, name, full]);
  }
  return full;
}

function tsType(spec, s, indent = '') {
  if (!s || typeof s !== 'object') return 'unknown';
  if (s.$ref) return refName(spec, s.$ref);
  if (s.allOf) return s.allOf.map((x) => tsType(spec, x, indent)).join(' & ') || 'unknown';
  if (s.oneOf || s.anyOf) return `(${(s.oneOf ?? s.anyOf).map((x) => tsType(spec, x, indent)).join(' | ')})`;
  let t;
  if (s.enum && ['string', 'integer', 'number'].includes(s.type)) t = s.enum.map((v) => JSON.stringify(v)).join(' | ');
  else if (s.type === 'string') t = 'string';
  else if (s.type === 'integer' || s.type === 'number') t = 'number';
  else if (s.type === 'boolean') t = 'boolean';
  else if (s.type === 'array') t = `Array<${tsType(spec, s.items, indent)}>`;
  else if (s.properties) t = objectType(spec, s, indent);
  else if (s.type === 'object' || s.additionalProperties) t = 'Record<string, unknown>';
  else t = 'unknown';
  return s.nullable || s['x-nullable'] ? `${t} | null` : t;
}

function objectType(spec, s, indent) {
  const required = new Set(s.required ?? []);
  const inner = `${indent}  `;
  const fields = Object.entries(s.properties).map(([k, v]) => `${doc(v?.description, inner)}${inner}${key(k)}${required.has(k) ? '' : '?'}: ${tsType(spec, v, inner)};\n`);
  return `{\n${fields.join('')}${indent}}`;
}

function emitNamed() {
  const decls = [];
  while (queue.length) {
    const [spec, name, full] = queue.shift();
    const s = spec.refs(spec.doc)[name];
    const local = full.split('.')[1];
    const body = s?.properties && !s.allOf ? `interface ${local} ${objectType(spec, s, '  ')}` : `type ${local} = ${tsType(spec, s, '  ')};`;
    decls.push([full, `${doc(s?.description, '  ')}  export ${body}\n`]);
  }
  const byNs = (ns) =>
    decls
      .filter(([f]) => f.startsWith(`${ns}.`))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, d]) => d)
      .join('');
  return [
    `/** Schemas of ClickSend's OpenAPI 3 description (openapi-v3.yaml). */\nexport namespace Api {\n${byNs('Api')}}\n`,
    `/** Schemas of ClickSend's Swagger 2.0 description (swagger-v2.yaml). */\nexport namespace ApiV2 {\n${byNs('ApiV2')}}\n`,
  ].join('\n');
}

// ---------------------------------------------------------------- operations

const normalize = (p) => p.replace(/\/$/, '').replace(/\{[^}]+\}/g, '{}');

function findOperation(spec, method, path) {
  for (const [p, item] of Object.entries(spec.doc.paths)) {
    if (normalize(p) === normalize(spec.prefix + path) && item[method.toLowerCase()]) return item[method.toLowerCase()];
  }
  return null;
}

function queryType(spec, op) {
  const params = (op.parameters ?? []).map((p) => (p.$ref ? spec.doc.parameters?.[p.$ref.split('/').pop()] : p)).filter((p) => p?.in === 'query');
  if (!params.length) return '{ [name: string]: string | number | boolean | undefined }';
  const fields = params.map((p) => `${doc(p.description, '    ')}    ${key(p.name)}${p.required ? '' : '?'}: ${tsType(spec, p.schema ?? p, '    ')};\n`);
  return `{\n${fields.join('')}  }`;
}

function bodyType(spec, op) {
  const schema = spec === v3 ? op.requestBody?.content?.['application/json']?.schema : (op.parameters ?? []).find((p) => p.in === 'body')?.schema;
  const t = tsType(spec, schema, '  ');
  return t === 'unknown' ? 'Record<string, unknown>' : t;
}

const deref = (spec, s) => {
  while (s?.$ref) s = spec.refs(spec.doc)[s.$ref.split('/').pop()];
  return s;
};

/** The schema of `data` in the 200 response's envelope (openapi-v3.yaml only). */
function dataSchema(spec, op) {
  if (spec !== v3) return null;
  return deref(spec, op.responses?.['200']?.content?.['application/json']?.schema)?.properties?.data ?? null;
}

function resultType(spec, op) {
  const data = dataSchema(spec, op);
  return data ? tsType(spec, data, '  ') : 'unknown';
}

/** What a call resolves with: the envelope around `data`; the object itself where the row
 *  says `.plain_answer()`; `null` for a 204 No Content. */
function answerType(e, spec, op) {
  const responses = op.responses ?? {};
  if (spec === v3 && !responses['200'] && responses['204']) return 'null';
  // The row says the answer is a plain object, not the envelope.
  if (!e.enveloped) {
    const schema = spec === v3 ? responses['200']?.content?.['application/json']?.schema : null;
    return schema ? tsType(spec, schema, '  ') : 'unknown';
  }
  return `Envelope<${resultType(spec, op)}>`;
}

/** The type of one item of a page: `data.data[]` of the response, where it says. */
function itemType(spec, op) {
  const items = deref(spec, deref(spec, dataSchema(spec, op))?.properties?.data);
  return items?.type === 'array' ? tsType(spec, items.items, '  ') : 'unknown';
}

const PARAM_TYPES = { id: 'number', token: 'string', idOrToken: 'number | string' };

function signature(e, spec, op) {
  const types = e.params;
  const args = [...e.path.matchAll(/\{(\w+)\}/g)].map(([, p], i) => `${camel(p)}: ${PARAM_TYPES[types[i]]}`);
  // Editors show this line on hover: the description's summary, then the method and path.
  const summary = `${docText(op.summary ?? op.description).replace(/\.$/, '')}. \`${e.method} ${e.path}\``;
  if (e.paged) {
    args.push(`query?: ${queryType(spec, op)}`);
    return `${doc(summary, '  ')}  ${e.name}: Paged<[${args.join(', ')}], ${itemType(spec, op)}, ${resultType(spec, op)}>;\n`;
  }
  const body = () => bodyType(spec, op);
  if (e.input === 'query') args.push(`query?: ${queryType(spec, op)}`);
  if (e.input === 'body') args.push(`body: ${body()}`);
  if (e.input === 'optionalBody') args.push(`body?: ${body()}`);
  if (e.input === 'bodyAndQuery') args.push(`body: ${body()}`, `query?: ${queryType(spec, op)}`);
  if (e.input === 'optionalBodyAndQuery') args.push(`body?: ${body()}`, `query?: ${queryType(spec, op)}`);
  args.push('options?: CallOptions');
  return `${doc(summary, '  ')}  ${e.name}(${args.join(', ')}): Call<${answerType(e, spec, op)}>;\n`;
}

// ---------------------------------------------------------------- output

const hand = handWritten();
const areas = new Map(); // area -> [signature]
let count = 0;
for (const e of endpointTable()) {
  if (e.path.startsWith('/connections') || hand.get(e.area)?.has(e.name)) continue;
  const spec = findOperation(v3, e.method, e.path) && !PREFER_SWAGGER[`${e.area}.${e.name}`] ? v3 : v2;
  const op = findOperation(spec, e.method, e.path);
  if (!op) throw new Error(`${e.area}.${e.name}: ${e.method} ${e.path} is in neither description`);
  if (!areas.has(e.area)) areas.set(e.area, []);
  areas.get(e.area).push(signature(e, spec, op));
  count += 1;
}

const iface = (area) => (hand.has(area) ? `${pascal(area)}More` : `${pascal(area)}Api`);
let text = `// Generated by scripts/gen-types.mjs from ClickSend's API descriptions: do not edit.
// ${count} functions; the core set is declared by hand in index.d.ts.
import type { Call, CallOptions, Envelope, Paged } from './index.js';

`;
for (const [area, sigs] of [...areas].sort(([a], [b]) => a.localeCompare(b))) {
  text += `export interface ${iface(area)} {\n${sigs.join('')}}\n\n`;
}
const newAreas = [...areas.keys()].filter((a) => !hand.has(a)).sort();
text += `/** The areas that index.d.ts does not declare by hand. */\nexport interface GeneratedAreas {\n${newAreas.map((a) => `  readonly ${a}: ${iface(a)};\n`).join('')}}\n\n`;
text += emitNamed();

if (process.argv.includes('--check')) {
  const current = readFileSync(out, 'utf8');
  if (current !== text) {
    console.error('js/types/generated.d.ts is not what scripts/gen-types.mjs generates from the descriptions: run it and commit the result');
    process.exit(1);
  }
  console.log(`js/types/generated.d.ts is up to date (${count} functions)`);
} else {
  writeFileSync(out, text);
  console.log(`wrote js/types/generated.d.ts: ${count} functions, ${named.size} schemas, areas with extras: ${[...areas.keys()].filter((a) => hand.has(a)).join(', ')}`);
}
