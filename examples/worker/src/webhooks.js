// POST /webhooks/clicksend?token=...: delivery receipts and inbound SMS, stored in D1.
// ClickSend does not sign its callbacks, so the URL you give it carries a secret token.
import { parseWebhook } from 'clicksend-wasm';
import { HttpError, json } from './http.js';

export async function webhook(request, env) {
  if (typeof env.WEBHOOK_TOKEN !== 'string' || env.WEBHOOK_TOKEN === '') throw new HttpError(401, 'Unknown webhook token.');
  let event;
  try {
    // parseWebhook checks the URL's token (in constant time) before it reads a byte of the
    // body, then reads at most 64 KB of it (WEBHOOK_TOO_LARGE beyond, while it streams in).
    event = await parseWebhook(request, { token: env.WEBHOOK_TOKEN });
  } catch (e) {
    if (e.code === 'FORBIDDEN_WEBHOOK') throw new HttpError(401, 'Unknown webhook token.');
    if (e.code === 'WEBHOOK_TOO_LARGE') throw new HttpError(413, 'The body is over the 64 KB a ClickSend callback could need.');
    throw new HttpError(400, `Not a ClickSend callback: ${e.message}`);
  }
  const kind = event.type === 'inbound_sms' ? 'inbound' : 'receipt';
  const status = kind === 'receipt' ? (event.status ?? event.status_code ?? null) : null;
  // ClickSend resends a callback it thinks was missed: one row per message id and status.
  const result = await env.DB.prepare('INSERT INTO events (kind, message_id, status, payload, received_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
    .bind(kind, event.message_id, status, JSON.stringify(event), Date.now())
    .run();
  return json(200, result.meta.changes ? { stored: kind } : { stored: kind, duplicate: true });
}
