import { ClickSend, ClickSendError } from 'clicksend-wasm';

const sandbox = new URLSearchParams(location.search).get('sandbox');
const out = document.getElementById('result');
try {
  const client = new ClickSend({ apiKey: 'sandbox-key', baseUrl: sandbox });
  const res = await client.sms.send({ messages: [{ to: '+61411111111', body: 'Hello from Vite', source: 'vite-app' }] });
  const m = res.data.messages[0];
  out.textContent = `${m.status} ${m.message_id}`;
} catch (e) {
  out.textContent = `failed: ${e instanceof ClickSendError ? e.code : ''} ${e.message}`;
}
