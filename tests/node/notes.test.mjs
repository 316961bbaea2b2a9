// Comments say why; the figures behind them live in bench/NOTES.md, one place to keep true.
// A comment points at its figure as `bench/NOTES.md, section "Title"` (or `bench/NOTES.md,
// "Title"`): every such pointer must name a heading that is there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const FOLDERS = ['src', 'crates', 'js', 'scripts', 'sandbox', 'www', 'examples', 'bench'];
const SOURCE = /\.(rs|js|mjs|cjs|sh|toml)$/;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'target' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (SOURCE.test(name)) yield path;
  }
}

/** The comments' text of a file, with comment markers and line breaks made single spaces. */
const commentText = (text) =>
  text
    .split('\n')
    .map((line) => line.match(/(?:\/\/[/!]?|^\s*#|^\s*\*)\s?(.*)$/)?.[1] ?? '')
    .join(' ')
    .replace(/\s+/g, ' ');

const headings = new Set(
  readFileSync(`${root}bench/NOTES.md`, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('#'))
    .map((l) => l.replace(/^#+\s*/, '')),
);

test('every pointer from a comment into bench/NOTES.md names a section that is there', () => {
  const pointers = [];
  for (const folder of FOLDERS) {
    for (const file of files(`${root}${folder}`)) {
      for (const m of commentText(readFileSync(file, 'utf8')).matchAll(/bench\/NOTES\.md, (?:section )?"([^"]+)"/g)) {
        pointers.push({ file: file.slice(root.length), section: m[1] });
      }
    }
  }
  for (const m of commentText(readFileSync(`${root}Cargo.toml`, 'utf8')).matchAll(/bench\/NOTES\.md, (?:section )?"([^"]+)"/g)) {
    pointers.push({ file: 'Cargo.toml', section: m[1] });
  }
  assert.ok(pointers.length >= 15, `found ${pointers.length} pointers`);
  assert.deepEqual(
    pointers.filter((p) => !headings.has(p.section)),
    [],
  );
});
