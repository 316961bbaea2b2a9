// The demo page: the wasm client in a browser, against the sandbox (see scripts/serve.mjs).
import { ClickSend, ClickSendError, smsParts } from '../pkg/web.js';

const $ = (id) => document.getElementById(id);
const config = await (await fetch('config.json')).json();
const client = new ClickSend({ apiKey: config.apiKey, baseUrl: config.baseUrl });
$('mode').textContent = `Talking to the ${config.mode} at ${config.baseUrl}.`;

/** Errors in plain words. */
function explain(e) {
  if (!(e instanceof ClickSendError)) return String(e);
  if (e.status === 401) return 'Check your API key: the server did not accept it.';
  if (e.status === 429) return `Rate limited${e.retryAfter ? `; try again in ${e.retryAfter} s` : ''}.`;
  if (e.code === 'NETWORK_ERROR') return 'Could not reach the server. Is it running?';
  return `${e.message} (${e.code})`;
}

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

async function refresh() {
  try {
    const [account, history] = await Promise.all([client.account.get(), client.sms.history({ limit: 10 })]);
    $('balance').textContent = `${account.data._currency.currency_prefix_d}${Number(account.data.balance).toFixed(2)}`;
    const rows = history.data.data.slice().reverse().map((m) => {
      const tr = document.createElement('tr');
      tr.append(cell(m.to), cell(m.body), cell(String(m.message_parts)), cell(m.status));
      return tr;
    });
    $('history').replaceChildren(...rows);
  } catch (e) {
    $('result').className = 'error';
    $('result').textContent = explain(e);
  }
}

/** Characters and SMS parts as ClickSend bills them (the same rule as the sandbox's). */
function updateCount() {
  const p = smsParts($('body').value);
  $('count').textContent = `${p.characters} characters, ${p.parts} part${p.parts === 1 ? '' : 's'} (${p.encoding}), ${p.remainingInPart} left in this part`;
}

$('body').addEventListener('input', updateCount);
$('compose').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('send').disabled = true;
  $('result').className = '';
  $('result').textContent = 'Sending…';
  try {
    const res = await client.sms.send({ messages: [{ to: $('to').value, body: $('body').value, source: 'demo' }] });
    const m = res.data.messages[0];
    $('result').className = m.status === 'SUCCESS' ? 'ok' : 'error';
    $('result').textContent = `${m.status}: ${m.message_parts} part(s), ${res.data._currency.currency_prefix_d}${m.message_price} — message ${m.message_id}`;
    await refresh();
  } catch (e) {
    $('result').className = 'error';
    $('result').textContent = explain(e);
  } finally {
    $('send').disabled = false;
  }
});

updateCount();
await refresh();
