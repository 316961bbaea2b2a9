import { ClickSend } from 'clicksend-wasm';

export default {
  async fetch(_request, env) {
    // Credentials are Worker secrets: `wrangler secret put MATON_API_KEY`.
    const client = new ClickSend({ apiKey: env.MATON_API_KEY, baseUrl: env.CLICKSEND_BASE_URL });
    const res = await client.sms.send({ messages: [{ to: '+61411111111', body: 'Hello from a Worker', source: 'worker' }] });
    return Response.json(res.data.messages[0]);
  },
};
