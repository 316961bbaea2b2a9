// Calls `client.<area>.<name>(...args)` by its dotted name, optionally with a signal
// that aborts after `abortAfterMs`. Plain JS with no Node imports, so that the Node
// suite and the Worker of the workerd suite share it.
export function callByName(client, fn, args = [], abortAfterMs) {
  const [area, name] = fn.split('.');
  const callArgs = [...args];
  if (abortAfterMs !== undefined) {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), abortAfterMs);
    callArgs.push({ signal: controller.signal });
  }
  return client[area][name](...callArgs);
}
