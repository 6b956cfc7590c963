#!/usr/bin/env bash
# Static checks of terraform/ that need no terraform binary (see README.md in this folder).
set -euo pipefail
cd "$(dirname "$0")"
# npm ci wipes node_modules (the provider package alone is ~400 MB); skip it when node_modules already
# holds exactly what package-lock.json pins (npm records that in node_modules/.package-lock.json).
if ! cmp -s <(node lib/installed.cjs package-lock.json) <(node lib/installed.cjs node_modules/.package-lock.json); then
  npm ci --no-audit --no-fund --loglevel=error
fi
# The provider schema extract (once per provider version, cached in node_modules/.cache).
node --max-old-space-size=4096 lib/build-provider-schema.mjs
node --test --test-reporter=spec
