#!/bin/bash
# Starts the apache/kafka image's broker with the admin's password from the environment
# (BROKER_ADMIN_PASSWORD), so that no password is kept in the repository. The JAAS file is written here
# because the image turns KAFKA_* variables into properties only when their value holds no '=', which a
# JAAS line always does.
#
# The admin logs in with PLAIN (a credential in this file, there before the cluster's metadata is),
# on the client listener and on the controller listener, where the broker itself logs in as the admin:
# SCRAM credentials live in the metadata the controller serves, so they cannot open it. Services log
# in with SCRAM (their credentials are created by apply-acls.sh).
set -euo pipefail
: "${BROKER_ADMIN_PASSWORD:?BROKER_ADMIN_PASSWORD must be set}"

umask 077
cat > /tmp/broker_jaas.conf <<JAAS
KafkaServer {
    org.apache.kafka.common.security.plain.PlainLoginModule required
        username="admin" password="$BROKER_ADMIN_PASSWORD" user_admin="$BROKER_ADMIN_PASSWORD";
    org.apache.kafka.common.security.scram.ScramLoginModule required;
};
JAAS
# For the health check, which asks the broker as the admin.
cat > /tmp/admin.properties <<CONFIG
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$BROKER_ADMIN_PASSWORD";
CONFIG

export KAFKA_OPTS="${KAFKA_OPTS:-} -Djava.security.auth.login.config=/tmp/broker_jaas.conf"
exec /etc/kafka/docker/run
