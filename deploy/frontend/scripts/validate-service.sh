#!/usr/bin/env bash
# Fails the deployment (and CodeDeploy rolls back) unless nginx serves exactly what was deployed:
# the deployed index.html byte for byte, this environment's config.js, the health check, the CSP.
set -euo pipefail
source /etc/movie-ratings/environment
release="/opt/movie-ratings/releases/${DEPLOYMENT_ID:?}"
base=http://127.0.0.1

fetch() { curl -fsS --max-time 5 "$@"; }

for attempt in $(seq 1 20); do
  if fetch -o /dev/null "$base/healthz"; then break; fi
  [[ "$attempt" == 20 ]] && { echo "nginx does not answer /healthz" >&2; exit 1; }
  sleep 1
done

expected="$(sha256sum < "$release/index.html")"
served="$(fetch "$base/" | sha256sum)"
[[ "$served" == "$expected" ]] || { echo "/ does not serve the deployed index.html" >&2; exit 1; }

fetch "$base/config.js" | grep -q 'apiBaseUrl' || { echo "/config.js lacks apiBaseUrl" >&2; exit 1; }

headers="$(fetch -D - -o /dev/null "$base/")"
grep -qi '^content-security-policy:.*frame-ancestors' <<<"$headers" || { echo "missing Content-Security-Policy" >&2; exit 1; }
grep -qi '^x-content-type-options: nosniff' <<<"$headers" || { echo "missing X-Content-Type-Options" >&2; exit 1; }

echo "site ${DEPLOYMENT_ID} validated"
