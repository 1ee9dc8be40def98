#!/usr/bin/env bash
# Static checks of the container setup (Dockerfile, .dockerignore, docker-compose.yml, docker/*.sh, and the
# Prometheus, OpenTelemetry collector, Jaeger and Grafana configuration under docker/):
# what can be proven without a Docker engine. Run from anywhere: docker/check-compose.sh
#
#   1. compose validates against the Compose schema (`docker compose config -q`, or the Debian
#      docker-compose 1.29 when the v2 plugin is absent), and refuses to start without each secret;
#   2. the rules of STYLE.md and of the brief, read from the YAML and the Dockerfile (checks.py):
#      every long-running service has a health check, depends_on waits on health, every SERVICE build
#      arg names a reactor module, the runtime stage runs as a non-root user, every Prometheus target is a
#      service's metrics endpoint, every dashboard query reads metrics the services export
#      (docker/prometheus/metric-names.txt) from a provisioned data source, and so on;
#   3. .dockerignore keeps the reactor in and secrets and build output out;
#   4. the keystore script really produces a keystore the gateway can use (keytool, when present),
#      the Dockerfile lints clean (dockerfile-utils from npm, when reachable),
#      the scripts pass ShellCheck, the compose file and docker/**/*.yaml yamllint, and the mongo health check's JavaScript parses (node, when present);
#      the Prometheus configuration and every Grafana dashboard expression parse (promtool, when present);
#   5. no .env is tracked by git.
# Installs docker-compose, python3-yaml, shellcheck and yamllint with apt-get when missing and running as root.
# Ends with "N passed, N failed"; exits non-zero on any failure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"

passed=0
failed=0
skipped=0
pass() { echo "ok   $*"; passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
skip() { echo "skip $*"; skipped=$((skipped + 1)); }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

apt_install() {
  [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null || return 1
  echo "installing $* with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >"$work/apt.log" 2>&1 \
    || { apt-get update -qq >>"$work/apt.log" 2>&1 \
         && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >>"$work/apt.log" 2>&1; }
}

# --- tools -------------------------------------------------------------------------------------
compose=()
if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose >/dev/null || apt_install docker-compose; then
  compose=(docker-compose)
else
  echo "FAIL neither 'docker compose' nor 'docker-compose' is available" >&2
  exit 1
fi
echo "validating with: $("${compose[@]}" version 2>/dev/null | head -n 1)"

python=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null && "$candidate" -c 'import yaml' 2>/dev/null; then
    python="$candidate"
    break
  fi
done
if [ -z "$python" ] && apt_install python3-yaml && /usr/bin/python3 -c 'import yaml' 2>/dev/null; then
  python=/usr/bin/python3
fi
if [ -z "$python" ]; then
  echo "FAIL no python3 with PyYAML (apt-get install python3-yaml)" >&2
  exit 1
fi

# --- 1. compose schema and required secrets ----------------------------------------------------
required=(PAYGATE_ADMIN_TOKENS CARD_ENCRYPTION_KEYS CARD_ENCRYPTION_ACTIVE_KEY GATEWAY_KEYSTORE_PASSWORD
  GATEWAY_SIGNING_KEYS MESSAGE_SIGNING_KEYS RABBITMQ_ADMIN_PASSWORD PAYMENT_SERVICE_RABBITMQ_PASSWORD
  ACQUIRER_PIGGYBANK_SERVICE_RABBITMQ_PASSWORD ACQUIRER_LIONBANK_SERVICE_RABBITMQ_PASSWORD
  WEBHOOK_SECRET_KEYS WEBHOOK_SERVICE_RABBITMQ_PASSWORD GRAFANA_ADMIN_PASSWORD)
optional=(PAYGATE_DEMO_API_KEY AUTHORIZATION_TIMEOUT GATEWAY_SIGNING_ACTIVE_KEY MESSAGE_SIGNING_ACTIVE_KEY
  PIGGYBANK_CONTROL_TOKEN LIONBANK_CONTROL_TOKEN WEBHOOK_SECRET_ACTIVE_KEY)
declare -A sample=(
  [PAYGATE_ADMIN_TOKENS]="check:$(printf '%064d' 0)"
  [CARD_ENCRYPTION_KEYS]="k1:$(printf '%032d' 0 | base64)"
  [CARD_ENCRYPTION_ACTIVE_KEY]=k1
  [GATEWAY_KEYSTORE_PASSWORD]=check-keystore-password
  [GATEWAY_SIGNING_KEYS]="g1:$(printf '%032d' 1 | base64)"
  [MESSAGE_SIGNING_KEYS]="m1:$(printf '%032d' 2 | base64)"
  [RABBITMQ_ADMIN_PASSWORD]=check-rabbitmq-admin
  [PAYMENT_SERVICE_RABBITMQ_PASSWORD]=check-rabbitmq-payment
  [ACQUIRER_PIGGYBANK_SERVICE_RABBITMQ_PASSWORD]=check-rabbitmq-acquirer
  [ACQUIRER_LIONBANK_SERVICE_RABBITMQ_PASSWORD]=check-rabbitmq-acquirer-lionbank
  [WEBHOOK_SECRET_KEYS]="w1:$(printf '%032d' 3 | base64)"
  [WEBHOOK_SERVICE_RABBITMQ_PASSWORD]=check-rabbitmq-webhook
  [GRAFANA_ADMIN_PASSWORD]=check-grafana-admin
)
unset_secrets=()
for name in "${required[@]}" "${optional[@]}"; do unset_secrets+=(-u "$name"); done

# The caller's environment and any real .env must not decide the outcome: explicit env files only.
compose_config() { # env-file, extra args...
  local env_file="$1"
  shift
  env "${unset_secrets[@]}" "${compose[@]}" --env-file "$env_file" -f docker-compose.yml config "$@"
}

: >"$work/all.env"
for name in "${required[@]}"; do echo "$name=${sample[$name]}" >>"$work/all.env"; done
if compose_config "$work/all.env" -q 2>"$work/config.err"; then
  pass "compose file is valid (${compose[*]} config -q)"
else
  fail "compose file is invalid: $(cat "$work/config.err")"
fi

for missing in "${required[@]}"; do
  grep -v "^$missing=" "$work/all.env" >"$work/partial.env"
  if compose_config "$work/partial.env" -q 2>"$work/config.err"; then
    fail "compose starts without $missing (it must be required, never defaulted)"
  elif grep -q "$missing" "$work/config.err"; then
    pass "compose refuses to start without $missing"
  else
    fail "compose fails without $missing, but not because of it: $(cat "$work/config.err")"
  fi
done

# --- 2 and 3. structure of compose, Dockerfile and .dockerignore -------------------------------
while IFS='|' read -r verdict message; do
  case "$verdict" in
    PASS) pass "$message" ;;
    FAIL) fail "$message" ;;
    *) fail "unexpected output of checks.py: $verdict $message" ;;
  esac
