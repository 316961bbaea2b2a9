// Next.js's proxy (what middleware became in Next 16): counts the SMS parts of ?text= and says
// so in a response header, with the package's smsParts.
import { NextResponse } from 'next/server';
import { smsParts } from 'clicksend-wasm';

export function proxy(request) {
  const text = new URL(request.url).searchParams.get('text') ?? '';
  const response = NextResponse.next();
  response.headers.set('x-sms-parts', String(smsParts(text).parts));
  return response;
}

export const config = { matcher: '/api/:path*' };
