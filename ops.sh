#!/usr/bin/env bash
# Operations on a running local runtime (or, with SPRING_DATASOURCE_URL etc. set, on AWS):
#   ./ops.sh rebuild | verify | status [--json] | events park|retry|replay-parked | audit | dlq list
#            | dlq redrive [--max N] | outbox status | outbox republish
#            | catalog import <folder|movies.csv|s3://bucket/key> | catalog add --id … | catalog correct --id …
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -f ops-cli/target/ops-cli-exec.jar ]; then
  ./mvnw -B -q -pl ops-cli -am package -DskipTests
fi
exec java -jar ops-cli/target/ops-cli-exec.jar "$@"
