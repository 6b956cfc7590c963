#!/usr/bin/env bash
# Static checks of terraform/ that need no terraform binary (see README.md in this folder).
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
node --test --test-reporter=spec
