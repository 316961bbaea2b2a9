// ClickSend's API descriptions, read from shared/clicksend-api beside the checkout, and which
// one describes each entry of the endpoint table. Shared by the conformance tests.
import { existsSync, readFileSync } from 'node:fs';
import YAML from 'yaml';
import { API_DIR, PREFER_SWAGGER } from '../../scripts/api-description.mjs';

export const specs = API_DIR;
export const available = existsSync(`${specs}/openapi-v3.yaml`);
export const skip = available ? false : `ClickSend's API descriptions are not at ${specs} (CLICKSEND_API_DIR, or ../shared/clicksend-api beside the checkout)`;

export const load = (file) => YAML.parse(readFileSync(`${specs}/${file}`, 'utf8'), { maxAliasCount: -1 });
export const descriptions = available ? { v3: { doc: load('openapi-v3.yaml'), prefix: '/v3' }, v2: { doc: load('swagger-v2.yaml'), prefix: '' } } : null;

export const normalize = (p) => p.replace(/\/$/, '').replace(/\{[^}]+\}/g, '{}');
export const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** The operation of a description for a table entry, and whether its path is written as
 *  the client sends it (not with a trailing slash). */
export function find(spec, e) {
  for (const [p, item] of Object.entries(spec.doc.paths)) {
    const op = item[e.method.toLowerCase()];
    if (op && normalize(p) === normalize(spec.prefix + e.path)) return { op, exact: !p.endsWith('/') };
  }
  return null;
}

/** Which description to validate an operation against: openapi-v3.yaml where it has the
 *  operation, else swagger-v2.yaml; also swagger-v2.yaml where scripts/api-description.mjs
 *  says why, and where openapi-v3.yaml writes the path with a trailing slash (its own curl
 *  examples, swagger-v2.yaml and the older docs have none, as the client sends it; Prism
 *  cannot route those). */
export function descriptionFor(e) {
  const v3 = find(descriptions.v3, e);
  const v2 = find(descriptions.v2, e);
  if (v3 && (!v2 || (v3.exact && !PREFER_SWAGGER[`${e.area}.${e.name}`]))) return { name: 'v3', ...v3 };
  return { name: 'v2', ...v2 };
}

/** A `$ref` followed to what it names, in `doc`. */
export function deref(doc, s) {
  let seen = 0;
  while (s?.$ref && seen++ < 20) {
    const path = s.$ref.replace(/^#\//, '').split('/');
    s = path.reduce((v, k) => v?.[k], doc);
  }
  return s;
}
