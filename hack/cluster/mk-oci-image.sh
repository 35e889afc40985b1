#!/usr/bin/env bash
# mk-oci-image.sh ROOTFS_DIR IMAGE_NAME OUT.tar [ENTRYPOINT_JSON] [CMD_JSON] [USER] [ENV_JSON] [WORKDIR]
#
# Packs ROOTFS_DIR as a single-layer linux/amd64 image in an OCI image-layout tar that
# `ctr -n k8s.io images import OUT.tar` (hack/cluster/import-image.sh) registers as IMAGE_NAME.
# IMAGE_NAME must be fully qualified (docker.io/library/busybox:1.35, not busybox:1.35): the
# CRI normalises pod image references before looking them up.
#   ENTRYPOINT_JSON / CMD_JSON  JSON arrays or null, e.g. '["/pause"]' (default null)
#   USER                        e.g. 65532:65532 (default empty = root)
#   ENV_JSON                    JSON array of "K=V" strings (default: a standard PATH)
#   WORKDIR                     default /
# Deterministic: same inputs give the same archive (sorted, mtime 0, uid/gid 0, no timestamps).
# Needs bash, coreutils, GNU tar.
set -euo pipefail
if (($# < 3)); then
  sed -n '2,13p' "$0" >&2
  exit 2
fi
rootfs=$1 name=$2 out=$3
entrypoint=${4:-null} cmd=${5:-null} user=${6:-}
env_json=${7:-'["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]'}
workdir=${8:-/}
[[ -d $rootfs ]] || {
  echo "mk-oci-image.sh: $rootfs is not a directory" >&2
  exit 2
}
tag=${name##*:}
[[ $name == */*:* && $tag != */* ]] || {
  echo "mk-oci-image.sh: use a fully qualified, tagged name (registry/repo:tag), got '$name'" >&2
  exit 2
}
for j in "$entrypoint" "$cmd" "$env_json"; do
  [[ $j == null || $j == \[*\] ]] || {
    echo "mk-oci-image.sh: expected a JSON array or null, got '$j'" >&2
    exit 2
  }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/blobs/sha256"
json_str() { # minimal JSON string escaping for names/users/paths
  local s=${1//\\/\\\\}
  s=${s//\"/\\\"}
  printf '"%s"' "$s"
}
blob() { # FILE MEDIATYPE -> descriptor JSON on stdout, moves FILE into blobs/sha256/
  local f=$1 mt=$2 d s
  d=$(sha256sum "$f" | cut -d' ' -f1)
  s=$(stat -c %s "$f")
  mv "$f" "$work/blobs/sha256/$d"
  printf '{"mediaType":"%s","digest":"sha256:%s","size":%s}' "$mt" "$d" "$s"
}
tarc() { tar --format=gnu --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner "$@"; }

tarc -C "$rootfs" -cf "$work/layer.tar" .
diffid=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
layer=$(blob "$work/layer.tar" application/vnd.oci.image.layer.v1.tar)
printf '{"architecture":"amd64","os":"linux","config":{"User":%s,"Env":%s,"Entrypoint":%s,"Cmd":%s,"WorkingDir":%s},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]},"history":[{"created_by":"mk-oci-image.sh"}]}' \
  "$(json_str "$user")" "$env_json" "$entrypoint" "$cmd" "$(json_str "$workdir")" "$diffid" >"$work/config.json"
config=$(blob "$work/config.json" application/vnd.oci.image.config.v1+json)
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":%s,"layers":[%s]}' \
  "$config" "$layer" >"$work/manifest.json"
manifest=$(blob "$work/manifest.json" application/vnd.oci.image.manifest.v1+json)
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[%s,"platform":{"architecture":"amd64","os":"linux"},"annotations":{"io.containerd.image.name":%s,"org.opencontainers.image.ref.name":%s}}]}' \
  "${manifest%\}}" "$(json_str "$name")" "$(json_str "$tag")" >"$work/index.json"
printf '{"imageLayoutVersion":"1.0.0"}' >"$work/oci-layout"
mkdir -p "$(dirname "$out")"
tarc -C "$work" -cf "$out.tmp" oci-layout index.json blobs
mv "$out.tmp" "$out"
digest=${manifest#*\"digest\":\"}
echo "$name -> $out ($(stat -c %s "$out") bytes, manifest ${digest%%\"*})"
