// Types of the clicksend-wasm package. The core set is declared here by hand; every other
// function of `endpoints()` is in generated.d.ts, made from ClickSend's API descriptions by
// scripts/gen-types.mjs. tests/node/types.test.mjs checks that together they declare
// exactly the functions of the table.
import type { AccountMore, CountriesMore, EmailAddressesMore, GeneratedAreas, ListsMore, MmsMore, SmsMore, SmsTemplatesMore, VoiceMore } from './generated.js';

export * from './generated.js';

// ---------------------------------------------------------------- the client

export interface ClickSendOptions {
  /** Maton API key (Bearer, the default gateway) or, with `username`, a ClickSend API key (HTTP Basic). */
  apiKey?: string;
  /** ClickSend username: with `apiKey`, talk to rest.clicksend.com directly. */
  username?: string;
  /** Maton connection id, sent as the `Maton-Connection` header. */
  connection?: string;
  /** Any other base URL (the sandbox, a proxy that adds credentials itself). Requests go to `${baseUrl}/v3/...`. */
  baseUrl?: string;
  /** Maton's control plane for `connections.*` (default `https://ctrl.maton.ai`). */
  controlUrl?: string;
  /** The most a call may take, retries and their waits included, in milliseconds (default 30000). */
  timeoutMs?: number;
  /**
   * Retries after a 429 (any operation), or a 502, 503, 504 or network error (operations safe
   * to repeat: reads, price quotes, deletes, updates), with exponential backoff and full jitter,
   * honouring `Retry-After`. A send is never repeated after a failure that may have sent it.
   * Default 2; 0 turns retries off.
   */
  maxRetries?: number;
  /** The longest wait before a retry, in milliseconds (default 30000); caps `Retry-After` too. */
  maxRetryDelayMs?: number;
  /** The function every request goes through (a service binding's, a test double, a tracing wrapper); default: the global `fetch`, looked up at each request. */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /**
   * Spaces all of this client's requests (retries, pages and batches included) to `perSecond` on average, in bursts of at most `burst` (default `perSecond`).
   * Through the Maton gateway (an `apiKey` without `username` or `baseUrl`) the default is Maton's documented 10 a second, evenly spaced; `false` turns it off.
   */
  rateLimit?: { perSecond: number; burst?: number } | false;
  /** Your app, added to the `User-Agent` header outside browsers: `clicksend-wasm/<version> <name>/<version>`. */
  appInfo?: { name: string; version: string };
}

/** The last argument of every function. */
export interface CallOptions {
  /** Aborts the call (its retries and waits too); it then rejects with ABORTED. */
  signal?: AbortSignal;
  /** This call's `timeoutMs`, in place of the client's. */
  timeoutMs?: number;
  /** This call's `maxRetries`, in place of the client's. */
  maxRetries?: number;
  /** Extra request headers for this call (not `Authorization`, `Maton-Connection`, `Content-Type` or `Content-Length`): an object, a `Headers`, a `Map` or pairs. */
  headers?: Record<string, string> | Headers | Map<string, string> | Array<[string, string]>;
}

/**
 * What a call returns: a Promise of its result (`instanceof Promise`, assignable to
 * `Promise<T>`), with `withResponse()` for the response it came in.
 */
export declare class APIPromise<T> extends Promise<T> {
  /** The same result with its response: `{data, response: {status, headers, url}, attempts, durationMs}`; sends nothing more. */
  withResponse(): Promise<WithResponse<T>>;
}

/** What every function returns (the name the package's types have always used). */
export type Call<T> = APIPromise<T>;

export interface WithResponse<T> {
  /** What the call resolved with. */
  data: T;
  /** The last response: its status, its headers as a plain object, and the URL (which never holds a credential). */
  response: { status: number; headers: Record<string, string>; url: string };
  /** How many requests the call made (1 plus its retries). */
  attempts: number;
  /** From the call to the end of its last response, in milliseconds. */
  durationMs: number;
}

/** What each event of `client.on` gives its handler. No event holds a credential. */
export interface ClickSendEvents {
  /** Just before each attempt is sent. */
  request: { area: string | null; name: string | null; method: string; url: string; attempt: number };
  /** For each attempt that got a response (`headers`: the response's, as a plain object). */
  response: { area: string | null; name: string | null; method: string; url: string; attempt: number; status: number; durationMs: number; headers: Record<string, string> };
  /** Before each wait to retry: `reason` is the status that failed, or the error's code. */
  retry: { area: string | null; name: string | null; attempt: number; delayMs: number; reason: number | string };
  /** For each attempt that failed without a response (`code`: NETWORK_ERROR, TIMEOUT or ABORTED). */
  error: { area: string | null; name: string | null; attempt: number; code: ErrorCode; status: number };
}

