#!/usr/bin/env bash
# Copies the catalog files the pipeline owns (the repository's MovieLens sample: movies.csv, links.csv and
# the dataset's README.txt, whose terms of use travel with the data) from the folder $CATALOG_UPLOAD_FROM to
# $CATALOG_SOURCE, the s3://bucket/folder/ the ops function imports from. With CATALOG_UPLOAD_FROM unset the
# files at CATALOG_SOURCE are an operator's and nothing is uploaded. Same bytes on a re-run: the import
# that follows then reports every movie unchanged.
set -euo pipefail

: "${CATALOG_SOURCE:?}"
from="${CATALOG_UPLOAD_FROM:-}"
if [[ -z "$from" ]]; then
  echo "== catalog files at ${CATALOG_SOURCE} are maintained by an operator: nothing uploaded"
  exit 0
fi
if [[ ! "$CATALOG_SOURCE" =~ ^s3://[^/]+/(.+/)?$ ]]; then
  echo "CATALOG_SOURCE must be an S3 folder ending in /, like s3://bucket/catalog/movielens/, not '${CATALOG_SOURCE}'" >&2
  exit 1
fi
for file in movies.csv links.csv README.txt; do
  if [[ ! -f "$from/$file" ]]; then
    echo "the catalog to upload has no $from/$file" >&2
    exit 1
  fi
done

echo "== uploading the catalog in ${from} to ${CATALOG_SOURCE}"
for file in movies.csv links.csv README.txt; do
  aws s3 cp "$from/$file" "${CATALOG_SOURCE}${file}" --only-show-errors
done
