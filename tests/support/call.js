// Calls `client.<area>.<name>(...args)` (or `client.request(...)`) by its name, optionally with a signal
// that aborts after `abortAfterMs`. Plain JS with no Node imports, so that the Node
// suite and the Worker of the workerd suite share it.
export function callByName(client, fn, args = [], abortAfterMs) {
  const callArgs = [...args];
  if (abortAfterMs !== undefined) {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), abortAfterMs);
    callArgs.push({ signal: controller.signal });
  }
  // `sms.send` is a namespaced function; `request` is a method of the client itself.
  const [area, name] = fn.split('.');
  return name === undefined ? client[area](...callArgs) : client[area][name](...callArgs);
}
