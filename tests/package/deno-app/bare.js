// The same with a bare specifier, resolved through package.json and node_modules.
import { ClickSend, ClickSendError, smsParts } from 'clicksend-wasm';

const client = new ClickSend({ apiKey: Deno.env.get('MATON_API_KEY'), baseUrl: Deno.env.get('CLICKSEND_BASE_URL') });

const res = await client.sms.send({ messages: [{ to: '+61411111111', body: 'Hello from Deno', source: 'deno-bare' }] });
const missing = await client.lists.get(987654).catch((e) => e); // a 404
console.log(
  JSON.stringify({
    entry: import.meta.resolve('clicksend-wasm'),
    status: res.data.messages[0].status,
    parts: smsParts('Hello').parts,
    notFound: missing instanceof ClickSendError ? `${missing.status} ${missing.code}` : String(missing),
  }),
);