done < <("$python" "$here/checks.py" "$root" || echo "FAIL|checks.py crashed")

# --- 4. scripts ----------------------------------------------------------------------------------
keytool_bin=""
for candidate in "${JAVA_HOME:-/nonexistent}/bin/keytool" /usr/lib/jvm/temurin-25-jdk-amd64/bin/keytool keytool; do
  if command -v "$candidate" >/dev/null; then keytool_bin="$(command -v "$candidate")"; break; fi
done
if [ -n "$keytool_bin" ]; then
  mkdir -p "$work/bin" "$work/certs"
  ln -s "$keytool_bin" "$work/bin/keytool"
  keystore="$work/certs/gateway.p12"
  make_keystore() { # password
    PATH="$work/bin:$PATH" GATEWAY_KEYSTORE="$keystore" GATEWAY_KEYSTORE_PASSWORD="$1" \
      KEYSTORE_OWNER="$(id -u):$(id -g)" sh "$here/gateway-keystore.sh" >"$work/keystore.log" 2>&1
  }
  if make_keystore first-password \
     && "$keytool_bin" -list -v -storetype PKCS12 -keystore "$keystore" -storepass first-password \
          -alias paygate >"$work/list.txt" 2>&1 \
     && grep -q 'DNSName: localhost' "$work/list.txt" \
     && grep -q 'IPAddress: 127.0.0.1' "$work/list.txt" \
     && grep -q 'PrivateKeyEntry' "$work/list.txt" \
     && [ "$(stat -c %a "$keystore")" = 400 ]; then
    pass "gateway-keystore.sh creates a PKCS12 keystore (alias paygate, SAN localhost and 127.0.0.1, mode 0400)"
  else
    fail "gateway-keystore.sh did not create the expected keystore: $(cat "$work/keystore.log" "$work/list.txt" 2>/dev/null)"
  fi
  before="$(sha256sum "$keystore")"
  if make_keystore first-password && [ "$before" = "$(sha256sum "$keystore")" ]; then
    pass "gateway-keystore.sh keeps a valid keystore across restarts"
  else
    fail "gateway-keystore.sh replaced a valid keystore"
  fi
  if make_keystore second-password \
     && "$keytool_bin" -list -storetype PKCS12 -keystore "$keystore" -storepass second-password >/dev/null 2>&1; then
    pass "gateway-keystore.sh regenerates the keystore when the password changed"
  else
    fail "gateway-keystore.sh left a keystore the new password cannot open"
  fi
  if make_keystore short; then
    fail "gateway-keystore.sh accepted a password keytool would refuse"
  else
    pass "gateway-keystore.sh refuses a password shorter than 6 characters"
  fi
