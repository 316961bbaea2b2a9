// The demo page: clicksend-wasm in a browser. Every call goes to /api/ on the page's own
// server (scripts/demo-server.mjs), which adds the credentials: the page holds no key.
import { ClickSend, ClickSendError, parsePhone, smsParts, toGsm7 } from '../pkg/js/web.js';

const $ = (id) => document.getElementById(id);
const config = await (await fetch('config.json')).json();
const client = new ClickSend({ baseUrl: `${location.origin}/api` });
const HISTORY_PAGE = 8;
const MODES = { sandbox: 'the local sandbox', maton: 'ClickSend via the Maton gateway', clicksend: 'ClickSend directly' };
$('mode').textContent = `talking to ${MODES[config.mode] ?? config.mode}`;

// ---- errors, in plain words ------------------------------------------------------------

function explain(e) {
  if (!(e instanceof ClickSendError)) return `Something went wrong: ${e.message ?? e}`;
  switch (e.status) {
    case 401:
      return 'Check your API key: ClickSend did not accept the credentials.';
    case 403:
      return 'Your account is not allowed to do that.';
    case 404:
      return 'Not found: it may have been deleted already.';
  }
  if (e.code === 'INVALID_ARGUMENT') return e.message;
  if (e.code === 'NETWORK_ERROR') return 'Could not reach the server. Is the demo server still running?';
  if (e.code === 'TIMEOUT') return e.ambiguous ? 'No answer in time. The message may have gone out: check the history before sending again.' : 'No answer in time. Try again.';
  return e.message;
}

let noticeOwner = null;

/** Shows (or with '' hides) the notice; `owner` lets an action clear only its own. */
function notify(text, kind = 'error', owner = null) {
  noticeOwner = owner;
  const box = $('notice');
  box.className = kind;
  box.textContent = text;
  box.hidden = !text;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs one user action with its errors shown. When ClickSend still answers 429 after the
 * client's own retries, says so and tries again after Retry-After, twice at most.
 */
async function attempt(action) {
  const me = {};
  for (let tries = 0; ; tries++) {
    try {
      const result = await action();
      if (noticeOwner === me) notify('');
      return result;
    } catch (e) {
      if (e instanceof ClickSendError && e.status === 429 && tries < 2) {
        const wait = e.retryAfter ?? 5;
        notify(`Rate limited by ClickSend: retrying in ${wait} s.`, 'warning', me);
        await sleep(wait * 1000);
        continue;
      }
      notify(explain(e), 'error', me);
      return undefined;
    }
  }
}

/** Disables a button while its action runs, so a double click cannot send twice. */
function busy(button, action) {
  return async (event) => {
    event?.preventDefault();
    if (button.disabled) return;
    button.disabled = true;
    notify(''); // a new action: the last one's message no longer applies
    try {
      await action();
    } finally {
      button.disabled = false;
    }
  };
}

function el(tag, text, props = {}) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  return Object.assign(node, props);
}

function row(...cells) {
  const tr = el('tr');
  tr.append(...cells.map((c) => (c instanceof Node ? wrapCell(c) : el('td', String(c ?? '')))));
  return tr;
}

function wrapCell(node) {
  const td = el('td');
  td.append(node);
  return td;
}

/** Amounts under a dollar keep four decimals: an SMS costs cents and fractions of them. */
const money = (currency, amount) => `${currency?.currency_prefix_d ?? '$'}${Number(amount).toFixed(Math.abs(Number(amount)) < 1 ? 4 : 2)}`;
const when = (seconds) => new Date(Number(seconds) * 1000).toLocaleString([], { dateStyle: 'short', timeStyle: 'short' });

// ---- balance ---------------------------------------------------------------------------

async function refreshBalance() {
  const account = await attempt(() => client.account.get());
  if (account) $('balance').textContent = money(account.data._currency, account.data.balance);
}

// ---- compose: counter, templates, quote, send ------------------------------------------

const partsText = (n) => `${n} part${n === 1 ? '' : 's'}`;

function updateCount() {
  const body = $('body').value;
  const p = smsParts(body);
  $('count').textContent = `${p.characters} characters · ${partsText(p.parts)} (${p.encoding}) · ${p.remainingInPart} left in this part`;
  explainUcs2(body, p);
}

