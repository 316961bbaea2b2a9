// The Worker's test, run inside workerd: the app sends through the kit, and the test reads
// what the kit received. It answers what it found, for the runner to check.
import { createSandbox } from 'clicksend-wasm/testing';
import { createWorker } from './src/index.js';

export default {
  async fetch() {
    const sandbox = createSandbox({ now: '2026-11-28T00:00:00Z' });
    const worker = createWorker({ fetch: sandbox.fetch }); // the app takes the kit's fetch
    const request = new Request('https://app.example/otp', { method: 'POST', body: JSON.stringify({ phone: '+61411111111', code: '777' }) });
    const { id } = await (await worker.fetch(request, { MATON_API_KEY: 'test' })).json();
    const [sent] = sandbox.requests();
    return Response.json({ id, path: sent.path, body: sent.json.messages[0].body, messages: sandbox.state().messages.length });
  },
};
