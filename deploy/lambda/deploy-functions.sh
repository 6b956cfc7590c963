#!/usr/bin/env bash
# Deploys every function in $LAMBDA_DEPLOYMENTS (JSON written by terraform/modules/cicd):
#   { "<key>": { "functionName": "...", "jar": "<path in the build output>", "deploymentGroup": "..." } }
# For each: upload the jar, update $LATEST, publish a version (wait until its SnapStart snapshot is
# ready), then a CodeDeploy deployment moves the live alias from the current to the new version.
set -euo pipefail

: "${ARTIFACT_BUCKET:?}" "${ARTIFACT_PREFIX:?}" "${CODEDEPLOY_APPLICATION:?}" "${LAMBDA_DEPLOYMENTS:?}"
release="${COMMIT_ID:-${CODEBUILD_RESOLVED_SOURCE_VERSION:-manual-$(date -u +%Y%m%dT%H%M%SZ)}}"
alias_name=live

declare -A uploaded=()
deployments=()

for key in $(jq -r 'keys[]' <<<"$LAMBDA_DEPLOYMENTS"); do
  function_name="$(jq -r --arg k "$key" '.[$k].functionName' <<<"$LAMBDA_DEPLOYMENTS")"
  jar="$(jq -r --arg k "$key" '.[$k].jar' <<<"$LAMBDA_DEPLOYMENTS")"
  group="$(jq -r --arg k "$key" '.[$k].deploymentGroup' <<<"$LAMBDA_DEPLOYMENTS")"
  [[ -f "$jar" ]] || { echo "missing artifact $jar for $function_name" >&2; exit 1; }

  s3_key="${ARTIFACT_PREFIX}/${release}/$(basename "$jar")"
  if [[ -z "${uploaded[$jar]:-}" ]]; then
    aws s3 cp "$jar" "s3://${ARTIFACT_BUCKET}/${s3_key}" --only-show-errors
    uploaded[$jar]=1
  fi

  echo "== ${function_name}: updating code from s3://${ARTIFACT_BUCKET}/${s3_key}"
  aws lambda update-function-code --function-name "$function_name" \
    --s3-bucket "$ARTIFACT_BUCKET" --s3-key "$s3_key" --output text --query LastUpdateStatus >/dev/null
  aws lambda wait function-updated-v2 --function-name "$function_name"

  new_version="$(aws lambda publish-version --function-name "$function_name" \
    --description "release ${release}" --query Version --output text)"
  aws lambda wait published-version-active --function-name "$function_name" --qualifier "$new_version"

  current_version="$(aws lambda get-alias --function-name "$function_name" --name "$alias_name" \
    --query FunctionVersion --output text)"
  if [[ "$current_version" == "$new_version" ]]; then
    echo "   ${alias_name} already on version ${new_version}; nothing to shift"
    continue
  fi

  appspec="$(jq -cn --arg name "$function_name" --arg alias "$alias_name" \
    --arg current "$current_version" --arg target "$new_version" \
    '{version: 0.0, Resources: [{function: {Type: "AWS::Lambda::Function",
      Properties: {Name: $name, Alias: $alias, CurrentVersion: $current, TargetVersion: $target}}}]}')"
  revision="$(jq -cn --arg content "$appspec" '{revisionType: "AppSpecContent", appSpecContent: {content: $content}}')"

  deployment_id="$(aws deploy create-deployment --application-name "$CODEDEPLOY_APPLICATION" \
    --deployment-group-name "$group" --revision "$revision" \
    --description "${function_name} ${current_version} -> ${new_version} (${release})" \
    --query deploymentId --output text)"
  echo "   CodeDeploy ${deployment_id}: ${alias_name} ${current_version} -> ${new_version}"
  deployments+=("$deployment_id")
done

failed=0
for deployment_id in "${deployments[@]}"; do
  if ! aws deploy wait deployment-successful --deployment-id "$deployment_id"; then
    echo "deployment ${deployment_id} failed or was rolled back:" >&2
    aws deploy get-deployment --deployment-id "$deployment_id" \
      --query 'deploymentInfo.[status, errorInformation.message]' --output text >&2 || true
    failed=1
  fi
done
exit "$failed"
