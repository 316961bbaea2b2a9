// A Cloudflare Worker built on clicksend-wasm:
//   POST /send                 one SMS, for callers with the API_TOKEN bearer token
//   POST /campaigns            a message to many recipients, fanned out through Queues
//   GET  /campaigns/:id        how a campaign is going
//   POST /webhooks/clicksend   delivery receipts and inbound SMS from ClickSend (?token=)
import { asHttpError } from './clicksend.js';
import { HttpError, json } from './http.js';
import { send } from './send.js';
import { webhook } from './webhooks.js';
import { campaignStatus, consume, createCampaign } from './campaigns.js';

function route(request, env) {
  const { pathname } = new URL(request.url);
  const method = request.method;
  if (pathname === '/send' && method === 'POST') return send(request, env);
  if (pathname === '/campaigns' && method === 'POST') return createCampaign(request, env);
  const status = pathname.match(/^\/campaigns\/([0-9a-f-]{36})$/);
  if (status && method === 'GET') return campaignStatus(request, env, status[1]);
  if (pathname === '/webhooks/clicksend' && method === 'POST') return webhook(request, env);
  throw new HttpError(404, 'Not found.');
}

export default {
  async fetch(request, env) {
    try {
      return await route(request, env);
    } catch (thrown) {
      const e = asHttpError(thrown);
      if (!(e instanceof HttpError)) {
        console.error('unexpected error', e?.stack ?? e);
        return json(500, { error: 'Internal error.' });
      }
      return json(e.status, { error: e.message, ...(e.details && { details: e.details }), ...(e.ambiguous && { ambiguous: true }) });
    }
  },

  async queue(batch, env) {
    await consume(batch, env);
  },
};
