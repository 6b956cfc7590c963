#!/usr/bin/env bash
# Assembles the CodeDeploy revision of the site: appspec.yml at the root, hook scripts, nginx config,
# and the static files of frontend/ under site/.
set -euo pipefail
cd "$(dirname "$0")/../.."

bundle=dist/frontend-bundle
rm -rf "$bundle"
mkdir -p "$bundle/site"

test -f frontend/index.html || { echo "frontend/index.html is missing" >&2; exit 1; }
cp -R frontend/. "$bundle/site/"
# config.js is written per environment on the instance (from SSM), never shipped from the repository.
rm -f "$bundle/site/config.js"

cp deploy/frontend/appspec.yml "$bundle/"
cp -R deploy/frontend/scripts deploy/frontend/nginx "$bundle/"
chmod +x "$bundle"/scripts/*.sh

echo "frontend bundle: $(find "$bundle" -type f | wc -l) files"
