// The client's side of the security findings, as checks that run the same in Node, in a
// Chromium page and inside workerd (tests/security, tests/workerd). Plain JS with no Node
// imports. Each returns plain values; the runners assert them exactly and check what the
// sandbox received.

/** How many hostile calls of each kind the poisoning check makes. */
export const POISON_CALLS = 10_000;

/** Raw paths that tried to leave /v3 (fetch reads `%2e` as `.`), and escaped separators. */
export const ESCAPING_PATHS = [
  '/%2e%2e/%2e%2e/admin',
  '/sms/%2e%2e/%2e%2e/%2e%2e/other-app/v1/x',
  '/.%2e/admin',
  '/%2E%2E/admin',
  '/sms/.%2E/.%2e/admin',
  '/sms/%2e/x',
  '/a%2fb',
  '/a%2F..%2F..%2Fadmin',
  '/a%5c..%5c..%5cadmin',
  '/a%3fx=1',
  '/a%23x',
  '/a%25252e',
];

/** The code and message of the error a call rejects with (or 'resolved'). */
async function outcome(run) {
  try {
    await run();
    return { resolved: true };
  } catch (e) {
    return { instance: e?.name === 'ClickSendError', code: e?.code, status: e?.status, message: String(e?.message), json: JSON.stringify(e) };
  }
}

/**
 * Finding 1: a response_code echoing a secret. The runner arms `/account` to answer 400
 * `{"response_code": "BAD_<secret>"}` once per client; the secrets must show nowhere.
 */
export async function codeRedaction(pkg, base, clients) {
  const out = [];
  for (const options of clients) {
    const e = await outcome(() => new pkg.ClickSend({ ...options, baseUrl: base, maxRetries: 0 }).account.get());
    const secrets = [options.apiKey, options.connection, options.username && btoa(`${options.username}:${options.apiKey}`)].filter(Boolean);
    out.push({
      code: e.code,
      status: e.status,
      quoted: e.message.includes('(response_code: BAD_[redacted])'),
      leaks: secrets.filter((s) => e.json.includes(s) || e.message.includes(s)),
    });
  }
  return out;
}

/** Finding 2: every escaping raw path is refused before anything is sent. */
export async function rawPaths(pkg, base, key) {
  const client = new pkg.ClickSend({ apiKey: key, baseUrl: base, maxRetries: 0 });
  const out = {};
  for (const path of ESCAPING_PATHS) out[path] = (await outcome(() => client.request('GET', path))).code;
  return out;
}

/** Builds one hostile value of each kind: each throws when the client reads it. */
function hostile() {
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const throwing = () => {
    throw new Error('boom');
  };
  return {
    'new ClickSend(a revoked Proxy)': (pkg) => new pkg.ClickSend(revoked.proxy),
    'a query whose ownKeys throws': (_pkg, client) => client.sms.history(new Proxy({}, { ownKeys: throwing })),
    'messages with a throwing getter': (_pkg, client) => client.sms.send({ messages: new Proxy([{ to: '+61411111111', body: 'x' }], { get: throwing }) }),
    'a message whose getter throws': (_pkg, client) =>
      client.sms.send({
        messages: [
          {
            get to() {
              throw new Error('boom');
            },
            body: 'x',
          },
        ],
      }),
    'a signal whose aborted throws': (_pkg, client) => client.account.get({ signal: Object.create(AbortSignal.prototype) }),
    'a Blob whose arrayBuffer throws': (_pkg, client) => client.uploads.create(Object.create(Blob.prototype), { convert: 'fax' }),
    'a detached ArrayBuffer': (_pkg, client) => {
      const buffer = new ArrayBuffer(8);
      structuredClone(buffer, { transfer: [buffer] });
      return client.uploads.create(buffer, { convert: 'fax' });
    },
    'sendBulk with throwing options': (_pkg, client) => client.sms.sendBulk([], new Proxy({}, { ownKeys: throwing })),
    '.all() with throwing options': async (_pkg, client) => {
      for await (const _ of client.sms.history.all({}, new Proxy({}, { ownKeys: throwing }))) break;
    },
    'parseWebhook of a throwing body': (pkg) =>
      pkg.parseWebhook({
        contentType: 'application/json',
        body: {
          get message_id() {
            throw new Error('boom');
          },
        },
      }),
  };
}

/**
 * Finding 5 and 6: POISON_CALLS calls of each hostile kind, each refused with an
 * INVALID_ARGUMENT ClickSendError; then a normal call and parsePhone still work.
 */
export async function poisoning(pkg, base, key, calls = POISON_CALLS) {
  const client = new pkg.ClickSend({ apiKey: key, baseUrl: base, maxRetries: 0 });
  const out = {};
  for (const [kind, run] of Object.entries(hostile())) {
    const seen = {};
    for (let i = 0; i < calls; i++) {
      const e = await outcome(() => run(pkg, client));
      const what = e.resolved ? 'resolved' : `${e.instance ? 'ClickSendError' : 'other'} ${e.code}`;
      seen[what] = (seen[what] ?? 0) + 1;
    }
    out[kind] = seen;
  }
  const after = await client.account.get();
  return { refused: out, after: after.response_code, phone: pkg.parsePhone('0411 111 111', 'AU'), parts: pkg.smsParts('hi').parts };
}

/** Finding 7: a field can neither override the classification nor break `String(result)`. */
export async function webhookFields(pkg) {
  const receipt = await pkg.parseWebhook(new URLSearchParams('message_id=A&status_code=201&type=inbound_sms'));
  const refused = {};
  for (const name of ['toString', 'valueOf', 'hasOwnProperty', 'payload_type']) {
    const e = await outcome(() => pkg.parseWebhook(new URLSearchParams(`message_id=A&status_code=201&type=x&${name}=1`)));
    refused[name] = e.code;
  }
  return { type: receipt.type, payload_type: receipt.payload_type, string: String(receipt), refused };
}

/** Finding 6: files over the client's upload limit are refused before a byte is read. */
export async function uploadLimit(pkg, base, key) {
  const client = new pkg.ClickSend({ apiKey: key, baseUrl: base, maxRetries: 0 });
  const big = 20 * 1024 * 1024 + 1;
  const blob = new Blob([new Uint8Array(big)]);
  const e = await outcome(() => client.uploads.create(blob, { convert: 'fax' }));
  const e2 = await outcome(() => client.uploads.create(new Uint8Array(big), { convert: 'fax' }));
  return [e.code, e2.code, e.message];
}
