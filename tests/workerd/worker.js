// A Worker that makes one client call per request, so the workerd suite can run the
// shared cases (tests/support/cases.mjs) inside workerd. It imports the built package's
// workerd entry, which imports the .wasm as a compiled module.
import * as pkg from '../../pkg/js/entries/workerd.js';
import { callByName } from '../support/call.js';
import { codeRedaction, poisoning, rawPaths, uploadLimit, webhookFields } from '../support/security-cases.js';
import { errorEvents, eventsAndResponse, overrides, ownFetch, rateLimit, retryAfterHold } from '../support/seams-cases.js';

const { ClickSend, ClickSendError } = pkg;
const SECURITY_CHECKS = { codeRedaction, poisoning, rawPaths, uploadLimit, webhookFields };
const SEAMS_CHECKS = { errorEvents, eventsAndResponse, overrides, ownFetch, rateLimit, retryAfterHold };

export default {
  async fetch(request, env) {
    const { client = {}, fn, args, abortAfterMs, security, seams } = await request.json();
    // One of the production-seams checks (tests/support/seams-cases.js), run in workerd.
    if (seams) return Response.json(await SEAMS_CHECKS[seams](pkg));
    // One of the shared security checks (tests/support/security-cases.js), run in workerd.
    if (security) return Response.json(await SECURITY_CHECKS[security](pkg, ...args));
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
