#!/usr/bin/env bash
# check-clean.sh - exits 0 when nothing of the test cluster is left on the host, otherwise
# lists the leftovers (processes, pod cgroups, mounts, bridges, iptables chains, state) and
# exits 1. Kept on purpose, not reported: the containerd image store, the last component logs
# and the build cache.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_root

problems=()
add() { problems+=("$*"); }

for p in $(our_pids); do
  add "process $p: $(tr '\0' ' ' 2>/dev/null <"/proc/$p/cmdline" | cut -c1-150)"
done
for p in $(pod_pids); do
  add "pod process $p: $(tr '\0' ' ' 2>/dev/null <"/proc/$p/cmdline" | cut -c1-150)"
done
for d in /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/kubepods; do
  [[ -d $d ]] && add "cgroup $d"
done
while IFS= read -r m; do
  [[ -n $m ]] && add "mount $m"
done < <(our_mounts)
for l in "$CNI_BRIDGE" "$HOST_IF"; do
  ip link show "$l" >/dev/null 2>&1 && add "network interface $l"
done
# Captured, not `| grep -q`: under pipefail, ip cut off by grep's early exit would hide a match.
if [[ $(ip -o addr show 2>/dev/null) == *" $HOST_IP/"* ]]; then add "address $HOST_IP still assigned"; fi
while IFS= read -r r; do
  [[ -n $r ]] && add "iptables fault rule: $r"
done < <(fault_rules)
for ipt in iptables ip6tables; do
  command -v "$ipt-save" >/dev/null || continue
  for tbl in filter nat mangle raw; do
    for c in $("$ipt-save" -t "$tbl" 2>/dev/null | sed -n 's/^:\(\(KUBE\|CNI\)-[^ ]*\) .*/\1/p'); do
      add "$ipt chain $tbl/$c"
    done
  done
done
[[ -e $CLUSTER_RUN ]] && add "run directory $CLUSTER_RUN"
if [[ -d $CLUSTER_DIR ]]; then
  for f in "$CLUSTER_DIR"/* "$CLUSTER_DIR"/.[!.]*; do
    [[ -e $f && $f != "$CTR_ROOT" && $f != "$LOGS" ]] && add "state $f"
  done
fi
if [[ -d /var/log/containers ]] && [[ -n $(find /var/log/containers -maxdepth 1 -lname "$POD_LOGS/*" 2>/dev/null) ]]; then
  add "pod log symlinks in /var/log/containers"
fi

if ((${#problems[@]})); then
  echo "check-clean: ${#problems[@]} leftover(s) of the test cluster:" >&2
  printf '  %s\n' "${problems[@]}" >&2
  exit 1
fi
echo "check-clean: nothing of the test cluster is left on this host"
