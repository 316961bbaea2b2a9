// Type-checked (tsc --noEmit, strict) against the package's .d.ts: what a user writes.
// A wrong declaration fails the build; the @ts-expect-error lines must stay errors.
import { ClickSend, ClickSendError, endpoints, type Envelope, type SmsSendResult } from 'clicksend-wasm';

export async function usage(): Promise<void> {
  const client = new ClickSend({ apiKey: 'key', connection: 'conn', timeoutMs: 10_000 });
  const account = await client.account.get();
  const balance: string = account.data.balance;

  const sent: Envelope<SmsSendResult> = await client.sms.send({
    messages: [{ to: '+61411111111', body: 'Hi', custom_string: 'ref-1', schedule: 1_900_000_000 }],
  });
  const status: string = sent.data.messages[0].status;
  const id: string = sent.data.messages[0].message_id;
  await client.sms.cancel(id, { signal: AbortSignal.timeout(5000) });

  const history = await client.sms.history({ date_from: 1_700_000_000, page: 2, limit: 50 });
  const lastPage: number = history.data.last_page;
  const list = await client.lists.create({ list_name: 'VIP' });
  await client.lists.delete(list.data.list_id);
  await client.request('GET', '/sms/history', { query: { limit: 2 } });

  try {
    await client.sms.cancelAll();
  } catch (e) {
    if (e instanceof ClickSendError) {
      const code: string = e.code;
      const retry: number | undefined = e.retryAfter;
      console.log(code, retry, e.status, e.data);
    }
  }
  const names: string[] = endpoints().map((e) => `${e.area}.${e.name}`);
  console.log(balance, status, lastPage, names);

  // @ts-expect-error: a message needs a body
  await client.sms.send({ messages: [{ to: '+61411111111' }] });
  // @ts-expect-error: unknown option
  new ClickSend({ apiKey: 'k', apikey: 'k' });
  // @ts-expect-error: list ids are numbers
  await client.lists.delete({ id: 1 });
}
