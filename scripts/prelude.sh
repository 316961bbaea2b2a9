# The start of every top-level script (demo.sh, test.sh, bench.sh), sourced with a tag:
#   source "$(dirname "$0")/prelude.sh" demo
# Strict mode, the repository root as the working directory, the tools installed (setup.sh),
# cargo's and npm's binaries on PATH, and `say` for progress lines.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
PRELUDE_TAG=$1
say() { printf '\033[1m[%s]\033[0m %s\n' "$PRELUDE_TAG" "$*"; }

# Starts a built sandbox binary in the background: start_sandbox <binary> <port> <log> [flag...].
# Sets SANDBOX_PID and SANDBOX_URL (from the "listening on <url>" line it prints first).
start_sandbox() {
  "$1" --port "$2" "${@:4}" > "$3" &
  SANDBOX_PID=$!
  for _ in $(seq 50); do grep -q listening "$3" 2>/dev/null && break; sleep 0.1; done
  SANDBOX_URL=$(head -1 "$3" | awk '{print $NF}')
  [ -n "$SANDBOX_URL" ] || { echo "the sandbox did not start:"; cat "$3"; exit 1; }
}
