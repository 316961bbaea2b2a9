// The package's .d.ts declares exactly the functions of endpoints(): read with the
// TypeScript compiler API, so the table and the types cannot drift apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { endpoints } from 'clicksend-wasm';

test('index.d.ts declares every function of the endpoint table, and no other', () => {
  const file = fileURLToPath(new URL('../../pkg/index.d.ts', import.meta.url));
  const program = ts.createProgram([file], { strict: true, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const clickSend = source.statements.find((s) => ts.isClassDeclaration(s) && s.name?.text === 'ClickSend');
  const declared = [];
  for (const member of clickSend.members) {
    if (!ts.isPropertyDeclaration(member)) continue;
    const area = member.name.getText(source);
    for (const fn of checker.getTypeAtLocation(member).getProperties()) declared.push(`${area}.${fn.name}`);
  }
  const table = endpoints().map((e) => `${e.area}.${e.name}`);
  assert.deepEqual(declared.sort(), table.sort());
  assert.ok(!ts.sys.readFile(file).match(/\bany\b/), 'no `any` in the public types');
});
