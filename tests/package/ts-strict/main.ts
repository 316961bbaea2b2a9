import { ClickSend, ClickSendError, smsParts, type SmsMessage } from 'clicksend-wasm';

const client = new ClickSend({ apiKey: 'key', timeoutMs: 10_000 });
const message: SmsMessage = { to: '+61411111111', body: 'Hello' };
const sent = await client.sms.send({ messages: [message] });
// biome-ignore lint/style/noNonNullAssertion: written as a user would in strict mode; tsc --strict must accept it
const id: string = sent.data.messages[0]!.message_id;
const parts: number = smsParts('Hello').parts;
for await (const m of client.sms.history.all({ limit: 100 })) {
  const to: string = m.to;
  console.log(to);
}
try {
  await client.contacts.get(1, 2);
} catch (e) {
  if (e instanceof ClickSendError) console.log(e.status, e.code, id, parts);
}
// @ts-expect-error: a list id is required
await client.lists.get();