/** The last argument of `.all(...)`. */
export interface AllOptions extends CallOptions {
  /** Stop after this many items. */
  maxItems?: number;
  /** Stop after this many pages. Without it, more than 1000 pages is an error (`INVALID_ARGUMENT`), not a quiet end. */
  maxPages?: number;
}

/**
 * A paginated function: called, it answers one page; its `.all(...)` is an async iterator
 * over the items of every page, in order, each page fetched only when it is reached.
 */
export interface Paged<Args extends unknown[], Item, Data = Page<Item>> {
  /** One page. */
  (...args: [...Args, options?: CallOptions]): Call<Envelope<Data>>;
  /** The items of every page, in order, each page fetched when it is reached; stop early with `break`, `maxItems` or `maxPages`. */
  all(...args: [...Args, options?: AllOptions]): AsyncIterableIterator<Item>;
}

/**
 * A ClickSendError's `code`: ClickSend's own `response_code` (NOT_FOUND, ...) or one of the
 * client's: NETWORK_ERROR (no response), TIMEOUT (`timeoutMs` ran out), ABORTED (the caller's
 * signal), INVALID_ARGUMENT (nothing was sent), INVALID_RESPONSE (not ClickSend's answer),
 * UNKNOWN_ERROR (an error made with no code), FORBIDDEN_WEBHOOK (a callback that failed parseWebhook's checks).
 */
export type ErrorCode = 'NETWORK_ERROR' | 'TIMEOUT' | 'ABORTED' | 'INVALID_ARGUMENT' | 'INVALID_RESPONSE' | 'UNKNOWN_ERROR' | 'FORBIDDEN_WEBHOOK' | (string & {});

/** The fields of `new ClickSendError(message, options)`; every one optional. */
export interface ClickSendErrorOptions {
  /** Default `UNKNOWN_ERROR`. */
  code?: ErrorCode;
  /** HTTP status; default 0 (no response). */
  status?: number;
  /** The response body's `data`; default undefined. */
  data?: unknown;
  /** Seconds to wait before trying again; default undefined. */
  retryAfter?: number;
  /** Whether calling again is safe and may succeed; default false. */
  retryable?: boolean;
  /** Whether the operation may have been carried out although the call failed; default false. */
  ambiguous?: boolean;
  /** When the call began (ms since 1970); default undefined. */
  startedAt?: number;
  /** When the client gave up on it (ms since 1970); default undefined. */
  endedAt?: number;
}

/** Every error the client throws or rejects with, whichever runtime and whichever part made it. */
export class ClickSendError extends Error {
  /**
   * An error of your own, e.g. for tests and mocks: `new ClickSendError('boom', {code: 'NOT_FOUND', status: 404})`.
   * Throws a TypeError if the second argument is not an object.
   */
  constructor(message: string, options?: ClickSendErrorOptions);
  /** Always `ClickSendError`. */
  readonly name: 'ClickSendError';
  /** ClickSend's `response_code` (`NOT_FOUND`, ...), or one of the client's own codes. */
  readonly code: ErrorCode;
  /** HTTP status; 0 when no response was received. */
  readonly status: number;
  /** The response body's `data`, when there is one. */
  readonly data: unknown;
  /** Seconds to wait before trying again, from a `Retry-After` header. */
  readonly retryAfter: number | undefined;
  /**
   * Whether calling again is safe and may succeed. `false` when the operation may have been
   * carried out (a send that timed out or lost its connection: check, e.g. by `custom_string`,
   * before sending again) and for errors a retry cannot fix.
   */
  readonly retryable: boolean;
  /** Whether the operation may have been carried out although the call failed (a send that timed out). */
  readonly ambiguous: boolean;
  /** When the call began (ms since 1970), on the errors of calls that were sent: `reconcile` waits on it. */
  readonly startedAt: number | undefined;
  /** When the client gave up on the call (ms since 1970): a request may still land after it. */
  readonly endedAt: number | undefined;
  /** Every field, `message` included (JSON.stringify would drop it from an Error). */
  toJSON(): {
    name: string;
    code: ErrorCode;
    status: number;
    message: string;
    data: unknown;
    retryAfter: number | undefined;
    retryable: boolean;
    ambiguous: boolean;
    startedAt: number | undefined;
    endedAt: number | undefined;
  };
}

