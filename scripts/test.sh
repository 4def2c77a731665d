#!/usr/bin/env bash
# Everything `npm test` checks, in order, stopping at the first failure:
# tools → formatting → lints (native and wasm32) → Rust tests → wasm build → glue types → Node and browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s\n' "$*"; }

step "install-deps"
bash scripts/install-deps.sh
# install-deps may have put ~/.cargo/bin on its own PATH only.
if ! command -v cargo >/dev/null && [ -x "$HOME/.cargo/bin/cargo" ]; then
  export PATH="$HOME/.cargo/bin:$PATH"
fi

step "cargo fmt --check"
cargo fmt --check

step "cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets -- -D warnings

# The wasm boundary (src/wasm/) is compiled for wasm32 only; lint it there too, as each wasm part
# scripts/build.sh builds (their features) and with both.
for features in "ecdsa,wasm-session,answer" "wasm-session" "wasm-session,answer" "ecdsa"; do
  step "cargo clippy --target wasm32-unknown-unknown --lib --no-default-features --features $features -- -D warnings"
  cargo clippy --target wasm32-unknown-unknown --lib --no-default-features --features "$features" -- -D warnings
done

step "cargo test"
cargo test

step "build (scripts/build.sh)"
bash scripts/build.sh

# The glue's JSDoc types, checked against the pkg/wasm/*.d.ts the build just wrote.
step "tsc -p pkg/tsconfig.json"
node node_modules/typescript/bin/tsc -p pkg/tsconfig.json

step "node --test (tests/node, tests/browser)"
mapfile -t test_files < <(find tests/node tests/browser -name '*.test.js' 2>/dev/null | sort)
if [ "${#test_files[@]}" -eq 0 ]; then
  echo "test: no tests/node or tests/browser *.test.js files found" >&2
  exit 1
fi
node --test "${test_files[@]}"
