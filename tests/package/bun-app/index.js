import { ClickSend, ClickSendError, smsParts } from 'clicksend-wasm';

// Bun reads the .wasm with Bun.file at import; no flag or setting is needed.
const client = new ClickSend({ apiKey: process.env.MATON_API_KEY, baseUrl: process.env.CLICKSEND_BASE_URL });

const res = await client.sms.send({ messages: [{ to: '+61411111111', body: 'Hello from Bun', source: 'bun-import' }] });
const missing = await client.lists.get(987654).catch((e) => e); // a 404
console.log(
  JSON.stringify({
    entry: import.meta.resolve('clicksend-wasm'),
    status: res.data.messages[0].status,
    parts: smsParts('Hello').parts,
    notFound: missing instanceof ClickSendError ? `${missing.status} ${missing.code}` : String(missing),
  }),
);
