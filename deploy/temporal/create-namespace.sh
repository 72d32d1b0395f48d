#!/bin/sh
# One-shot: creates the Temporal namespace once the server is healthy (temporalio/server, unlike
# the retired auto-setup image, creates none). Idempotent: an existing namespace is left alone.
#
# Environment: TEMPORAL_ADDRESS (default temporal:7233), TEMPORAL_NAMESPACE (default default),
#   TEMPORAL_NAMESPACE_RETENTION (default 720h).
set -eu

ADDRESS="${TEMPORAL_ADDRESS:-temporal:7233}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
RETENTION="${TEMPORAL_NAMESPACE_RETENTION:-720h}"

if temporal operator namespace describe --address "$ADDRESS" --namespace "$NAMESPACE" >/dev/null 2>&1; then
  echo "create-namespace: $NAMESPACE already exists"
  exit 0
fi
temporal operator namespace create --address "$ADDRESS" --namespace "$NAMESPACE" --retention "$RETENTION"
echo "create-namespace: $NAMESPACE created (retention $RETENTION)"
