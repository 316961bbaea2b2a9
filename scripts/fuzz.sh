#!/usr/bin/env bash
# Fuzzes every parser of untrusted input in clicksend-core with cargo fuzz (libFuzzer), one
# target after another, each for SECONDS (default 60): bash scripts/fuzz.sh [SECONDS] [TARGET...]
# Installs cargo-fuzz (and uses the nightly toolchain) if missing. Each target starts from its
# committed seeds (fuzz/seeds/<target>/); new corpus entries go to target/fuzz-corpus/, not
# into git. A crash stops the run and leaves the input in fuzz/artifacts/<target>/: fix the
# bug, then copy the input into fuzz/seeds/<target>/, where `cargo test` replays it forever.
source "$(dirname "$0")/prelude.sh" fuzz

seconds=${1:-60}
shift || true
targets=("$@")

if ! rustup toolchain list | grep -q '^nightly'; then
  say "installing the nightly toolchain (cargo fuzz needs it)"
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  say "installing cargo-fuzz from crates.io"
  cargo install cargo-fuzz --locked
fi

# By default every target fuzz/Cargo.toml declares.
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cd fuzz && cargo fuzz list)

summary=()
for t in "${targets[@]}"; do
  corpus=target/fuzz-corpus/$t
  mkdir -p "$corpus"
  say "fuzzing $t for ${seconds}s"
  log=target/fuzz-$t.log
  (cd fuzz && cargo +nightly fuzz run "$t" "../$corpus" "seeds/$t" -- -max_total_time="$seconds" -print_final_stats=1) 2>&1 | tee "$log" | grep -E "^#[0-9]+ +(INITED|DONE)|ERROR|panicked|SUMMARY" || true
  if grep -qE "ERROR: libFuzzer|panicked|SUMMARY: " "$log"; then
    say "$t: CRASH, see $log and fuzz/artifacts/$t/"
    exit 1
  fi
  runs=$(grep -oE "stat::number_of_executed_units: *[0-9]+" "$log" | grep -oE "[0-9]+$" || echo "?")
  summary+=("$t: ${seconds}s, $runs runs, no crash")
done
say "summary"
printf '  %s\n' "${summary[@]}"
