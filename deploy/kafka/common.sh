# Shared by broker.sh and init.sh (sourced, not run).

kafka_bin=${KAFKA_BIN:-/opt/kafka/bin}
work=${SCANFLOW_KAFKA_WORK_DIR:-/tmp/scanflow}

# Passwords go into JAAS strings and SCRAM specs unquoted: letters, digits, _ and - only.
require_password() {
  if [[ ! ${!1:-} =~ ^[A-Za-z0-9_-]{16,}$ ]]; then
    echo "$(basename "$0"): $1 must be set to 16 or more of A-Z a-z 0-9 _ - (see docs/deploy.md)" >&2
    exit 1
  fi
}

# client_properties USER PASSWORD: the SASL settings of a Kafka command-line tool.
client_properties() {
  cat <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$1" password="$2";
PROPERTIES
}

umask 077
mkdir -p "$work"
