// The package as users install it: `npm pack` of pkg/, installed into copies of small
// projects made outside this repository (so nothing here can be resolved by accident).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export function run(cmd, args, cwd, env = {}) {
  return execFileSync(cmd, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A throwaway folder with the packed tarball in it; `dispose()` removes it. */
export function packedWorkspace(prefix) {
  const dir = mkdtempSync(join(tmpdir(), `clicksend-wasm-${prefix}-`));
  const out = run('npm', ['pack', join(root, 'pkg'), '--pack-destination', dir, '--json', '--loglevel=error'], dir);
  const tarball = join(dir, JSON.parse(out)[0].filename);
  return {
    dir,
    tarball,
    /**
     * Copies `source` (a project folder) to `<dir>/<name>` and installs the tarball there as
     * its `clicksend-wasm` dependency. Dev tools (wrangler, vite, tsc) come from this
     * repository's node_modules instead of being installed again.
     */
    project(source, name) {
      const target = join(dir, name);
      cpSync(source, target, { recursive: true, filter: (path) => !/\/(node_modules|dist|\.wrangler)$/.test(path) });
      const manifest = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8'));
      delete manifest.devDependencies;
      manifest.dependencies = { ...manifest.dependencies, 'clicksend-wasm': `file:${tarball}` };
      writeFileSync(join(target, 'package.json'), JSON.stringify(manifest, null, 2));
      run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], target);
      return target;
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Runs `wrangler deploy --dry-run` in `dir`: the Worker bundled as it would be deployed. */
export function wranglerBuild(dir) {
  run(join(root, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', 'dist'], dir, { WRANGLER_SEND_METRICS: 'false', CI: '1' });
  return join(dir, 'dist');
}
