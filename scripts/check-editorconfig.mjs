// Checks every file git tracks against .editorconfig (read by the `editorconfig` package, as
// editors read it): UTF-8, LF line ends, a final newline, no trailing white space, and the
// indent style. Line length is left to rustfmt and Biome, which know where a line may break.
//   node scripts/check-editorconfig.mjs     prints each problem; exits 1 if there is one
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import editorconfig from 'editorconfig';

const root = resolve(import.meta.dirname, '..');
const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
const problems = [];

for (const file of files) {
  const bytes = readFileSync(resolve(root, file));
  if (bytes.includes(0)) continue; // binary
  const rules = editorconfig.parseSync(resolve(root, file));
  const say = (line, what) => problems.push(`${file}${line ? `:${line}` : ''}: ${what}`);
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    if (rules.charset === 'utf-8') say(0, 'not UTF-8');
    continue;
  }
  if (rules.end_of_line === 'lf' && text.includes('\r')) say(0, 'has CR line ends (end_of_line = lf)');
  if (rules.insert_final_newline === true && text.length > 0 && !text.endsWith('\n')) say(0, 'no final newline');
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (rules.trim_trailing_whitespace === true && /[ \t]$/.test(line)) say(i + 1, 'trailing white space');
    if (rules.indent_style === 'space' && /^ *\t/.test(line)) say(i + 1, 'indented with a tab (indent_style = space)');
    if (rules.indent_style === 'tab' && /^ +\S/.test(line) && !/^ +\*/.test(line)) say(i + 1, 'indented with spaces (indent_style = tab)');
  });
}

for (const p of problems.slice(0, 50)) console.error(p);
if (problems.length > 50) console.error(`... and ${problems.length - 50} more`);
console.log(`editorconfig: ${files.length} files, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
