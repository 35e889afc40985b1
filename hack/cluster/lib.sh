# shellcheck shell=bash disable=SC2034
# lib.sh - settings and helpers shared by the hack/cluster scripts (source it, don't run it).
#
# Everything a running cluster creates lives in:
#   $CLUSTER_DIR   (default /var/lib/compositeapp-e2e)  pki, configs, logs, etcd data, kubelet
#                                                     root, pod logs, CNI state, containerd root
#   $CLUSTER_RUN   (default /run/compositeapp-e2e)      pid files, containerd state + socket, runc root
#   two bridges ($HOST_IF, $CNI_BRIDGE), KUBE-*/CNI-* iptables chains, kubepods cgroups and
#   symlinks in /var/log/containers.
# The build cache (binaries, image archives) lives in $K8S_CACHE_DIR, outside the repository.

K8S_VERSION=${K8S_VERSION:-v1.33.13}
CRICTL_VERSION=${CRICTL_VERSION:-v1.34.0}
PAUSE_IMAGE=${PAUSE_IMAGE:-registry.k8s.io/pause:3.10}
BUSYBOX_IMAGE=${BUSYBOX_IMAGE:-docker.io/library/busybox:1.35}
# The same busybox under a second tag, with an image ID of its own: an image to update to in place.
BUSYBOX_ALT_IMAGE=${BUSYBOX_ALT_IMAGE:-docker.io/library/busybox:1.35-alt}
# Alpha in 1.33, GA in 1.35: Pods report status.observedGeneration (in-place updates wait for it).
FEATURE_GATES=${FEATURE_GATES:-PodObservedGenerationTracking=true}

CLUSTER_HACK_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CLUSTER_DIR=${COMPOSITEAPP_CLUSTER_DIR:-/var/lib/compositeapp-e2e}
CLUSTER_RUN=${COMPOSITEAPP_CLUSTER_RUN:-/run/compositeapp-e2e}

NODE_NAME=e2e-node
HOST_IF=capp-e2e-host # port-less bridge carrying the node / advertise address
HOST_IP=10.250.0.1
CNI_BRIDGE=capp-e2e0
POD_CIDR=10.244.0.0/16
POD_GW=10.244.0.1
SVC_CIDR=10.96.0.0/16
SVC_IP=10.96.0.1 # ClusterIP of service/kubernetes
API_PORT=6443
# Cluster DNS (dns.sh): CoreDNS runs on the host, listening on the node address, behind the
# kube-dns Service whose ClusterIP the kubelet gives Pods as their nameserver.
DNS_IP=10.96.0.10        # ClusterIP of kube-system/kube-dns (the kubelet's clusterDNS)
DNS_READY_PORT=8181      # CoreDNS's ready plugin (loopback)
CLUSTER_DOMAIN=cluster.local
# KWOK nodes (kwok.sh): fake nodes that schedule Pods but run nothing. Their node address and the
# Pod IPs KWOK makes up are routed into the port-less $HOST_IF bridge, so nothing sent to them
# leaves the machine.
KWOK_NET=10.251.0.0/16
KWOK_NODE_IP=10.251.0.1
KWOK_POD_CIDR=10.251.128.0/17
ETCD_URL=http://127.0.0.1:2379 # etcd's client URL (plain HTTP, loopback only)

PKI=$CLUSTER_DIR/pki
CONF=$CLUSTER_DIR/conf
LOGS=$CLUSTER_DIR/logs
KUBELET_ROOT=$CLUSTER_DIR/kubelet
POD_LOGS=$CLUSTER_DIR/pod-logs
CNI_CONF_DIR=$CLUSTER_DIR/cni/net.d
CNI_IPAM_DIR=$CLUSTER_DIR/cni/ipam
CTR_ROOT=$CLUSTER_DIR/containerd # image store, kept by down.sh
PIDS=$CLUSTER_RUN/pids
CTR_STATE=$CLUSTER_RUN/containerd
CTR_SOCK=$CLUSTER_RUN/containerd.sock
RUNC_ROOT=$CLUSTER_RUN/runc
ADMIN_KUBECONFIG=$CLUSTER_DIR/admin.kubeconfig
CLUSTER_MODE_FILE=$CLUSTER_RUN/mode # "full" or "api-only", written by up.sh

# Control-plane and node components, in start order (stopped in reverse by down.sh).
COMPONENTS=(containerd etcd kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy coredns kwok)

# Ports the cluster listens on (checked free before up). CoreDNS also takes $HOST_IP:53 (that
# address only, so a resolver of the host on port 53 elsewhere does not conflict).
CLUSTER_PORTS=(2379 2380 2381 "$API_PORT" 10257 10259 10250 10248 10249 10256 "$DNS_READY_PORT")

