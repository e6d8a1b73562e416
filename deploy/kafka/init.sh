#!/usr/bin/env bash
# One-shot setup of docker-compose.yml's Kafka cluster (service kafka-init), as the admin user:
#   1. the SCRAM-SHA-512 users of the four services; running it again sets their passwords again,
#      which is how a password is changed;
#   2. the topics of io.scanflow.contract.Topics (names and configs must match it; TopicsInComposeTest
#      checks that); existing topics are left as they are;
#   3. the ACLs. The cluster denies what no ACL allows, so each service can read and write only what
#      is listed here (ComposeKafkaSecurityIT checks them against a real broker).
set -euo pipefail

# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"

: "${BOOTSTRAP:?init.sh: BOOTSTRAP must be set}" "${PARTITIONS:?init.sh: PARTITIONS must be set}"
replication_factor=${REPLICATION_FACTOR:-3}
min_insync_replicas=${MIN_INSYNC_REPLICAS:-2}
services=(ingest-api dedupe-stream attribution-stream reports-sink)

# ingest-api -> SCANFLOW_KAFKA_INGEST_API_PASSWORD
password_variable() {
  local name=${1//-/_}
  echo "SCANFLOW_KAFKA_${name^^}_PASSWORD"
}

require_password SCANFLOW_KAFKA_ADMIN_PASSWORD
for service in "${services[@]}"; do
  require_password "$(password_variable "$service")"
done
client_properties admin "$SCANFLOW_KAFKA_ADMIN_PASSWORD" > "$work/admin.properties"

# user NAME: creates or updates its SCRAM credential; the password stays off the command line.
user() {
  local variable
  variable=$(password_variable "$1")
  # In a file the credential has no brackets (kafka-configs takes "[password=...]" as the password).
  printf 'SCRAM-SHA-512=password=%s\n' "${!variable}" > "$work/user.properties"
  "$kafka_bin/kafka-configs.sh" --bootstrap-server "$BOOTSTRAP" \
    --command-config "$work/admin.properties" --alter --entity-type users --entity-name "$1" \
    --add-config-file "$work/user.properties"
  rm -f "$work/user.properties"
}

# create TOPIC [--config NAME=VALUE]...
create() {
  local topic=$1
  shift
  "$kafka_bin/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" \
    --command-config "$work/admin.properties" --create --if-not-exists \
    --topic "$topic" --partitions "$PARTITIONS" --replication-factor "$replication_factor" \
    --config "min.insync.replicas=$min_insync_replicas" "$@"
}

# allow USER OPERATION[,OPERATION] RESOURCE... (kafka-acls options: --topic, --group,
# --transactional-id, and --resource-pattern-type prefixed for names that start with the value)
allow() {
  local user=$1 operation operations=()
  for operation in ${2//,/ }; do
    operations+=(--operation "$operation")
  done
  shift 2
  "$kafka_bin/kafka-acls.sh" --bootstrap-server "$BOOTSTRAP" \
    --command-config "$work/admin.properties" --add --allow-principal "User:$user" \
    "${operations[@]}" "$@"
}

# streams_app USER APPLICATION_ID: what every Kafka Streams application needs besides its topics,
# its consumer group, its internal topics and its transactional ids (exactly_once_v2), all named
# after the application id.
streams_app() {
  allow "$1" Read --group "$2"
  allow "$1" All --resource-pattern-type prefixed --topic "$2-"
  allow "$1" Write --resource-pattern-type prefixed --transactional-id "$2-"
}

for service in "${services[@]}"; do
  user "$service"
done

create server-events --config cleanup.policy=delete --config retention.ms=1209600000
create server-events-unique --config cleanup.policy=delete --config retention.ms=1209600000
create server-events-duplicates --config cleanup.policy=delete --config retention.ms=1209600000
create server-events-attributed --config cleanup.policy=delete --config retention.ms=1209600000
create scan-sessions --config cleanup.policy=compact --config min.compaction.lag.ms=9590400000
create tracking-sites --config cleanup.policy=compact
create api-keys --config cleanup.policy=compact
create server-events-dlq --config cleanup.policy=delete --config retention.ms=2592000000
create request-rejections --config cleanup.policy=delete --config retention.ms=604800000
# ingest-api instances share what they admitted per key here (the cluster-wide rate limit).
create rate-limit-usage --config cleanup.policy=delete --config retention.ms=600000 \
  --config segment.ms=600000
# Never compacted: the first claim of a site_id wins (atomic site creation).
create site-claims --config cleanup.policy=delete --config retention.ms=-1

# ingest-api: events and scan sessions in; sites and keys written by the admin API and read back
# into its key registry (no consumer group).
allow ingest-api Write --topic server-events --topic scan-sessions --topic request-rejections
allow ingest-api Read,Write --topic tracking-sites --topic api-keys --topic site-claims \
  --topic rate-limit-usage

streams_app dedupe-stream scanflow-dedupe-stream
allow dedupe-stream Read --topic server-events
allow dedupe-stream Write --topic server-events-unique --topic server-events-duplicates \
  --topic server-events-dlq

streams_app attribution-stream scanflow-attribution-stream
allow attribution-stream Read --topic server-events-unique --topic scan-sessions \
  --topic tracking-sites
allow attribution-stream Write --topic server-events-attributed --topic server-events-dlq

allow reports-sink Read --group scanflow-reports-sink
allow reports-sink Read --topic server-events-attributed --topic server-events-duplicates \
  --topic tracking-sites --topic api-keys --topic server-events-dlq --topic request-rejections
allow reports-sink Write --topic server-events-dlq
# GET /api/pipeline reports the lag of the upstream stages too, counting records read_committed.
allow reports-sink Describe --group scanflow-dedupe-stream --group scanflow-attribution-stream
allow reports-sink Read --topic server-events --topic server-events-unique --topic scan-sessions

"$kafka_bin/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" \
  --command-config "$work/admin.properties" --list
