-- wrangler d1 execute clicksend-example --remote --file schema.sql
CREATE TABLE IF NOT EXISTS campaigns (
  id TEXT PRIMARY KEY,
  body TEXT NOT NULL,
  sender TEXT,
  recipients INTEGER NOT NULL,
  batches INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  -- The caller's Idempotency-Key, and a hash of the request it came with: a retried POST with
  -- the same key answers this campaign instead of sending it again.
  idempotency_key TEXT UNIQUE,
  request_hash TEXT
);
-- One row per batch, claimed before it is sent: the claim is what stops a redelivered
-- queue message from sending the same batch twice.
CREATE TABLE IF NOT EXISTS batches (
  campaign_id TEXT NOT NULL,
  batch INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'failed', 'ambiguous', 'retry')),
  error TEXT,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (campaign_id, batch)
);
-- Each recipient's outcome: the API's per-message status, or FAILED / AMBIGUOUS for a batch
-- that failed as a whole or may have gone out.
CREATE TABLE IF NOT EXISTS messages (
  campaign_id TEXT NOT NULL,
  batch INTEGER NOT NULL,
  recipient TEXT NOT NULL,
  status TEXT NOT NULL,
  message_id TEXT,
  PRIMARY KEY (campaign_id, recipient)
);
CREATE INDEX IF NOT EXISTS messages_by_id ON messages (message_id);
-- Delivery receipts and inbound SMS, as the webhook received them.
CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  message_id TEXT,
  status TEXT,
  payload TEXT NOT NULL,
  received_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_message ON events (message_id);
-- A replayed callback is stored once: one row per kind, message id and status.
CREATE UNIQUE INDEX IF NOT EXISTS events_once ON events (kind, message_id, COALESCE(status, ''));
