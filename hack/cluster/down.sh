#!/usr/bin/env bash
# down.sh [--quiet] [--wipe-images]
#
# Stops the cluster started by up.sh and removes everything it created on the host: processes
# (by recorded PID, then by cgroup / command line), pods (through the CRI, which runs CNI DEL),
# orphaned containerd shims, mounts, kubepods cgroups, bridges, KUBE-*/CNI-* iptables chains,
# state and run directories; restores the host sysctls recorded by up.sh. Keeps the containerd
# image store ($CLUSTER_DIR/containerd; --wipe-images removes it too), the last component logs
# ($CLUSTER_DIR/logs, cleared by the next up) and the build cache. Safe when nothing is up.
# Ends with check-clean.sh: exits non-zero if anything of ours is left.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

quiet=0 wipe_images=0
for a in "$@"; do
  case $a in
    --quiet) quiet=1 ;;
    --wipe-images) wipe_images=1 ;;
    -h | --help)
      sed -n '2,10p' "$0"
      exit 0
      ;;
    *) die "unknown argument: $a (use --quiet, --wipe-images)" ;;
  esac
done
require_root
t_start=$(now_ms)
say() { ((quiet)) || log "$@"; }

BIN=$(k8s_cache_dir)/bin
[[ -x $BIN/crictl ]] && export PATH="$BIN:$PATH"

anything=0
[[ -d $CLUSTER_RUN || -n $(our_pids) ]] && anything=1

# 0. network faults first: a partitioned API server cannot shut down in time (it talks to itself).
if [[ -n $(fault_rules) ]]; then
  anything=1
  say "removing the network fault rules of netfault.sh"
  clear_fault_rules
fi

# 1. kubelet first, so it stops re-creating pods.
pid_alive kubelet && say "stopping kubelet"
stop_pid kubelet 15

# 2. every pod sandbox through the CRI: stops containers, runs CNI DEL (veth, IPAM lease).
if [[ -S $CTR_SOCK ]] && pid_alive containerd; then
  if command -v crictl >/dev/null; then
    n=$(crictl_ pods -q 2>/dev/null | wc -l) || n=0
    if ((n > 0)); then
      say "removing $n pod sandbox(es) through the CRI"
      crictl_ --timeout 60s rmp -af >/dev/null 2>&1 || say "  crictl rmp failed; falling back to ctr"
    fi
  fi
  # leftovers (or no crictl): raw tasks and containers in the CRI namespace
  for id in $(ctr_ tasks ls -q 2>/dev/null); do ctr_ tasks kill -s SIGKILL "$id" >/dev/null 2>&1 || true; done
  for id in $(ctr_ tasks ls -q 2>/dev/null); do ctr_ tasks delete -f "$id" >/dev/null 2>&1 || true; done
  for id in $(ctr_ containers ls -q 2>/dev/null); do ctr_ containers rm "$id" >/dev/null 2>&1 || true; done
fi

