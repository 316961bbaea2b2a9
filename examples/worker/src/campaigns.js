// Campaigns: POST /campaigns takes a message and a large recipient list and fans it out
// through a Cloudflare Queue, one queue message per batch of up to 1000 SMS. The consumer
// sends each batch in one API call and records every recipient's outcome in D1.
//
// Never twice: a batch is claimed in D1 before it is sent, and only a batch whose last try
// definitely did not go out ('retry') can be claimed again. A send that may have gone out
// (a timeout, a dropped connection) is recorded as 'ambiguous' and acknowledged, not retried.
import { ClickSendError, parsePhone } from 'clicksend-wasm';
import { clickSend } from './clicksend.js';
import { HttpError, json, readJson, requireBearer } from './http.js';
import { contentFrom, MAX_NUMBER_CHARS } from './send.js';

export const BATCH_SIZE = 1000; // ClickSend's limit of messages per send call
const MAX_BODY_BYTES = 2 * 1024 * 1024;
const MAX_RECIPIENTS = 100_000;

// ---- producer ----------------------------------------------------------------------------

/** The recipients, normalized and de-duplicated; every bad one is named, none is dropped. */
function recipientsFrom(list) {
  if (!Array.isArray(list) || list.length === 0) throw new HttpError(400, '`recipients` must be a non-empty array of phone numbers.');
  if (list.length > MAX_RECIPIENTS) throw new HttpError(400, `At most ${MAX_RECIPIENTS} recipients per campaign.`);
  const numbers = new Set();
  const invalid = [];
  list.forEach((to, index) => {
    // Only a short string or number is a phone number; anything else (a nested array, an
    // object) is named as it is, never turned into text.
    if (!((typeof to === 'string' && to.length <= MAX_NUMBER_CHARS) || Number.isSafeInteger(to))) {
      if (invalid.length < 20) invalid.push({ index, to: typeof to, error: `not a phone number (a string of at most ${MAX_NUMBER_CHARS} characters)` });
      return;
    }
    try {
      numbers.add(parsePhone(String(to)));
    } catch (e) {
      if (!(e instanceof ClickSendError)) throw e;
      if (invalid.length < 20) invalid.push({ index, to, error: e.message });
    }
  });
  if (invalid.length) throw Object.assign(new HttpError(400, 'Some recipients are not phone numbers; nothing was queued.'), { details: invalid });
  return [...numbers];
}

