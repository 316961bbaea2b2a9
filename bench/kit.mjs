// Child process: the testing kit's in-process round trip, `sms.send` of one message through
// `new ClickSend({fetch: sandbox.fetch})` (client, kit and model together), in microseconds
// per call: the median of `rounds` rounds of `calls` sequential calls. Prints JSON.
//   node bench/kit.mjs [calls=2000] [rounds=5]
import { fileURLToPath } from 'node:url';

const [callsArg = '2000', roundsArg = '5'] = process.argv.slice(2);
const root = fileURLToPath(new URL('..', import.meta.url));
const { ClickSend } = await import(`${root}pkg/js/entries/node.js`);
const { createSandbox } = await import(`${root}pkg/js/kit/node.js`);

const sandbox = createSandbox({ now: 1_795_824_000 });
sandbox.seed({ balance: 1e9 });
// The round trip itself: neither the client's pace for the gateway nor the kit's gateway limit.
const settings = { gateway_rate_limit: false };
sandbox.settings(settings);
const client = new ClickSend({ apiKey: 'k', fetch: sandbox.fetch, maxRetries: 0, rateLimit: false });
const send = () => client.sms.send({ messages: [{ to: '+61411111111', body: 'Your code is 123456' }] });
for (let i = 0; i < 500; i++) await send(); // warm up
const perRound = [];
for (let r = 0; r < Number(roundsArg); r++) {
  // A fresh model each round: the history a round leaves would not slow a send, but keep it flat.
  sandbox.reset();
  sandbox.seed({ balance: 1e9 });
  sandbox.settings(settings);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < Number(callsArg); i++) await send();
  perRound.push(Number(process.hrtime.bigint() - t0) / 1e3 / Number(callsArg));
}
perRound.sort((a, b) => a - b);
console.log(JSON.stringify({ sendUs: perRound[Math.floor(perRound.length / 2)] }));
