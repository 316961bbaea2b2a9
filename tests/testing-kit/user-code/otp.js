// What a user of the package writes and wants to test: sends a one-time code by SMS, and
// records each code's delivery from ClickSend's webhook. Every fixture here copies it to src/.
import { parseWebhook } from 'clicksend-wasm';

export async function sendOtp(client, phone, code) {
  const { data } = await client.sms.send({ messages: [{ to: phone, body: `Your code is ${code}`, custom_string: `otp-${code}` }] });
  const [message] = data.messages;
  if (message.status !== 'SUCCESS') throw new Error(`the code was not sent: ${message.status}`);
  return message.message_id;
}

export async function handleWebhook(request, deliveries) {
  const event = await parseWebhook(request);
  if (event.type === 'sms_receipt') deliveries.set(event.message_id, event.status_code);
  return new Response('ok');
}
