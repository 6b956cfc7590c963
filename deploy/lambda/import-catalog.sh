#!/usr/bin/env bash
# Imports the movie catalog into the environment's database through the ops Lambda (it is in the VPC and
# connects as the ops role): movies.csv + links.csv (MovieLens format) under $CATALOG_SOURCE, an
# s3://bucket/prefix/ the ops function may read. Idempotent: a re-run reports every movie unchanged.
# Fails on a refused file (each rejected line printed with its number) or any function error.
set -euo pipefail

: "${OPS_FUNCTION_NAME:?}" "${CATALOG_SOURCE:?}"
qualifier="${OPS_FUNCTION_QUALIFIER:-live}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
jq -cn --arg source "$CATALOG_SOURCE" '{action: "catalog-import", source: $source}' > "$work/request.json"

echo "== catalog import from ${CATALOG_SOURCE} through ${OPS_FUNCTION_NAME}:${qualifier}"
# a whole catalog can take minutes: wait as long as the function may run (900 s), not the CLI's 60 s
aws lambda invoke --function-name "$OPS_FUNCTION_NAME" --qualifier "$qualifier" \
  --payload "fileb://$work/request.json" --cli-read-timeout 900 \
  --query FunctionError --output text "$work/answer.json" > "$work/function-error.txt"

function_error="$(tr -d '[:space:]' < "$work/function-error.txt")"
if [[ -n "$function_error" && "$function_error" != "None" ]]; then
  echo "the ops function failed (${function_error}):" >&2
  cat "$work/answer.json" >&2
  exit 1
fi
if jq -e 'has("error")' "$work/answer.json" >/dev/null; then
  echo "catalog import refused: $(jq -r .error "$work/answer.json")" >&2
  exit 1
fi
jq -r '.problems[]? | "REJECTED " + .' "$work/answer.json" >&2
jq -r .summary "$work/answer.json"
[[ "$(jq -r .rejected "$work/answer.json")" == 0 ]]
