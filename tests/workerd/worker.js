// A Worker that makes one client call per request, so the workerd suite can run the
// shared cases (tests/support/cases.mjs) inside workerd. It imports the built package's
// workerd entry, which imports the .wasm as a compiled module.
import { ClickSend, ClickSendError } from '../../pkg/js/workerd.js';
import { callByName } from '../support/call.js';

export default {
  async fetch(request, env) {
    const { client = {}, fn, args, abortAfterMs } = await request.json();
    try {
      const c = new ClickSend({ apiKey: env.API_KEY, baseUrl: env.SANDBOX_URL, controlUrl: env.SANDBOX_URL, ...client });
      return Response.json({ ok: await callByName(c, fn, args, abortAfterMs) });
    } catch (e) {
      const { code, status, message, data, retryAfter } = e;
      const isClickSendError = e instanceof ClickSendError && e instanceof Error && e.name === 'ClickSendError';
      return Response.json({ error: { isClickSendError, code, status, message, data, retryAfter, json: JSON.stringify(e) } });
    }
  },
};
