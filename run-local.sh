#!/usr/bin/env bash
# Runs the whole service locally in one JVM: embedded PostgreSQL, ElasticMQ, the functions behind
# an API Gateway-like front, the projector's SQS poller, the outbox relay and the frontend.
# Data lives in ./.local-data (delete it to start over). PORT=9090 ./run-local.sh picks another port.
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -B -q -pl local-runtime -am package -DskipTests
exec java -jar local-runtime/target/local-runtime-exec.jar "$@"
