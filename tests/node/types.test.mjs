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
import { API_DIR } from '../../scripts/api-description.mjs';
import { endpointTable } from '../../scripts/endpoint-table.mjs';

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
  // Besides the table: the bulk helpers of the three sends and their quotes, and sms.reconcile.
  const helpers = ['sms.sendBulk', 'mms.sendBulk', 'voice.sendBulk', 'sms.priceBulk', 'mms.priceBulk', 'voice.priceBulk', 'sms.reconcile'];
  assert.deepEqual(declared.sort(), [...table, ...helpers].sort());
  for (const f of ['index.d.ts', 'generated.d.ts']) {
    assert.ok(!/:\s*any\b|<any>|\bany\[\]/.test(readFileSync(`${root}pkg/${f}`, 'utf8')), `no \`any\` in ${f}`);
  }
});

test('every public function, option and operation has a doc comment; an operation names its method and path', () => {
  const file = `${root}pkg/index.d.ts`;
  const program = ts.createProgram([file], { strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(source));
  const docOf = (symbol) => ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
  const missing = [];
  const need = (what, symbol, must) => {
    const text = docOf(symbol);
    if (!text || (must && !text.includes(must))) missing.push(`${what}${must ? ` (must name ${must})` : ''}: ${JSON.stringify(text)}`);
  };
  const byName = (name) => exports.find((s) => s.name === name);
  // The operations: every function of every area, with `METHOD /path`.
  const table = new Map(endpoints().map((e) => [`${e.area}.${e.name}`, `\`${e.method} ${e.path}\``]));
  const clickSend = byName('ClickSend');
  for (const area of checker.getDeclaredTypeOfSymbol(clickSend).getProperties()) {
    if (area.name === 'request') {
      need('request', area);
      continue;
    }
    for (const fn of checker.getTypeOfSymbolAtLocation(area, source).getProperties()) need(`${area.name}.${fn.name}`, fn, table.get(`${area.name}.${fn.name}`));
  }
  // The constructors, the functions and the options objects.
  for (const cls of ['ClickSend', 'ClickSendError']) {
    for (const signature of checker.getTypeOfSymbolAtLocation(byName(cls), source).getConstructSignatures()) {
      if (!ts.displayPartsToString(signature.getDocumentationComment(checker)).trim()) missing.push(`new ${cls}()`);
    }
  }
  for (const fn of ['endpoints', 'smsParts', 'toGsm7', 'parsePhone', 'parseWebhook']) need(fn, byName(fn));
  for (const type of ['ClickSendOptions', 'CallOptions', 'AllOptions', 'BulkOptions', 'PriceBulkOptions', 'ClickSendErrorOptions']) {
    for (const option of checker.getDeclaredTypeOfSymbol(byName(type)).getProperties()) need(`${type}.${option.name}`, option);
  }
  for (const member of checker.getDeclaredTypeOfSymbol(byName('ClickSendError')).getProperties()) {
    if (member.name !== 'stack' && member.name !== 'message' && member.name !== 'cause') need(`ClickSendError.${member.name}`, member);
  }
  assert.deepEqual(missing, []);
});

const shared = `${API_DIR}/openapi-v3.yaml`;
test("generated.d.ts is what the generator makes from ClickSend's descriptions", { skip: existsSync(shared) ? false : `${shared} is not there` }, () => {
  const out = execFileSync(process.execPath, [`${root}scripts/gen-types.mjs`, '--check'], { encoding: 'utf8' });
  assert.match(out, /is up to date/);
});

// The generators (this one, the lazy entry's table) read the native binary; the package's
// endpoints() reads the .wasm. Both print clicksend_core::endpoints::table_json.
test("the generators' endpoint table is the package's endpoints()", () => {
  const native = endpointTable();
  assert.equal(native.length, 213);
  assert.deepEqual(native, endpoints());
});
