#!/bin/sh
# Registers custom search attributes in a Temporal namespace. Idempotent:
# attributes that already exist with the same type are left alone; an existing
# attribute with a different type is a hard error.
#
# Usage: register-search-attributes.sh NAME=Type [NAME=Type ...]
#   Types: Keyword Text Int Double Bool Datetime KeywordList
#
# Environment:
#   TEMPORAL_ADDRESS         frontend host:port   (default temporal:7233)
#   TEMPORAL_NAMESPACE       namespace            (default default)
#   REGISTER_MAX_ATTEMPTS    retries per step     (default 60)
#   REGISTER_RETRY_SECONDS   delay between tries  (default 5)
#
# Runs in the temporalio/admin-tools image (needs only /bin/sh and `temporal`).
set -eu

ADDRESS="${TEMPORAL_ADDRESS:-temporal:7233}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
MAX_ATTEMPTS="${REGISTER_MAX_ATTEMPTS:-60}"
RETRY_SECONDS="${REGISTER_RETRY_SECONDS:-5}"

log() { echo "register-search-attributes: $*"; }
die() { echo "register-search-attributes: ERROR: $*" >&2; exit 1; }

[ "$#" -gt 0 ] || die "usage: $0 NAME=Type [NAME=Type ...]"

# Validate every argument before touching the server.
for spec in "$@"; do
  name=${spec%%=*}
  type=${spec#*=}
  [ "$name" != "$spec" ] || die "'$spec' is not NAME=Type"
  case "$name" in
    "" | [!A-Za-z]* | *[!A-Za-z0-9_]*) die "invalid search attribute name '$name'" ;;
  esac
  case "$type" in
    Keyword | Text | Int | Double | Bool | Datetime | KeywordList) ;;
    *) die "invalid type '$type' for '$name'" ;;
  esac
done

# retry DESCRIPTION COMMAND...: run COMMAND until it succeeds or attempts run out.
retry() {
  description=$1
  shift
  attempt=1
  until "$@"; do
    [ "$attempt" -lt "$MAX_ATTEMPTS" ] || die "gave up waiting for $description after $attempt attempts"
    log "waiting for $description (attempt $attempt/$MAX_ATTEMPTS)"
    attempt=$((attempt + 1))
    sleep "$RETRY_SECONDS"
  done
}

server_serving() {
  temporal operator cluster health --address "$ADDRESS" 2>/dev/null | grep -q SERVING
}

namespace_exists() {
  temporal operator namespace describe --address "$ADDRESS" --namespace "$NAMESPACE" >/dev/null 2>&1
}

register() {
  name=$1
  type=$2
  attempt=1
  while :; do
    if output=$(temporal operator search-attribute create --address "$ADDRESS" --namespace "$NAMESPACE" \
      --name "$name" --type "$type" 2>&1); then
      log "$name ($type): registered"
      return 0
    fi
    case "$output" in
      *"different type"*) die "$name exists with a different type: $output" ;;
      *"already exists"* | *"already registered"*)
        log "$name ($type): already present"
        return 0
        ;;
    esac
    [ "$attempt" -lt "$MAX_ATTEMPTS" ] || die "could not register $name: $output"
    log "$name: retrying after error: $output"
    attempt=$((attempt + 1))
    sleep "$RETRY_SECONDS"
  done
}

# The namespace cache can lag behind a fresh registration, so re-list until
# every attribute shows up with its type.
all_listed() {
  listing=$(temporal operator search-attribute list --address "$ADDRESS" --namespace "$NAMESPACE" 2>/dev/null) || return 1
  for spec in "$@"; do
    name=${spec%%=*}
    type=${spec#*=}
    printf '%s\n' "$listing" | grep -E "(^|[^A-Za-z0-9_])${name}([^A-Za-z0-9_]|\$)" | grep -qi "$type" || return 1
  done
}

log "address=$ADDRESS namespace=$NAMESPACE"
retry "Temporal frontend at $ADDRESS" server_serving
retry "namespace '$NAMESPACE'" namespace_exists

for spec in "$@"; do
  register "${spec%%=*}" "${spec#*=}"
done

retry "search attributes to be listed in '$NAMESPACE'" all_listed "$@"
log "done: $*"
