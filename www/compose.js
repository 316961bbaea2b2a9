// Writing one SMS: the live parts counter, UCS-2 explained with GSM-7 look-alikes offered (and
// priced), templates, a quote, and the send with each message's status.
import { refreshBalance } from './account.js';
import { client, parsePhone, smsParts, toGsm7 } from './api.js';
import { showHistory } from './history.js';
import { $, attempt, busy, el, money, partsText, row } from './ui.js';

export function updateCount() {
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

export async function loadTemplates() {
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

export function wireCompose() {
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
}