else
  skip "no keytool: gateway-keystore.sh not exercised"
fi

if command -v shellcheck >/dev/null || apt_install shellcheck; then
  if shellcheck "$here"/*.sh >"$work/shellcheck.txt" 2>&1; then
    pass "shellcheck docker/*.sh"
  else
    fail "shellcheck docker/*.sh: $(cat "$work/shellcheck.txt")"
  fi
else
  skip "no shellcheck"
fi

yaml_files=(docker-compose.yml docker/prometheus/prometheus.yml docker/otel-collector/config.yaml docker/jaeger/config.yaml
  docker/grafana/provisioning/*/*.yaml)
if command -v yamllint >/dev/null || apt_install yamllint; then
  if yamllint -d '{extends: default, rules: {line-length: {max: 130}, document-start: disable, truthy: {check-keys: false}}}' \
       "${yaml_files[@]}" >"$work/yamllint.txt" 2>&1; then
    pass "yamllint ${yaml_files[*]}"
  else
    fail "yamllint: $(cat "$work/yamllint.txt")"
  fi
else
  skip "no yamllint"
fi

# Prometheus's own parser: its configuration, and every dashboard expression (Grafana's variables replaced) as a
# recording rule. Debian's prometheus package brings promtool; without it these are skipped.
if command -v promtool >/dev/null; then
  if promtool check config --syntax-only docker/prometheus/prometheus.yml >"$work/promtool.txt" 2>&1; then
    pass "promtool check config docker/prometheus/prometheus.yml"
  else
    fail "promtool check config: $(cat "$work/promtool.txt")"
  fi
  if "$python" "$here/checks.py" "$root" --dashboard-rules >"$work/dashboard-rules.yml" \
     && promtool check rules "$work/dashboard-rules.yml" >"$work/promtool.txt" 2>&1; then
    pass "every Grafana dashboard expression parses (promtool check rules)"
  else
    fail "dashboard expressions: $(cat "$work/promtool.txt" 2>/dev/null)"
  fi
else
  skip "no promtool (apt-get install prometheus): Prometheus configuration and dashboard expressions not parsed"
fi

# Dockerfile syntax: instructions, their flags and arguments (the linter of the VS Code Docker
# extension; hadolint is in no registry reachable here). Installed from npm into the scratch dir.
dockerfile_lint=""
if command -v dockerfile-utils >/dev/null; then
  dockerfile_lint="$(command -v dockerfile-utils)"
elif command -v npm >/dev/null \
     && npm install --silent --no-audit --no-fund --prefix "$work/npm" dockerfile-utils@0.16.3 >/dev/null 2>&1; then
  dockerfile_lint="$work/npm/node_modules/.bin/dockerfile-utils"
fi
if [ -n "$dockerfile_lint" ]; then
  if "$dockerfile_lint" lint "$root/Dockerfile" >"$work/lint.txt" 2>&1; then
    pass "Dockerfile lints clean (dockerfile-utils)"
  else
    fail "Dockerfile lint: $(cat "$work/lint.txt")"
  fi
else
  skip "no dockerfile-utils (npm): Dockerfile syntax not linted"
fi

if command -v node >/dev/null; then
  "$python" - "$root/docker-compose.yml" >"$work/mongo-health.js" <<'EOF'
import sys, yaml
test = yaml.safe_load(open(sys.argv[1]))["services"]["mongo"]["healthcheck"]["test"]
print(test[test.index("--eval") + 1])
EOF
  if node --check "$work/mongo-health.js" 2>"$work/node.err"; then
    pass "mongo health check script is valid JavaScript"
  else
    fail "mongo health check script does not parse: $(cat "$work/node.err")"
  fi
else
  skip "no node: mongo health check JavaScript not parsed"
fi

if git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
  if [ -z "$(git -C "$root" ls-files -- .env)" ]; then
    pass "no .env is tracked by git"
  else
    fail ".env is tracked by git: remove it from the repository and rotate its secrets"
  fi
else
  skip "not a git work tree: .env tracking not checked"
fi

echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
