// WebKit (Safari's engine) as Debian packages it: WebKitGTK's MiniBrowser, driven over
// WebDriver by WebKitWebDriver, in a virtual display (Xvfb) with a D-Bus session of its own
// (the browser will not start without one), its web process unsandboxed (the sandbox needs
// user namespaces this machine does not give). scripts/setup.sh installs webkit2gtk-driver,
// xvfb and dbus. `openWebKitPage(url)` resolves with `{evaluate(fn, ...args), close()}`.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Waits until `check()` resolves truthy (each try bounded by the caller's deadline). */
async function until(what, check, ms = 60_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`WebKit: gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function openWebKitPage(url) {
  const display = `:${100 + Math.floor(Math.random() * 800)}`;
  const xvfb = spawn('Xvfb', [display, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  const port = await freePort();
  const env = { ...process.env, DISPLAY: display, WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS: '1', WEBKIT_DISABLE_COMPOSITING_MODE: '1' };
  const driver = spawn('dbus-run-session', ['--', 'WebKitWebDriver', `--port=${port}`], { env, stdio: 'ignore', detached: true });
  const base = `http://127.0.0.1:${port}`;
  const call = async (method, path, body) => {
    const res = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
    const { value } = await res.json();
    if (!res.ok) throw new Error(`WebKit WebDriver ${method} ${path}: ${value?.error}: ${value?.message}`);
    return value;
  };
  const stop = () => {
    try {
      process.kill(-driver.pid, 'SIGTERM'); // the driver, the bus and the browser it started
    } catch {}
    xvfb.kill();
  };
  try {
    const capabilities = { alwaysMatch: { browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } } };
    const { sessionId } = await until('a WebDriver session', () => call('POST', '/session', { capabilities }));
    const session = `/session/${sessionId}`;
    await call('POST', `${session}/timeouts`, { script: 300_000 });
    await call('POST', `${session}/url`, { url });
    await until('the page', () => call('POST', `${session}/execute/sync`, { script: 'return window.ready === true', args: [] }));
    return {
      version: (await call('POST', `${session}/execute/sync`, { script: 'return navigator.userAgent', args: [] })).match(/AppleWebKit\/[\d.]+/)?.[0],
      /** Runs `fn(...args)` in the page (a function of the page's globals); resolves with its result. */
      evaluate: (fn, ...args) =>
        call('POST', `${session}/execute/async`, {
          script: `const done = arguments[arguments.length - 1]; Promise.resolve((${fn})(...Array.from(arguments).slice(0, -1))).then((v) => done({ v }), (e) => done({ e: String(e?.stack ?? e) }));`,
          args,
        }).then(({ v, e }) => {
          if (e) throw new Error(`in WebKit: ${e}`);
          return v;
        }),
      close: async () => {
        await call('DELETE', session).catch(() => {});
        stop();
      },
    };
  } catch (e) {
    stop();
    throw e;
  }
}