export interface EndpointInfo {
  area: string;
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Relative to `/v3` (or the control plane for `connections`), with `{param}` placeholders. */
  path: string;
  /** What follows the path parameters. */
  input: 'none' | 'query' | 'body' | 'optionalBody' | 'bodyAndQuery' | 'optionalBodyAndQuery';
  /** The answer is a page, and the function has `.all(...)`. */
  paged: boolean;
  /** Sending it twice has the same effect as once: retried on 502/503/504 and network errors, not only 429. */
  repeatSafe: boolean;
  /** A success comes in ClickSend's envelope (`{http_code, response_code, response_msg, data}`), not as a plain object. */
  enveloped: boolean;
  /** Its area also has `sendBulk`, which sends through it. */
  bulk: boolean;
  /** Its area also has `reconcile`, which searches through it. */
  reconcile: boolean;
  /** The kind of the messages its body holds (a send or a price of messages). */
  messages: 'sms' | 'mms' | 'voice' | null;
  /** The kind of each path parameter, in order: a numeric id, a token, or either. */
  params: Array<'id' | 'token' | 'idOrToken'>;
}

/** The endpoint table, in the order the client uses it. */
export function endpoints(): EndpointInfo[];

export interface SmsParts {
  /** GSM-7 unless one character is outside it. */
  encoding: 'GSM-7' | 'UCS-2';
  /** Length in the encoding's units: GSM-7 extension characters (`^{}\[~]|€`) count 2, emoji count 2 in UCS-2. */
  characters: number;
  /** Parts billed: 160/153 characters per part in GSM-7, 70/67 in UCS-2. */
  parts: number;
  perPart: number;
  /** Characters left before another part is needed. */
  remainingInPart: number;
  /** The characters that make the body UCS-2, with their indexes in it (UTF-16 code units, as JS counts). */
  nonGsm: Array<{ char: string; index: number }>;
}

/** What `toGsm7` made of a text. */
export interface Gsm7Text {
  /** The text with the look-alikes replaced (or as given, when that would not save a part). */
  text: string;
  /** The characters still outside GSM-7, with their indexes in `text`. */
  unreplaced: Array<{ char: string; index: number }>;
}

export interface WebhookCommon {
  message_id: string;
  custom_string?: string;
  /** Unix timestamp (seconds). */
  timestamp?: number;
  timestamp_send?: number;
  subaccount_id?: string;
  user_id?: string;
  /** Any other field ClickSend sends, as sent. */
  [field: string]: string | number | undefined;
}

export interface DeliveryReceipt extends WebhookCommon {
  type: 'sms_receipt' | 'mms_receipt' | 'voice_receipt' | 'fax_receipt';
  status_code?: string;
  status_text?: string;
  status?: string;
  error_code?: string;
  error_text?: string;
  message_type?: string;
}

export interface InboundSmsWebhook extends WebhookCommon {
  type: 'inbound_sms';
  from: string;
  to?: string;
  body: string;
  original_body?: string;
  original_message_id?: string;
}

export type Webhook = DeliveryReceipt | InboundSmsWebhook;

/**
 * Parses what ClickSend sends to a callback URL (delivery receipts, inbound SMS), as a form
 * post, a query string or JSON: from a fetch/Workers Request (read once), `{contentType, body}`
 * or URLSearchParams. Rejects with a ClickSendError (INVALID_ARGUMENT) for anything else.
 */
export function parseWebhook(
  input: Request | URLSearchParams | { contentType?: string | null; body: string | Record<string, unknown>; url?: string },
  options?: WebhookChecks,
): Promise<Webhook>;

/** What makes a callback genuine (ClickSend does not sign them); a callback that fails one rejects with FORBIDDEN_WEBHOOK. */
export interface WebhookChecks {
  /** The secret the callback URL you gave ClickSend carries in its `tokenParam` query parameter; compared in constant time, left out of the result. */
  token?: string;
  /** The query parameter that carries `token` (default `token`). */
  tokenParam?: string;
  /** The callback's `user_id` must be this. */
  userId?: string;
  /** The callback's `subaccount_id` must be this. */
  subaccountId?: string;
}

/** How many SMS parts a message takes, by ClickSend's rules, and what makes it UCS-2. Throws a ClickSendError for a non-string. */
export function smsParts(body: string): SmsParts;

/**
 * The text with the usual look-alikes replaced so that it fits GSM-7 (curly quotes, dashes, the
 * ellipsis, other spaces, invisible characters, accented letters GSM-7 lacks), never taking more
 * parts than given; and what could not be replaced. Throws a ClickSendError for a non-string.
 */
export function toGsm7(text: string): Gsm7Text;

