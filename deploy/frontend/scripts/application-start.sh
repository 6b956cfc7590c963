#!/usr/bin/env bash
# Goes live atomically: swap the site-root symlink to the new release and reload nginx.
set -euo pipefail
source /etc/movie-ratings/environment

release="/opt/movie-ratings/releases/${DEPLOYMENT_ID:?}"
install -m 0644 "$release/.nginx.conf" /etc/nginx/conf.d/movie-ratings.conf
rm -f "$release/.nginx.conf"
nginx -t

ln -sfn "$release" "${SITE_ROOT}.next"
mv -Tf "${SITE_ROOT}.next" "$SITE_ROOT"

systemctl enable nginx
systemctl reload nginx || systemctl restart nginx
