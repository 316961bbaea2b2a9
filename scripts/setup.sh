#!/usr/bin/env bash
# Installs every tool the build and the tests need, skipping what is already there.
# Safe to run again and again; prints what it does. Sourced by scripts/test.sh and scripts/demo.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

# The wasm-bindgen CLI must match the crate exactly (Cargo.toml pins it with `=`);
# read the version from Cargo.toml so the two can never drift.
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
# The nightly of the .wasm's size build and wasm-pack's version.
source scripts/toolchain.sh

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "wasm32-unknown-unknown target: present"
else
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if rustup toolchain list | grep -q "^$SIZE_TOOLCHAIN-" && rustup component list --toolchain "$SIZE_TOOLCHAIN" --installed | grep -q '^rust-src'; then
  say "$SIZE_TOOLCHAIN with rust-src: present"
else
  say "installing $SIZE_TOOLCHAIN with rust-src (the .wasm's size build)"
  rustup toolchain install "$SIZE_TOOLCHAIN" --profile minimal --component rust-src
fi

if command -v wasm-pack >/dev/null && wasm-pack --version | grep -q "$WASM_PACK_VERSION"; then
  say "wasm-pack $WASM_PACK_VERSION: present"
else
  say "installing wasm-pack $WASM_PACK_VERSION (about 3 minutes)"
  cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked
fi

if command -v wasm-bindgen >/dev/null && wasm-bindgen --version | grep -q " $WASM_BINDGEN_VERSION\$"; then
  say "wasm-bindgen-cli $WASM_BINDGEN_VERSION: present"
else
  # Without --locked on purpose: the CLI's lock file wants a webpki-roots release
  # that the crates.io mirror this project is built against does not serve.
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 5 minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# The browsers: Chromium, Firefox ESR, and WebKitGTK (Safari's engine: its WebDriver, run in a
# virtual display with a D-Bus session of its own, tests/support/webkit.mjs).
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && [ -x /usr/bin/firefox-esr ] && [ -x /usr/bin/WebKitWebDriver ] && [ -x /usr/bin/Xvfb ] && command -v dbus-run-session >/dev/null; then
  say "chromium + chromedriver, firefox-esr, WebKitGTK's driver, Xvfb, D-Bus: present"
else
  say "installing chromium, chromium-driver, firefox-esr, webkit2gtk-driver, xvfb and dbus from apt"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium chromium-driver firefox-esr webkit2gtk-driver xvfb dbus
fi

# geckodriver drives Firefox for wasm-bindgen-test; crates.io has it (the npm package of that
# name downloads it from elsewhere, which fails here).
if command -v geckodriver >/dev/null; then
  say "geckodriver: present"
else
  say "installing geckodriver from crates.io (about 2 minutes)"
  cargo install geckodriver --locked
fi

# npm tools: binaryen (a wasm-opt that works; Debian's does not), miniflare (workerd),
# typescript, esbuild (the CommonJS entry), and for the package and demo tests vite, webpack,
# rollup, parcel, jest, vitest, wrangler (4.86: the last on Node 20, same workerd as miniflare)
# and playwright-core. Pinned in package.json/package-lock.json at the top level.
if [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  say "npm packages: present"
else
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi
say "wasm-opt: $(wasm-opt --version)"

# The runtimes the package tests use (Node 18, 22 and 24, Deno, Bun, Next.js), in their own
# folder: a `node` binary among the workspace's tools would shadow the machine's.
if [ -d tests/runtimes/node_modules ] && [ tests/runtimes/node_modules/.package-lock.json -nt tests/runtimes/package-lock.json ]; then
  say "runtimes (Node 18/22/24, Deno, Bun, Next.js): present"
else
  say "installing the runtimes for the package tests (npm ci in tests/runtimes)"
  npm ci --prefix tests/runtimes --no-audit --no-fund
fi

# ClickSend's own Node SDK (npm clicksend 5.x), which the conformance suite drives against the
# sandbox; apart from the project's code, as a user's project would have it.
if [ -d tests/official-sdk/node_modules ] && [ tests/official-sdk/node_modules/.package-lock.json -nt tests/official-sdk/package-lock.json ]; then
  say "official ClickSend SDK: present"
else
  say "installing the official ClickSend SDK (npm ci in tests/official-sdk)"
  npm ci --prefix tests/official-sdk --no-audit --no-fund
fi
