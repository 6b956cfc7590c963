#!/usr/bin/env bash
# The Terraform checks that need the real binaries (CodeBuild): fmt, validate, tflint, terraform test.
# The static checks that also run on developer machines are terraform/tests/run.sh.
set -euo pipefail
cd "$(dirname "$0")/../../terraform"

export TF_IN_AUTOMATION=1
export TF_INPUT=0
export TF_PLUGIN_CACHE_DIR="${TF_PLUGIN_CACHE_DIR:-$HOME/.terraform.d/plugin-cache}"
mkdir -p "$TF_PLUGIN_CACHE_DIR"

terraform fmt -check -recursive -diff

roots=(bootstrap live)
modules=(modules/*)
for dir in "${roots[@]}" "${modules[@]}"; do
  # A module that declares configuration_aliases cannot be validated alone (hashicorp/terraform#28490:
  # "missing provider"); live, which calls it with those providers, validates it.
  if grep -q configuration_aliases "$dir/versions.tf" 2>/dev/null; then
    echo "--- terraform validate $dir: through live (configuration_aliases)"
    continue
  fi
  echo "--- terraform validate $dir"
  terraform -chdir="$dir" init -backend=false -input=false -no-color >/dev/null
  terraform -chdir="$dir" validate -no-color
done

tflint --init --config "$PWD/.tflint.hcl"
# Not --recursive: tests/fixtures holds deliberately broken Terraform (the static checks' planted mistakes).
for dir in "${roots[@]}" "${modules[@]}"; do
  tflint --chdir="$dir" --config "$PWD/.tflint.hcl" --format compact
done

for dir in "${modules[@]}"; do
  if compgen -G "$dir/tests/*.tftest.hcl" >/dev/null; then
    echo "--- terraform test $dir"
    terraform -chdir="$dir" test -no-color
  fi
done
