# shellcheck shell=bash
# cache.sh - where the project's build scripts keep what they build, outside the repository, and
# the Go toolchain they build it with (never a downloaded one). Source it.
CACHE_ROOT=${COMPOSITEAPP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/compositeapp}
export GOTOOLCHAIN=local

# go_bin: the Go toolchain on PATH, or the usual install location.
go_bin() {
  if command -v go >/dev/null 2>&1; then
    command -v go
  elif [[ -x /usr/local/go/bin/go ]]; then
    echo /usr/local/go/bin/go
  else
    return 1
  fi
}

# versioned_cache_dir TOOL VERSION MARKER: $CACHE_ROOT/TOOL/VERSION-<go version>. Without Go
# (a machine that only runs what was built), the newest directory of VERSION holding MARKER.
versioned_cache_dir() {
  local tool=$1 version=$2 marker=$3 go gov d best=
  if go=$(go_bin) && gov=$("$go" env GOVERSION 2>/dev/null) && [[ -n $gov ]]; then
    echo "$CACHE_ROOT/$tool/$version-$gov"
    return
  fi
  for d in "$CACHE_ROOT/$tool/$version"-*; do
    [[ -f $d/$marker ]] && best=$d
  done
  echo "${best:-$CACHE_ROOT/$tool/$version-unknown-go}"
}
