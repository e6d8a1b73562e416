#!/usr/bin/env bash
# Starts one Kafka node of docker-compose.yml (the container's entrypoint, run as the image's user).
#
# The apache/kafka image formats its storage itself, but cannot create SCRAM users while doing so,
# and on a SASL-only KRaft cluster the nodes' own user and the admin must exist before the first
# start (KIP-900). So this script does what the image's start does, plus that:
#   1. server.properties from the KAFKA_* variables, named as the image names them
#      (KAFKA_LISTENER_NAME_BROKER_SCRAM___SHA___512_SASL_JAAS_CONFIG is
#      listener.name.broker.scram-sha-512.sasl.jaas.config);
#   2. the storage formatted once, with the SCRAM-SHA-512 users "kafka" (between the nodes) and
#      "admin" (kafka-init); later starts leave it as it is;
#   3. a client configuration for the health check, then the broker in the foreground.
set -euo pipefail

# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"

require_password SCANFLOW_KAFKA_BROKER_PASSWORD
require_password SCANFLOW_KAFKA_ADMIN_PASSWORD
: "${CLUSTER_ID:?broker.sh: CLUSTER_ID must be set}"

# KAFKA_FOO_BAR -> foo.bar; ___ -> -, __ -> _ (the image's rule). The JVM settings of Kafka's own
# scripts are not broker configuration.
render_properties() {
  local name key
  for name in $(compgen -e | sort); do
    case $name in
      KAFKA_HEAP_OPTS | KAFKA_OPTS | KAFKA_JVM_PERFORMANCE_OPTS | KAFKA_GC_LOG_OPTS | \
        KAFKA_LOG4J_OPTS | KAFKA_JMX_OPTS | KAFKA_DEBUG | KAFKA_BIN) continue ;;
      KAFKA_*) ;;
      *) continue ;;
    esac
    key=${name#KAFKA_}
    key=${key//___/-}
    key=${key//__/%}
    key=${key//_/.}
    key=${key//%/_}
    printf '%s=%s\n' "${key,,}" "${!name//\\/\\\\}"
  done
}

scram_user() {
  printf 'SCRAM-SHA-512=[name=%s,password=%s]' "$1" "$2"
}

render_properties > "$work/server.properties"

"$kafka_bin/kafka-storage.sh" format --ignore-formatted \
  --cluster-id "$CLUSTER_ID" --config "$work/server.properties" \
  --add-scram "$(scram_user kafka "$SCANFLOW_KAFKA_BROKER_PASSWORD")" \
  --add-scram "$(scram_user admin "$SCANFLOW_KAFKA_ADMIN_PASSWORD")"

client_properties kafka "$SCANFLOW_KAFKA_BROKER_PASSWORD" > "$work/client.properties"

exec "$kafka_bin/kafka-server-start.sh" "$work/server.properties"
