#!/bin/bash
# Gives every principal named in acls.txt its SCRAM-SHA-512 credential and every line of acls.txt its
# grant, logged in as the broker's admin (SASL PLAIN). docker compose runs it once the broker is healthy
# and before any service starts; run again, it changes nothing (credentials are set anew, a grant that
# exists is not added twice).
#
# Environment: BOOTSTRAP_SERVERS, ADMIN_PASSWORD, and for each principal KAFKA_<PRINCIPAL>_PASSWORD
# (upper case, '-' as '_': coaching-service -> KAFKA_COACHING_SERVICE_PASSWORD). KAFKA_BIN (default
# /opt/kafka/bin, as in the apache/kafka image) and ACLS_FILE (default: acls.txt beside this script).
set -euo pipefail

acls_file=${ACLS_FILE:-$(dirname "$0")/acls.txt}
bin=${KAFKA_BIN:-/opt/kafka/bin}
: "${BOOTSTRAP_SERVERS:?BOOTSTRAP_SERVERS must be set}"
: "${ADMIN_PASSWORD:?ADMIN_PASSWORD must be set}"

# Every line is checked, and every password looked up, before anything changes on the cluster.
principals=()
grants=()
while read -r principal operation type pattern name extra; do
    if [[ -z "${principal:-}" || "$principal" == \#* ]]; then
        continue
    fi
    if [[ -z "${name:-}" || -n "${extra:-}" ]]; then
        echo "$acls_file: not a grant (principal operation resource-type pattern-type name): $principal $operation $type $pattern ${name:-} ${extra:-}" >&2
        exit 1
    fi
    case "$type" in
        TOPIC) resource=--topic ;;
        GROUP) resource=--group ;;
        *) echo "$acls_file: resource type must be TOPIC or GROUP: $type" >&2; exit 1 ;;
    esac
    grants+=("$principal $operation $pattern $resource $name")
    if [[ ! " ${principals[*]} " == *" $principal "* ]]; then
        principals+=("$principal")
    fi
done < "$acls_file"

for principal in "${principals[@]}"; do
    variable="KAFKA_$(echo "$principal" | tr 'a-z-' 'A-Z_')_PASSWORD"
    if [[ -z "${!variable:-}" ]]; then
        echo "$variable must be set: the password of the Kafka principal $principal" >&2
        exit 1
    fi
done

# The admin's login, in a file only this user can read rather than on a command line.
umask 077
admin_config=$(mktemp)
trap 'rm -f "$admin_config"' EXIT
cat > "$admin_config" <<CONFIG
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$ADMIN_PASSWORD";
CONFIG

for principal in "${principals[@]}"; do
    variable="KAFKA_$(echo "$principal" | tr 'a-z-' 'A-Z_')_PASSWORD"
    "$bin/kafka-configs.sh" --bootstrap-server "$BOOTSTRAP_SERVERS" --command-config "$admin_config" \
        --alter --entity-type users --entity-name "$principal" --add-config "SCRAM-SHA-512=[password=${!variable}]"
done

for grant in "${grants[@]}"; do
    read -r principal operation pattern resource name <<< "$grant"
    "$bin/kafka-acls.sh" --bootstrap-server "$BOOTSTRAP_SERVERS" --command-config "$admin_config" \
        --add --allow-principal "User:$principal" --operation "$operation" --resource-pattern-type "$pattern" "$resource" "$name"
done
echo "Kafka: ${#principals[@]} principals, ${#grants[@]} grants applied from $acls_file"
