// POST /webhooks/clicksend?token=...: delivery receipts and inbound SMS, stored in D1.
// ClickSend does not sign its callbacks, so the URL you give it carries a secret token.
import { parseWebhook } from 'clicksend-wasm';
import { HttpError, json, readText } from './http.js';

const MAX_BODY_BYTES = 64 * 1024;

export async function webhook(request, env) {
  if (typeof env.WEBHOOK_TOKEN !== 'string' || env.WEBHOOK_TOKEN === '') throw new HttpError(401, 'Unknown webhook token.');
  const body = await readText(request, MAX_BODY_BYTES);
  let event;
  try {
    // parseWebhook checks the URL's token (in constant time) before anything else is trusted.
    event = await parseWebhook({ contentType: request.headers.get('content-type'), body, url: request.url }, { token: env.WEBHOOK_TOKEN });
  } catch (e) {
    if (e.code === 'FORBIDDEN_WEBHOOK') throw new HttpError(401, 'Unknown webhook token.');
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
