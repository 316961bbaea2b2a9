#!/usr/bin/env bash
# The main job: builds the package and serves the demo page on http://127.0.0.1:8080/.
# By default the page talks to the sandbox (a ClickSend look-alike started here, seeded
# with demo data). With MATON_API_KEY (optionally MATON_CONNECTION), or CLICKSEND_USERNAME
# and CLICKSEND_API_KEY, it talks to the real API instead, through a local proxy that adds
# the credentials: the key never reaches the browser. Ctrl-C stops everything.
# DEMO_PORT (default 8080) and SANDBOX_PORT (default 8787) choose the ports.
source "$(dirname "$0")/prelude.sh" demo

bash scripts/build.sh
if [ -n "${MATON_API_KEY:-}" ] || { [ -n "${CLICKSEND_USERNAME:-}" ] && [ -n "${CLICKSEND_API_KEY:-}" ]; }; then
  say "credentials found in the environment: serving the page against the real API (they stay server-side)"
  exec node scripts/demo-server.mjs --port "${DEMO_PORT:-8080}"
fi

say "building the sandbox"
cargo build -q --release -p clicksend-sandbox
mkdir -p target
start_sandbox ./target/release/clicksend-sandbox "${SANDBOX_PORT:-8787}" target/demo-sandbox.out
trap 'kill $SANDBOX_PID 2>/dev/null || true' EXIT
say "sandbox at $SANDBOX_URL"
node scripts/demo-server.mjs --port "${DEMO_PORT:-8080}" --sandbox "$SANDBOX_URL"
