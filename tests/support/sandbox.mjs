// Starts the sandbox server on a free port for one test file, and talks to its
// control surface. The binary is built by scripts/test.sh (SANDBOX_BIN overrides).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = process.env.SANDBOX_BIN ?? `${root}target/debug/clicksend-sandbox`;

export const SANDBOX_KEY = 'sandbox-key';
/** What the sandbox records for an Authorization header that carried its own credentials
 *  (it never records the credentials themselves). */
export const SANDBOX_BEARER = "Bearer [the sandbox's key]";
export const SANDBOX_BASIC = "Basic [the sandbox's username:key]";

/** `args`: more command-line flags, e.g. `['--api-key', 'k']`. */
export async function startSandbox(args = []) {
  const child = spawn(bin, ['--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code} before listening`)));
    createInterface({ input: child.stdout }).once('line', (line) => resolve(line.split(' ').at(-1)));
  });
  const control = async (method, path, body) => {
    const res = await fetch(`${url}/_sandbox/${path}`, { method, body: body && JSON.stringify(body) });
    return (await res.json()).data;
  };
  return {
    url,
    pid: child.pid,
    reset: () => control('POST', 'reset'),
    requests: () => control('GET', 'requests'),
    messages: () => control('GET', 'messages'),
    faults: (f) => control('POST', 'faults', f),
    balance: (balance) => control('POST', 'balance', { balance }),
    settings: (settings) => control('POST', 'settings', settings),
    seed: (seed) => control('POST', 'seed', seed),
    stop: () => {
      child.removeAllListeners('exit');
      child.kill();
    },
  };
}
