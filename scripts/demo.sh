#!/usr/bin/env bash
# The main job: builds the package, starts the sandbox (a ClickSend look-alike on
# localhost) and serves the demo page against it. Ctrl-C stops both.
# DEMO_PORT (default 8080) and SANDBOX_PORT (default 8787) choose the ports.
source "$(dirname "$0")/prelude.sh" demo

bash scripts/build.sh
say "building the sandbox"
cargo build -q --release -p clicksend-sandbox
mkdir -p target
./target/release/clicksend-sandbox --port "${SANDBOX_PORT:-8787}" > target/demo-sandbox.out &
sandbox_pid=$!
trap 'kill $sandbox_pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q listening target/demo-sandbox.out 2>/dev/null && break; sleep 0.1; done
sandbox_url=$(head -1 target/demo-sandbox.out | awk '{print $NF}')
[ -n "$sandbox_url" ] || { echo "the sandbox did not start:"; cat target/demo-sandbox.out; exit 1; }
say "sandbox at $sandbox_url"
node scripts/serve.mjs "$sandbox_url" "${DEMO_PORT:-8080}"
