// The sent messages, a page at a time (newest first), and the latest delivery receipts.
import { client } from './api.js';
import { $, attempt, el, row, when } from './ui.js';

const HISTORY_PAGE = 8;
let historyPage = 0; // 0 = the newest page

/** ClickSend lists history oldest first: the newest messages are on the last page. */
export async function showHistory(page = 0) {
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

export function wireHistory() {
  $('newer').addEventListener('click', () => showHistory(historyPage + 1));
  $('older').addEventListener('click', () => showHistory(historyPage - 1));
}