export async function createCampaign(request, env) {
  await requireBearer(request, env);
  const input = await readJson(request, MAX_BODY_BYTES);
  const { body, from } = contentFrom(input); // the same checks as /send
  const recipients = recipientsFrom(input.recipients);
  const id = crypto.randomUUID();
  const batches = Math.ceil(recipients.length / BATCH_SIZE);
  await env.DB.prepare('INSERT INTO campaigns (id, body, sender, recipients, batches, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .bind(id, body, from ?? null, recipients.length, batches, Date.now())
    .run();
  // One queue message per batch: ~16 bytes a number keeps each well under the 128 KB limit.
  for (let batch = 0; batch < batches; batch++) {
    await env.CAMPAIGNS.send({ campaign: id, batch, recipients: recipients.slice(batch * BATCH_SIZE, (batch + 1) * BATCH_SIZE) });
  }
  return json(202, { campaign: id, recipients: recipients.length, batches });
}

// ---- consumer ----------------------------------------------------------------------------

/** Claims the batch for sending; false when it was sent, failed or may have gone out before. */
async function claim(env, job) {
  const result = await env.DB.prepare(
    `INSERT INTO batches (campaign_id, batch, state, updated_at) VALUES (?, ?, 'sending', ?)
     ON CONFLICT (campaign_id, batch) DO UPDATE SET state = 'sending', error = NULL, updated_at = excluded.updated_at
     WHERE batches.state = 'retry'`,
  )
    .bind(job.campaign, job.batch, Date.now())
    .run();
  return result.meta.changes === 1;
}

/** Records the batch's state and each recipient's outcome in one D1 transaction. */
async function record(env, job, state, outcomes, error = null) {
  const put = env.DB.prepare('INSERT OR REPLACE INTO messages (campaign_id, batch, recipient, status, message_id) VALUES (?, ?, ?, ?, ?)');
  await env.DB.batch([
    ...outcomes.map((o) => put.bind(job.campaign, job.batch, o.to, o.status, o.message_id ?? null)),
    env.DB.prepare('UPDATE batches SET state = ?, error = ?, updated_at = ? WHERE campaign_id = ? AND batch = ?').bind(state, error, Date.now(), job.campaign, job.batch),
  ]);
}

async function sendBatch(env, job, message) {
  if (!(await claim(env, job))) return message.ack(); // a redelivery: never send twice
  const campaign = await env.DB.prepare('SELECT body, sender FROM campaigns WHERE id = ?').bind(job.campaign).first();
  const messages = job.recipients.map((to) => ({
    to,
    body: campaign.body,
    source: 'clicksend-worker-example',
    custom_string: `${job.campaign}:${job.batch}`,
    ...(campaign.sender && { from: campaign.sender }),
  }));
  try {
    const res = await clickSend(env).sms.send({ messages });
    // The API answers one result per message, in order; `to` is as the API normalized it.
    const outcomes = res.data.messages.map((m, i) => ({ to: job.recipients[i], status: m.status, message_id: m.message_id }));
    await record(env, job, 'sent', outcomes);
    message.ack();
  } catch (e) {
    if (!(e instanceof ClickSendError)) throw e; // a bug: let the queue retry, the claim stands
    const everyone = (status) => job.recipients.map((to) => ({ to, status }));
    if (e.ambiguous) {
      await record(env, job, 'ambiguous', everyone('AMBIGUOUS'), `${e.code}: ${e.message}`);
      message.ack();
    } else if (e.retryable) {
      // Definitely not sent (e.g. still rate limited after the client's own retries).
      await env.DB.prepare("UPDATE batches SET state = 'retry', error = ?, updated_at = ? WHERE campaign_id = ? AND batch = ?")
        .bind(`${e.code}: ${e.message}`, Date.now(), job.campaign, job.batch)
        .run();
      message.retry({ delaySeconds: Math.min(Math.max(e.retryAfter ?? 10, 1), 300) });
    } else {
      await record(env, job, 'failed', everyone('FAILED'), `${e.code}: ${e.message}`);
      message.ack();
    }
  }
}

export async function consume(batch, env) {
  for (const message of batch.messages) await sendBatch(env, message.body, message);
}

// ---- status ------------------------------------------------------------------------------

export async function campaignStatus(request, env, id) {
  await requireBearer(request, env);
  const campaign = await env.DB.prepare('SELECT id, recipients, batches, created_at FROM campaigns WHERE id = ?').bind(id).first();
  if (!campaign) throw new HttpError(404, 'No such campaign.');
  const [batches, messages, receipts] = await env.DB.batch([
    env.DB.prepare('SELECT state, COUNT(*) AS n FROM batches WHERE campaign_id = ? GROUP BY state').bind(id),
    env.DB.prepare('SELECT status, COUNT(*) AS n FROM messages WHERE campaign_id = ? GROUP BY status').bind(id),
    env.DB.prepare(`SELECT COUNT(DISTINCT e.message_id) AS n FROM events e JOIN messages m ON m.message_id = e.message_id
                    WHERE m.campaign_id = ? AND e.kind = 'receipt'`).bind(id),
  ]);
  const counts = (rows, key) => Object.fromEntries(rows.results.map((r) => [r[key], r.n]));
  return json(200, { ...campaign, batchStates: counts(batches, 'state'), messageStatuses: counts(messages, 'status'), receipts: receipts.results[0].n });
}
