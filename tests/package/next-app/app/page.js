'use client';
import { useEffect, useState } from 'react';

// In the browser: no API key. The app's own route /api/proxy adds it on the server. The package
// is imported inside the effect, so that only the browser loads it (not server rendering).
export default function Page() {
  const [result, setResult] = useState('sending…');
  useEffect(() => {
    (async () => {
      const { ClickSend, ClickSendError, smsParts } = await import('clicksend-wasm');
      const client = new ClickSend({ baseUrl: `${location.origin}/api/proxy` });
      const res = await client.sms.send({ messages: [{ to: '+61411111111', body: 'Hello from a Next.js page', source: 'next-client' }] });
      const missing = await client.lists.get(987654).catch((e) => e); // a 404
      const notFound = missing instanceof ClickSendError ? `${missing.status} ${missing.code}` : String(missing);
      setResult(`${res.data.messages[0].status} ${smsParts('Hello').parts} ${notFound}`);
    })().catch((e) => setResult(`failed: ${e}`));
  }, []);
  return <p id="result">{result}</p>;
}
