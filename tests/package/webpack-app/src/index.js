import { ClickSend, ClickSendError } from 'clicksend-wasm';

// No API key in the browser: the page's own server answers /api/ and adds the credentials.
const client = new ClickSend({ baseUrl: `${location.origin}/api` });

const out = document.getElementById('result');
try {
  const res = await client.sms.send({ messages: [{ to: '+61411111111', body: 'Hello from a bundle', source: 'webpack-app' }] });
  const m = res.data.messages[0];
  out.textContent = `${m.status} ${m.message_id}`;
} catch (e) {
  out.textContent = e instanceof ClickSendError ? `failed: ${e.code} ${e.message}` : String(e);
}
