// Type-checked (tsc --noEmit, strict) against the package's .d.ts: what a user writes.
// A wrong declaration fails the build; each @ts-expect-error line must stay an error.
import { ClickSend, ClickSendError, endpoints, type Envelope, type SendResult, type Contact } from 'clicksend-wasm';

export async function usage(): Promise<void> {
  const client = new ClickSend({ apiKey: 'key', connection: 'conn', timeoutMs: 10_000, maxRetries: 3, maxRetryDelayMs: 5_000 });
  const account = await client.account.get();
  const balance: string = account.data.balance;

  const sent: Envelope<SendResult> = await client.sms.send({
    messages: [
      { to: '+61411111111', body: 'Hi', custom_string: 'ref-1', schedule: 1_900_000_000 },
      { list_id: 42, body: 'To a list' },
    ],
  });
  const status: string = sent.data.messages[0].status;
  const id: string = sent.data.messages[0].message_id;
  await client.sms.cancel(id, { signal: AbortSignal.timeout(5000) });
  const history = await client.sms.history({ date_from: 1_700_000_000, page: 2, limit: 50 });
  const lastPage: number = history.data.last_page;
  const inbound = await client.sms.inbound({ page: 1 });
  const keyword: string = inbound.data.data[0]._keyword;
  const receipts = await client.sms.receipts();
  const code: string = receipts.data.data[0].status_code;
  await client.sms.cancelAll();

  const template = await client.smsTemplates.create({ template_name: 'Welcome', body: 'Hi {first_name}' });
  await client.smsTemplates.update(template.data.template_id, { body: 'Hello' });
  await client.smsTemplates.delete(template.data.template_id);
  const templates: string[] = (await client.smsTemplates.list()).data.data.map((t) => t.template_name);

  const mms = await client.mms.send({ media_file: 'https://example.com/a.jpg', messages: [{ to: '+61411111111', body: 'pic', subject: 'Hi' }] });
  const media: string | null = mms.data.messages[0]._media_file_url;
  await client.mms.price({ messages: [{ to: '+61411111111', body: 'pic', media_file: 'https://example.com/b.jpg' }] });
  await client.mms.history({ limit: 20 });
  await client.mms.receipts();

  const call = await client.voice.send({ messages: [{ to: '+61411111111', body: 'Your code is 1234', voice: 'female', lang: 'en-au', machine_detection: 1 }] });
  const lang: string = call.data.messages[0].lang;
  await client.voice.price({ messages: [{ to: '+61411111111', body: 'x' }] });
  await client.voice.history({ page: 1, operator: 'x' });
  const genders = (await client.voice.languages()).data.map((l) => l.gender);
  await client.voice.cancel(call.data.messages[0].message_id);

  const list = await client.lists.create({ list_name: 'VIP' });
  const listId: number = list.data.list_id;
  await client.lists.update(listId, { list_name: 'VIPs' });
  const count: number = (await client.lists.get(listId)).data._contacts_count;
  const { deleted } = (await client.lists.removeDuplicates(listId, { fields: { phone_number: 'phone_number' } })).data;
  await client.lists.removeDuplicates(listId);
  await client.lists.list({ page: 1 });

  const contact = await client.contacts.create(listId, { phone_number: '+61411111111', first_name: 'Ann', custom_1: 'x', address_city: 'Melbourne' });
  const c: Contact = contact.data;
  await client.contacts.update(listId, c.contact_id, { last_name: 'Lee' });
  await client.contacts.get(listId, c.contact_id);
  await client.contacts.list(listId, { limit: 100, updated_after: 1_700_000_000 });
  await client.contacts.copy(listId, c.contact_id, 7);
  await client.contacts.transfer(listId, c.contact_id, 7);
  await client.contacts.delete(listId, c.contact_id);
  await client.lists.delete(listId);

  const address = await client.emailAddresses.create({ email_address: 'ops@example.com' });
  await client.emailAddresses.delete(address.data.email_address_id);
  await client.emailAddresses.list();
  const countries: string[] = (await client.countries.list()).data.map((x) => x.code);

  const { connections } = await client.connections.list({ app: 'clicksend', status: 'ACTIVE' });
  const { connection } = await client.connections.create({ app: 'clicksend' });
  await client.connections.get(connection.connection_id);
  await client.connections.delete(connections[0].connection_id);
  await client.request('GET', '/sms/history', { query: { limit: 2 } });
  await client.uploads.create(new Uint8Array([1, 2, 3]), { convert: 'fax' });
  await client.uploads.create(new Blob(['x']), { convert: 'postcard' });
  await client.uploads.create({ content: 'aGk=' }, { convert: 'mms' });
  // The rest of the API, from the generated declarations:
  await client.fax.send({ file_url: 'https://example.com/f.pdf', messages: [{ to: '+61299999999' }] });
  await client.ownNumbers.update('on_1', {});
  const campaigns = await client.smsCampaigns.list({ page: 1 });
  console.log(campaigns.data);
  await client.sms.exportHistory({ filename: 'history.csv' });
  await client.subaccounts.regenerateApiKey(12);

  try {
    await client.account.get();
  } catch (e) {
    if (e instanceof ClickSendError) {
      const retry: number | undefined = e.retryAfter;
      const again: boolean = e.retryable;
      console.log(again);
      console.log(e.code, retry, e.status, e.data);
    }
  }
  const names: string[] = endpoints().map((e) => `${e.area}.${e.name}`);
  console.log(balance, status, lastPage, keyword, code, templates, media, lang, genders, count, deleted, countries, names);

  // @ts-expect-error: a message needs a body
  await client.sms.send({ messages: [{ to: '+61411111111' }] });
  // @ts-expect-error: a message needs `to` or `list_id`
  await client.sms.send({ messages: [{ body: 'to nobody' }] });
  // @ts-expect-error: voice is male or female
  await client.voice.send({ messages: [{ to: '+61411111111', body: 'x', voice: 'robot' }] });
  // @ts-expect-error: unknown option
  new ClickSend({ apiKey: 'k', apikey: 'k' });
  // @ts-expect-error: list ids are numbers
  await client.lists.delete({ id: 1 });
  // @ts-expect-error: copy needs the target list
  await client.contacts.copy(1, 2);
  // @ts-expect-error: not a contact field
  await client.contacts.create(1, { phone: '+61411111111' });
  // @ts-expect-error: a string is not a file
  await client.uploads.create('file.pdf', { convert: 'fax' });
  // @ts-expect-error: subaccount ids are numbers
  await client.subaccounts.get({ id: 1 });
}

