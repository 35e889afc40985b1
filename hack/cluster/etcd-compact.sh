#!/usr/bin/env bash
# etcd-compact.sh - compacts the cluster's etcd at its current revision (as the API server's own
# periodic compaction does), so every older revision is gone: a watch resumed from one of them gets
# "required revision has been compacted" from etcd. Prints the revision. Hold the cluster lock.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[[ ${1:-} == -h || ${1:-} == --help ]] && {
  sed -n '2,4p' "$0"
  exit 0
}

# etcd's gRPC gateway (JSON over HTTP): a range request answers with the store's current revision.
header=$(curl -fsS -X POST "$ETCD_URL/v3/kv/range" -d '{"key":"AA=="}') || die "etcd at $ETCD_URL does not answer"
revision=$(sed -n 's/.*"revision":"\([0-9]*\)".*/\1/p' <<<"$header")
[[ -n $revision ]] || die "no revision in etcd's answer: $header"
curl -fsS -X POST "$ETCD_URL/v3/kv/compaction" -d "{\"revision\":\"$revision\",\"physical\":true}" >/dev/null ||
  die "etcd refused to compact at revision $revision"
echo "$revision"
