// An entry's file in a build of the package: js/entries/<name>, or js/<name> in builds made
// before js/ had folders (BENCH_PKG and BENCH_PKG_DIR may name such a build, to compare).
import { existsSync } from 'node:fs';

export const entryFile = (dir, name) => (existsSync(`${dir}/js/entries/${name}`) ? `${dir}/js/entries/${name}` : `${dir}/js/${name}`);
