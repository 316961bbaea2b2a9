const { ClickSend, ClickSendError, smsParts } = require('clicksend-wasm');

const client = new ClickSend({ apiKey: process.env.MATON_API_KEY, baseUrl: process.env.CLICKSEND_BASE_URL });

async function main() {
  const res = await client.sms.send({ messages: [{ to: '+61411111111', body: 'Hello from Node CommonJS', source: 'node-cjs' }] });
  const failure = await client.sms.send({ messages: [] }).catch((e) => e);
  console.log(
    JSON.stringify({
      entry: require.resolve('clicksend-wasm'),
      status: res.data.messages[0].status,
      parts: smsParts('Hello').parts,
      error: failure instanceof ClickSendError ? failure.code : String(failure),
    }),
  );
}

main();
