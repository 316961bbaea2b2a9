// What the page's client talks to: the API, with the key added here on the server.
export const dynamic = 'force-dynamic';

async function forward(request, { params }) {
  const { path } = await params;
  const url = `${process.env.CLICKSEND_BASE_URL}/${path.join('/')}${new URL(request.url).search}`;
  const body = request.method === 'GET' ? undefined : await request.text();
  const headers = { authorization: `Bearer ${process.env.MATON_API_KEY}`, 'content-type': 'application/json', accept: 'application/json' };
  const answer = await fetch(url, { method: request.method, headers, body });
  return new Response(await answer.text(), { status: answer.status, headers: { 'content-type': 'application/json' } });
}

export { forward as GET, forward as POST, forward as PUT, forward as DELETE };
