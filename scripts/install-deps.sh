#!/usr/bin/env bash
# Installs every tool the build and the tests need, idempotently, from package registries only:
# the wasm32 Rust target with rustfmt and clippy, wasm-bindgen-cli at Cargo.lock's version,
# Debian's chromium + chromium-driver and firefox-esr, and node_modules (npm ci). Silent when all
# are there.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "install-deps: $*" >&2; }

if ! command -v cargo >/dev/null && [ -x "$HOME/.cargo/bin/cargo" ]; then
  export PATH="$HOME/.cargo/bin:$PATH"
fi
for tool in cargo rustup node npm; do
  command -v "$tool" >/dev/null || { say "$tool is missing; this machine kind should have it"; exit 1; }
done

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    say "adding $component"
    rustup component add "$component"
  fi
done

WASM_BINDGEN_VERSION=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
if [ -z "$WASM_BINDGEN_VERSION" ]; then
  say "no wasm-bindgen entry in Cargo.lock"
  exit 1
fi
if ! command -v wasm-bindgen >/dev/null || [ "$(wasm-bindgen --version | cut -d' ' -f2)" != "$WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes)"
  # No --locked: the CLI's own lockfile pins a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --force --quiet
fi

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  if [ "$(id -u)" != 0 ]; then
    say "/usr/bin/chromium or /usr/bin/chromedriver is missing and only root can apt-get install them"
    exit 1
  fi
  say "installing chromium and chromium-driver (apt)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# tests/browser/firefox.test.js negotiates against it (driven by puppeteer-core over WebDriver BiDi).
if [ ! -x /usr/bin/firefox-esr ]; then
  if [ "$(id -u)" != 0 ]; then
    say "/usr/bin/firefox-esr is missing and only root can apt-get install it"
    exit 1
  fi
  say "installing firefox-esr (apt)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr >/dev/null
fi

# npm writes node_modules/.package-lock.json last: older than the lockfile means stale.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] \
  || [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/puppeteer-core ]; then
  say "installing node_modules (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
