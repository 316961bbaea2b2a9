// The README's "Use it" snippets are the files the package tests run: each code block after
// a `<!-- from: path -->` marker must appear, line for line, in that file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const marked = /<!-- from: (\S+) -->\n```\w*\n([\s\S]*?)```/g;
const snippets = [...readme.matchAll(marked)];
// docs/ pages hold longer loops taken from tested files the same way.
const docSnippets = [...readFileSync(new URL('docs/exactly-once.md', root), 'utf8').matchAll(marked)];

test('readme: the npm page stays short, with the two commands at its top', () => {
  const lines = readme.split('\n');
  // 500 since the package has a second entry, the testing kit, with a snippet per test runner.
  assert.ok(lines.length <= 500, `README.md has ${lines.length} lines (at most 500; how the repository works goes in CONTRIBUTING.md)`);
  const commands = readme.indexOf('## The two commands');
  assert.ok(commands > 0 && commands < readme.indexOf('\n## ', readme.indexOf('\n## ') + 1) + 1, 'the two commands are the first section');
  assert.match(readme.slice(commands), /^## The two commands\n\n```sh\nbash scripts\/demo\.sh .*\nbash scripts\/test\.sh .*\n```/);
});

test('readme: has snippets taken from tested files', () => {
  assert.ok(snippets.length >= 5, `found ${snippets.length}`);
});

test('readme: docs/exactly-once.md has its campaign loop taken from a tested file', () => {
  assert.ok(docSnippets.length >= 1, `found ${docSnippets.length}`);
});

for (const [, path, code] of [...snippets, ...docSnippets]) {
  test(`readme: the snippet from ${path} is in that file`, () => {
    const file = readFileSync(new URL(path, root), 'utf8');
    // A snippet may leave lines out, but each of its lines must be in the file, in order.
    let at = 0;
    for (const line of code.trimEnd().split('\n')) {
      if (line.trim() === '') continue;
      const found = file.indexOf(`${line}\n`, at);
      assert.ok(found >= 0, `not in ${path} (in this order): ${line}`);
      at = found + line.length;
    }
  });
}
