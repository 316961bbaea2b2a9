// A module service worker (as a PWA's background sync has): no top-level await may run here,
// and import() is not allowed, so it uses the lazy entry, which loads the .wasm on first use.
import { ClickSend } from './node_modules/clicksend-wasm/js/entries/lazy.js';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (!url.pathname.endsWith('/sw-send')) return;
  event.respondWith(
    (async () => {
      const client = new ClickSend({ apiKey: 'sandbox-key', baseUrl: url.searchParams.get('sandbox') });
      const res = await client.sms.send({ messages: [{ to: '+61411111111', body: 'from a service worker' }] });
      return Response.json(res.data.messages[0]);
    })(),
  );
});
