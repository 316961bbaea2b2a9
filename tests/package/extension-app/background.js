// A Manifest V3 extension's background: a module service worker, so the lazy entry (no
// top-level await). The test calls sendTest() in this worker over the DevTools protocol.
import { ClickSend, ready, smsParts } from './node_modules/clicksend-wasm/js/entries/lazy.js';

self.sendTest = async (sandbox) => {
  const client = new ClickSend({ apiKey: 'sandbox-key', baseUrl: sandbox });
  const res = await client.sms.send({ messages: [{ to: '+61411111111', body: 'from an extension' }] });
  await ready();
  return { message: res.data.messages[0], parts: smsParts('from an extension').parts };
};
