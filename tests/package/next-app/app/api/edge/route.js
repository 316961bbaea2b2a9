import { ClickSend, ClickSendError } from 'clicksend-wasm';

export const runtime = 'edge';
export const dynamic = 'force-dynamic';

export async function GET() {
  const client = new ClickSend({ apiKey: process.env.MATON_API_KEY, baseUrl: process.env.CLICKSEND_BASE_URL });
  const res = await client.sms.send({ messages: [{ to: '+61411111111', body: 'Hello from a Next.js edge route', source: 'next-edge' }] });
  const missing = await client.lists.get(987654).catch((e) => e); // a 404
  return Response.json({ status: res.data.messages[0].status, notFound: missing instanceof ClickSendError ? `${missing.status} ${missing.code}` : String(missing) });
}
