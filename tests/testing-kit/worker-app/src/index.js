// The app: a Worker that sends a one-time code to the phone number posted to it.
import { ClickSend } from 'clicksend-wasm';
import { sendOtp } from './otp.js';

export function createWorker({ fetch } = {}) {
  return {
    async fetch(request, env) {
      const client = new ClickSend({ apiKey: env.MATON_API_KEY, fetch });
      const { phone, code } = await request.json();
      return Response.json({ id: await sendOtp(client, phone, code) });
    },
  };
}

export default createWorker();
