#!/usr/bin/env bash
# Builds the npm package into pkg/: wasm-pack (--target web) for the client's .wasm and the
# testing kit's, wasm-opt -Oz from npm's binaryen, then js/ (the public layer and the
# per-runtime entries), types and package.json.
# Prints the .wasm size raw and gzipped. Run scripts/setup.sh first (test.sh and demo.sh do).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
say() { printf '\033[1m[build]\033[0m %s\n' "$*"; }

# The nightly the package's .wasm is built with (scripts/setup.sh installs it with rust-src).
source scripts/toolchain.sh

rm -rf pkg # nothing stale from an earlier build may end up in the package
# The package's .wasm, built by wasm-pack (cargo, then wasm-bindgen --target web; wasm-opt is
# run below, from npm's binaryen). By default with the standard library rebuilt with the crate
# (-Zbuild-std, so LTO and opt-level "z" reach it too), and panics as a bare trap
# (-Cpanic=immediate-abort) without the message and location formatting that a panic would
# only have printed nowhere: on wasm32-unknown-unknown a panic was already a trap
# ("unreachable") with nothing shown (what it saves: bench/NOTES.md, section "The build").
# The pinned nightly comes through RUSTUP_TOOLCHAIN, cargo's flags after `--`, and its own
# target dir (the flags would otherwise rebuild the tests'). `--mode force`: that nightly has
# no prebuilt wasm32 standard library to download, and needs none (it is built from rust-src),
# but wasm-pack's normal mode would try to add it with rustup and stop.
# STD_FOR_SIZE=0: the stable toolchain's prebuilt std instead, to compare (bench/NOTES.md).
wasm_pack_main() {
  wasm-pack --quiet build . --release --target web --out-dir target/wasm-pkg --out-name clicksend_wasm --no-pack --no-gitignore "$@"
}
rm -rf target/wasm-pkg
if [ "${STD_FOR_SIZE:-1}" = 0 ]; then
  say "wasm-pack build --release --target web (stable, prebuilt std: a comparison build)"
  wasm_pack_main
else
  say "wasm-pack build --release --target web ($SIZE_TOOLCHAIN, std rebuilt for size)"
  RUSTUP_TOOLCHAIN="$SIZE_TOOLCHAIN" CARGO_TARGET_DIR=target/size \
    RUSTFLAGS="-Cpanic=immediate-abort -Zunstable-options -Zlocation-detail=none" \
    wasm_pack_main --mode force -- -Zbuild-std=std,panic_abort
fi
mkdir -p pkg
cp target/wasm-pkg/clicksend_wasm.js target/wasm-pkg/clicksend_wasm.d.ts target/wasm-pkg/clicksend_wasm_bg.wasm target/wasm-pkg/clicksend_wasm_bg.wasm.d.ts pkg/

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

# The JS (copied, or bundled into one module per entry), the types with their CommonJS twins,
# package.json and the documents: all from the manifest in scripts/package.mjs.
say "js/, types and package.json (scripts/package.mjs)"
node scripts/package.mjs

raw=$(stat -c %s "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
say "$(awk -v r="$raw" -v g="$gz" 'BEGIN { printf "wasm size: %d bytes raw, %d bytes gzipped (%.1f KB)", r, g, g / 1024 }')"
echo "$gz" > target/wasm-gzip-size
# What a web app ships: the browser entry minified by a bundler (esbuild here), gzipped, with
# the .wasm. bench/run.mjs reports the same figure; scripts/test.sh holds it to a budget.
js_gz=$(esbuild pkg/js/entries/web.js --bundle --minify --format=esm --log-level=warning | gzip -9 | wc -c)
say "$(awk -v j="$js_gz" -v g="$gz" 'BEGIN { printf "in a web app: %d bytes of minified JS gzipped, %d bytes with the .wasm (%.1f KB)", j, j + g, (j + g) / 1024 }')"
echo "$((js_gz + gz))" > target/web-app-gzip-size
kit_raw=$(stat -c %s pkg/clicksend_testing_bg.wasm)
kit_gz=$(gzip -9 -c pkg/clicksend_testing_bg.wasm | wc -c)
say "$(awk -v r="$kit_raw" -v g="$kit_gz" 'BEGIN { printf "testing kit wasm size: %d bytes raw, %d bytes gzipped (%.1f KB)", r, g, g / 1024 }')"
echo "$kit_gz" > target/testing-wasm-gzip-size
