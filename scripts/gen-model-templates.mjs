// Writes crates/model/src/templates.json: for each operation of openapi-v3.yaml, the shape of
// its 200 answer as the model fills it in (every documented field, with its type), and the
// list of places where the description contradicts itself and the model follows its examples.
//
//   node scripts/gen-model-templates.mjs          # rewrite the file
//   node scripts/gen-model-templates.mjs --check  # exit 1 if the file is not what it would write
//
// A template is the answer's skeleton: an object of fields, `[item]` for an array, and at the
// leaves a type name ("string", "integer", "number", "boolean", "any"), with "?" where the
// field may be null. No descriptions, examples or values are taken over: only names and types.
import { readFileSync, writeFileSync } from 'node:fs';
import YAML from 'yaml';
import { API_DIR } from './api-description.mjs';

const root = new URL('..', import.meta.url);
const specFile = `${API_DIR}/openapi-v3.yaml`;
const outFile = new URL('crates/model/src/templates.json', root);
const doc = YAML.parse(readFileSync(specFile, 'utf8'), { maxAliasCount: -1 });
const schemas = doc.components.schemas;

function deref(s) {
  let seen = 0;
  let name = null;
  while (s?.$ref && seen++ < 20) {
    name = s.$ref.split('/').at(-1);
    s = schemas[name];
  }
  return { s, name };
}

const typeOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);
const SCALARS = new Set(['string', 'integer', 'number', 'boolean']);

/** Where the description's example gives a scalar field another type than its schema declares,
 *  the example wins (ClickSend answers as its examples show): `decisions` lists each. The
 *  example of a schema, or the part of an enclosing schema's example, is walked beside it. */
const decisions = new Map();

function scalar(s, example, where) {
  const declared = s.nullable ? `${s.type}?` : s.type;
  // A place decided by any answer's example is answered so in every answer that has it.
  const known = [...decisions.values()].find((d) => d.schema === where && d.declared === declared);
  if (known) return known.answered;
  if (example === undefined || example instanceof Date) return declared;
  const seen = typeOf(example);
  let answered = declared;
  if (seen === 'null' && !s.nullable) answered = `${s.type}?`;
  else if (seen !== 'null' && seen !== s.type && !(s.type === 'number' && seen === 'integer')) answered = s.nullable ? `${seen}?` : seen;
  if (answered !== declared) decisions.set(`${where}:${answered}`, { schema: where, declared, answered });
  return answered;
}

function template(schema, depth, where, inherited) {
  const { s, name } = deref(schema);
  if (!s || depth > 12) return 'any';
  const here = name ?? where;
  const example = s.example !== undefined && typeof s.example === 'object' ? s.example : inherited;
  if (s.allOf) {
    const parts = s.allOf.map((x) => template(x, depth + 1, here, example));
    const objects = parts.filter((p) => p && typeof p === 'object' && !Array.isArray(p));
    const arrays = parts.filter(Array.isArray);
    // A page and an array in one allOf (no value is both): the array is the page's items.
    if (objects.length && arrays.length) {
      decisions.set(`${here}:allOf`, { schema: here, declared: 'allOf of a page and an array', answered: 'the page, with the array as its data' });
      return Object.assign({}, ...objects, { data: arrays[0] });
    }
    return objects.length ? Object.assign({}, ...objects) : parts[0];
  }
  if (s.type === 'array' || s.items) return [template(s.items, depth + 1, `${here}[]`, Array.isArray(example) ? example[0] : undefined)];
  if (s.type === 'object' || s.properties) {
    const out = {};
    const own = example && typeof example === 'object' && !Array.isArray(example) ? example : undefined;
    for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = template(v, depth + 1, `${here}.${k}`, own?.[k]);
    return out;
  }
  // The enclosing example (a whole answer) over the field's own: it shows what ClickSend sends.
  if (SCALARS.has(s.type)) return scalar(s, inherited !== undefined ? inherited : s.example, here);
  return 'any';
}

const normalize = (p) => p.replace(/\/$/, '').replace(/\{[^}]+\}/g, '{}');
const ops = {};
// Twice: the second pass answers every place the first found decided in the same way.
for (let pass = 0; pass < 2; pass++) {
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method];
      const schema = op?.responses?.['200']?.content?.['application/json']?.schema;
      if (!schema) continue;
      ops[`${method.toUpperCase()} ${normalize(path.replace(/^\/v3/, ''))}`] = template(schema, 0, 'response');
    }
  }
}

/** Answers the model gives in ClickSend's envelope although the description shows them bare,
 *  and why: the description contradicts itself there. */
const ENVELOPED_ANYWAY = {
  'GET /mms-campaigns': 'every other mms-campaigns answer, and every other paginated list, is in the envelope',
};
for (const [key, why] of Object.entries(ENVELOPED_ANYWAY)) {
  ops[key] = { http_code: 'integer', response_code: 'string', response_msg: 'string', data: ops[key] };
  decisions.set(key, { schema: key, declared: 'a page without the envelope', answered: 'the page in the envelope', why });
}

const sorted = Object.fromEntries(Object.entries(ops).sort(([a], [b]) => a.localeCompare(b)));
const text = `${JSON.stringify({ decisions: [...decisions.values()], ops: sorted }, null, 1)}\n`;
if (process.argv.includes('--check')) {
  const current = readFileSync(outFile, 'utf8');
  if (current !== text) {
    console.error('crates/model/src/templates.json is not what scripts/gen-model-templates.mjs makes of openapi-v3.yaml: run it');
    process.exit(1);
  }
} else {
  writeFileSync(outFile, text);
  console.log(`${Object.keys(sorted).length} operations, ${decisions.size} decisions`);
}
