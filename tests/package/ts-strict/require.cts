// The CommonJS side: `require` gets the .d.cts types.
import cs = require('clicksend-wasm');

const client = new cs.ClickSend({ apiKey: 'key' });
export const balance: Promise<number | string> = client.account.get().then((a) => a.data.balance);