# shellcheck source=hack/lib/cache.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/cache.sh"

# k8s_cache_dir: $CACHE_ROOT/k8s/<K8S_VERSION>-<go version>.
k8s_cache_dir() { versioned_cache_dir k8s "$K8S_VERSION" .complete; }
# The CoreDNS and KWOK binaries, each built and cached by its own build.sh.
coredns_bin() { bash "$CLUSTER_HACK_DIR/../coredns/build.sh" --print-path; }
kwok_bin() { bash "$CLUSTER_HACK_DIR/../kwok/build.sh" --print-path; }

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}
now_ms() { date +%s%3N; }
# secs_since START_MS -> "12.3"
secs_since() {
  local d=$(($(now_ms) - $1))
  printf '%d.%d' $((d / 1000)) $((d % 1000 / 100))
}

require_root() {
  [[ $(id -u) == 0 ]] || die "$(basename "$0") must run as root (it starts containerd, kubelet, iptables rules)"
}

pid_of() { [[ -f $PIDS/$1.pid ]] && cat "$PIDS/$1.pid"; }
# running PID: exists and is not a zombie (our daemons are reaped by init, which may take a while)
running() {
  local stat
  { read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 1
  stat=${stat##*) }
  [[ ${stat:0:1} != Z ]]
}
pid_alive() {
  local p
  p=$(pid_of "$1") && running "$p"
}

# stop_pid NAME [TIMEOUT_S]: SIGTERM the recorded PID, SIGKILL after TIMEOUT_S.
stop_pid() {
  local name=$1 timeout=${2:-15} pid i
  pid=$(pid_of "$name") || return 0
  if running "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < timeout * 10; i++)); do
      running "$pid" || break
      sleep 0.1
    done
    if running "$pid"; then
      log "  $name (pid $pid) ignored SIGTERM for ${timeout}s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$PIDS/$name.pid"
}

# ctr and crictl against our private containerd (namespace k8s.io = the CRI's namespace).
ctr_() { ctr --address "$CTR_SOCK" --namespace k8s.io "$@"; }
CRICTL_CONFIG=$CLUSTER_RUN/crictl.yaml # written by up.sh: crictl --config $CRICTL_CONFIG ps
crictl_() {
  if [[ -f $CRICTL_CONFIG ]]; then
    crictl --config "$CRICTL_CONFIG" "$@"
  else
    crictl --runtime-endpoint "unix://$CTR_SOCK" --image-endpoint "unix://$CTR_SOCK" "$@"
  fi
}

# Our processes, found by name + command line (fallback when pid files are gone): every
# component and every containerd shim has a path under CLUSTER_DIR or CLUSTER_RUN in its argv.
our_pids() {
  local d comm cmd
  for d in /proc/[0-9]*; do
    { read -r comm <"$d/comm"; } 2>/dev/null || continue
    case $comm in
      containerd | containerd-shim* | etcd | kube-apiserver | kube-controller* | kube-scheduler | kubelet | kube-proxy | coredns | kwok) ;;
      *) continue ;;
    esac
    cmd=$(tr '\0' ' ' 2>/dev/null <"$d/cmdline") || continue
    [[ $cmd == *"$CLUSTER_DIR/"* || $cmd == *"$CLUSTER_RUN/"* ]] && running "${d#/proc/}" && echo "${d#/proc/}"
  done
  return 0
}

# Processes inside pod cgroups (any v1 hierarchy or the unified one).
pod_pids() {
  local d
  for d in /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/kubepods; do
    [[ -d $d ]] || continue
    find "$d" -name cgroup.procs -exec cat {} + 2>/dev/null
  done | sort -u
}

# Mount points below our directories, deepest first.
our_mounts() {
  awk '{print $5}' /proc/self/mountinfo | sed 's/\\040/ /g' |
    grep -E "^($CLUSTER_DIR|$CLUSTER_RUN)(/|$)" | sort -r -u || true
}

# Network faults injected by netfault.sh: filter/INPUT rules tagged with this comment, so they can be
# found and removed (netfault.sh clear, down.sh) and reported (check-clean.sh).
FAULT_TAG=compositeapp-e2e-fault
# fault_rules: the tagged rules, as `iptables -S` prints them.
fault_rules() {
  command -v iptables >/dev/null || return 0
  iptables -w -S INPUT 2>/dev/null | grep -F -- "--comment $FAULT_TAG" || true
}
# clear_fault_rules: deletes every tagged rule.
clear_fault_rules() {
  local rule
  fault_rules | sed 's/^-A /-D /' | while read -r rule; do
    # iptables -S output is meant to be re-split into arguments
    eval "iptables -w $rule" || true
  done
}
