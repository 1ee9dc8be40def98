#!/bin/sh
# Gives each service that uses RabbitMQ a user of its own, paygate-<service>, with its password from the
# environment (<SERVICE>_RABBITMQ_PASSWORD, e.g. PAYMENT_SERVICE_RABBITMQ_PASSWORD) and the permissions of
# rabbitmq-permissions.tsv, through the management API. Run by the one-shot `rabbitmq-users` service of
# docker-compose.yml once RabbitMQ is healthy; running it again resets the passwords to the environment's.
# Works outside Docker too: RABBITMQ_API=http://127.0.0.1:15672/api RABBITMQ_ADMIN_USER=... sh rabbitmq-users.sh
set -eu

api="${RABBITMQ_API:-http://rabbitmq:15672/api}"
: "${RABBITMQ_ADMIN_USER:?RABBITMQ_ADMIN_USER must be set}"
: "${RABBITMQ_ADMIN_PASSWORD:?RABBITMQ_ADMIN_PASSWORD must be set}"
permissions="${RABBITMQ_PERMISSIONS:-/opt/paygate/rabbitmq-permissions.tsv}"
vhost="${RABBITMQ_VHOST:-%2F}"

json_string() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; }

put() { # path, JSON body
  curl -fsS --retry 5 --retry-connrefused --retry-delay 2 -u "$RABBITMQ_ADMIN_USER:$RABBITMQ_ADMIN_PASSWORD" \
    -H 'content-type: application/json' -X PUT "$api/$1" -d "$2" -o /dev/null
}

tab="$(printf '\t')"
grep -v '^#' "$permissions" | while IFS="$tab" read -r service configure write read; do
  [ -n "$service" ] || continue
  variable="$(printf '%s' "$service" | tr 'a-z-' 'A-Z_')_RABBITMQ_PASSWORD"
  password="$(printenv "$variable" || true)"
  if [ -z "$password" ]; then
    echo "$variable must be set" >&2
    exit 1
  fi
  user="paygate-$service"
  put "users/$user" "{\"password\": $(json_string "$password"), \"tags\": \"\"}"
  put "permissions/$vhost/$user" "{\"configure\": $(json_string "$configure"), \"write\": $(json_string "$write"), \"read\": $(json_string "$read")}"
  echo "RabbitMQ user $user is ready"
done
