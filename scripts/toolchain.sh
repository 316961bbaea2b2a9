# The pinned tools that scripts/setup.sh installs and scripts/build.sh uses, in one place
# (sourced by both).
#
# The nightly the package's .wasm is built with: the standard library rebuilt for size, panics
# without their messages (scripts/build.sh). A pinned date, so the bytes do not change under
# us. It needs only rust-src: the standard library is built from source.
SIZE_TOOLCHAIN=nightly-2026-05-19
WASM_PACK_VERSION=0.15.1
