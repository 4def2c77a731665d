#!/usr/bin/env bash
# Checks the core's certificates with OpenSSL and its ICE credentials in bulk (issue #5):
# every certificate parses as X.509 v3 with ecdsa-with-SHA256, its self-signature verifies
# (openssl verify -check_ss_sig), its SHA-256 fingerprint equals the SDP one; ICE ufrag/pwd pairs
# are all ice-chars and pwds never repeat.
#
#   scripts/verify-randomness.sh [certificates=10000] [ice pairs=1000000]
set -euo pipefail
cd "$(dirname "$0")/.."
certs=${1:-10000}
pairs=${2:-1000000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

cargo run --quiet --release --example draw -- "$dir" "$certs" "$pairs"

bad=0
for ((i = 0; i < certs; i++)); do
  openssl x509 -inform DER -in "$dir/$i.der" -out "$dir/c.pem" 2>/dev/null || { echo "cert $i: does not parse"; bad=$((bad + 1)); continue; }
  text=$(openssl x509 -in "$dir/c.pem" -noout -text)
  grep -q 'Version: 3 (0x2)' <<<"$text" && grep -q 'Signature Algorithm: ecdsa-with-SHA256' <<<"$text" \
    && grep -q 'Subject: CN *= *WebRTC' <<<"$text" || { echo "cert $i: not a v3 ECDSA-SHA256 CN=WebRTC certificate"; bad=$((bad + 1)); }
  openssl verify -check_ss_sig -CAfile "$dir/c.pem" "$dir/c.pem" >/dev/null 2>&1 || { echo "cert $i: self-signature does not verify"; bad=$((bad + 1)); }
  fp=$(openssl x509 -in "$dir/c.pem" -noout -fingerprint -sha256 | cut -d= -f2)
  [ "$fp" = "$(cat "$dir/$i.fp")" ] || { echo "cert $i: fingerprint $fp differs from the SDP's"; bad=$((bad + 1)); }
done
echo "certificates: $certs checked with $(openssl version), $bad problems"
[ "$bad" -eq 0 ]
