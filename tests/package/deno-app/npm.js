// deno run --allow-net=<API host> --allow-read=node_modules/clicksend-wasm --allow-env=MATON_API_KEY,CLICKSEND_BASE_URL npm.js
import { ClickSend, ClickSendError, smsParts } from 'npm:clicksend-wasm';

const client = new ClickSend({ apiKey: Deno.env.get('MATON_API_KEY'), baseUrl: Deno.env.get('CLICKSEND_BASE_URL') });

const res = await client.sms.send({ messages: [{ to: '+61411111111', body: 'Hello from Deno', source: 'deno-npm' }] });
const missing = await client.lists.get(987654).catch((e) => e); // a 404
console.log(
  JSON.stringify({
    entry: import.meta.resolve('npm:clicksend-wasm'),
    status: res.data.messages[0].status,
    parts: smsParts('Hello').parts,
    notFound: missing instanceof ClickSendError ? `${missing.status} ${missing.code}` : String(missing),
  }),
);
