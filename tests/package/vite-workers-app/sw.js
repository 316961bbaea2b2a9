import { ClickSend } from 'clicksend-wasm/lazy';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (event) => {
  if (new URL(event.request.url).pathname !== '/sw-send') return;
  event.respondWith(
    (async () => {
      const client = new ClickSend({ baseUrl: `${self.location.origin}/api` });
      const res = await client.sms.send({ messages: [{ to: '+61411111111', body: 'from a Vite service worker', source: 'vite-workers-app' }] });
      return Response.json(res.data.messages[0]);
    })(),
  );
});
