// Campaigns: POST /campaigns takes a message and a large recipient list and fans it out
// through a Cloudflare Queue, one queue message per batch of up to 1000 SMS. The consumer
// sends each batch in one API call and records every recipient's outcome in D1.
//
// Never twice: a batch is claimed in D1 before it is sent, and only a batch whose last try
// definitely did not go out ('retry') can be claimed again. A send that may have gone out
// (a timeout, a dropped connection) is recorded as 'ambiguous' and acknowledged, not retried.
// A POST retried with the same `Idempotency-Key` answers the first campaign. A queue message
// is checked like any input before anything is sent.
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

/**
 * The request's idempotency key: the `Idempotency-Key` header, else `idempotency_key` in the
 * body; at most 200 visible ASCII characters. Undefined when there is none.
 */
function idempotencyKey(request, input) {
  const key = request.headers.get('idempotency-key') ?? input.idempotency_key;
  if (key === undefined || key === null) return undefined;
  if (typeof key !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(key)) throw new HttpError(400, 'An idempotency key is 1 to 200 visible ASCII characters.');
  return key;
}

/** A hex SHA-256 of what the campaign is: its body, sender and recipients in order. */
async function requestHash(body, from, recipients) {
  const bytes = new TextEncoder().encode(JSON.stringify([body, from ?? null, recipients]));
  return [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** One queue message per batch: ~16 bytes a number keeps each well under the 128 KB limit. */
async function enqueue(env, id, recipients) {
  for (let batch = 0; batch * BATCH_SIZE < recipients.length; batch++) {
    await env.CAMPAIGNS.send({ campaign: id, batch, recipients: recipients.slice(batch * BATCH_SIZE, (batch + 1) * BATCH_SIZE) });
  }
}

export async function createCampaign(request, env) {
  await requireBearer(request, env);
  const input = await readJson(request, MAX_BODY_BYTES);
  const key = idempotencyKey(request, input);
  const { body, from } = contentFrom(input); // the same checks as /send
  const recipients = recipientsFrom(input.recipients);
  const batches = Math.ceil(recipients.length / BATCH_SIZE);
  const hash = await requestHash(body, from, recipients);
  const id = crypto.randomUUID();
  // The key's row is made once (UNIQUE): a retry, or a second request racing the first, finds it.
  const made = await env.DB.prepare(
    'INSERT INTO campaigns (id, body, sender, recipients, batches, created_at, idempotency_key, request_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING',
  )
    .bind(id, body, from ?? null, recipients.length, batches, Date.now(), key ?? null, hash)
    .run();
  if (made.meta.changes === 1) {
    await enqueue(env, id, recipients);
    return json(202, { campaign: id, recipients: recipients.length, batches });
  }
  const first = await env.DB.prepare('SELECT id, recipients, batches, request_hash FROM campaigns WHERE idempotency_key = ?').bind(key).first();
  if (first.request_hash !== hash) throw new HttpError(409, 'This Idempotency-Key was used for another campaign; use a new key for a new campaign.');
  // The first request may have stopped before it queued every batch: queued again, each batch
  // is still sent once (a batch is claimed in D1 before it is sent; a claimed one is skipped).
  await enqueue(env, first.id, recipients);
  return json(200, { campaign: first.id, recipients: first.recipients, batches: first.batches, replayed: true });
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

/**
 * What a queue message must be before anything is sent: `{campaign, batch, recipients}` with a
 * campaign's id, a batch number, and 1 to 1000 distinct numbers in E.164. The queue is an
 * input like any other: a message made elsewhere (or by a bug) must not send 1,000 SMS to one
 * number. Returns the reason it is not, or undefined.
 */
function malformed(job) {
  if (job === null || typeof job !== 'object') return 'not an object';
  const { campaign, batch, recipients } = job;
  if (typeof campaign !== 'string' || !/^[0-9a-f-]{36}$/.test(campaign)) return 'no campaign id';
  if (!Number.isSafeInteger(batch) || batch < 0) return 'no batch number';
  if (!Array.isArray(recipients) || recipients.length === 0 || recipients.length > BATCH_SIZE) return `recipients must be 1 to ${BATCH_SIZE} numbers`;
  if (!recipients.every((to) => typeof to === 'string' && /^\+[1-9]\d{3,14}$/.test(to))) return 'a recipient that is not a number in E.164';
  if (new Set(recipients).size !== recipients.length) return 'a recipient listed twice';
  return undefined;
}

async function sendBatch(env, job, message) {
  const bad = malformed(job);
  if (bad) {
    // Nothing sent; recorded where it can be (a batch of a campaign), acknowledged either way.
    if (typeof job?.campaign === 'string' && Number.isSafeInteger(job?.batch)) await settle(env, job, 'failed', `malformed queue message: ${bad}`);
    return message.ack();
  }
  if (!(await claim(env, job))) return message.ack(); // a redelivery: never send twice
  let started = false;
  try {
    await sendClaimed(env, job, message, () => {
      started = true;
    });
  } catch (e) {
    // A bug or a D1 failure: the batch is not left 'sending' for ever. If its send may have
    // begun, it may have gone out: ambiguous (reconcile it), never retried blind.
    await settle(env, job, started ? 'ambiguous' : 'failed', `${e?.name ?? 'Error'}: ${e?.message ?? e}`).catch(() => {});
    message.ack();
  }
}

/** The batch's state and error, without per-recipient outcomes. */
function settle(env, job, state, error) {
  return env.DB.prepare(
    `INSERT INTO batches (campaign_id, batch, state, error, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (campaign_id, batch) DO UPDATE SET state = excluded.state, error = excluded.error, updated_at = excluded.updated_at`,
  )
    .bind(job.campaign, job.batch, state, error, Date.now())
    .run();
}

/** Sends a claimed batch and records its outcome; `sending()` is called just before the send. */
async function sendClaimed(env, job, message, sending) {
  const campaign = await env.DB.prepare('SELECT body, sender FROM campaigns WHERE id = ?').bind(job.campaign).first();
  if (!campaign) throw new Error(`no campaign ${job.campaign}`);
  const messages = job.recipients.map((to) => ({
    to,
    body: campaign.body,
    source: 'clicksend-worker-example',
    custom_string: `${job.campaign}:${job.batch}`,
    ...(campaign.sender && { from: campaign.sender }),
  }));
  sending();
  try {
    const res = await clickSend(env).sms.send({ messages });
    // The API answers one result per message, in order; `to` is as the API normalized it.
    const outcomes = res.data.messages.map((m, i) => ({ to: job.recipients[i], status: m.status, message_id: m.message_id }));
    await record(env, job, 'sent', outcomes);
    message.ack();
  } catch (e) {
    if (!(e instanceof ClickSendError)) throw e; // a bug (or D1 failing): sendBatch records it
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