/**
 * A phone number in E.164 (`+61411111111`), from the common ways of writing it; national
 * numbers need a default country: an ISO 3166-1 alpha-2 code with a calling code, its trunk
 * prefix taken off (`0`, `1`, `8`, `06`). Checks the calling code and the national number's
 * length (of fixed-line and mobile numbers). Throws a ClickSendError saying what is wrong.
 */
export function parsePhone(input: string, defaultCountry?: 'AU' | 'CA' | 'GB' | 'NZ' | 'US' | (string & {})): string;

/** What `phoneInfo` finds in an international number. */
export interface PhoneInfo {
  /** ISO 3166-1 alpha-2; `'001'` for a calling code of no country (+800, +882, ...). */
  country: string;
  callingCode: string;
  nationalNumber: string;
  /** Every country the number may belong to, `country` first: several share +1, +7, +44, ... */
  candidates: string[];
}

/**
 * The country, calling code and national number of an international number. Where countries
 * share a calling code, `country` is the one whose leading digits the number has (+1 268 is
 * AG), else the code's main country (+44 7700 is GB, though Guernsey and Jersey share +44).
 */
export function phoneInfo(number: string): PhoneInfo;

// ---------------------------------------------------------------- envelopes

/** ClickSend's response envelope, as the server sent it. */
export interface Envelope<T> {
  http_code: number;
  response_code: string;
  response_msg: string;
  data: T;
}

/** ClickSend's pagination. */
export interface Page<T> {
  total: number;
  per_page: number;
  current_page: number;
  last_page: number;
  next_page_url: string | null;
  prev_page_url: string | null;
  from: number | null;
  to: number | null;
  data: T[];
}

export interface PageQuery {
  /** Page number, from 1. */
  page?: number;
  /** Items per page (ClickSend clamps it; 15 by default). */
  limit?: number;
}

export interface DateRangeQuery {
  /** Unix timestamp (seconds). */
  date_from?: number;
  /** Unix timestamp (seconds). */
  date_to?: number;
}

export interface Currency {
  currency_name_short: string;
  currency_prefix_d: string;
  currency_prefix_c?: string;
  currency_name_long?: string;
  [key: string]: unknown;
}

// ---------------------------------------------------------------- account

export interface Account {
  user_id: number;
  username: string;
  user_email: string;
  balance: string;
  user_phone: string;
  user_first_name: string;
  user_last_name: string;
  country: string;
  default_country_sms: string;
  timezone: string;
  _currency: Currency;
  [key: string]: unknown;
}

// ---------------------------------------------------------------- messages

/** A message goes to one number (`to`, E.164) or to every contact of a list (`list_id`). */
export type Recipient = { to: string; list_id?: number | string } | { to?: string; list_id: number | string };

export interface MessageCommon {
  body: string;
  /** Sender id: a number, an alpha tag or a dedicated number. */
  from?: string;
  /** Your application's name, for ClickSend's analytics. */
  source?: string;
  /** Unix timestamp (seconds) to send at; absent or past: now. */
  schedule?: number;
  /** Your reference, returned in receipts and history. */
  custom_string?: string;
  /** Two-letter country of the recipient, for numbers not in E.164. */
  country?: string;
  from_email?: string;
}

export type SmsMessage = Recipient & MessageCommon & { contact_id?: number };

export interface SmsSendRequest {
  /** 1 to 1000 messages. */
  messages: SmsMessage[];
  shorten_urls?: boolean;
}

export type MmsMessage = Recipient &
  MessageCommon & {
    subject?: string;
    /** The media's URL, when not given for all messages at the top of the request. */
    media_file?: string;
  };

export interface MmsSendRequest {
  /** The media's URL for every message (ClickSend's API description puts it here). */
  media_file?: string;
  messages: MmsMessage[];
}

export type VoiceGender = 'male' | 'female';

export type VoiceMessage = Recipient &
  MessageCommon & {
    voice?: VoiceGender;
    /** Language code, e.g. `en-us`, `en-au`, `de-de` (see `voice.languages()`). */
    lang?: string;
    /** 1: the call waits for a keypad answer. */
    require_input?: 0 | 1;
    /** 1: detect answering machines. */
    machine_detection?: 0 | 1;
  };

export interface VoiceSendRequest {
  messages: VoiceMessage[];
}

/** A message as ClickSend reports it in a send, a price quote or the history. */
export interface SentMessage {
  direction?: string;
  date: number | string;
  to: string;
  body: string;
  from: string | null;
  schedule: number | string | null;
  message_id: string;
  message_parts: number;
  message_price: string;
  custom_string: string;
  list_id: number | string | null;
  contact_id: number | null;
  country: string;
  /** Per message: SUCCESS, INVALID_RECIPIENT, INSUFFICIENT_CREDIT, ... in a send; the delivery state in history. */
  status: string;
  [key: string]: unknown;
}

