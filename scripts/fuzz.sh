#!/usr/bin/env bash
# Runs the cargo-fuzz targets in fuzz/ one after another, each for a fixed time, and prints how
# many inputs each executed. Not part of `npm test` (it takes minutes); see README "Fuzzing".
#
#   scripts/fuzz.sh                      every target, 300 s each
#   scripts/fuzz.sh 60                   every target, 60 s each
#   scripts/fuzz.sh 600 session          one target
#
# Needs the nightly toolchain (installed if missing) and cargo-fuzz (installed from crates.io if
# missing). Crashes land in fuzz/artifacts/<target>/ (reproduce: cargo +nightly fuzz run <target>
# <file>); the corpus grows in fuzz/corpus/<target>/. Both are git-ignored. Exits non-zero if any
# target found a crash.
set -euo pipefail
cd "$(dirname "$0")/.."

ALL=(sdp_parse session boundary)
secs=${1:-300}
[[ "$secs" =~ ^[0-9]+$ ]] || { echo "fuzz: usage: scripts/fuzz.sh [seconds] [target ...]" >&2; exit 2; }
shift || true
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=("${ALL[@]}")

if ! rustup toolchain list | grep -q '^nightly'; then
  rustup toolchain install nightly --profile minimal
fi
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz

# Seeds for the parser: Chromium's own offers and answers to them (setup active, directions
# reversed), written fresh on each run.
seed_parser() {
  local dir=fuzz/corpus/sdp_parse refs=../shared/reference-offers
  mkdir -p "$dir"
  [ -d "$refs" ] || return 0
  for f in "$refs"/*.sdp; do
    cp "$f" "$dir/offer-$(basename "$f")"
    sed -e 's/^a=setup:actpass/a=setup:active/' \
      -e 's/^a=sendonly\r$/a=SWAPPED\r/' -e 's/^a=recvonly\r$/a=sendonly\r/' -e 's/^a=SWAPPED\r$/a=recvonly\r/' \
      -e '/^a=ssrc/d' -e '/^a=msid:/d' -e '/^a=rid:/d' -e '/^a=simulcast:/d' \
      "$f" >"$dir/answer-$(basename "$f")"
  done
}

# libFuzzer options: -timeout flags an input that takes over 10 s (a hang or quadratic blow-up);
# -max_len lets the parser see inputs beyond the seeds' size. No sanitizer: the crate is safe
# Rust, and the build keeps debug assertions (integer overflow panics) on.
declare -A summary
status=0
for target in "${targets[@]}"; do
  [[ " ${ALL[*]} " == *" $target "* ]] || { echo "fuzz: unknown target '$target' (${ALL[*]})" >&2; exit 2; }
  [ "$target" = sdp_parse ] && seed_parser
  mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
  log="fuzz/artifacts/$target/last-run.txt"
  echo "=== fuzz $target for $secs s (log: $log)"
  set +e
  cargo +nightly fuzz run --sanitizer none "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$secs" -timeout=10 -max_len=65536 -print_final_stats=1 2>&1 | tee "$log" |
    grep -E '^(#[0-9]+.*(pulse|DONE)|Done|==[0-9]+==|SUMMARY|thread .* panicked|error(\[|:))'
  rc=${PIPESTATUS[0]}
  set -e
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if grep -q 'failed to build fuzz script' "$log"; then
    status=1
    summary[$target]="BUILD FAILED (see $log)"
  elif [ "$rc" -ne 0 ]; then
    status=1
    summary[$target]="FAILED after ${runs:-?} inputs (exit $rc; see $log and fuzz/artifacts/$target/)"
  else
    summary[$target]="${runs:-?} inputs in $secs s, no crash"
  fi
done

echo
echo "=== fuzz summary"
for target in "${targets[@]}"; do
  printf '%-10s %s\n' "$target" "${summary[$target]}"
done
exit "$status"
