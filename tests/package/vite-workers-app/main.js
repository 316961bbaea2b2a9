// A module worker and a module service worker, each sending an SMS with clicksend-wasm/lazy
// through this page's own /api/ (its server adds the key).
const api = `${location.origin}/api`;

// The message goes the moment the worker is made: nothing of it may be lost.
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
const fromWorker = new Promise((resolve) => {
  worker.onmessage = (e) => resolve(e.data);
});
worker.postMessage({ api, body: 'from a Vite module worker' });

await navigator.serviceWorker.register('/sw.js', { type: 'module' });
await navigator.serviceWorker.ready;
while (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
const fromServiceWorker = await (await fetch('/sw-send')).json();

const messages = [await fromWorker, fromServiceWorker];
document.getElementById('result').textContent = messages.map((m) => `${m.status} ${m.body}`).join(' | ');