export interface SentMms extends SentMessage {
  subject: string;
  _media_file_url: string | null;
}

export interface SentVoice extends SentMessage {
  voice: VoiceGender;
  lang: string;
  require_input: number;
  machine_detection: number;
}

export interface SendResult<M extends SentMessage = SentMessage> {
  total_price: number;
  total_count: number;
  queued_count: number;
  messages: M[];
  _currency: Currency;
  [key: string]: unknown;
}

export interface HistoryQuery extends PageQuery, DateRangeQuery {
  /** Search text. */
  q?: string;
  order_by?: string;
}

export interface VoiceHistoryQuery extends HistoryQuery {
  operator?: string;
}

export interface Receipt {
  timestamp_send: number;
  timestamp: number;
  message_id: string;
  status_code: string;
  status_text: string;
  error_code: string | null;
  error_text: string | null;
  custom_string: string | null;
  subaccount_id: number;
  message_type: string;
  [key: string]: unknown;
}

export interface InboundSms {
  timestamp_send: number;
  from: string;
  body: string;
  original_body: string;
  original_message_id: string;
  to: string;
  custom_string: string;
  message_id: string;
  _keyword: string;
  [key: string]: unknown;
}

export interface VoiceLanguage {
  code: string;
  country: string;
  /** One voice, or the voices the language has. */
  gender: VoiceGender | VoiceGender[];
}

export interface BulkOptions {
  /** Calls in flight at once (default 2). */
  concurrency?: number;
  /** Give every message without a `custom_string` a unique one (on a copy), so `reconcile` can match it exactly. */
  customStrings?: boolean;
  /** Called after each batch of (at most) 1000 messages: taken (`sent`), refused inside the 200 (`refused`), failed or unsure (`failed`). */
  onProgress?: (progress: { sent: number; refused: number; failed: number; total: number }) => void;
  /** Stops sending further batches; the messages not sent get an ABORTED error in their results. */
  signal?: AbortSignal;
  /** Each batch's `timeoutMs`, in place of the client's. */
  timeoutMs?: number;
  /** Each batch's `maxRetries`, in place of the client's. */
  maxRetries?: number;
  /** Extra request headers for each batch (as in CallOptions). */
  headers?: Record<string, string>;
}

/** The options of `priceBulk`: how many quotes at once, and every call's options for each. */
export interface PriceBulkOptions extends CallOptions {
  /** Calls in flight at once (default 2). */
  concurrency?: number;
}

/**
 * One result per message, in input order, as ClickSend answered for that message: taken
 * (`status` SUCCESS); refused inside the 200 (`error.code` is its status, `message` its record);
 * or the error of its batch, or not accounted for by the answer (`ambiguous`: it may have gone
 * out: reconcile it before sending again).
 */
export type BulkResult<M extends SentMessage = SentMessage> =
  | { ok: true; message: M }
  | {
      ok: false;
      ambiguous: false;
      error: ClickSendError /** ClickSend's record of the refused message. */;
      message: M /** The message as it was sent. */;
      input: Record<string, unknown>;
    }
  | {
      ok: false;
      ambiguous: boolean;
      error: ClickSendError;
      /** The message as it was sent (with its custom_string), for reconcile. */
      input: Record<string, unknown>;
      /** When its batch was sent and when the client stopped waiting (ms since 1970). */
      startedAt: number;
      endedAt: number;
    };

/** What `reconcile` found for one item. */
export type Reconciled = { state: 'sent'; message: SentMessage } | { state: 'not_found' } | { state: 'unknown'; error: ClickSendError };

/** What `reconcile` takes: a message, a sendBulk result, or a message with the ambiguous error of its send. */
export type ReconcileItem = SmsMessage | BulkResult | { input: SmsMessage; error?: ClickSendError; startedAt?: number; endedAt?: number };

export interface ReconcileOptions {
  /** How long after an attempt ended `not_found` may be said, in ms (default 120000: a request the client gave up on can still land, and the history's lag is documented nowhere). */
  settleMs?: number;
  /** How far the server's clock may be from yours, in ms, where its `Date` header cannot be read (default 300000; where it can, the server's time is read from it). */
  clockSkewMs?: number;
  /** The country of numbers written without a country code (default: the message's `country`, else the account's). */
  country?: string;
  /** Searches in flight at once (default 4), under the client's rate limit. */
  concurrency?: number;
  /** The window's start, a Unix time in seconds (default: the earliest attempt, less the clock skew). */
  from?: number;
  /** The window's end, a Unix time in seconds (default: now, plus the clock skew). */
  to?: number;
  /** The most history pages searched per recipient (default 20); beyond them an item is `unknown`. */
  maxPages?: number;
  /** Aborts the searches. */
  signal?: AbortSignal;
}

