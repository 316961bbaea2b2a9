import { ClickSend } from 'clicksend-wasm/lazy';

self.onmessage = async ({ data }) => {
  const client = new ClickSend({ baseUrl: data.api });
  const res = await client.sms.send({ messages: [{ to: '+61411111111', body: data.body, source: 'vite-workers-app' }] });
  self.postMessage(res.data.messages[0]);
};
