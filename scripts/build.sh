#!/usr/bin/env bash
# Builds pkg/wasm/ (wasm-bindgen --target web output, optimized by wasm-opt -Oz) from the crate,
# then the bundle the package exports (scripts/bundle.mjs: the glue and the wasm loader in one module).
#
#   scripts/build.sh            build the wasm when src/**, Cargo.toml or Cargo.lock changed since the
#                               last build; the bundle (well under a second) every time
#   scripts/build.sh --force    build regardless
set -euo pipefail
cd "$(dirname "$0")/.."

force=false
for arg in "$@"; do
  case "$arg" in
    --force) force=true ;;
    *) echo "build: unknown argument '$arg' (usage: scripts/build.sh [--force])" >&2; exit 2 ;;
  esac
done

NAME=rtc_offer_polyfill
OUT=pkg/wasm
WASM="$OUT/${NAME}_bg.wasm"
TARGET_DIR=${CARGO_TARGET_DIR:-target}
JS="$OUT/$NAME.js"

fail() { echo "build: $*" >&2; exit 1; }

sizes() {
  local raw gz
  raw=$(wc -c <"$WASM")
  gz=$(gzip -9 -c "$WASM" | wc -c)
  awk -v f="$WASM" -v r="$raw" -v g="$gz" \
    'BEGIN { printf "build: %s: %d bytes raw (%.1f KiB), %d bytes gzip -9 (%.1f KiB)\n", f, r, r / 1024, g, g / 1024 }'
}

# Up to date when both outputs exist and no input is newer than the older of them.
if ! $force && [ -f "$WASM" ] && [ -f "$JS" ]; then
  oldest=$WASM
  [ "$JS" -ot "$oldest" ] && oldest=$JS
  if [ -z "$(find src Cargo.toml Cargo.lock -newer "$oldest" -print -quit)" ]; then
    echo "build: $OUT is up to date (scripts/build.sh --force rebuilds)"
    sizes
    node scripts/bundle.mjs
    exit 0
  fi
fi

# The CLI must be exactly the crate's version: their boundary ABI changes between releases.
want=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
[ -n "$want" ] || fail "no wasm-bindgen entry in Cargo.lock"
command -v wasm-bindgen >/dev/null || fail "wasm-bindgen not found; run scripts/install-deps.sh"
have=$(wasm-bindgen --version | cut -d' ' -f2)
[ "$have" = "$want" ] || fail "wasm-bindgen CLI is $have but Cargo.lock has wasm-bindgen $want; run scripts/install-deps.sh"

WASM_OPT=node_modules/.bin/wasm-opt
[ -x "$WASM_OPT" ] || fail "$WASM_OPT not found; run scripts/install-deps.sh (npm ci)"

# Outputs get the time the build started, so a source edited during the build is seen as newer.
stamp=$(mktemp)
mkdir -p "$TARGET_DIR"
staging=$(mktemp -d "$TARGET_DIR/wasm-bindgen.XXXXXX")
trap 'rm -rf "$stamp" "$staging"' EXIT

start=$(date +%s)
# wasm-bindgen and wasm-opt learn which wasm features rustc used (bulk memory, sign-ext, ...) from
# the target_features section (Cargo.toml strips debuginfo only, to keep it); wasm-opt strips the rest.
cargo build --release --target wasm32-unknown-unknown --lib
RAW="$TARGET_DIR/wasm32-unknown-unknown/release/$NAME.wasm"
grep -qa target_features "$RAW" || fail "$RAW has no target_features section"
wasm-bindgen --target web --out-dir "$staging" --out-name "$NAME" "$RAW"
# -Oz drops the name section itself; the other strips remove what no runtime reads.
"$WASM_OPT" -Oz --strip-debug --strip-producers --strip-target-features \
  "$staging/${NAME}_bg.wasm" -o "$staging/${NAME}_bg.wasm"

# Replace pkg/wasm/ whole, so no file of an older build lingers.
rm -rf "$OUT"
mkdir -p "$(dirname "$OUT")"
chmod 755 "$staging"
mv "$staging" "$OUT"
find "$OUT" -type f -exec touch -r "$stamp" {} +

echo "build: done in $(($(date +%s) - start)) s"
sizes
node scripts/bundle.mjs
