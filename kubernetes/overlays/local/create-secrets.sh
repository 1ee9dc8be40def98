#!/usr/bin/env bash
# Creates (or updates) the Secrets the local overlay reads, in namespace paygate, from compose's .env (see
# .env.example; the same values serve both), so that nothing secret is in the manifests or the repository:
#
#   cp .env.example .env   # then fill it in
#   kubernetes/overlays/local/create-secrets.sh [path/to/.env]
#   kubectl apply -k kubernetes/overlays/local
#
# The MongoDB users' passwords are made here, once, and kept in the cluster; the gateway's self-signed keystore is made
# by docker/gateway-keystore.sh (needs keytool) unless the Secret holds one already. --print writes the Secrets to
# standard output instead of applying them (e.g. to seal them). RabbitMQ's administrator is the operator's
# (Secret rabbitmq-default-user), so RABBITMQ_ADMIN_PASSWORD is not used.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
namespace=paygate
print=false
env_file="$root/.env"
for argument in "$@"; do
  case "$argument" in
    --print) print=true ;;
    *) env_file="$argument" ;;
  esac
done
[ -f "$env_file" ] || { echo "no $env_file: cp .env.example .env and fill it in" >&2; exit 1; }

# Reads KEY=value lines without evaluating them (values may hold $ or quotes, as compose allows).
value() {
  local line
  line="$(grep -E "^$1=" "$env_file" | tail -n 1 || true)"
  line="${line#*=}"
  line="${line#\'}"; line="${line%\'}"
  printf '%s' "$line"
}

required() {
  local v
  v="$(value "$1")"
  [ -n "$v" ] || { echo "$1 is empty in $env_file (see .env.example)" >&2; exit 1; }
  printf '%s' "$v"
}

apply() {
  if $print; then
    echo "---"
    cat
  else
    kubectl apply -n "$namespace" -f -
  fi
}

# secret NAME KEY=VALUE...: empty optional values are left out, so the Deployments' optional references stay unset.
secret() {
  local name="$1" pair
  shift
  local arguments=()
  for pair in "$@"; do
    [ -n "${pair#*=}" ] && arguments+=("--from-literal=$pair")
  done
  kubectl create secret generic "$name" -n "$namespace" "${arguments[@]}" --dry-run=client -o yaml | apply
}

exists() { ! $print && kubectl get secret -n "$namespace" "$1" >/dev/null 2>&1; }

$print || kubectl apply -f "$root/kubernetes/base/namespace.yaml"

secret paygate-card-keys "CARD_ENCRYPTION_KEYS=$(required CARD_ENCRYPTION_KEYS)" \
  "CARD_ENCRYPTION_ACTIVE_KEY=$(required CARD_ENCRYPTION_ACTIVE_KEY)"
secret paygate-gateway-signing "GATEWAY_SIGNING_KEYS=$(required GATEWAY_SIGNING_KEYS)" \
  "GATEWAY_SIGNING_ACTIVE_KEY=$(value GATEWAY_SIGNING_ACTIVE_KEY)"
secret paygate-message-signing "MESSAGE_SIGNING_KEYS=$(required MESSAGE_SIGNING_KEYS)" \
  "MESSAGE_SIGNING_ACTIVE_KEY=$(value MESSAGE_SIGNING_ACTIVE_KEY)"
secret paygate-webhook-secret-keys "WEBHOOK_SECRET_KEYS=$(required WEBHOOK_SECRET_KEYS)" \
  "WEBHOOK_SECRET_ACTIVE_KEY=$(value WEBHOOK_SECRET_ACTIVE_KEY)"
secret paygate-admin "PAYGATE_ADMIN_TOKENS=$(required PAYGATE_ADMIN_TOKENS)" \
  "PAYGATE_DEMO_API_KEY=$(value PAYGATE_DEMO_API_KEY)"
secret paygate-simulator-control "PIGGYBANK_CONTROL_TOKEN=$(value PIGGYBANK_CONTROL_TOKEN)" \
  "LIONBANK_CONTROL_TOKEN=$(value LIONBANK_CONTROL_TOKEN)"

# Each service's RabbitMQ user (the Messaging Topology Operator creates it from this Secret; the service logs in with it).
secret rabbitmq-user-payment-service username=paygate-payment-service \
  "password=$(required PAYMENT_SERVICE_RABBITMQ_PASSWORD)"
secret rabbitmq-user-acquirer-piggybank-service username=paygate-acquirer-piggybank-service \
  "password=$(required ACQUIRER_PIGGYBANK_SERVICE_RABBITMQ_PASSWORD)"
secret rabbitmq-user-acquirer-lionbank-service username=paygate-acquirer-lionbank-service \
  "password=$(required ACQUIRER_LIONBANK_SERVICE_RABBITMQ_PASSWORD)"
secret rabbitmq-user-webhook-service username=paygate-webhook-service \
  "password=$(required WEBHOOK_SERVICE_RABBITMQ_PASSWORD)"

# Each service's MongoDB user: a random password, made once (the operator derives the connection string Secret).
mongodb_user() { exists "$1" || secret "$1" "password=$(openssl rand -hex 24)"; }
mongodb_user mongodb-user-payment-service
mongodb_user mongodb-user-merchant-service
mongodb_user mongodb-user-webhook-service

keystore_password="$(required GATEWAY_KEYSTORE_PASSWORD)"
secret paygate-gateway-keystore-password "password=$keystore_password"
if ! exists paygate-gateway-tls; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  GATEWAY_KEYSTORE="$work/keystore.p12" GATEWAY_KEYSTORE_PASSWORD="$keystore_password" \
    KEYSTORE_OWNER="$(id -u):$(id -g)" sh "$root/docker/gateway-keystore.sh" >&2
  kubectl create secret generic paygate-gateway-tls -n "$namespace" --from-file=keystore.p12="$work/keystore.p12" \
    --dry-run=client -o yaml | apply
fi