# 3. the rest: the stateless components together, then etcd, then containerd.
stop_group() {
  local c running=()
  for c in "$@"; do pid_alive "$c" && running+=("$c"); done
  ((${#running[@]})) || return 0
  say "stopping ${running[*]}"
  for c in "${running[@]}"; do stop_pid "$c" 15 & done
  wait
}
stop_group kwok coredns kube-proxy kube-scheduler kube-controller-manager kube-apiserver
stop_group etcd
stop_group containerd

# 4. whatever is still running: pod processes (e.g. containerd died first), shims of our socket,
#    components whose pid file is gone.
kill_all() { # SIGNAL PIDS...
  local sig=$1 p
  shift
  for p in "$@"; do kill "-$sig" "$p" 2>/dev/null || true; done
}
mapfile -t left < <(
  pod_pids
  our_pids
)
if ((${#left[@]})); then
  anything=1
  say "killing ${#left[@]} leftover process(es): ${left[*]}"
  kill_all TERM "${left[@]}"
  # container init processes ignore SIGTERM from outside their PID namespace: 2 s, then SIGKILL
  for _ in $(seq 20); do
    alive=()
    for p in "${left[@]}"; do running "$p" && alive+=("$p"); done
    ((${#alive[@]})) || break
    sleep 0.1
  done
  for _ in 1 2 3; do
    mapfile -t left < <(
      pod_pids
      our_pids
    )
    ((${#left[@]})) || break
    kill_all KILL "${left[@]}"
    sleep 0.3
  done
fi

# 5. mounts below our directories (sandbox shm, netns, overlay rootfs, volume tmpfs), deepest first.
mapfile -t mounts < <(our_mounts)
if ((${#mounts[@]})); then
  anything=1
  say "unmounting ${#mounts[@]} mount(s)"
  for m in "${mounts[@]}"; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; done
fi

# 6. pod cgroups (every v1 hierarchy and the unified one), depth first.
for d in /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/kubepods; do
  [[ -d $d ]] || continue
  anything=1
  find "$d" -depth -type d -exec rmdir {} \; 2>/dev/null || true
done

# 7. network: our bridges, then the iptables chains of kubelet, kube-proxy and the CNI plugins.
for l in "$CNI_BRIDGE" "$HOST_IF"; do
  if ip link show "$l" >/dev/null 2>&1; then
    anything=1
    ip link del "$l" || true
  fi
done
for ipt in iptables ip6tables; do
  command -v "$ipt-save" >/dev/null || continue
  for tbl in filter nat mangle raw; do
    rules=$("$ipt-save" -t "$tbl" 2>/dev/null) || continue
    chains=$(sed -n 's/^:\(\(KUBE\|CNI\)-[^ ]*\) .*/\1/p' <<<"$rules")
    [[ -n $chains ]] || continue
    anything=1
    # jumps from the built-in chains into ours
    { grep -E '^-A (PREROUTING|INPUT|FORWARD|OUTPUT|POSTROUTING) .*-j (KUBE-|CNI-)' <<<"$rules" || true; } |
      sed 's/^-A /-D /' | while read -r rule; do
        # iptables-save output is meant to be re-split into arguments (quoted comments included)
        eval "$ipt -w -t $tbl $rule" 2>/dev/null || true
      done
    for c in $chains; do "$ipt" -w -t "$tbl" -F "$c" 2>/dev/null || true; done
    for c in $chains; do "$ipt" -w -t "$tbl" -X "$c" 2>/dev/null || true; done
  done
done

# 8. host sysctls back to what they were before up.sh.
if [[ -f $CLUSTER_DIR/host-sysctl.saved ]]; then
  while IFS= read -r kv; do
    if [[ -n $kv ]]; then sysctl -qw "$kv" >/dev/null 2>&1 || true; fi
  done <"$CLUSTER_DIR/host-sysctl.saved"
  rm -f "$CLUSTER_DIR/host-sysctl.saved"
fi

# 9. state (keeps the image store and the last logs).
if [[ -d /var/log/containers ]]; then
  find /var/log/containers -maxdepth 1 -type l -lname "$POD_LOGS/*" -delete 2>/dev/null || true
  rmdir /var/log/containers 2>/dev/null || true
fi
if [[ -d $CLUSTER_DIR ]]; then
  for f in "$CLUSTER_DIR"/* "$CLUSTER_DIR"/.[!.]*; do
    [[ -e $f ]] || continue
    case $f in
      "$CTR_ROOT") if ((wipe_images)); then rm -rf "$f"; fi ;;
      "$LOGS") ;;
      *) rm -rf "$f" ;;
    esac
  done
fi
rm -rf "$CLUSTER_RUN"

if ((anything)); then
  say "cluster down in $(secs_since "$t_start")s"
else
  say "nothing was running"
fi
bash "$CLUSTER_HACK_DIR/check-clean.sh"
