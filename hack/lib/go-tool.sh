# shellcheck shell=bash
# go-tool.sh - what the build.sh scripts that build one command-line tool from the Go module proxy
# share (hack/coredns, hack/kwok, hack/kube-score, hack/kstatus, hack/helm): their flags, the build
# module beside the script (go.mod + go.sum, regenerated when the tool's version changes), the
# versioned cache directory with its stamp, the static (CGO_ENABLED=0) -trimpath build, and the
# binary's path printed on stdout (progress on stderr). A build.sh sets GO_TOOL_DIR (its own
# directory), sources this file, states its tool's facts, defines the hooks it needs and calls
#   go_tool_main "$@"
# The facts:
#   GO_TOOL              the tool's name: log prefix, cache directory, binary name
#   GO_TOOL_VERSION      the version of its module; the binary is cached in
#                        $CACHE_ROOT/$GO_TOOL/<GO_TOOL_VERSION>-<go version>/$GO_TOOL
#   GO_TOOL_LABEL        how the log names it (default "$GO_TOOL $GO_TOOL_VERSION")
#   GO_TOOL_MODULE       the module the build module requires at GO_TOOL_VERSION
#   GO_TOOL_PACKAGE      the main package: "." for the main.go beside the script, else a package of
#                        GO_TOOL_MODULE, which the build module pins as a `tool`
#   GO_TOOL_LDFLAGS      the -ldflags of the build (default "-s -w")
#   GO_TOOL_STAMP_FILES  files beside the script whose content the stamp hashes after go.mod and
#                        go.sum (optional array)
#   GO_TOOL_OUTPUTS      files beside the binary that must exist for the cache to be up to date
#                        (optional array; go_tool_check writes them)
# The hooks (each optional), with print_only, force, OUT and, once Go is found, GO and GOVERSION set:
#   go_tool_arg ARG      takes a flag of the script's own; fails for one it does not know
#   go_tool_pick         runs after the flags and before the cache directory; may print a path and exit
#   go_tool_before_build runs when the cache is not up to date, before the build (may add to
#                        GO_TOOL_LDFLAGS)
#   go_tool_check BIN    runs after the build: checks the binary, writes GO_TOOL_OUTPUTS, or dies
# A second run rebuilds nothing: the stamp is "<GO_TOOL_VERSION> <go version> <hash>", the hash
# over go.mod, go.sum and GO_TOOL_STAMP_FILES. Go >= 1.26 from PATH or /usr/local/go/bin
# (GOTOOLCHAIN=local: no other toolchain is ever downloaded).

# shellcheck source=hack/lib/cache.sh
source "$(dirname "${BASH_SOURCE[0]}")/cache.sh"
export CGO_ENABLED=0

GO_TOOL_LDFLAGS="-s -w"
GO_TOOL_STAMP_FILES=()
GO_TOOL_OUTPUTS=()
print_only=0 force=0

log() { printf '[%s] %s\n' "$GO_TOOL" "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}
go_tool_now_ms() { date +%s%3N; }
# go_tool_has_hook NAME: whether the script defines the hook NAME.
go_tool_has_hook() { declare -F "$1" >/dev/null; }

# go_tool_parse_args ARGS...: --print-path, --force, -h/--help (the script's header comment), and
# the script's own flags through go_tool_arg; anything else exits with status 2.
go_tool_parse_args() {
  local arg
  for arg in "$@"; do
    case $arg in
      --print-path) print_only=1 ;;
      --force) force=1 ;;
      -h | --help)
        awk 'NR == 1 { next } !/^#/ { exit } { print }' "$0"
        exit 0
        ;;
      *)
        if ! go_tool_has_hook go_tool_arg || ! go_tool_arg "$arg"; then
          echo "build.sh: unknown argument '$arg'" >&2
          exit 2
        fi
        ;;
    esac
  done
}

# go_tool_mod_current: whether go.mod and go.sum beside the script require GO_TOOL_VERSION.
go_tool_mod_current() {
  [[ -f $GO_TOOL_DIR/go.mod && -f $GO_TOOL_DIR/go.sum ]] &&
    grep -qE "^[[:space:]]*(require )?${GO_TOOL_MODULE//./\\.} $GO_TOOL_VERSION( |$)" "$GO_TOOL_DIR/go.mod"
}