// ---------------------------------------------------------------- templates

export interface SmsTemplate {
  template_id: number;
  template_name: string;
  /** May hold placeholders such as `{first_name}` or `{custom_1}`. */
  body: string;
}

export interface SmsTemplateInput {
  template_name: string;
  body: string;
}

// ---------------------------------------------------------------- lists and contacts

export interface ContactList {
  list_id: number;
  list_name: string;
  list_email_id?: string;
  _contacts_count: number;
  [key: string]: unknown;
}

export interface ContactListInput {
  list_name: string;
}

export type ContactField =
  | 'phone_number'
  | 'first_name'
  | 'last_name'
  | 'email'
  | 'fax_number'
  | 'organization_name'
  | 'custom_1'
  | 'custom_2'
  | 'custom_3'
  | 'custom_4'
  | 'address_line_1'
  | 'address_line_2'
  | 'address_city'
  | 'address_state'
  | 'address_postal_code'
  | 'address_country';

/** A new contact needs `phone_number`, `email` or `fax_number`. */
export type ContactInput = Partial<Record<ContactField, string>>;

export type Contact = Record<ContactField, string> & {
  contact_id: number;
  list_id: number;
  date_added: number | string;
  date_updated: number | string;
  _list_name: string;
  [key: string]: unknown;
};

export interface ContactsQuery extends PageQuery {
  /** Unix timestamp: only contacts updated after it. */
  updated_after?: number;
}

export interface RemoveDuplicatesRequest {
  /** The fields that make two contacts duplicates, as keys (`{phone_number: 'phone_number'}`); the phone number when absent. */
  fields?: Partial<Record<ContactField, string>>;
}

// ---------------------------------------------------------------- email addresses, countries

export interface EmailAddress {
  email_address_id: number;
  email_address: string;
  verified: number;
  date_added: string;
  [key: string]: unknown;
}

export interface Country {
  code: string;
  value: string;
}

// ---------------------------------------------------------------- Maton connections

export interface Connection {
  connection_id: string;
  /** ACTIVE once authorized at `url`; PENDING before. */
  status: 'ACTIVE' | 'PENDING' | (string & {});
  creation_time: string;
  last_updated_time: string;
  url: string;
  app: string;
  metadata: Record<string, unknown>;
}

export interface ConnectionsQuery {
  app?: string;
  status?: string;
}

// ---------------------------------------------------------------- the namespaces

type Ok<T> = Call<Envelope<T>>;

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: on purpose: the interface below adds the generated areas, and js/api/client.js makes every one
export class ClickSend {
  /** A client: `{apiKey}` for the Maton gateway, `{username, apiKey}` for ClickSend directly, or `{baseUrl}` for a proxy; throws a ClickSendError (INVALID_ARGUMENT) for a bad option. */
  constructor(options: ClickSendOptions);

  readonly account: AccountMore & {
    /** Your account: balance, currency, settings. `GET /account` */
    get(options?: CallOptions): Ok<Account>;
  };

  readonly sms: SmsMore & {
    /** Sends SMS messages: 1 to 1000 per call, each to a number or a list. `POST /sms/send` */
    send(body: SmsSendRequest, options?: CallOptions): Ok<SendResult>;
    /** Any number of messages (no `list_id`), in calls of 1000; see BulkResult. */
    sendBulk(messages: SmsMessage[], options?: BulkOptions): Promise<BulkResult[]>;
    /** Whether messages of an ambiguous send went out, from the history (`q=to:` in E.164, after the attempt settled, matched on custom_string, else body); one result per item. `GET /sms/history` */
    reconcile(items: ReconcileItem[], options?: ReconcileOptions): Promise<Reconciled[]>;
    /** What a send would cost; nothing is sent. `POST /sms/price` */
    price(body: SmsSendRequest, options?: CallOptions): Ok<SendResult>;
    /** What sending any number of messages (no `list_id`) would cost, quoted in calls of 1000 and summed into one; nothing is sent. */
    priceBulk(messages: SmsMessage[], options?: PriceBulkOptions): Promise<SendResult>;
    /** Messages sent, a page at a time; `.all()` walks every page. `GET /sms/history` */
    history: Paged<[query?: HistoryQuery], SentMessage>;
    /** Messages received, a page at a time. `GET /sms/inbound` */
    inbound: Paged<[query?: PageQuery], InboundSms>;
    /** Delivery receipts, a page at a time. `GET /sms/receipts` */
    receipts: Paged<[query?: PageQuery], Receipt>;
    /** Cancels a scheduled message. `PUT /sms/{message_id}/cancel` */
    cancel(messageId: string, options?: CallOptions): Ok<unknown>;
    /** Cancels every scheduled message. `PUT /sms/cancel-all` */
    cancelAll(body?: { custom_string?: string }, options?: CallOptions): Ok<unknown>;
  };

