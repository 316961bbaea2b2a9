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