export async function pagination(client: ClickSend): Promise<void> {
  for await (const m of client.sms.history.all({ date_from: 1_700_000_000 }, { maxItems: 500 })) {
    const id: string = m.message_id;
    console.log(id);
  }
  for await (const c of client.contacts.list.all(7, { limit: 100 }, { maxPages: 3, signal: AbortSignal.timeout(10_000) })) {
    const phone: string = c.phone_number;
    console.log(phone);
  }
  const page = await client.sms.history({ page: 2 });
  const last: number = page.data.last_page;
  for await (const campaign of client.smsCampaigns.list.all()) console.log(campaign, last);
  // @ts-expect-error: not an option of all()
  client.sms.history.all({}, { maxitems: 5 });
}

export async function bulk(client: ClickSend): Promise<void> {
  const results = await client.sms.sendBulk([{ to: '+61411111111', body: 'Hi' }], { concurrency: 4, onProgress: ({ sent, total }) => console.log(sent, total) });
  for (const r of results) {
    if (r.ok) console.log(r.message.message_id, r.message.status);
    else console.log(r.ambiguous, r.error.code, r.error.retryable);
  }
}

// A call is a Promise: assignable to Promise<T>, and taken by helpers typed with Promise<T>.
export async function callsArePromises(client: ClickSend): Promise<void> {
  const p: Promise<Envelope<SendResult>> = client.sms.send({ messages: [{ to: '+61411111111', body: 'Hi' }] });
  const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
    Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('late')), ms))]);
  const sent = await withTimeout(p, 5000);
  const status: string = sent.data.messages[0].status;
  const all: Promise<unknown>[] = [client.account.get(), client.lists.list(), client.request('GET', '/account')];
  await Promise.all(all);
  const { data, response } = await client.account.get().withResponse();
  const user: number = data.data.user_id;
  const headers: Record<string, string> = response.headers;
  void [status, user, headers];
}

// Every operation of every area returns a Promise (sendBulk and reconcile too).
type ReturnsPromise<F> = F extends (...args: never[]) => infer R ? (R extends Promise<unknown> ? true : false) : true;
type EveryOperation<C> = { [A in keyof C]: C[A] extends (...args: never[]) => unknown ? true : { [N in keyof C[A]]: ReturnsPromise<C[A][N]> }[keyof C[A]] }[keyof C];
type AllTrue<T> = false extends T ? false : true;
export const everyOperationIsAPromise: AllTrue<EveryOperation<Omit<ClickSend, 'on'>>> = true;
