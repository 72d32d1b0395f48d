#!/bin/sh
# Re-vendors compose-spec.json from the compose-go Go module (the loader that
# Docker Compose v2 uses) and pins compose-check to the same version.
# Usage: tools/compose-schema/update.sh v2.16.2
# Afterwards update the version and sha256 in README.md (printed below).
set -eu
version=${1:?usage: $0 vX.Y.Z}
here=$(cd "$(dirname "$0")" && pwd)
module=github.com/compose-spec/compose-go/v2
dir=$(cd "$here/compose-check" && GOTOOLCHAIN=local go mod download -json "$module@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -n "$dir" ] || { echo "could not download $module@$version" >&2; exit 1; }
install -m 0644 "$dir/schema/compose-spec.json" "$here/compose-spec.json"
install -m 0644 "$dir/LICENSE" "$here/LICENSE"
(cd "$here/compose-check" && GOTOOLCHAIN=local go get "$module@$version" && GOTOOLCHAIN=local go mod tidy)
echo "module:  $module@$version"
sha256sum "$here/compose-spec.json"
