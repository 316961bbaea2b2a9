// What every part of the page shares: elements, table rows, amounts and dates as shown, the
// notice, and running an action with its errors in plain words.
import { ClickSendError } from './api.js';

export const $ = (id) => document.getElementById(id);

export function el(tag, text, props = {}) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  return Object.assign(node, props);
}

export function row(...cells) {
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
export const money = (currency, amount) => `${currency?.currency_prefix_d ?? '$'}${Number(amount).toFixed(Math.abs(Number(amount)) < 1 ? 4 : 2)}`;
export const when = (seconds) => new Date(Number(seconds) * 1000).toLocaleString([], { dateStyle: 'short', timeStyle: 'short' });
export const partsText = (n) => `${n} part${n === 1 ? '' : 's'}`;

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
export function notify(text, kind = 'error', owner = null) {
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
export async function attempt(action) {
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
export function busy(button, action) {
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
