#!/bin/sh
# Creates the gateway's self-signed TLS keystore (PKCS12, alias "paygate") for `docker compose up`.
# Run by the one-shot `certs` service (image eclipse-temurin:25-jre, which has keytool) into a named
# volume that the gateway mounts read-only. A usable keystore is kept; it is replaced when missing,
# when the password no longer opens it, or when it is older than RENEW_AFTER_DAYS (certificates
# last 365 days, so a restart after renewal never serves an expired one).
# Works outside Docker too: GATEWAY_KEYSTORE=/tmp/x.p12 GATEWAY_KEYSTORE_PASSWORD=... sh gateway-keystore.sh
set -eu

keystore="${GATEWAY_KEYSTORE:-/certs/gateway.p12}"
: "${GATEWAY_KEYSTORE_PASSWORD:?GATEWAY_KEYSTORE_PASSWORD must be set}"
if [ "${#GATEWAY_KEYSTORE_PASSWORD}" -lt 6 ]; then
  echo "GATEWAY_KEYSTORE_PASSWORD must have at least 6 characters (a keytool rule)" >&2
  exit 1
fi
# The gateway image runs as 10001:10001 (see Dockerfile); the key must be readable by it alone.
owner="${KEYSTORE_OWNER:-10001:10001}"
renew_after_days="${RENEW_AFTER_DAYS:-330}"
alias=paygate

usable() {
  [ -s "$keystore" ] \
    && [ -z "$(find "$keystore" -mtime "+$renew_after_days")" ] \
    && keytool -list -storetype PKCS12 -keystore "$keystore" \
         -storepass:env GATEWAY_KEYSTORE_PASSWORD -alias "$alias" >/dev/null 2>&1
}

if usable; then
  echo "gateway keystore $keystore is present and valid; keeping it"
  exit 0
fi

# Written beside the target and renamed, so the gateway never sees a half-written keystore.
fresh="$(dirname "$keystore")/.$(basename "$keystore").new"
rm -f "$fresh"
# EC P-256: the cheapest TLS handshake for the same strength; every current client supports it.
# The SAN covers the published port on this host and the in-network name of the gateway.
keytool -genkeypair -noprompt \
  -alias "$alias" \
  -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA \
  -validity 365 \
  -dname "CN=localhost, O=PayGate development" \
  -ext "SAN=dns:localhost,ip:127.0.0.1,dns:api-gateway" \
  -storetype PKCS12 -keystore "$fresh" \
  -storepass:env GATEWAY_KEYSTORE_PASSWORD
chmod 0400 "$fresh"
chown "$owner" "$fresh"
mv -f "$fresh" "$keystore"
echo "gateway keystore $keystore created (self-signed, valid 365 days, owner $owner)"
