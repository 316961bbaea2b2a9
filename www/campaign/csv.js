// A campaign's recipients from CSV text: its rows by column name, each phone number read as
// ClickSend would (parsePhone), duplicates dropped, bad rows kept with their line and why.
import { parsePhone } from '../api.js';

const MAX_ROWS = 10_000;

/** A CSV line's fields: commas, and double quotes around fields that hold them ("" for "). */
function csvFields(line) {
  const out = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      out.push(field.trim());
      field = '';
    } else field += c;
  }
  out.push(field.trim());
  return out;
}

/** A CSV's rows as `{number, row}`: its line number, and its fields by column name. */
export function readCsv(text) {
  const lines = text.split(/\r?\n/);
  const header = csvFields(lines[0] ?? '').map((h) => h.toLowerCase());
  if (!header.includes('phone')) return { error: 'The first line must name the columns, one of them `phone`.' };
  const rows = [];
  lines.forEach((line, i) => {
    if (i === 0 || line.trim() === '') return;
    const fields = csvFields(line);
    rows.push({ number: i + 1, row: Object.fromEntries(header.map((h, k) => [h, fields[k] ?? ''])) });
  });
  return { rows };
}

/** Each row with a valid phone number once; the bad ones with their line and why. */
export function recipientsOf(rows, country) {
  if (rows.length > MAX_ROWS) return { error: `At most ${MAX_ROWS.toLocaleString()} rows: this has ${rows.length.toLocaleString()}.` };
  const seen = new Set();
  const recipients = [];
  const bad = [];
  let duplicates = 0;
  for (const { number, row } of rows) {
    try {
      row.phone = parsePhone(row.phone, country);
    } catch (e) {
      bad.push({ number, why: e.message.replace(/^parsePhone: /, '') });
      continue;
    }
    if (seen.has(row.phone)) duplicates++;
    else {
      seen.add(row.phone);
      recipients.push(row);
    }
  }
  return { recipients, bad, duplicates };
}
