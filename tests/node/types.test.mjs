// The package's .d.ts declares exactly the functions of endpoints() (hand-written core in
// index.d.ts, the rest generated from ClickSend's descriptions into generated.d.ts), read
// with the TypeScript compiler API, so the table and the types cannot drift apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { endpoints } from 'clicksend-wasm';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('the .d.ts declares every function of the endpoint table, and no other', () => {
  const file = `${root}pkg/index.d.ts`;
  const program = ts.createProgram([file], { strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const clickSend = checker.getExportsOfModule(checker.getSymbolAtLocation(source)).find((s) => s.name === 'ClickSend');
  const declared = [];
  // The class and the interface merged into it (GeneratedAreas).
  for (const area of checker.getDeclaredTypeOfSymbol(clickSend).getProperties()) {
    if (area.name === 'request') continue;
    const type = checker.getTypeOfSymbolAtLocation(area, source);
    for (const fn of type.getProperties()) declared.push(`${area.name}.${fn.name}`);
  }
  const table = endpoints().map((e) => `${e.area}.${e.name}`);
  assert.equal(table.length, 213);
  // Besides the table: the bulk helpers of the three send functions.
  const helpers = ['sms.sendBulk', 'mms.sendBulk', 'voice.sendBulk'];
  assert.deepEqual(declared.sort(), [...table, ...helpers].sort());
  for (const f of ['index.d.ts', 'generated.d.ts']) {
    assert.ok(!/:\s*any\b|<any>|\bany\[\]/.test(readFileSync(`${root}pkg/${f}`, 'utf8')), `no \`any\` in ${f}`);
  }
});

const shared = `${root}../shared/clicksend-api/openapi-v3.yaml`;
test("generated.d.ts is what the generator makes from ClickSend's descriptions", { skip: existsSync(shared) ? false : `${shared} is not there` }, () => {
  const out = execFileSync(process.execPath, [`${root}scripts/gen-types.mjs`, '--check'], { encoding: 'utf8' });
  assert.match(out, /is up to date/);
});
