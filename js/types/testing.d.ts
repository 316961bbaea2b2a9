// Types of `clicksend-wasm/testing`: the sandbox's ClickSend model in-process, for tests.

export interface SandboxOptions {
  /** The key the sandbox takes (with `username`, the Basic pair). Without it any credentials
   *  are taken; a request with none is refused with a 401, as ClickSend refuses it. */
  apiKey?: string;
  username?: string;
  /** A fixed clock starting here (a Date, an ISO string or Unix seconds), moved only by
   *  `clock.advance()` or `clock.set()`. Without it, the real time. */
  now?: Date | string | number;
}

/** A request the sandbox received, credentials shown as `[redacted]`. */
export interface RecordedRequest {
  method: string;
  /** As sent: `/v3/sms/send` (or `/clicksend/v3/...` through the gateway's path). */
  path: string;
  /** The raw query string, without `?`. */
  query: string;
  headers: Record<string, string>;
  /** The body as text; `json` is it parsed, or null. */
  body: string;
  json: unknown;
  response: { status: number; body: unknown };
}

/** A fault for the next matching requests; anything it cannot do (an unknown field, `times: 0`, a `body` without `status`) is refused with a TypeError. */
export interface Fault {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** `/sms/send`, or as `requests()` shows it (`/v3/sms/send`, `/clicksend/v3/sms/send`); every path when absent. */
  path?: string;
  /** How many of the next matching requests (1 by default, at least 1). */
  times?: number;
  /** Answered with this status (100 to 599), the request not carried out. */
  status?: number;
  retry_after?: string | number;
  /** The answer's body, with `status`. */
  body?: string;
  content_type?: string;
  /** Answered after this many ms (at most 600000); carried out then even if the caller has left. */
  delay_ms?: number;
  /** No answer until the request's signal aborts. */
  hang?: boolean;
  /** `before`: a network error, nothing carried out; `mid-body`: the answer breaks off;
   *  `after`: carried out, then the answer breaks off. */
  drop?: 'before' | 'mid-body' | 'after';
}

export interface Seed {
  balance?: number;
  lists?: Array<{ list_name: string; contacts?: Array<Record<string, unknown>> }>;
  templates?: Array<{ template_name: string; body: string }>;
  /** Sent messages, not charged; `date` (Unix seconds) backdates one. */
  messages?: Array<{ to: string; body: string; kind?: 'sms' | 'mms' | 'voice'; date?: number; [field: string]: unknown }>;
  inbound?: Array<{ from?: string; to?: string; body?: string; [field: string]: unknown }>;
}

export interface Seeded {
  lists: Array<{ list_id: number; contact_ids: number[] }>;
  template_ids: number[];
  /** The ids of the messages stored, in order; a message ClickSend would refuse is not among them. */
  message_ids: string[];
  /** The seeded messages ClickSend would refuse (`index` in `messages`, `status` such as INVALID_RECIPIENT). */
  refused_messages: Array<{ index: number; status: string }>;
  inbound_message_ids: string[];
}

/** Where and how a webhook is sent: a form post (ClickSend's default), JSON, or a GET. */
export interface Webhook {
  url?: string;
  format?: 'form' | 'json' | 'get';
}

export interface SandboxState {
  balance: number;
  lists: Array<{ list_id: number; list_name: string; contacts: Array<Record<string, unknown>> }>;
  messages: Array<Record<string, unknown> & { message_id: string; message_type: 'sms' | 'mms' | 'voice'; status: string }>;
  inbound: Array<Record<string, unknown>>;
}

export interface Sandbox {
  /** Answers ClickSend's API (and Maton's connection calls) in-process: give it to
   *  `new ClickSend({apiKey: 'test', fetch: sandbox.fetch})`. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  clock: {
    /** The model's time, in Unix seconds. */
    now(): number;
    /** The same in milliseconds (a fixed clock may stand between seconds). */
    nowMs(): number;
    /** Moves the clock on; returns the new time. */
    advance(seconds: number): number;
    set(time: Date | string | number): number;
  };
  /** Every request received, in order, with its answer: the last 10,000 (and at most 64 MB of text). */
  requests(): RecordedRequest[];
  /** How many older requests `requests()` let go to stay within its bounds. */
  droppedRequests(): number;
  /** Forgets state, requests, faults and pushes; the clock stays. A request still waiting in a fault's delay is then answered 500 ("reset while this request waited"), never with another's answer. */
  reset(): void;
  seed(seed: Seed): Seeded;
  /** Arms faults for the next matching requests; returns how many. */
  faults(faults: Fault | Fault[]): number;
  /** How the service behaves (as ClickSend and Maton do by default): changes the settings given, returns them all. */
  settings(settings?: Partial<Settings>): Settings;
  /** The delivery receipt webhook ClickSend sends for a message that went out. */
  receipt(messageId: string, webhook?: Webhook): Request;
  /** An inbound SMS (kept, so `sms.inbound()` lists it) and the webhook ClickSend sends for it. */
  inbound(fields?: { from?: string; to?: string; body?: string; original_message_id?: string; custom_string?: string }, webhook?: Webhook): Request;
  /** What ClickSend's test endpoints pushed (`sms.createTestInbound({url})`, test receipts). */
  pushed(): Request[];
  state(): SandboxState;
}

export function createSandbox(options?: SandboxOptions): Sandbox;

/** How the model behaves where ClickSend's insides or the account decide (docs/exactly-once.md). */
export interface Settings {
  /** How long a sent message takes to show in the history, in ms (default 0; documented nowhere). */
  history_lag_ms: number;
  /** How far the server's clock is ahead of the kit's (negative: behind), in ms (default 0). */
  clock_skew_ms: number;
  /** The countries the account may send to (others are refused inside the 200 as COUNTRY_NOT_ENABLED), or null for all (default). */
  countries_enabled: string[] | null;
  /** The Maton gateway's 10 requests a second under /clicksend/, 429 above (default true). */
  gateway_rate_limit: boolean;
}
