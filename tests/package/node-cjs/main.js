const { ClickSend, ClickSendError, smsParts } = require('clicksend-wasm');

(async () => {
  const client = new ClickSend({ apiKey: 'sandbox-key', baseUrl: process.env.SANDBOX_URL });
  const res = await client.sms.send({ messages: [{ to: '+61411111111', body: 'Hello from Node CommonJS', source: 'node-cjs' }] });
  const failure = await client.sms.send({ messages: [] }).catch((e) => e);
  console.log(JSON.stringify({
    entry: require.resolve('clicksend-wasm'),
    status: res.data.messages[0].status,
    parts: smsParts('Hello').parts,
    error: failure instanceof ClickSendError ? failure.code : String(failure),
  }));
})();
