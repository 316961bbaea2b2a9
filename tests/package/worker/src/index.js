import { ClickSend } from 'clicksend-wasm';

export default {
  async fetch(request, env) {
    const client = new ClickSend({ apiKey: env.CLICKSEND_API_KEY, baseUrl: env.SANDBOX_URL });
    const res = await client.sms.send({ messages: [{ to: '+61411111111', body: 'Hello from a Worker', source: 'worker' }] });
    return Response.json(res.data.messages[0]);
  },
};
