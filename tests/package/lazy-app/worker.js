// A module Web Worker that sets onmessage at once: a message posted right after `new Worker()`
// is not lost waiting for the package (the lazy entry loads nothing at import).
import { ClickSend } from './node_modules/clicksend-wasm/js/entries/lazy.js';

self.onmessage = async ({ data }) => {
  const client = new ClickSend({ apiKey: 'sandbox-key', baseUrl: data.sandbox });
  const res = await client.sms.send({ messages: [{ to: '+61411111111', body: data.body }] });
  self.postMessage(res.data.messages[0]);
};
