#!/usr/bin/env bash
# The one test command (README, .ci/run): installs what is missing, then runs
#   0. the house style: rustfmt (the workspace and the fuzz crate), clippy with warnings as
#      errors (native and wasm32), Biome (format and lint of the JS), .editorconfig
#      and that crates/model/src/templates.json is what scripts/gen-model-templates.mjs makes
#   1. native tests: core logic, the model and the sandbox (cargo test)
#   2. no crate twice in the wasm build (cargo tree --duplicates), then the release package
#      build, with the gzipped .wasm size budget
#   3. the browser suite: wasm-bindgen-test in headless Chromium and Firefox ESR against the sandbox
#   4. the Node suite (hardening included), the workerd (Miniflare) suite, the conformance
#      suite (Prism validating every request against ClickSend's API descriptions in
#      shared/clicksend-api beside the checkout; the model's every answer, 404 and 400 against
#      the same descriptions; ClickSend's own Node SDK driving the sandbox) and the fault
#      suite (Node, Chromium and WebKit against the sandbox's faults)
#   5. the packed tarball installed into fresh projects: pages built by Vite, webpack, Rollup
#      and Parcel and a plain page in Chromium, clicksend-wasm/lazy in a service worker, a module
#      worker and an extension's background, Node ESM and CommonJS on Node 18-24, Deno and Bun,
#      a Worker built by wrangler run in Miniflare, the testing kit under Vitest, node:test and
#      Jest (CommonJS and ESM), and a strict TypeScript project
#   6. the Worker example (examples/worker): wrangler-built, in Miniflare with D1 and Queues
#   7. the demo page end to end in Chromium (screenshot: target/test-artifacts/demo.png)
#   8. a TypeScript type-check of a usage file against the package's .d.ts
# and ends with one line: "N passed, N failed".
source "$(dirname "$0")/prelude.sh" test

