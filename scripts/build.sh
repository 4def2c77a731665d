#!/usr/bin/env bash
# Builds pkg/wasm/ (wasm-bindgen --target web output, optimized by wasm-opt -Oz) from the crate,
# then the bundles the package exports (scripts/bundle.mjs). The crate is built three times, as
# three wasm parts with a loader each: the main one (feature wasm-session: offers, the session,
# certificates around WebCrypto's keys), the full one (wasm-session,answer: also everything that
# reads SDP), and the all-Rust ECDSA certificates (feature ecdsa) that only pages without WebCrypto
# load (see src/wasm/mod.rs and pkg/core.js).
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
# Each part: its cargo features and its output name.
PARTS=("wasm-session:$NAME" "wasm-session,answer:${NAME}_full" "ecdsa:${NAME}_ecdsa")
OUT=pkg/wasm
TARGET_DIR=${CARGO_TARGET_DIR:-target}
OUTPUTS=()
for part in "${PARTS[@]}"; do OUTPUTS+=("$OUT/${part#*:}_bg.wasm" "$OUT/${part#*:}.js"); done

fail() { echo "build: $*" >&2; exit 1; }

sizes() {
  local raw gz wasm
  for part in "${PARTS[@]}"; do
    wasm="$OUT/${part#*:}_bg.wasm"
    raw=$(wc -c <"$wasm")
    gz=$(gzip -9 -c "$wasm" | wc -c)
    awk -v f="$wasm" -v r="$raw" -v g="$gz" \
      'BEGIN { printf "build: %s: %d bytes raw (%.1f KiB), %d bytes gzip -9 (%.1f KiB)\n", f, r, r / 1024, g, g / 1024 }'
  done
}

# Up to date when every output exists and no input is newer than the oldest of them.
up_to_date() {
  local oldest="" file
  for file in "${OUTPUTS[@]}"; do
    [ -f "$file" ] || return 1
    if [ -z "$oldest" ] || [ "$file" -ot "$oldest" ]; then oldest=$file; fi
  done
  [ -z "$(find src Cargo.toml Cargo.lock -newer "$oldest" -print -quit)" ]
}

if ! $force; then
  if up_to_date; then
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
RAW="$TARGET_DIR/wasm32-unknown-unknown/release/$NAME.wasm"
for part in "${PARTS[@]}"; do
  features=${part%%:*}
  name=${part#*:}
  # wasm-bindgen and wasm-opt learn which wasm features rustc used (bulk memory, sign-ext, ...)
  # from the target_features section (Cargo.toml strips debuginfo only, to keep it); wasm-opt
  # strips the rest.
  cargo build --release --target wasm32-unknown-unknown --lib --no-default-features --features "$features"
  grep -qa target_features "$RAW" || fail "$RAW has no target_features section"
  wasm-bindgen --target web --out-dir "$staging" --out-name "$name" "$RAW"
  # -Oz drops the name section itself; the other strips remove what no runtime reads.
  "$WASM_OPT" -Oz --strip-debug --strip-producers --strip-target-features \
    "$staging/${name}_bg.wasm" -o "$staging/${name}_bg.wasm"
done

# Replace pkg/wasm/ whole, so no file of an older build lingers.
rm -rf "$OUT"
mkdir -p "$(dirname "$OUT")"
chmod 755 "$staging"
mv "$staging" "$OUT"
find "$OUT" -type f -exec touch -r "$stamp" {} +

echo "build: done in $(($(date +%s) - start)) s"
sizes
node scripts/bundle.mjs
