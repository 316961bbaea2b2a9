// The testing kit's types, as a user's strict test file uses them.
import { ClickSend } from 'clicksend-wasm';
import { createSandbox, type RecordedRequest, type Sandbox } from 'clicksend-wasm/testing';

const sandbox: Sandbox = createSandbox({ now: new Date('2026-11-28T00:00:00Z') });
const client = new ClickSend({ apiKey: 'test', fetch: sandbox.fetch });
await client.sms.send({ messages: [{ to: '+61411111111', body: 'Hi' }] });
const requests: RecordedRequest[] = sandbox.requests();
const status: number | undefined = requests[0]?.response.status;
const made = sandbox.seed({ lists: [{ list_name: 'L', contacts: [{ phone_number: '+61411111111' }] }] });
const listId: number | undefined = made.lists[0]?.list_id;
sandbox.faults({ path: '/sms/send', status: 429, retry_after: 1 });
const receipt: Request = sandbox.receipt('5A4D0B0C-0000-4000-8000-000000000001', { format: 'json' });
const later: number = sandbox.clock.advance(60);
console.log(status, listId, receipt.url, later, sandbox.state().balance);
// @ts-expect-error: a webhook format ClickSend does not use
sandbox.inbound({ body: 'x' }, { format: 'xml' });
