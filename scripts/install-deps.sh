#!/usr/bin/env bash
# Installs every tool the build and the tests need, idempotently, from package registries only.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

if ! command -v wasm-bindgen >/dev/null || [ "$(wasm-bindgen --version | cut -d' ' -f2)" != "$WASM_BINDGEN_VERSION" ]; then
  # No --locked: the CLI's own lockfile pins a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --force
fi

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    echo "install-deps: /usr/bin/chromium is missing and this user cannot apt-get install it" >&2
    exit 1
  fi
fi

if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/binaryen ]; then
  npm ci --no-audit --no-fund
fi