  readonly smsTemplates: SmsTemplatesMore & {
    /** SMS templates, a page at a time. `GET /sms/templates` */
    list: Paged<[query?: PageQuery], SmsTemplate>;
    /** Creates an SMS template. `POST /sms/templates` */
    create(body: SmsTemplateInput, options?: CallOptions): Ok<SmsTemplate>;
    /** Changes an SMS template. `PUT /sms/templates/{template_id}` */
    update(templateId: number, body: Partial<SmsTemplateInput>, options?: CallOptions): Ok<SmsTemplate>;
    /** Deletes an SMS template. `DELETE /sms/templates/{template_id}` */
    delete(templateId: number, options?: CallOptions): Ok<unknown>;
  };

  readonly mms: MmsMore & {
    /** Sends MMS messages: 1 to 1000 per call. `POST /mms/send` */
    send(body: MmsSendRequest, options?: CallOptions): Ok<SendResult<SentMms>>;
    /** Any number of messages, each with its `media_file`, in calls of 1000. */
    sendBulk(messages: Array<MmsMessage & { media_file: string }>, options?: BulkOptions): Promise<Array<BulkResult<SentMms>>>;
    /** What an MMS send would cost; nothing is sent. `POST /mms/price` */
    price(body: MmsSendRequest, options?: CallOptions): Ok<SendResult<SentMms>>;
    /** What sending any number of MMS messages would cost, quoted in calls of 1000 and summed into one; nothing is sent. */
    priceBulk(messages: Array<MmsMessage & { media_file: string }>, options?: PriceBulkOptions): Promise<SendResult<SentMms>>;
    /** MMS messages sent, a page at a time. `GET /mms/history` */
    history: Paged<[query?: HistoryQuery], SentMms>;
    /** MMS delivery receipts, a page at a time. `GET /mms/receipts` */
    receipts: Paged<[query?: PageQuery], Receipt>;
  };

  readonly voice: VoiceMore & {
    /** Sends voice (text-to-speech) calls: 1 to 1000 per call. `POST /voice/send` */
    send(body: VoiceSendRequest, options?: CallOptions): Ok<SendResult<SentVoice>>;
    /** Any number of voice messages (no `list_id`), in calls of 1000; see BulkResult. */
    sendBulk(messages: VoiceMessage[], options?: BulkOptions): Promise<Array<BulkResult<SentVoice>>>;
    /** What a voice send would cost; nothing is sent. `POST /voice/price` */
    price(body: VoiceSendRequest, options?: CallOptions): Ok<SendResult<SentVoice>>;
    /** What sending any number of voice messages (no `list_id`) would cost, quoted in calls of 1000 and summed into one; nothing is sent. */
    priceBulk(messages: VoiceMessage[], options?: PriceBulkOptions): Promise<SendResult<SentVoice>>;
    /** Voice calls made, a page at a time. `GET /voice/history` */
    history: Paged<[query?: VoiceHistoryQuery], SentVoice>;
    /** The languages and voices text-to-speech speaks. `GET /voice/lang` */
    languages(options?: CallOptions): Ok<VoiceLanguage[]>;
    /** Cancels a scheduled voice call. `PUT /voice/{message_id}/cancel` */
    cancel(messageId: string, body?: Record<string, unknown>, options?: CallOptions): Ok<unknown>;
  };

  readonly lists: ListsMore & {
    /** Contact lists, a page at a time. `GET /lists` */
    list: Paged<[query?: PageQuery], ContactList>;
    /** One contact list. `GET /lists/{list_id}` */
    get(listId: number, options?: CallOptions): Ok<ContactList>;
    /** Creates a contact list. `POST /lists` */
    create(body: ContactListInput, options?: CallOptions): Ok<ContactList>;
    /** Renames a contact list. `PUT /lists/{list_id}` */
    update(listId: number, body: ContactListInput, options?: CallOptions): Ok<ContactList>;
    /** Deletes a contact list. `DELETE /lists/{list_id}` */
    delete(listId: number, options?: CallOptions): Ok<unknown>;
    /** Resolves with how many contacts were deleted. `PUT /lists/{list_id}/remove-duplicates` */
    removeDuplicates(listId: number, body?: RemoveDuplicatesRequest, options?: CallOptions): Ok<{ deleted: number }>;
  };

