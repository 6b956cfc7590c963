#!/usr/bin/env bash
# Installs pinned terraform and tflint in CodeBuild, each verified against its release checksums.
set -euo pipefail

: "${TERRAFORM_VERSION:?set TERRAFORM_VERSION}"
: "${TFLINT_VERSION:?set TFLINT_VERSION}"

arch="$(uname -m)"
case "$arch" in
  x86_64) arch=amd64 ;;
  aarch64) arch=arm64 ;;
  *) echo "unsupported architecture $arch" >&2; exit 1 ;;
esac

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

tf_zip="terraform_${TERRAFORM_VERSION}_linux_${arch}.zip"
curl -fsSLO "https://releases.hashicorp.com/terraform/${TERRAFORM_VERSION}/${tf_zip}"
curl -fsSLO "https://releases.hashicorp.com/terraform/${TERRAFORM_VERSION}/terraform_${TERRAFORM_VERSION}_SHA256SUMS"
grep " ${tf_zip}\$" "terraform_${TERRAFORM_VERSION}_SHA256SUMS" | sha256sum -c -
unzip -oq "$tf_zip" terraform -d /usr/local/bin

tflint_zip="tflint_linux_${arch}.zip"
curl -fsSLO "https://github.com/terraform-linters/tflint/releases/download/v${TFLINT_VERSION}/${tflint_zip}"
curl -fsSLO "https://github.com/terraform-linters/tflint/releases/download/v${TFLINT_VERSION}/checksums.txt"
grep " ${tflint_zip}\$" checksums.txt | sha256sum -c -
unzip -oq "$tflint_zip" tflint -d /usr/local/bin

terraform version
tflint --version
