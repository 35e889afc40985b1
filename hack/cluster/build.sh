#!/usr/bin/env bash
# build.sh [--deps-only] [--force]
#
# Everything the test cluster needs, built once per (K8S_VERSION, Go version) and cached
# outside the repository in $COMPOSITEAPP_CACHE/k8s/<K8S_VERSION>-<go version>/:
#   bin/     kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl crictl
#   images/  pause.tar (registry.k8s.io/pause:3.10), busybox.tar (docker.io/library/busybox:1.35)
# and, each by its own script and in its own cache directory, CoreDNS (hack/coredns/build.sh) and
# KWOK (hack/kwok/build.sh).
# Kubernetes is built from the Go module proxy with the module in hack/cluster/k8s-build/
# (go.mod/go.sum are kept in the repository; regenerated only when K8S_VERSION changes),
# crictl from hack/cluster/crictl-build/. Missing Debian packages are installed first.
# A second run finds the stamps and rebuilds nothing.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

deps_only=0 force=0
for a in "$@"; do
  case $a in
    --deps-only) deps_only=1 ;;
    --force) force=1 ;;
    -h | --help)
      sed -n '2,14p' "$0"
      exit 0
      ;;
    *) die "unknown argument: $a (use --deps-only, --force)" ;;
  esac
done

t_all=$(now_ms)

# ---- 1. Debian packages ---------------------------------------------------------------------
DEB_PACKAGES=(etcd-server containerd runc containernetworking-plugins iptables gcc libc6-dev
  binutils busybox-static openssl curl ca-certificates)
t=$(now_ms)
missing=()
for p in "${DEB_PACKAGES[@]}"; do
  [[ $(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true) == "install ok installed" ]] ||
    missing+=("$p")
