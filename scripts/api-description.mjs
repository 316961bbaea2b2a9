// What the type generator and the conformance tests both need to know about ClickSend's API
// descriptions, kept in one place.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Where ClickSend's API descriptions are (openapi-v3.yaml, swagger-v2.yaml): CLICKSEND_API_DIR,
 * else shared/clicksend-api beside the checkout. Every generator and test reads it from here.
 */
export const API_DIR = process.env.CLICKSEND_API_DIR ?? fileURLToPath(new URL('../../shared/clicksend-api', import.meta.url));

/** The kind of each path parameter of each operation (`id`, `token` or `idOrToken`), read
 *  from the rows of the endpoint table (crates/core/src/endpoints.rs), where
 *  `.path_params(&[...])` gives them; a parameter it leaves out is a numeric id.
 *  `paramKinds().of(endpoint)` is the list for one entry of `endpoints()`. */
export function paramKinds() {
  const src = readFileSync(new URL('../crates/core/src/endpoints.rs', import.meta.url), 'utf8');
  const byOperation = new Map();
  for (const [, area, name, list] of src.matchAll(/\("(\w+)", "(\w+)",[^\n]*?\.path_params\(&\[([^\]]*)\]\)/g)) {
    const kinds = list.split(',').map((k) => ({ Id: 'id', Token: 'token', IdOrToken: 'idOrToken' })[k.trim()]);
    byOperation.set(`${area}.${name}`, kinds);
  }
  if (byOperation.size === 0) throw new Error('paramKinds: no .path_params rows found in endpoints.rs');
  const of = (e) => [...e.path.matchAll(/\{(\w+)\}/g)].map((_, i) => byOperation.get(`${e.area}.${e.name}`)?.[i] ?? 'id');
  return { of };
}

/** The operations whose rows say `.plain_answer()` (a success is a plain object, not the
 *  envelope), by `area.name`. */
export function plainAnswers() {
  const src = readFileSync(new URL('../crates/core/src/endpoints.rs', import.meta.url), 'utf8');
  return new Set([...src.matchAll(/\("(\w+)", "(\w+)",[^\n]*?\.plain_answer\(\)/g)].map(([, area, name]) => `${area}.${name}`));
}

/** Operations to take from swagger-v2.yaml although openapi-v3.yaml has them, and why. */
export const PREFER_SWAGGER = {
  // openapi-v3.yaml gives this body update_payment_info_request (a credit card): a copy of the
  // wrong schema. swagger-v2.yaml's ResellerAccountTransferCredit is the transfer.
  'reseller.transferCredit': 'openapi-v3.yaml describes a credit card as its body',
};
