// Types of the clicksend-wasm package.

export interface ClickSendOptions {
  /** Maton API key (Bearer, the default gateway) or, with `username`, a ClickSend API key (HTTP Basic). */
  apiKey?: string;
  /** ClickSend username: with `apiKey`, talk to rest.clicksend.com directly. */
  username?: string;
  /** Maton connection id, sent as the `Maton-Connection` header. */
  connection?: string;
  /** Any other base URL (the sandbox, a proxy that adds credentials itself). Requests go to `${baseUrl}/v3/...`. */
  baseUrl?: string;
  /** Per-call timeout in milliseconds (default 30000). */
  timeoutMs?: number;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export type ErrorCode =
  | 'NETWORK_ERROR'
  | 'TIMEOUT'
  | 'ABORTED'
  | 'INVALID_ARGUMENT'
  | 'INVALID_RESPONSE'
  | (string & {});

export class ClickSendError extends Error {
  readonly name: 'ClickSendError';
  /** ClickSend's `response_code`, or one of the client's own codes. */
  readonly code: ErrorCode;
  /** HTTP status; 0 when no response was received. */
  readonly status: number;
  /** The response body's `data`, when there is one. */
  readonly data: unknown;
  /** Seconds to wait before trying again, from a `Retry-After` header. */
  readonly retryAfter: number | undefined;
}

/** ClickSend's response envelope. */
export interface Envelope<T> {
  http_code: number;
  response_code: string;
  response_msg: string;
  data: T;
}

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
  page?: number;
  limit?: number;
}

export interface Currency {
  currency_name_short: string;
  currency_prefix_d: string;
  currency_prefix_c?: string;
  currency_name_long?: string;
  [key: string]: unknown;
}

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

export interface SmsMessage {
  /** Recipient in E.164 format; or use `list_id`. */
  to?: string;
  list_id?: number;
  body: string;
  from?: string;
  source?: string;
  /** Unix timestamp (seconds) to send at. */
  schedule?: number;
  custom_string?: string;
  country?: string;
  from_email?: string;
}

export interface SmsSendRequest {
  messages: SmsMessage[];
}

export interface SentSms {
  direction: string;
  date: number | string;
  to: string;
  body: string;
  from: string | null;
  schedule: number | string | null;
  message_id: string;
  message_parts: number;
  message_price: string;
  from_email: string | null;
  list_id: number | null;
  custom_string: string;
  contact_id: number | null;
  user_id: number;
  subaccount_id: number;
  country: string;
  carrier: string;
  /** Per-message outcome: SUCCESS, INVALID_RECIPIENT, ... */
  status: string;
  [key: string]: unknown;
}

export interface SmsSendResult {
  total_price: number;
  total_count: number;
  queued_count: number;
  messages: SentSms[];
  _currency: Currency;
  [key: string]: unknown;
}

export interface SmsHistoryQuery extends PageQuery {
  /** Unix timestamp (seconds). */
  date_from?: number;
  /** Unix timestamp (seconds). */
  date_to?: number;
  q?: string;
  order_by?: string;
}

export interface ContactList {
  list_id: number;
  list_name: string;
  list_email_id?: string;
  _contacts_count: number;
  [key: string]: unknown;
}

export interface EndpointInfo {
  area: string;
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
}

export function endpoints(): EndpointInfo[];

export class ClickSend {
  constructor(options: ClickSendOptions);
  readonly account: {
    get(options?: CallOptions): Promise<Envelope<Account>>;
  };
  readonly sms: {
    send(body: SmsSendRequest, options?: CallOptions): Promise<Envelope<SmsSendResult>>;
    price(body: SmsSendRequest, options?: CallOptions): Promise<Envelope<SmsSendResult>>;
    history(query?: SmsHistoryQuery, options?: CallOptions): Promise<Envelope<Page<SentSms>>>;
    cancel(messageId: string, options?: CallOptions): Promise<Envelope<unknown>>;
    cancelAll(options?: CallOptions): Promise<Envelope<{ count: number }>>;
  };
  readonly lists: {
    list(query?: PageQuery, options?: CallOptions): Promise<Envelope<Page<ContactList>>>;
    create(body: { list_name: string }, options?: CallOptions): Promise<Envelope<ContactList>>;
    delete(listId: number, options?: CallOptions): Promise<Envelope<unknown>>;
  };
  /** Any path under /v3, through the same checks and errors as the named functions. */
  request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    init?: { query?: Record<string, string | number | boolean | null | undefined>; body?: object; signal?: AbortSignal },
  ): Promise<Envelope<unknown>>;
}
