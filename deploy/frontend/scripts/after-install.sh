#!/usr/bin/env bash
# Builds the release folder: the site files, /config.js for this environment (from SSM), and the
# nginx server block with this environment's Content-Security-Policy. Nothing is live yet.
set -euo pipefail
# AWS_REGION, SITE_ROOT, SITE_CONFIG_PARAMETER, CSP_CONNECT_SRC_PARAMETER; both locations can be moved only
# for the deploy rehearsal (deploy-rehearsal's DeployRehearsalIntegrationTest), which runs this script on a build machine
source "${MOVIE_RATINGS_ENVIRONMENT_FILE:-/etc/movie-ratings/environment}"
home="${MOVIE_RATINGS_HOME:-/opt/movie-ratings}"

release="${home}/releases/${DEPLOYMENT_ID:?CodeDeploy sets DEPLOYMENT_ID}"
rm -rf "$release"
cp -R "${home}/incoming/site" "$release"

site_config="$(aws ssm get-parameter --region "$AWS_REGION" --name "$SITE_CONFIG_PARAMETER" --query Parameter.Value --output text)"
connect_src="$(aws ssm get-parameter --region "$AWS_REGION" --name "$CSP_CONNECT_SRC_PARAMETER" --query Parameter.Value --output text)"

# ES module: `import config from "./config.js"` gives { apiBaseUrl, auth: { issuer, clientId, hostedUiBaseUrl } }.
printf 'export default Object.freeze(%s);\n' "$site_config" > "$release/config.js"

sed -e "s#__SITE_ROOT__#${SITE_ROOT}#g" -e "s#__CONNECT_SRC__#${connect_src}#g" \
  "${home}/incoming/nginx/movie-ratings.conf.template" > "$release/.nginx.conf"

if [[ "$(id -u)" == 0 ]]; then chown -R root:root "$release"; fi
find "$release" -type d -exec chmod 0755 {} +
find "$release" -type f -exec chmod 0644 {} +

# Keep the five newest releases (plus the bootstrap page) for quick manual rollback.
ls -1dt "${home}"/releases/d-* 2>/dev/null | tail -n +6 | xargs -r rm -rf
