#!/usr/bin/env bash
# Clean staging area: every deployment starts from an empty incoming/ folder.
set -euo pipefail
rm -rf /opt/movie-ratings/incoming
install -d -m 0755 /opt/movie-ratings/incoming /opt/movie-ratings/releases