  readonly contacts: {
    /** The contacts of a list, a page at a time. `GET /lists/{list_id}/contacts` */
    list: Paged<[listId: number, query?: ContactsQuery], Contact>;
    /** One contact. `GET /lists/{list_id}/contacts/{contact_id}` */
    get(listId: number, contactId: number, options?: CallOptions): Ok<Contact>;
    /** Adds a contact to a list. `POST /lists/{list_id}/contacts` */
    create(listId: number, body: ContactInput, options?: CallOptions): Ok<Contact>;
    /** Changes a contact. `PUT /lists/{list_id}/contacts/{contact_id}` */
    update(listId: number, contactId: number, body: ContactInput, options?: CallOptions): Ok<Contact>;
    /** Deletes a contact. `DELETE /lists/{list_id}/contacts/{contact_id}` */
    delete(listId: number, contactId: number, options?: CallOptions): Ok<unknown>;
    /** A copy, with a new contact id, in the other list. `PUT /lists/{from_list_id}/contacts/{contact_id}/copy/{to_list_id}` */
    copy(fromListId: number, contactId: number, toListId: number, body?: Record<string, unknown>, options?: CallOptions): Ok<Contact>;
    /** Moves the contact to the other list. `PUT /lists/{from_list_id}/contacts/{contact_id}/transfer/{to_list_id}` */
    transfer(fromListId: number, contactId: number, toListId: number, body?: Record<string, unknown>, options?: CallOptions): Ok<Contact>;
  };

  readonly emailAddresses: EmailAddressesMore & {
    /** Your verified email addresses, a page at a time. `GET /email/addresses` */
    list: Paged<[query?: PageQuery], EmailAddress>;
    /** Adds an email address (ClickSend then verifies it). `POST /email/addresses` */
    create(body: { email_address: string }, options?: CallOptions): Ok<EmailAddress>;
    /** Deletes an email address. `DELETE /email/addresses/{email_address_id}` */
    delete(emailAddressId: number, options?: CallOptions): Ok<unknown>;
  };

  readonly countries: CountriesMore & {
    /** The countries ClickSend knows (needs no credentials). `GET /countries` */
    list(options?: CallOptions): Ok<Country[]>;
  };

  readonly uploads: {
    /**
     * Uploads a file for conversion; it expires after 10 minutes. The file is the bytes
     * (a Blob, an ArrayBuffer or a typed array, which the client sends base64-encoded) or
     * `{content}` already in base64.
     * `POST /uploads`
     */
    create(
      file: Blob | ArrayBuffer | ArrayBufferView | { content: string },
      query: { convert: 'fax' | 'mms' | 'csv' | 'post' | 'postcard' },
      options?: CallOptions,
    ): Ok<{ _url?: string; [key: string]: unknown }>;
  };

  /** Maton's connection management (`controlUrl`, default https://ctrl.maton.ai), with the Maton API key. */
  readonly connections: {
    /** Your Maton connections (Maton's control plane). `GET /connections` */
    list(query?: ConnectionsQuery, options?: CallOptions): Call<{ connections: Connection[] }>;
    /** Creates a Maton connection; authorize it at its `url`. `POST /connections` */
    create(body: { app: string }, options?: CallOptions): Call<{ connection: Connection }>;
    /** One Maton connection. `GET /connections/{connection_id}` */
    get(connectionId: string, options?: CallOptions): Call<{ connection: Connection }>;
    /** Deletes a Maton connection. `DELETE /connections/{connection_id}` */
    delete(connectionId: string, options?: CallOptions): Call<{ connection: Connection }>;
  };

  /** Any path under /v3, through the same checks and errors as the named functions. */
  request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    init?: CallOptions & { query?: Record<string, string | number | boolean | null | undefined>; body?: object },
  ): Call<Envelope<unknown>>;

  /** Adds an event handler; returns a function that removes it. Throws INVALID_ARGUMENT for an unknown event. A handler that throws or rejects changes nothing. */
  on<E extends keyof ClickSendEvents>(event: E, handler: (event: ClickSendEvents[E]) => unknown): () => void;
}

/** The areas of the rest of the API (generated.d.ts). */
export interface ClickSend extends GeneratedAreas {}
