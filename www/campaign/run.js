// A campaign: recipients from a CSV or a list, checked, the message with placeholders, a quote,
// the send in bulk (sendBulk) with its progress, the chart of what happened to each message,
// the refused and unsure ones in tables, reconcile for the unsure, and a resend of only what
// reconcile found was never sent.
import { refreshBalance } from '../account.js';
import { client, smsParts, toGsm7 } from '../api.js';
import { $, attempt, busy, el, money, notify, partsText, row } from '../ui.js';
import { drawChart } from './chart.js';
import { readCsv, recipientsOf } from './csv.js';

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
export function updateCampaignText() {
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
  // The library quotes in calls of at most 1000 and sums them.
  const quote = await attempt(() => client.sms.priceBulk(messages));
  if (!quote) return;
  $('campaign-quote-result').textContent = `Quote: ${money(quote._currency, quote.total_price)} for ${messages.length.toLocaleString()} messages.`;
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
  drawChart(campaign.timeline, campaign.recipients.length, campaign.timeline.at(-1));
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

/** The list picker: the contact lists the contacts part loaded, and the CSV above. */
function showLists(lists) {
  const chosen = $('campaign-list').value;
  $('campaign-list').replaceChildren(el('option', '(the CSV above)', { value: '' }), ...lists.map((l) => el('option', l.list_name, { value: String(l.list_id) })));
  $('campaign-list').value = lists.some((l) => String(l.list_id) === chosen) ? chosen : '';
}

export function wireCampaign() {
  document.addEventListener('lists', (event) => showLists(event.detail));
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
}
