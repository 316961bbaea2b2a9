// The canned answers the per-call and cold-start benchmarks reply with: a send of one
// message and a page of history, as ClickSend sends them (taken from the sandbox's shapes).
const message = {
  direction: 'out',
  date: 1795734751,
  to: '+61411111111',
  body: 'Benchmark',
  from: null,
  schedule: '',
  message_id: '5A4D0B0C-0000-4000-8000-000000000001',
  message_parts: 1,
  message_price: '0.0792',
  from_email: null,
  list_id: null,
  custom_string: 'bench',
  contact_id: null,
  user_id: 3819,
  subaccount_id: 3998,
  is_shared_system_number: false,
  country: 'AU',
  carrier: 'Sandbox Mobile',
  status: 'SUCCESS',
};
const currency = { currency_name_short: 'AUD', currency_prefix_d: '$', currency_prefix_c: 'c', currency_name_long: 'Australian Dollars' };
export const SEND = JSON.stringify({
  http_code: 200,
  response_code: 'SUCCESS',
  response_msg: 'Messages queued for delivery.',
  data: { total_price: 0.0792, total_count: 1, queued_count: 1, messages: [message], _currency: currency },
});
export const HISTORY = JSON.stringify({
  http_code: 200,
  response_code: 'SUCCESS',
  response_msg: 'Here are your results.',
  data: {
    total: 15,
    per_page: 15,
    current_page: 1,
    last_page: 1,
    next_page_url: null,
    prev_page_url: null,
    from: 1,
    to: 15,
    data: Array.from({ length: 15 }, () => ({ ...message, status: 'Sent' })),
  },
});
export const SMS = { messages: [{ to: '+61411111111', body: 'Benchmark', custom_string: 'bench' }] };
export const QUERY = { date_from: 1700000000, page: 1, limit: 15 };

/** A fetch that answers at once, without a network: only client work is timed. */
export function stubFetch(input) {
  const url = typeof input === 'string' ? input : input.url;
  return Promise.resolve(new Response(String(url).includes('/sms/send') ? SEND : HISTORY, { status: 200, headers: { 'content-type': 'application/json' } }));
}
