// The page's one way to ClickSend: the package, and a client that talks to /api/ on the page's
// own server (scripts/demo-server.mjs), which adds the credentials: the page holds no key.
import { ClickSend } from '../pkg/js/entries/web.js';

export { ClickSendError, parsePhone, smsParts, toGsm7 } from '../pkg/js/entries/web.js';

/** What the demo server says it talks to (`mode`: sandbox, maton or clicksend). */
export const config = await (await fetch('config.json')).json();
export const client = new ClickSend({ baseUrl: `${location.origin}/api` });
