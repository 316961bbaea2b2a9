#!/usr/bin/env bash
# Builds the npm package into pkg/: wasm-pack (--target web), wasm-opt -Oz from npm's
# binaryen, then js/ (the public layer and the per-runtime entries), types and package.json.
# Prints the .wasm size raw and gzipped. Run scripts/setup.sh first (test.sh and demo.sh do).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
say() { printf '\033[1m[build]\033[0m %s\n' "$*"; }

# The nightly the package's .wasm is built with (scripts/setup.sh installs it with rust-src).
SIZE_TOOLCHAIN=nightly-2026-05-19

rm -rf pkg # nothing stale from an earlier build may end up in the package
# The package's .wasm: the standard library rebuilt with the crate (-Zbuild-std, so LTO and
# opt-level "z" reach it too), and panics as a bare trap (-Cpanic=immediate-abort) without the
# message and location formatting that a panic would only have printed nowhere: on
# wasm32-unknown-unknown a panic was already a trap ("unreachable") with nothing shown (what
# it saves: bench/NOTES.md, section "The build"). Its own target dir: the flags would otherwise rebuild the tests'.
# STD_FOR_SIZE=0: the stable toolchain's prebuilt std instead, to compare (bench/NOTES.md).
if [ "${STD_FOR_SIZE:-1}" = 0 ]; then
  say "cargo build --release (stable, prebuilt std: a comparison build) + wasm-bindgen --target web"
  cargo build --quiet --lib --release --target wasm32-unknown-unknown -p clicksend-wasm
  wasm-bindgen --target web --out-dir pkg --out-name clicksend_wasm target/wasm32-unknown-unknown/release/clicksend_wasm.wasm
else
  say "cargo +$SIZE_TOOLCHAIN build --release (std rebuilt for size) + wasm-bindgen --target web"
  RUSTFLAGS="-Cpanic=immediate-abort -Zunstable-options -Zlocation-detail=none" \
    cargo "+$SIZE_TOOLCHAIN" build --quiet --lib --release --target wasm32-unknown-unknown -p clicksend-wasm \
    -Zbuild-std=std,panic_abort --target-dir target/size
  wasm-bindgen --target web --out-dir pkg --out-name clicksend_wasm target/size/wasm32-unknown-unknown/release/clicksend_wasm.wasm
fi

# The testing kit (`clicksend-wasm/testing`): its own .wasm, the model behind a fetch-shaped
# front, so the main entry's .wasm and start-up stay as they are.
say "wasm-pack build --release --target web crates/testing (the testing kit)"
wasm-pack --quiet build crates/testing --release --target web --out-dir ../../target/testing-pkg --out-name clicksend_testing --no-pack
cp target/testing-pkg/clicksend_testing.js target/testing-pkg/clicksend_testing_bg.wasm pkg/

say "wasm-opt -Oz ($(wasm-opt --version))"
# The features rustc's wasm32 target emits by default (reference types, multi-value, ...).
for wasm in pkg/clicksend_wasm_bg.wasm pkg/clicksend_testing_bg.wasm; do
  wasm-opt -Oz --enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-reference-types --enable-multivalue --strip-debug --strip-producers \
    -o "$wasm.opt" "$wasm"
  mv "$wasm.opt" "$wasm"
done
wasm=pkg/clicksend_wasm_bg.wasm

# pkg/ is laid out like the crate root: wasm-bindgen's output at the top, js/ copied as it is
# (src/error.rs imports ./js/error.js by that path, so wasm and the entries share one class).
mkdir -p pkg/js
for module in client error body hooks values bulk pagination reconcile webhook node web workerd edge deno bun testing testing-node testing-workerd testing-web; do cp "js/$module.js" pkg/js/; done
cp js/index.d.ts js/generated.d.ts js/testing.d.ts js/lazy.d.ts pkg/

# Node 18 to 20.18 cannot require() an ES module: js/node.cjs is the same entry bundled as
# CommonJS, with types to match (.d.cts files importing each other).
say "esbuild: js/node.cjs for require()"
cp js/node-require.js js/node20.js pkg/js/ # sources of the bundles only: not shipped
esbuild pkg/js/node-require.js --bundle --platform=node --format=cjs --target=node18 --log-level=warning \
  --inject:js/cjs-shim.js --define:import.meta.url=importMetaUrl --outfile=pkg/js/node.cjs
rm pkg/js/node-require.js
sed "s#'./generated.js'#'./generated.cjs'#" js/index.d.ts > pkg/index.d.cts
# The testing kit for require() too (Jest's default mode): js/testing.cjs, with .d.cts types.
cp js/testing-require.js pkg/js/
esbuild pkg/js/testing-require.js --bundle --platform=node --format=cjs --target=node18 --log-level=warning \
  --inject:js/cjs-shim.js --define:import.meta.url=importMetaUrl --outfile=pkg/js/testing.cjs