# Budgets in bytes, a little over the figures of the last size work, so that size cannot grow
# back unnoticed: move them down with every saving, never up without a reason. Each rise, what it
# paid for and the figures now: bench/NOTES.md, section "Size budgets".
WASM_GZIP_BUDGET=$((66 * 1024)) # the gzipped .wasm with the whole API (209 + 4 functions)
WEB_APP_GZIP_BUDGET=$((80 * 1024)) # the .wasm + the browser entry minified by a bundler, gzipped
TESTING_WASM_GZIP_BUDGET=$((165 * 1024)) # the testing kit's .wasm (the model of all 209 operations)
logs=target/test-logs
mkdir -p "$logs"
step() { printf '\n\033[1m[test] %s\033[0m\n' "$*"; }
sandbox_pid=""
cleanup() { [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null || true; }
trap cleanup EXIT

step "style: rustfmt, clippy, Biome, .editorconfig"
cargo fmt --all --check
cargo fmt --manifest-path fuzz/Cargo.toml --all --check
cargo clippy -q --workspace --all-targets -- -D warnings
cargo clippy -q -p clicksend-wasm --all-targets --target wasm32-unknown-unknown -- -D warnings
biome check --error-on-warnings
node scripts/check-editorconfig.mjs
# The model's answer shapes are made from ClickSend's description: still what it makes of it.
if [ -f "${CLICKSEND_API_DIR:-../shared/clicksend-api}/openapi-v3.yaml" ]; then node scripts/gen-model-templates.mjs --check; fi
# The phone numbering table is what scripts/gen-phone-plans.mjs makes of libphonenumber's metadata.
node scripts/gen-phone-plans.mjs --check
echo "[test] style: ok"

step "native: cargo test (core, model, testing kit, sandbox)"
cargo test -p clicksend-core -p clicksend-model -p clicksend-testing -p clicksend-sandbox 2>&1 | tee "$logs/native.log"

step "dependencies: one version of each crate in the wasm build"
dups=$(cargo tree -p clicksend-wasm --target wasm32-unknown-unknown --duplicates -e normal)
if [ -n "$dups" ]; then
  echo "[test] FAIL: two versions of a crate in the wasm build:" >&2
  echo "$dups" >&2
  exit 1
fi
echo "[test] cargo tree --duplicates: none"

step "build the release package"
bash scripts/build.sh
gz=$(cat target/wasm-gzip-size)
if [ "$gz" -gt "$WASM_GZIP_BUDGET" ]; then
  echo "[test] FAIL: gzipped .wasm is $gz bytes, over the budget of $WASM_GZIP_BUDGET" >&2
  exit 1
fi
echo "[test] gzipped .wasm: $gz bytes, within the budget of $WASM_GZIP_BUDGET"
web_gz=$(cat target/web-app-gzip-size)
if [ "$web_gz" -gt "$WEB_APP_GZIP_BUDGET" ]; then
  echo "[test] FAIL: a web app ships $web_gz bytes gzipped (.wasm + minified JS), over the budget of $WEB_APP_GZIP_BUDGET" >&2
  exit 1
fi
echo "[test] a web app ships $web_gz bytes gzipped (.wasm + minified JS), within the budget of $WEB_APP_GZIP_BUDGET"
kit_gz=$(cat target/testing-wasm-gzip-size)
if [ "$kit_gz" -gt "$TESTING_WASM_GZIP_BUDGET" ]; then
  echo "[test] FAIL: the testing kit's gzipped .wasm is $kit_gz bytes, over the budget of $TESTING_WASM_GZIP_BUDGET" >&2
  exit 1
fi
echo "[test] the testing kit's gzipped .wasm: $kit_gz bytes, within the budget of $TESTING_WASM_GZIP_BUDGET"

step "browser: wasm-bindgen-test in headless Chromium and Firefox"
cargo build -q -p clicksend-sandbox
# The test page reaches the sandbox's control surface with this token; no other page can.
control_token=$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')
start_sandbox ./target/debug/clicksend-sandbox 0 "$logs/sandbox.out" --control-token "$control_token"
sandbox_pid=$SANDBOX_PID
echo "[test] sandbox at $SANDBOX_URL"
SANDBOX_URL="$SANDBOX_URL" SANDBOX_CONTROL_TOKEN="$control_token" CHROMEDRIVER=/usr/bin/chromedriver \
  wasm-pack test --headless --chrome 2>&1 | tee "$logs/browser.log"
SANDBOX_URL="$SANDBOX_URL" SANDBOX_CONTROL_TOKEN="$control_token" GECKODRIVER="$(command -v geckodriver)" \
  wasm-pack test --headless --firefox 2>&1 | tee "$logs/firefox.log"
cleanup; sandbox_pid=""

step "Node, workerd, conformance and the packed tarball: the built package (each test file starts its own sandbox or Prism)"
# Resolve `import 'clicksend-wasm'` to pkg/ through its package.json `exports`.
mkdir -p tests/node_modules && ln -sfn ../../pkg tests/node_modules/clicksend-wasm
node --test --test-timeout=300000 tests/node/ tests/errors/ tests/security/ tests/seams/ tests/workerd/ tests/conformance/ tests/faults/ tests/testing-kit/ tests/package/ tests/demo/ examples/worker/test/ 2>&1 | tee "$logs/node.log"

step "types: tsc --noEmit against the package's .d.ts"
tsc -p tests/types
echo "[test] types: ok"

step "summary"
rust_passed=$(grep -h '^test result' "$logs/native.log" "$logs/browser.log" "$logs/firefox.log" | awk '{s += $4} END {print s + 0}')
rust_failed=$(grep -h '^test result' "$logs/native.log" "$logs/browser.log" "$logs/firefox.log" | awk '{s += $6} END {print s + 0}')
node_passed=$(awk '/^# pass/ {print $3}' "$logs/node.log")
node_failed=$(awk '/^# fail/ {print $3}' "$logs/node.log")
node_skipped=$(awk '/^# skipped/ {print $3}' "$logs/node.log")
browser_passed=$(grep -h '^test result' "$logs/browser.log" | awk '{s += $4} END {print s + 0}')
firefox_passed=$(grep -h '^test result' "$logs/firefox.log" | awk '{s += $4} END {print s + 0}')
echo "native + browser (cargo): $rust_passed passed ($browser_passed in Chromium, $firefox_passed in Firefox), $rust_failed failed"
echo "node, workerd, conformance, faults, package, demo, worker example (node --test): $node_passed passed, $node_failed failed, $node_skipped skipped"
grep -hE "conformance: [0-9]+ |covered [0-9]+ of" "$logs/node.log" | sed "s/^# //" || true
sed -n '/^# fault suite:/,/^# | webkit/p' "$logs/node.log" | sed "s/^# //"
echo "wasm: $gz bytes gzipped (budget $WASM_GZIP_BUDGET)"
echo "$((rust_passed + node_passed)) passed, $((rust_failed + node_failed)) failed, $node_skipped skipped"
