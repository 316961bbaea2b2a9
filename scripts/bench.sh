#!/usr/bin/env bash
# The benchmarks: builds the package and the sandbox, installs the alternatives
# (the official clicksend 5.x, esbuild, playwright-core) into target/bench/deps, runs
# bench/run.mjs, which prints a table and writes bench/RESULTS.md. BENCH_QUICK=1: fewer runs.
source "$(dirname "$0")/prelude.sh" bench
bash scripts/build.sh
say "building the sandbox (release)"
cargo build -q --release -p clicksend-sandbox
deps=target/bench/deps
if [ ! -d "$deps/node_modules/clicksend" ] || [ ! -d "$deps/node_modules/playwright-core" ]; then
  say "installing the alternatives and tools into $deps (not committed)"
  mkdir -p "$deps"
  echo '{"private": true}' > "$deps/package.json"
  (cd "$deps" && npm install --no-audit --no-fund clicksend@5.1.7 esbuild@0.28 playwright-core@1.65.1)
else
  say "alternatives: present in $deps"
fi
SANDBOX_BIN=target/release/clicksend-sandbox node bench/run.mjs