rm pkg/js/testing-require.js
sed "s#'./index.js'#'./index.cjs'#" js/testing.d.ts > pkg/testing.d.cts
# The browser's entry as one ES module: a page without a bundler fetched web.js, then the glue
# and client.js, then the modules they import, then body.js, before it could even ask for the
# .wasm; one module makes that one request (bench/NOTES.md, section "The build"). The glue's default .wasm URL is pointed where the file is from js/, so a
# bundler that resolves `new URL(..., import.meta.url)` finds it. Workerd's and the edge
# entries stay separate modules (their bundlers join them).
say "esbuild: js/web.js as one module"
esbuild pkg/js/web.js --bundle --format=esm --target=es2022 --log-level=warning --outfile=pkg/js/web.bundle.js
sed 's#new URL("clicksend_wasm_bg.wasm", import.meta.url)#new URL("../clicksend_wasm_bg.wasm", import.meta.url)#' pkg/js/web.bundle.js > pkg/js/web.js
rm pkg/js/web.bundle.js
grep -q 'new URL("clicksend_wasm_bg.wasm"' pkg/js/web.js && { echo "web.js still names the .wasm beside itself" >&2; exit 1; }
# The lazy entry (`clicksend-wasm/lazy`: service workers, extensions, module workers), one
# module as web.js is. It makes the client's namespaces before the .wasm is loaded, from the
# endpoint table (the workspace's endpoint-table binary: the text the .wasm's endpoints() parses),
# written into js/table.js here: one source, no copy.
say "esbuild: js/lazy.js as one module, with the endpoint table"
node --input-type=module -e "
  const { endpointTable } = await import('./scripts/endpoint-table.mjs');
  const rows = endpointTable().map(({ area, name, paged, bulk, reconcile }) => [area, name, +paged, +bulk, +reconcile]);
  process.stdout.write('// Generated by scripts/build.sh from the endpoint table: [area, name, paged, bulk, reconcile]. Do not edit.\\nexport default ' + JSON.stringify(rows) + ';\\n');
" > pkg/js/table.js
cp js/lazy.js pkg/js/
esbuild pkg/js/lazy.js --bundle --format=esm --target=es2022 --log-level=warning --outfile=pkg/js/lazy.bundle.js
# The glue's default .wasm URL pointed where the file is, as for web.js (bundlers resolve it).
sed 's#new URL("clicksend_wasm_bg.wasm", import.meta.url)#new URL("../clicksend_wasm_bg.wasm", import.meta.url)#' pkg/js/lazy.bundle.js > pkg/js/lazy.js
rm pkg/js/lazy.bundle.js pkg/js/table.js
grep -q 'new URL("clicksend_wasm_bg.wasm"' pkg/js/lazy.js && { echo "lazy.js still names the .wasm beside itself" >&2; exit 1; }
# Node's entry as one ES module too: each module Node's loader reads costs about a
# millisecond of cold start, and the entry imports seven.
say "esbuild: js/node.js as one module"
esbuild pkg/js/node.js --bundle --platform=node --format=esm --target=node18 --log-level=warning --outfile=pkg/js/node.bundle.js
mv pkg/js/node.bundle.js pkg/js/node.js
rm pkg/js/node20.js
sed "s#'./index.js'#'./index.cjs'#" js/generated.d.ts > pkg/generated.d.cts
node scripts/package-json.mjs > pkg/package.json
cp README.md CHANGELOG.md LICENSE-MIT LICENSE-APACHE pkg/

raw=$(stat -c %s "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
say "$(awk -v r="$raw" -v g="$gz" 'BEGIN { printf "wasm size: %d bytes raw, %d bytes gzipped (%.1f KB)", r, g, g / 1024 }')"
echo "$gz" > target/wasm-gzip-size
# What a web app ships: the browser entry minified by a bundler (esbuild here), gzipped, with
# the .wasm. bench/run.mjs reports the same figure; scripts/test.sh holds it to a budget.
js_gz=$(esbuild pkg/js/web.js --bundle --minify --format=esm --log-level=warning | gzip -9 | wc -c)
say "$(awk -v j="$js_gz" -v g="$gz" 'BEGIN { printf "in a web app: %d bytes of minified JS gzipped, %d bytes with the .wasm (%.1f KB)", j, j + g, (j + g) / 1024 }')"
echo "$((js_gz + gz))" > target/web-app-gzip-size
kit_raw=$(stat -c %s pkg/clicksend_testing_bg.wasm)
kit_gz=$(gzip -9 -c pkg/clicksend_testing_bg.wasm | wc -c)
say "$(awk -v r="$kit_raw" -v g="$kit_gz" 'BEGIN { printf "testing kit wasm size: %d bytes raw, %d bytes gzipped (%.1f KB)", r, g, g / 1024 }')"
echo "$kit_gz" > target/testing-wasm-gzip-size
