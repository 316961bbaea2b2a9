import { ClickSend, ClickSendError, smsParts } from 'clicksend-wasm';

// CLICKSEND_BASE_URL is unset in production (the Maton gateway); the tests point it at the sandbox.
const client = new ClickSend({ apiKey: process.env.MATON_API_KEY, baseUrl: process.env.CLICKSEND_BASE_URL });

const res = await client.sms.send({ messages: [{ to: '+61411111111', body: 'Hello from Node ESM', source: 'node-esm' }] });
const failure = await client.sms.send({ messages: [] }).catch((e) => e);
const missing = await client.lists.get(987654).catch((e) => e); // a 404
console.log(
  JSON.stringify({
    entry: import.meta.resolve('clicksend-wasm'),
    node: process.versions.node.split('.')[0],
    status: res.data.messages[0].status,
    parts: smsParts('Hello').parts,
    error: failure instanceof ClickSendError ? failure.code : String(failure),
    notFound: missing instanceof ClickSendError ? `${missing.status} ${missing.code}` : String(missing),
  }),
);