/** Says which characters make the message UCS-2, and offers the GSM-7 look-alikes when they save parts. */
function explainUcs2(body, p) {
  const fixed = toGsm7(body);
  const after = smsParts(fixed.text);
  const saves = after.parts < p.parts || (after.encoding === 'GSM-7' && p.encoding === 'UCS-2');
  $('ucs2').hidden = p.nonGsm.length === 0;
  if ($('ucs2').hidden) return;
  const chars = [...new Set(p.nonGsm.map((c) => c.char))].join(' ');
  $('ucs2-why').textContent = `UCS-2 (about twice the cost per character) because of: ${chars}`;
  $('to-gsm7').hidden = !saves || fixed.text === body;
  $('to-gsm7').textContent = `Use plain look-alikes: ${partsText(p.parts)} → ${partsText(after.parts)}${fixed.unreplaced.length ? ' (some characters stay)' : ''}`;
  quoteBoth(body, fixed.text);
}

let quoteTimer;
/** The price of the message as written and with the look-alikes, once typing pauses. */
function quoteBoth(body, fixed) {
  clearTimeout(quoteTimer);
  quoteTimer = setTimeout(async () => {
    let to;
    try {
      to = parsePhone($('to').value, 'AU');
    } catch {
      return; // no price without a number; the counter still tells the parts
    }
    const price = (text) => client.sms.price({ messages: [{ to, body: text, source: 'clicksend-wasm-demo' }] }).then((r) => money(r.data._currency, r.data.total_price));
    try {
      const [before, after] = await Promise.all([price(body), price(fixed)]);
      if ($('body').value === body) $('to-gsm7').textContent += ` · ${before} → ${after}`;
    } catch {
      // A quote that fails leaves the offer as it is.
    }
  }, 300);
}

function replaceLookAlikes() {
  $('body').value = toGsm7($('body').value).text;
  updateCount();
}

/** The message as the form describes it; throws a ClickSendError for a bad number. */
function composed() {
  return { messages: [{ to: parsePhone($('to').value, 'AU'), body: $('body').value, source: 'clicksend-wasm-demo' }] };
}

async function loadTemplates() {
  const res = await attempt(() => client.smsTemplates.list({ limit: 100 }));
  if (!res) return;
  const options = res.data.data.map((t) => el('option', t.template_name, { value: t.body }));
  $('template').replaceChildren(el('option', 'None: write your own', { value: '' }), ...options);
}

async function quote() {
  const res = await attempt(async () => client.sms.price(composed()));
  if (res) $('quote-result').textContent = `Quote: ${money(res.data._currency, res.data.total_price)} for ${res.data.total_count} message${res.data.total_count === 1 ? '' : 's'}.`;
}

async function send() {
  const res = await attempt(async () => client.sms.send(composed()));
  if (!res) return;
  const rows = res.data.messages.map((m) =>
    row(m.to, el('span', m.status, { className: `status ${m.status === 'SUCCESS' ? 'ok' : 'bad'}` }), m.message_parts, money(res.data._currency, m.message_price)),
  );
  $('sent').tBodies[0].replaceChildren(...rows);
  $('sent').hidden = false;
  $('quote-result').textContent = '';
  await Promise.all([refreshBalance(), showHistory()]);
}

// ---- history and receipts --------------------------------------------------------------

let historyPage = 0; // 0 = the newest page

/** ClickSend lists history oldest first: the newest messages are on the last page. */
async function showHistory(page = 0) {
  const first = await attempt(() => client.sms.history({ page: 1, limit: HISTORY_PAGE }));
  if (!first) return;
  const last = Math.max(first.data.last_page, 1);
  const target = page === 0 ? last : Math.min(Math.max(page, 1), last);
  const res = target === 1 ? first : await attempt(() => client.sms.history({ page: target, limit: HISTORY_PAGE }));
  if (!res) return;
  historyPage = target;
  const rows = res.data.data
    .slice()
    .reverse()
    .map((m) => row(el('span', when(m.date), { className: 'nowrap' }), el('span', m.to, { className: 'nowrap' }), m.body, el('span', m.status, { className: 'status' })));
  $('history').replaceChildren(...(rows.length ? rows : [row('No messages yet.', '', '', '')]));
  $('page-info').textContent = `Page ${last - target + 1} of ${last}`;
  $('newer').disabled = target >= last;
  $('older').disabled = target <= 1;
  await showReceipts();
}

