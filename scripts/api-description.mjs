// What the type generator and the conformance tests both need to know about ClickSend's API
// descriptions, kept in one place.
import { readFileSync } from 'node:fs';

/** The path-parameter kinds, read from the one place they are declared
 *  (crates/core/src/path.rs): string ids (TOKEN_PARAMS), ids that may be a number or a
 *  string (KEY_PARAMS); every other parameter is a numeric id. */
export function paramKinds() {
  const src = readFileSync(new URL('../crates/core/src/path.rs', import.meta.url), 'utf8');
  const list = (name) => [...src.match(new RegExp(`const ${name}: &\\[&str\\] =([^;]*);`))[1].matchAll(/"(\w+)"/g)].map((m) => m[1]);
  return { tokens: new Set(list('TOKEN_PARAMS')), keys: new Set(list('KEY_PARAMS')) };
}

/** Operations to take from swagger-v2.yaml although openapi-v3.yaml has them, and why. */
export const PREFER_SWAGGER = {
  // openapi-v3.yaml gives this body update_payment_info_request (a credit card): a copy of the
  // wrong schema. swagger-v2.yaml's ResellerAccountTransferCredit is the transfer.
  'reseller.transferCredit': 'openapi-v3.yaml describes a credit card as its body',
};
