// Every way an error reaches a user, and what must hold of each: a ClickSendError (the class
// the package exports, by `instanceof`), with the exact code. Plain JS with no Node imports:
// tests/errors runs it in Node and inside a Chromium page, against the same sandbox.

const SMS = [{ to: '+61411111111', body: 'error origins', source: 'errors' }];

/** The error a promise rejects with (or a function throws), or a note that it did not. */
async function failure(run) {
  try {
    await run();
  } catch (error) {
    return error;
  }
  return new Error('did not fail');
}

/** The first item of an async iterator, to make `.all()` fetch. */
const first = async (iterator) => {
  for await (const item of iterator) return item;
};

/**
 * `{origin: {instance, name, code, status}}` for each origin, in Node and in the browser alike.
 * `pkg` is the package's namespace (ClickSend, ClickSendError, parseWebhook, smsParts);
 * `base` the sandbox's URL; `key` its API key; `refused` a URL where nothing listens.
 */
export async function errorOrigins(pkg, base, key, refused) {
  const { ClickSend, ClickSendError, parseWebhook, smsParts } = pkg;
  const client = new ClickSend({ apiKey: key, baseUrl: base, maxRetries: 0 });
  const offline = new ClickSend({ apiKey: key, baseUrl: refused, maxRetries: 0 });
  const origins = {
    // wasm: the argument checks, the answer of the server, and the synchronous helpers.
    'wasm: a bad argument': () => failure(() => client.lists.get('not an id')),
    'wasm: a 404 from the server': () => failure(() => client.lists.get(987654)),
    'wasm: a refused connection': () => failure(() => offline.account.get()),
    'wasm: smsParts of a number': () => failure(() => smsParts(42)),
    'wasm: a bad option': () => failure(() => new ClickSend({ apiKey: 1 })),
    // bulk sends: the checks in js/api/bulk.js, and a failed batch's error in its results.
    'bulk: a bad option': () => failure(() => client.sms.sendBulk(SMS, { concurrency: 0 })),
    'bulk: a bad message': () => failure(() => client.sms.sendBulk([{ body: 'no recipient' }])),
    'bulk: a failed batch': async () => (await offline.sms.sendBulk(SMS))[0].error,
    // pagination: the checks in js/api/pagination.js, and a page that could not be fetched.
    'pagination: a bad option': () => failure(() => first(client.sms.history.all({}, { maxItems: 0 }))),
    'pagination: a failed page': () => failure(() => first(offline.sms.history.all())),
    // webhooks: the checks in js/api/webhook.js, and the classification in wasm.
    'webhooks: not a request': () => failure(() => parseWebhook(42)),
    'webhooks: no message_id': () => failure(() => parseWebhook(new URLSearchParams('status=Delivered'))),
  };
  const out = {};
  for (const [origin, run] of Object.entries(origins)) {
    const e = await run();
    out[origin] = { instance: e instanceof ClickSendError, error: e instanceof Error, name: e?.name, code: e?.code, status: e?.status };
  }
  return out;
}

/** The public constructor, as a user's own tests and mocks call it. */
export function constructed(pkg) {
  const { ClickSendError } = pkg;
  const plain = new ClickSendError('boom');
  const full = new ClickSendError('slow down', {
    code: 'TOO_MANY_REQUESTS',
    status: 429,
    data: { a: 1 },
    retryAfter: 2,
    retryable: true,
    ambiguous: false,
    startedAt: 1000,
    endedAt: 2000,
  });
  let positional;
  try {
    new ClickSendError('INVALID_ARGUMENT', 0, 'the old way');
    positional = 'accepted';
  } catch (e) {
    positional = `${e.name}: ${e.message}`;
  }
  const fields = (e) => ({ ...e.toJSON(), instance: e instanceof ClickSendError, error: e instanceof Error, stack: typeof e.stack });
  return { plain: fields(plain), full: fields(full), positional };
}