async function showReceipts() {
  const res = await attempt(() => client.sms.receipts({ limit: 5 }));
  if (!res) return;
  const items = res.data.data
    .slice()
    .reverse()
    .map((r) => el('li', `${when(r.timestamp)}: ${r.status_text} (message …${r.message_id.slice(-6)})`));
  $('receipts').replaceChildren(...(items.length ? items : [el('li', 'No receipts yet.')]));
}

// ---- contact lists and contacts --------------------------------------------------------

let lists = [];
const currentList = () => Number($('lists').value);

async function loadLists(select) {
  const res = await attempt(() => client.lists.list({ limit: 100 }));
  if (!res) return;
  lists = res.data.data;
  $('lists').replaceChildren(...lists.map((l) => el('option', `${l.list_name} (${l._contacts_count ?? 0})`, { value: String(l.list_id) })));
  // The campaign's list picker shows the same lists: one request fills both.
  const chosen = $('campaign-list').value;
  $('campaign-list').replaceChildren(el('option', '(the CSV above)', { value: '' }), ...lists.map((l) => el('option', l.list_name, { value: String(l.list_id) })));
  $('campaign-list').value = lists.some((l) => String(l.list_id) === chosen) ? chosen : '';
  if (select) $('lists').value = String(select);
  await showContacts();
}

async function showContacts() {
  const listId = currentList();
  if (!listId) return $('contacts').replaceChildren(row('No lists yet: create one above.', '', ''));
  const res = await attempt(() => client.contacts.list(listId, { limit: 100 }));
  if (!res) return;
  const rows = res.data.data.map(contactRow);
  $('contacts').replaceChildren(...(rows.length ? rows : [row('No contacts in this list.', '', '')]));
}

function contactRow(c) {
  const name = [c.first_name, c.last_name].filter(Boolean).join(' ') || '(no name)';
  const actions = el('div', undefined, { className: 'row-actions' });
  const button = (label, action) => {
    const b = el('button', label, { type: 'button', className: 'secondary small' });
    b.setAttribute('aria-label', `${label} ${name}`);
    b.addEventListener('click', busy(b, action));
    return b;
  };
  actions.append(
    button('Edit', () => editContact(c)),
    button('Delete', () => deleteContact(c, name)),
  );
  const others = lists.filter((l) => l.list_id !== c.list_id);
  if (others.length) {
    const target = el('select');
    target.setAttribute('aria-label', `List to copy or move ${name} to`);
    target.append(...others.map((l) => el('option', l.list_name, { value: String(l.list_id) })));
    actions.append(
      target,
      button('Copy', () => moveContact(c, Number(target.value), 'copy')),
      button('Move', () => moveContact(c, Number(target.value), 'transfer')),
    );
  }
  return row(name, el('span', c.phone_number, { className: 'nowrap' }), actions);
}

function editContact(c) {
  $('contact-id').value = String(c.contact_id);
  $('first-name').value = c.first_name ?? '';
  $('last-name').value = c.last_name ?? '';
  $('phone').value = c.phone_number ?? '';
  $('contact-legend').textContent = 'Edit contact';
  $('cancel-edit').hidden = false;
  $('first-name').focus();
}

function resetContactForm() {
  $('contact-form').reset();
  $('contact-id').value = '';
  $('contact-legend').textContent = 'Add a contact';
  $('cancel-edit').hidden = true;
}

async function saveContact() {
  const listId = currentList();
  const id = $('contact-id').value;
  const fields = { first_name: $('first-name').value, last_name: $('last-name').value, phone_number: $('phone').value };
  const saved = await attempt(async () => {
    fields.phone_number = parsePhone(fields.phone_number, 'AU');
    return id ? client.contacts.update(listId, Number(id), fields) : client.contacts.create(listId, fields);
  });
  if (!saved) return;
  resetContactForm();
  notify(id ? 'Contact saved.' : 'Contact added.', 'ok');
  await loadLists(listId);
}

