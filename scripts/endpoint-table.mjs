// The endpoint table, read from the workspace's native binary (crates/core/src/bin/endpoint-table.rs):
// the one source of every operation's area, name, path, input, paging, bulk, reconcile, message
// kind, path parameters and answer form. Generators read it here, not from a built pkg/.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Every operation, as `endpoints()` of the package gives them. */
export function endpointTable() {
  const args = ['run', '--quiet', '--package', 'clicksend-core', '--bin', 'endpoint-table'];
  return JSON.parse(execFileSync('cargo', args, { cwd: root, encoding: 'utf8', maxBuffer: 16 << 20 }));
}
