// The path-parameter kinds, read from the one place they are declared
// (crates/core/src/path.rs): string ids (TOKEN_PARAMS), ids that may be a number or a
// string (KEY_PARAMS); every other parameter is a numeric id.
import { readFileSync } from 'node:fs';

export function paramKinds() {
  const src = readFileSync(new URL('../crates/core/src/path.rs', import.meta.url), 'utf8');
  const list = (name) => [...src.match(new RegExp(`const ${name}: &\\[&str\\] =([^;]*);`))[1].matchAll(/"(\w+)"/g)].map((m) => m[1]);
  return { tokens: new Set(list('TOKEN_PARAMS')), keys: new Set(list('KEY_PARAMS')) };
}