async function deleteContact(c, name) {
  if (!confirm(`Delete ${name}?`)) return;
  if (await attempt(() => client.contacts.delete(c.list_id, c.contact_id))) {
    notify(`${name} deleted.`, 'ok');
    await loadLists(c.list_id);
  }
}

async function moveContact(c, toList, how) {
  if (await attempt(() => client.contacts[how](c.list_id, c.contact_id, toList))) {
    notify(how === 'copy' ? 'Contact copied.' : 'Contact moved.', 'ok');
    await loadLists(c.list_id);
  }
}

async function createList() {
  const created = await attempt(() => client.lists.create({ list_name: $('list-name').value.trim() }));
  if (!created) return;
  $('list-name').value = '';
  await loadLists(created.data.list_id);
}

// ---- campaigns: recipients from a CSV or a list, checked, priced, sent in bulk, watched ----

const MAX_ROWS = 10_000;
const BATCH = 1000;
const SERIES = [
  ['queued', '#8a94a3'],
  ['sent', '#0b5cd5'],
  ['delivered', '#12703a'],
  ['refused', '#a15c00'],
  ['failed', '#b3261e'],
];

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
function readCsv(text) {
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
function recipientsOf(rows, country) {
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

const campaign = { recipients: [], ids: new Set(), results: [], unsure: [], timeline: [], receipts: new Map(), cursor: 0, started: 0, controller: null };

async function checkRecipients() {
  const listId = Number($('campaign-list').value);
  let read;
  if (listId) {
    // A list's contacts as rows, numbered as the list shows them (no CSV text in between).
    const rows = [];
    for await (const c of client.contacts.list.all(listId, { limit: 100 })) {
      rows.push({ number: rows.length + 1, row: { phone: c.phone_number ?? '', first_name: c.first_name ?? '', last_name: c.last_name ?? '' } });
    }
    read = recipientsOf(rows, $('csv-country').value);
  } else {
    const csv = readCsv($('csv').value);
    read = csv.error ? csv : recipientsOf(csv.rows, $('csv-country').value);
  }
  if (read.error) {
    campaign.recipients = [];
    $('campaign-summary').textContent = read.error;
    $('campaign-bad').replaceChildren();
    return false;
  }
  campaign.recipients = read.recipients;
  const n = (x, what) => `${x.toLocaleString()} ${what}${x === 1 ? '' : 's'}`;
  $('campaign-summary').textContent = `${n(read.recipients.length, 'recipient')} · ${n(read.bad.length, 'bad row')} · ${n(read.duplicates, 'duplicate')} dropped`;
  $('campaign-bad').replaceChildren(...read.bad.slice(0, 100).map((b) => el('li', `Line ${b.number}: ${b.why}`)));
  updateCampaignText();
  return read.recipients.length > 0;
}

/** The body with `{column}` filled from the row's own columns (never an inherited name such as `{constructor}`). */
const personalised = (body, row) =>
  body.replace(/\{(\w+)\}/g, (_, key) => {
    const column = key.toLowerCase();
    return Object.hasOwn(row, column) ? String(row[column] ?? '') : '';
  });

/** Parts and encoding of the message, its non-GSM characters marked, and the first rows as sent. */
function updateCampaignText() {
  const body = $('campaign-body').value;
  const p = smsParts(body);
  $('campaign-parts').textContent = `${p.characters} characters · ${partsText(p.parts)} (${p.encoding}) before placeholders are filled`;
  $('campaign-nongsm').hidden = p.nonGsm.length === 0;
  const marked = [];
  let at = 0;
  for (const { char, index } of p.nonGsm) {
    marked.push(document.createTextNode(body.slice(at, index)), el('mark', char, { className: 'non-gsm' }));
    at = index + char.length;
  }
  marked.push(document.createTextNode(body.slice(at)));
  $('campaign-marked').replaceChildren('UCS-2 because of the marked characters: ', ...marked);
  $('campaign-preview').replaceChildren(
    ...campaign.recipients.slice(0, 3).map((r) => {
      const text = personalised(body, r);
      return el('li', `${r.phone}: ${text} (${partsText(smsParts(text).parts)})`);
    }),
  );
}

const campaignMessages = () => campaign.recipients.map((r) => ({ to: r.phone, body: personalised($('campaign-body').value, r), source: 'clicksend-wasm-demo' }));

async function quoteCampaign() {
  if (!(await checkRecipients())) return;
  const messages = campaignMessages();
  let total = 0;
  let currency;
  for (let i = 0; i < messages.length; i += BATCH) {
    const res = await attempt(() => client.sms.price({ messages: messages.slice(i, i + BATCH) }));
    if (!res) return;
    total += Number(res.data.total_price);
    currency = res.data._currency;
  }
  $('campaign-quote-result').textContent = `Quote: ${money(currency, total)} for ${messages.length.toLocaleString()} messages.`;
}

/**
 * Counts of each state now: receipts (from the demo server's webhook) over what ClickSend took,
 * and apart from them what it refused inside its 200 answers (never drawn as sent).
 */
function counts() {
  const total = campaign.recipients.length;
  let delivered = 0;
  let failedReceipts = 0;
  for (const id of campaign.ids) {
    const code = campaign.receipts.get(id);
    if (code === '201') delivered++;
    // 300 is a temporary failure ClickSend retries: still on its way.
    else if (code !== undefined && code !== '300') failedReceipts++;
  }
  const refused = campaign.results.filter((r) => r && !r.ok && !r.ambiguous && r.message).length;
  const failedSends = campaign.results.filter((r) => r && !r.ok && !r.ambiguous && !r.message).length;
  const settled = campaign.results.filter(Boolean).length;
  return { queued: total - settled, sent: campaign.ids.size - delivered - failedReceipts, delivered, refused, failed: failedSends + failedReceipts };
}

function attributes(node, values) {
  for (const [k, v] of Object.entries(values)) node.setAttribute(k, v);
}

/** The chart: each state's count over the seconds since the campaign started, as SVG lines. */
function drawChart() {
  const svg = $('campaign-chart');
  const ns = 'http://www.w3.org/2000/svg';
  const points = campaign.timeline;
  const total = Math.max(campaign.recipients.length, 1);
  const span = Math.max(points.at(-1)?.t ?? 1, 1);
  const x = (t) => 40 + (t / span) * 550;
  const y = (v) => 190 - (v / total) * 180;
  const nodes = [svg.querySelector('title')];
  for (const [at, label] of [
    [0, '0'],
    [total, total.toLocaleString()],
  ]) {
    const text = document.createElementNS(ns, 'text');
    attributes(text, { x: 2, y: y(at) + 4, 'font-size': 11, fill: '#5a6676' });
    text.textContent = label;
    nodes.push(text);
  }
  for (const [state, color] of SERIES) {
    const line = document.createElementNS(ns, 'polyline');
    line.setAttribute('points', points.map((p) => `${x(p.t).toFixed(1)},${y(p[state]).toFixed(1)}`).join(' '));
    attributes(line, { fill: 'none', stroke: color, 'stroke-width': 2, 'data-state': state });
    nodes.push(line);
  }
  svg.replaceChildren(...nodes);
  const now = points.at(-1) ?? counts();
  $('campaign-legend').replaceChildren(
    ...SERIES.map(([state, color]) => el('span', `${state} ${now[state].toLocaleString()}`, { style: `--swatch: ${color}`, id: `campaign-${state}` })),
  );
}

/** New receipts from the demo server's webhook route, then a point on the chart. */
async function pollReceipts() {
  try {
    const res = await fetch(`receipts?since=${campaign.cursor}`);
    if (res.ok) {
      const { receipts, next } = await res.json();
      for (const r of receipts) campaign.receipts.set(r.message_id, r.status_code);
      campaign.cursor = next;
    }
  } catch {
    // The chart waits for the next poll.
  }
  campaign.timeline.push({ t: (Date.now() - campaign.started) / 1000, ...counts() });
  drawChart();
}

function showUnsure() {
  $('campaign-unsure-box').hidden = campaign.unsure.length === 0;
  const by = new Map();
  for (const u of campaign.unsure) by.set(u.state ?? 'unsure', (by.get(u.state ?? 'unsure') ?? 0) + 1);
  const parts = [...by].map(([state, n]) => `${n.toLocaleString()} ${state.replace('_', ' ')}`);
  $('campaign-unsure-count').textContent =
    `${campaign.unsure.length.toLocaleString()} messages: ${parts.join(', ')}${campaign.unsure.length > 200 ? ' (the first 200 below)' : ''}`;
  $('campaign-unsure').tBodies[0].replaceChildren(...campaign.unsure.slice(0, 200).map((u) => row(u.input.to, u.input.custom_string, u.state ?? 'unsure')));
}

async function sendCampaign() {
  if (!(await checkRecipients())) return notify('No recipients to send to: check the CSV.', 'warning');
  const messages = campaignMessages();
  Object.assign(campaign, { ids: new Set(), results: [], unsure: [], timeline: [], started: Date.now(), controller: new AbortController() });
  $('campaign-run').hidden = false;
  $('campaign-cancel').disabled = false;
  $('campaign-batches').replaceChildren();
  $('campaign-refused-box').hidden = true;
  let last = { sent: 0, refused: 0, failed: 0 };
  let batch = 0;
  const started = Date.now();
  const poller = setInterval(pollReceipts, 500);
  // Each message as ClickSend answered for it: a 200 may refuse some of its messages.
  const onProgress = ({ sent, refused, failed, total }) => {
    batch++;
    const [ok, no, lost] = [sent - last.sent, refused - last.refused, failed - last.failed];
    last = { sent, refused, failed };
    const said = [ok && `${ok.toLocaleString()} sent`, no && `${no.toLocaleString()} refused`, lost && `${lost.toLocaleString()} not sent or unsure`].filter(Boolean);
    $('campaign-batches').append(el('li', `Batch ${batch}: ${said.join(', ')}`));
    const done = sent + refused + failed;
    $('campaign-progress').value = done / total;
    const rate = Math.round(done / Math.max((Date.now() - started) / 1000, 0.001));
    $('campaign-status').textContent =
      `${done.toLocaleString()} of ${total.toLocaleString()} (${sent.toLocaleString()} sent, ${refused.toLocaleString()} refused, ${failed.toLocaleString()} failed or unsure) · ${rate.toLocaleString()} messages/s`;
  };
  const results = await attempt(() => client.sms.sendBulk(messages, { concurrency: 2, customStrings: true, onProgress, signal: campaign.controller.signal }));
  $('campaign-cancel').disabled = true;
  if (!results) return clearInterval(poller);
  campaign.results = results;
  for (const r of results) if (r.ok) campaign.ids.add(r.message.message_id);
  // Kept whole: each carries when its attempt started and ended, which reconcile waits on.
  campaign.unsure = results.filter((r) => !r.ok && r.ambiguous).map((r) => ({ input: r.input, result: r }));
  showUnsure();
  showRefused(results.filter((r) => !r.ok && !r.ambiguous && r.message));
  await Promise.all([refreshBalance(), pollReceipts()]);
  // Receipts keep coming after the sends: the chart follows them for a while.
  setTimeout(() => clearInterval(poller), 60_000);
  document.body.dataset.campaign = 'sent';
}

/** The messages ClickSend refused inside its 200 answers, with its reason for each. */
function showRefused(refused) {
  $('campaign-refused-box').hidden = refused.length === 0;
  $('campaign-refused-count').textContent = `${refused.length.toLocaleString()} refused by ClickSend${refused.length > 200 ? ' (the first 200 below)' : ''}`;
  $('campaign-refused-list').tBodies[0].replaceChildren(...refused.slice(0, 200).map((r) => row(r.input.to, r.input.custom_string, r.error.code)));
}

/**
 * How long reconcile waits after an unsure batch before it may say "not found" (the
 * library's default, 2 minutes, unless the page's `?settle=` says otherwise: the tests, whose
 * sandbox answers at once).
 */
const SETTLE_MS = Number.parseInt(new URLSearchParams(location.search).get('settle') ?? '', 10);

/** Looks up the messages still unsure (never reconciled, or `unknown` last time) in the history. */
async function reconcileCampaign() {
  const open = campaign.unsure.filter((u) => u.state === undefined || u.state === 'unknown');
  if (open.length === 0) return;
  const options = Number.isInteger(SETTLE_MS) ? { settleMs: SETTLE_MS } : {};
  const until = Math.max(...open.map((u) => u.result.endedAt)) + (options.settleMs ?? 120_000);
  if (until > Date.now()) notify(`Waiting until ${new Date(until).toLocaleTimeString()}: an unsure batch may still land, so "not found" waits until it cannot.`, 'warning');
  const found = await attempt(() =>
    client.sms.reconcile(
      open.map((u) => u.result),
      options,
    ),
  );
  if (!found) return;
  open.forEach((u, i) => {
    u.state = found[i].state;
    if (found[i].state === 'sent') campaign.ids.add(found[i].message.message_id);
  });
  showUnsure();
  $('campaign-resend').disabled = !campaign.unsure.some((u) => u.state === 'not_found');
  await pollReceipts();
  document.body.dataset.campaign = 'reconciled';
}

/** Sends again what reconcile found was never sent; each keeps its own custom_string. */
async function resendNotFound() {
  const again = campaign.unsure.filter((u) => u.state === 'not_found');
  const results = await attempt(() => client.sms.sendBulk(again.map((u) => u.input)));
  if (!results) return;
  results.forEach((r, i) => {
    const u = again[i];
    if (r.ok) {
      campaign.ids.add(r.message.message_id);
      u.state = 'resent';
    } else if (r.ambiguous) {
      // Unsure again: reconciled again (once it can no longer land), never resent blind.
      Object.assign(u, { state: undefined, result: r });
    } else {
      u.state = r.message ? `refused: ${r.error.code}` : 'not sent';
    }
  });
  showUnsure();
  $('campaign-resend').disabled = true;
  await pollReceipts();
}

// ---- wiring ----------------------------------------------------------------------------

$('body').addEventListener('input', () => {
  updateCount();
  $('quote-result').textContent = '';
});
$('template').addEventListener('change', () => {
  if ($('template').value) $('body').value = $('template').value;
  updateCount();
});
$('quote').addEventListener('click', busy($('quote'), quote));
$('to-gsm7').addEventListener('click', replaceLookAlikes);
$('compose').addEventListener('submit', busy($('send'), send));
$('newer').addEventListener('click', () => showHistory(historyPage + 1));
$('older').addEventListener('click', () => showHistory(historyPage - 1));
$('lists').addEventListener('change', () => {
  resetContactForm();
  showContacts();
});
$('new-list').addEventListener('submit', busy($('new-list').querySelector('button'), createList));
$('contact-form').addEventListener('submit', busy($('save-contact'), saveContact));
$('cancel-edit').addEventListener('click', resetContactForm);
$('campaign-check').addEventListener('click', busy($('campaign-check'), checkRecipients));
$('csv-file').addEventListener('change', async () => {
  const file = $('csv-file').files[0];
  if (file) $('csv').value = await file.text();
  $('campaign-list').value = '';
});
$('campaign-body').addEventListener('input', updateCampaignText);
$('campaign-fix').addEventListener('click', () => {
  $('campaign-body').value = toGsm7($('campaign-body').value).text;
  updateCampaignText();
});
$('campaign-quote').addEventListener('click', busy($('campaign-quote'), quoteCampaign));
$('campaign').addEventListener('submit', busy($('campaign-send'), sendCampaign));
$('campaign-cancel').addEventListener('click', () => campaign.controller?.abort());
$('campaign-reconcile').addEventListener('click', busy($('campaign-reconcile'), reconcileCampaign));
$('campaign-resend').addEventListener('click', busy($('campaign-resend'), resendNotFound));

updateCount();
updateCampaignText();
await Promise.all([refreshBalance(), loadTemplates(), showHistory(), loadLists()]);
document.body.dataset.ready = 'true';