done
if ((${#missing[@]})); then
  require_root
  log "installing Debian packages: ${missing[*]}"
  # Packages such as etcd-server ship init scripts: don't let the installation start services.
  policy_created=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    policy_created=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  ((policy_created)) && rm -f /usr/sbin/policy-rc.d
  log "Debian packages installed in $(secs_since "$t")s"
else
  log "Debian packages: all present"
fi
((deps_only)) && exit 0

# ---- 2. toolchain, cache location -----------------------------------------------------------
GO=$(go_bin) || die "Go is not installed (need Go >= 1.24 in PATH or /usr/local/go/bin)"
GOVERSION=$("$GO" env GOVERSION)
OUT=$(k8s_cache_dir)
BIN=$OUT/bin
IMAGES=$OUT/images
mkdir -p "$BIN" "$IMAGES"
export CGO_ENABLED=0
log "Kubernetes $K8S_VERSION, crictl $CRICTL_VERSION, $GOVERSION -> $OUT"

hash_files() { cat "$@" 2>/dev/null | sha256sum | cut -c1-16; }
stamp_ok() { # FILE CONTENT: stamp matches and --force not given
  ((force == 0)) && [[ -f $1 && $(cat "$1") == "$2" ]]
}

K8S_MOD_DIR=$CLUSTER_HACK_DIR/k8s-build
CRICTL_MOD_DIR=$CLUSTER_HACK_DIR/crictl-build
K8S_CMDS=(kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl)

# ---- 3. the build module for k8s.io/kubernetes ----------------------------------------------
# k8s.io/kubernetes requires its staging modules (k8s.io/api, client-go, ...) at v0.0.0 and
# replaces them with ./staging/src/...; replace directives only apply in the main module, so
# ours repeats them with the real tags (v0.Y.Z for v1.Y.Z), read from the upstream go.mod.
k8s_mod_current() {
  [[ -f $K8S_MOD_DIR/go.mod && -f $K8S_MOD_DIR/go.sum ]] &&
    grep -qE "^[[:space:]]*k8s\.io/kubernetes $K8S_VERSION( |$)" "$K8S_MOD_DIR/go.mod"
}
generate_k8s_mod() {
  local tmp meta upstream staging mods m c
  tmp=$(mktemp -d)
  meta=$(cd "$tmp" && GOFLAGS='' "$GO" mod download -json "k8s.io/kubernetes@$K8S_VERSION")
  upstream=$(sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",\{0,1\}$/\1/p' <<<"$meta")
  [[ -f $upstream ]] || die "could not download k8s.io/kubernetes@$K8S_VERSION"
  staging=v0.${K8S_VERSION#v1.}
  {
    echo "module compositeapp.test/hack/cluster/k8s-build"
    echo
    grep -E '^go [0-9]' "$upstream"
    echo
    grep -E '^godebug ' "$upstream" || true
  } >"$tmp/go.mod"
  (
    cd "$tmp"
    "$GO" mod edit -require="k8s.io/kubernetes@$K8S_VERSION"
    mods=$(sed -n 's#^[[:space:]]*\(k8s\.io/[a-z0-9-]*\) => \./staging/src/.*#\1#p' "$upstream")
    [[ -n $mods ]] || die "no staging replace directives found in $upstream"
    for m in $mods; do "$GO" mod edit -replace="$m=$m@$staging"; done
    for c in "${K8S_CMDS[@]}"; do "$GO" mod edit -tool="k8s.io/kubernetes/cmd/$c"; done
    GOFLAGS=-mod=mod "$GO" mod tidy
  )
  mkdir -p "$K8S_MOD_DIR"
  cp "$tmp/go.mod" "$tmp/go.sum" "$K8S_MOD_DIR/"
  rm -rf "$tmp"
  log "generated $K8S_MOD_DIR/go.mod and go.sum for $K8S_VERSION (keep them in the repository)"
}

generate_crictl_mod() {
  local tmp
  tmp=$(mktemp -d)
  printf 'module compositeapp.test/hack/cluster/crictl-build\n\ngo 1.24.0\n' >"$tmp/go.mod"
  (
    cd "$tmp"
    "$GO" mod edit -require="sigs.k8s.io/cri-tools@$CRICTL_VERSION" -tool=sigs.k8s.io/cri-tools/cmd/crictl
    GOFLAGS=-mod=mod "$GO" mod tidy
  )
  mkdir -p "$CRICTL_MOD_DIR"
  cp "$tmp/go.mod" "$tmp/go.sum" "$CRICTL_MOD_DIR/"
  rm -rf "$tmp"
  log "generated $CRICTL_MOD_DIR/go.mod and go.sum for cri-tools $CRICTL_VERSION"
}

# ---- 4. Kubernetes binaries -------------------------------------------------------------------
t=$(now_ms)
k8s_mod_current || generate_k8s_mod
k8s_stamp="$K8S_VERSION $GOVERSION $(hash_files "$K8S_MOD_DIR/go.mod" "$K8S_MOD_DIR/go.sum")"
k8s_have=1
for c in "${K8S_CMDS[@]}"; do [[ -x $BIN/$c ]] || k8s_have=0; done
if ((k8s_have)) && stamp_ok "$BIN/.stamp-k8s" "$k8s_stamp"; then
  log "Kubernetes binaries: up to date"
else
  log "building ${K8S_CMDS[*]} (empty Go build cache: ~7 min on 2 cores; warm: under a minute)"
  minor=${K8S_VERSION#v1.}
  minor=${minor%%.*}
  build_date=$(cd "$K8S_MOD_DIR" && GOFLAGS=-mod=readonly "$GO" list -m -f '{{.Time}}' k8s.io/kubernetes 2>/dev/null |
    sed -n 's/^\([0-9-]*\) \([0-9:]*\) +0000 UTC$/\1T\2Z/p')
  ldflags="-s -w"
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldflags+=" -X $p.gitVersion=$K8S_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$minor -X $p.gitTreeState=clean"
    [[ -n $build_date ]] && ldflags+=" -X $p.buildDate=$build_date"
  done
  pkgs=()
  for c in "${K8S_CMDS[@]}"; do pkgs+=("k8s.io/kubernetes/cmd/$c"); done
  rm -f "$BIN/.stamp-k8s"
  (cd "$K8S_MOD_DIR" && GOFLAGS=-mod=readonly "$GO" build -trimpath -tags selinux,notest \
    -ldflags "$ldflags" -o "$BIN/" "${pkgs[@]}")
  echo "$k8s_stamp" >"$BIN/.stamp-k8s"
  log "Kubernetes binaries built in $(secs_since "$t")s"
fi

# ---- 5. crictl (separate module: cri-tools follows its own release train) ----------------------
t=$(now_ms)
if ! grep -qE "^[[:space:]]*(require )?sigs\.k8s\.io/cri-tools $CRICTL_VERSION( |$)" "$CRICTL_MOD_DIR/go.mod" 2>/dev/null ||
  [[ ! -f $CRICTL_MOD_DIR/go.sum ]]; then
  generate_crictl_mod
fi
crictl_stamp="$CRICTL_VERSION $GOVERSION $(hash_files "$CRICTL_MOD_DIR/go.mod" "$CRICTL_MOD_DIR/go.sum")"
if [[ -x $BIN/crictl ]] && stamp_ok "$BIN/.stamp-crictl" "$crictl_stamp"; then
  log "crictl: up to date"
else
  rm -f "$BIN/.stamp-crictl"
  (cd "$CRICTL_MOD_DIR" && GOFLAGS=-mod=readonly "$GO" build -trimpath \
    -ldflags "-s -w -X sigs.k8s.io/cri-tools/pkg/version.Version=$CRICTL_VERSION" \
    -o "$BIN/" sigs.k8s.io/cri-tools/cmd/crictl)
  echo "$crictl_stamp" >"$BIN/.stamp-crictl"
  log "crictl built in $(secs_since "$t")s"
fi

# ---- 5b. CoreDNS (the cluster DNS) and KWOK (fake nodes): own build modules and caches ------------
force_arg=()
((force == 0)) || force_arg=(--force)
bash "$CLUSTER_HACK_DIR/../coredns/build.sh" "${force_arg[@]}" >/dev/null
bash "$CLUSTER_HACK_DIR/../kwok/build.sh" "${force_arg[@]}" >/dev/null

# ---- 6. image archives (no registry: OCI layouts imported into containerd by up.sh) -------------
t=$(now_ms)
pause_c=$(cd "$K8S_MOD_DIR" && GOFLAGS=-mod=readonly "$GO" list -m -f '{{.Dir}}' k8s.io/kubernetes)/build/pause/linux/pause.c
[[ -f $pause_c ]] || die "pause.c not found in the module cache ($pause_c)"
ldd_out=$(LC_ALL=C ldd /bin/busybox 2>&1 || true)
[[ -x /bin/busybox && $ldd_out == *"not a dynamic executable"* ]] ||
  die "/bin/busybox is missing or not static (install busybox-static)"
images_stamp="$PAUSE_IMAGE $BUSYBOX_IMAGE $(hash_files "$pause_c" /bin/busybox "$CLUSTER_HACK_DIR/mk-oci-image.sh" "$0")"
if [[ -f $IMAGES/pause.tar && -f $IMAGES/busybox.tar ]] && stamp_ok "$IMAGES/.stamp" "$images_stamp"; then
  log "image archives: up to date"
else
  rm -f "$IMAGES/.stamp"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  # pause: upstream build/pause/Makefile flags; image = FROM scratch, /pause, USER 65535:65535.
  mkdir -p "$work/pause"
  gcc -Os -Wall -Werror -static -DVERSION="${PAUSE_IMAGE##*:}-$K8S_VERSION" -o "$work/pause/pause" "$pause_c"
  strip "$work/pause/pause"
  "$CLUSTER_HACK_DIR/mk-oci-image.sh" "$work/pause" "$PAUSE_IMAGE" "$IMAGES/pause.tar" '["/pause"]' null 65535:65535
  # busybox: Debian's static busybox with every applet linked in /bin, like the upstream image.
  r=$work/busybox
  mkdir -p "$r/bin" "$r/etc" "$r/root" "$r/tmp" "$r/var/www" "$r/home"
  chmod 1777 "$r/tmp"
  chmod 700 "$r/root"
  cp /bin/busybox "$r/bin/busybox"
  for a in $(/bin/busybox --list); do
    [[ $a == busybox ]] || ln -s busybox "$r/bin/$a"
  done
  printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' 'daemon:x:1:1:daemon:/usr/sbin:/bin/false' \
    'www-data:x:33:33:www-data:/var/www:/bin/false' 'nobody:x:65534:65534:nobody:/home:/bin/false' >"$r/etc/passwd"
  printf '%s\n' 'root:x:0:' 'daemon:x:1:' 'www-data:x:33:' 'nogroup:x:65534:' >"$r/etc/group"
  "$CLUSTER_HACK_DIR/mk-oci-image.sh" "$r" "$BUSYBOX_IMAGE" "$IMAGES/busybox.tar" null '["sh"]'
  echo "$images_stamp" >"$IMAGES/.stamp"
  log "image archives built in $(secs_since "$t")s"
fi

# ---- 7. summary --------------------------------------------------------------------------------
kubectl_version=$("$BIN/kubectl" version --client 2>/dev/null)
echo "${kubectl_version%%$'\n'*}"
"$BIN/kube-apiserver" --version
"$BIN/crictl" --version
# Not `| head -n 1`: under pipefail, coredns writing its second line into a closed pipe is a failure.
coredns_version=$("$(coredns_bin)" -version)
echo "${coredns_version%%$'\n'*}"
"$(kwok_bin)" --version
printf '%s\n' "$K8S_VERSION $GOVERSION" >"$OUT/.complete"
for f in "$BIN"/* "$IMAGES"/*; do printf '  %9s KiB  %s\n' $(($(stat -c %s "$f") / 1024)) "$f"; done
log "build done in $(secs_since "$t_all")s; binaries in $BIN"
echo "export PATH=$BIN:\$PATH"
