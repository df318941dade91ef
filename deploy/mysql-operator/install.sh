#!/bin/sh
# Installs cert-manager, then MOCO, as their upstream docs describe (the release manifests), at the
# versions pinned in versions.env, and waits until both answer. Idempotent: safe to run again.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/versions.env"

# Server-side apply: MOCO's CRDs are too large for the last-applied annotation of a client-side apply.
kubectl apply --server-side --force-conflicts \
  -f "https://github.com/cert-manager/cert-manager/releases/download/${CERT_MANAGER_VERSION}/cert-manager.yaml"
kubectl -n cert-manager wait --for=condition=Available deployment --all --timeout=300s

kubectl apply --server-side --force-conflicts \
  -f "https://github.com/cybozu-go/moco/releases/download/${MOCO_VERSION}/moco.yaml"
kubectl -n moco-system wait --for=condition=Available deployment --all --timeout=300s