# go_tool_generate_mod: writes go.mod and go.sum for GO_TOOL_VERSION beside the script.
go_tool_generate_mod() {
  local tmp edit=(-require="$GO_TOOL_MODULE@$GO_TOOL_VERSION")
  tmp=$(mktemp -d)
  if [[ $GO_TOOL_PACKAGE == . ]]; then
    cp "$GO_TOOL_DIR/main.go" "$tmp/"
  else
    edit+=(-tool="$GO_TOOL_PACKAGE")
  fi
  printf 'module compositeapp.test/hack/%s\n\ngo 1.26.0\n' "$GO_TOOL" >"$tmp/go.mod"
  (
    cd "$tmp" || exit
    "$GO" mod edit "${edit[@]}"
    GOFLAGS=-mod=mod "$GO" mod tidy
  ) >&2
  cp "$tmp/go.mod" "$tmp/go.sum" "$GO_TOOL_DIR/"
  rm -rf "$tmp"
  log "generated $GO_TOOL_DIR/go.mod and go.sum for $GO_TOOL_LABEL (keep them in the repository)"
}

# go_tool_stamp: what .stamp holds once the binary in OUT is built from what is beside the script.
go_tool_stamp() {
  local hash
  hash=$(cd "$GO_TOOL_DIR" && cat go.mod go.sum "${GO_TOOL_STAMP_FILES[@]}" | sha256sum | cut -c1-16)
  echo "$GO_TOOL_VERSION $GOVERSION $hash"
}

# go_tool_cached STAMP: whether OUT holds the binary and GO_TOOL_OUTPUTS, stamped STAMP.
go_tool_cached() {
  local f
  [[ -x $OUT/$GO_TOOL && -f $OUT/.stamp ]] || return 1
  for f in "${GO_TOOL_OUTPUTS[@]}"; do
    [[ -f $OUT/$f ]] || return 1
  done
  [[ $(cat "$OUT/.stamp") == "$1" ]]
}

go_tool_main() {
  GO_TOOL_LABEL=${GO_TOOL_LABEL:-$GO_TOOL $GO_TOOL_VERSION}
  go_tool_parse_args "$@"
  if go_tool_has_hook go_tool_pick; then go_tool_pick; fi
  OUT=$(versioned_cache_dir "$GO_TOOL" "$GO_TOOL_VERSION" .stamp)
  if ((print_only)); then
    echo "$OUT/$GO_TOOL"
    exit 0
  fi

  GO=$(go_bin) || die "Go is not installed (need Go >= 1.26 in PATH or /usr/local/go/bin)"
  GOVERSION=$("$GO" env GOVERSION)
  local t0 t1 stamp
  t0=$(go_tool_now_ms)
  go_tool_mod_current || go_tool_generate_mod
  stamp=$(go_tool_stamp)
  if ((force == 0)) && go_tool_cached "$stamp"; then
    log "$GO_TOOL_LABEL ($GOVERSION): up to date"
    echo "$OUT/$GO_TOOL"
    exit 0
  fi

  log "building $GO_TOOL_LABEL with $GOVERSION -> $OUT (empty Go build cache: a few minutes)"
  mkdir -p "$OUT"
  rm -f "$OUT/.stamp"
  if go_tool_has_hook go_tool_before_build; then go_tool_before_build; fi
  (cd "$GO_TOOL_DIR" && GOFLAGS=-mod=readonly "$GO" build -trimpath -buildvcs=false -ldflags "$GO_TOOL_LDFLAGS" \
    -o "$OUT/$GO_TOOL.tmp" "$GO_TOOL_PACKAGE") >&2
  mv "$OUT/$GO_TOOL.tmp" "$OUT/$GO_TOOL"
  if go_tool_has_hook go_tool_check; then go_tool_check "$OUT/$GO_TOOL"; fi
  echo "$stamp" >"$OUT/.stamp"
  t1=$(go_tool_now_ms)
  log "built in $(((t1 - t0) / 1000)).$((((t1 - t0) % 1000) / 100))s"
  echo "$OUT/$GO_TOOL"
}
