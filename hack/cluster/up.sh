#!/usr/bin/env bash
# up.sh [--api-only]
#
# Starts a real single-node Kubernetes cluster on this machine (root, Linux, no systemd needed):
#   full mode   containerd (private instance) + CNI bridge, etcd, kube-apiserver,
#               kube-controller-manager, kube-scheduler, kubelet, kube-proxy (iptables)
#   --api-only  etcd, kube-apiserver, kube-controller-manager (no node: for API-level tests)
# Every up starts with down.sh, so it is idempotent. Each component is gated on its readiness
# check; on a timeout the error names the component's log file. Binaries come from build.sh's
# cache. Prints the KUBECONFIG / PATH exports at the end (or: source hack/cluster/env.sh).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

api_only=0
for a in "$@"; do
  case $a in
    --api-only) api_only=1 ;;
    -h | --help)
      sed -n '2,11p' "$0"
      exit 0
      ;;
    *) die "unknown argument: $a (use --api-only)" ;;
  esac
done
require_root
t_start=$(now_ms)
timings=()
mark() { timings+=("$(printf '%-45s %6ss' "$1" "$(secs_since "$2")")"); }

# ---- 0. binaries and host tools ----------------------------------------------------------------
OUT=$(k8s_cache_dir)
BIN=$OUT/bin
IMAGES=$OUT/images
need_bins=(kube-apiserver kube-controller-manager kubectl)
((api_only)) || need_bins+=(kube-scheduler kubelet kube-proxy crictl)
for b in "${need_bins[@]}"; do
  [[ -x $BIN/$b ]] || die "$BIN/$b missing: run 'npm run cluster:build' (hack/cluster/build.sh) first"
done
export PATH="$BIN:$PATH"
need_tools=(etcd openssl curl ip ss setsid)
((api_only)) || need_tools+=(containerd containerd-shim-runc-v2 runc ctr iptables iptables-save)
for b in "${need_tools[@]}"; do
  command -v "$b" >/dev/null || die "'$b' not found: run 'npm run cluster:build' (installs the Debian packages)"
done
if ((!api_only)); then
  for p in bridge host-local loopback portmap; do
    [[ -x /usr/lib/cni/$p ]] || die "/usr/lib/cni/$p missing (Debian package containernetworking-plugins)"
  done
  for i in pause busybox; do
    [[ -f $IMAGES/$i.tar ]] || die "$IMAGES/$i.tar missing: run 'npm run cluster:build'"
  done
fi

# ---- 1. always start from a clean slate ----------------------------------------------------------
t=$(now_ms)
bash "$CLUSTER_HACK_DIR/down.sh" --quiet || die "down.sh could not clean up the previous cluster (see above)"
mark "down (previous state)" "$t"

busy=()
for port in "${CLUSTER_PORTS[@]}"; do
  [[ -n $(ss -Hltn "sport = :$port" 2>/dev/null) ]] && busy+=("$port")
done
((${#busy[@]} == 0)) || die "ports in use by another process: ${busy[*]} (ss -ltnp shows which); the cluster needs ${CLUSTER_PORTS[*]}"

rm -rf "$LOGS"
mkdir -p "$PKI" "$CONF" "$LOGS" "$PIDS" "$CLUSTER_DIR/etcd"
chmod 700 "$CLUSTER_DIR/etcd"

# start_bg NAME CMD... : own session (survives the caller's terminal/process group), log file, pid file
start_bg() {
  local name=$1
  shift
  setsid "$@" </dev/null >"$LOGS/$name.log" 2>&1 &
  echo $! >"$PIDS/$name.pid"
}

# wait_ready NAME TIMEOUT_S CMD... : poll CMD until it succeeds; fail early if NAME's process died.
wait_ready() {
  local name=$1 timeout=$2 t0 pid
  shift 2
  t0=$(now_ms)
  until "$@" >/dev/null 2>&1; do
    pid=$(pid_of "$name" 2>/dev/null || true)
    if [[ -n $pid ]] && ! running "$pid"; then
      echo "---- last lines of $LOGS/$name.log ----" >&2
      tail -n 25 "$LOGS/$name.log" >&2 || true
      die "$name exited during startup; full log: $LOGS/$name.log"
    fi
    if (($(now_ms) - t0 > timeout * 1000)); then
      echo "---- last lines of $LOGS/$name.log ----" >&2
      tail -n 25 "$LOGS/$name.log" >&2 || true
      die "$name not ready after ${timeout}s (check: $*); full log: $LOGS/$name.log"
    fi
    sleep 0.2
  done
  mark "$name: ${WAIT_LABEL:-ready}" "$t0"
}

# ---- 2. host preparation -------------------------------------------------------------------------
t=$(now_ms)
# Host sysctls changed by us and by the kubelet; down.sh restores the recorded values.
SAVED_SYSCTLS=(net.ipv4.ip_forward net.bridge.bridge-nf-call-iptables net.bridge.bridge-nf-call-ip6tables
  fs.inotify.max_user_instances vm.overcommit_memory vm.panic_on_oom kernel.panic kernel.panic_on_oops
  kernel.keys.root_maxkeys kernel.keys.root_maxbytes)
if [[ ! -f $CLUSTER_DIR/host-sysctl.saved ]]; then
  for s in "${SAVED_SYSCTLS[@]}"; do
    v=$(sysctl -n "$s" 2>/dev/null) && echo "$s=$v"
  done >"$CLUSTER_DIR/host-sysctl.saved"
fi
# Port-less bridge holding the node / advertise address (node IPs can't be loopback, and
# service/kubernetes must point at an address pods reach).
ip link add "$HOST_IF" type bridge
ip addr add "$HOST_IP/32" dev "$HOST_IF"
ip link set "$HOST_IF" up
if ((!api_only)); then
  mount --make-rshared / # without systemd / is private; volume mount propagation needs shared
  modprobe br_netfilter 2>/dev/null || true
  sysctl -qw net.ipv4.ip_forward=1 net.bridge.bridge-nf-call-iptables=1 \
    net.bridge.bridge-nf-call-ip6tables=1 fs.inotify.max_user_instances=512
fi
mark "host preparation" "$t"

# ---- 3. PKI and kubeconfigs ----------------------------------------------------------------------
t=$(now_ms)
bash "$CLUSTER_HACK_DIR/gen-pki.sh" "$PKI" "$NODE_NAME" "$HOST_IP" "$SVC_IP" "https://127.0.0.1:$API_PORT"
cp "$PKI/admin.kubeconfig" "$ADMIN_KUBECONFIG"
chmod 600 "$ADMIN_KUBECONFIG"
mark "PKI" "$t"
kc() { kubectl --kubeconfig "$ADMIN_KUBECONFIG" "$@"; }

# ---- 4. containerd (private instance: own root, state, socket; CNI config) -----------------------
if ((!api_only)); then
  t=$(now_ms)
  mkdir -p "$CNI_CONF_DIR" "$CTR_ROOT" "$CONF/certs.d/_default" "$POD_LOGS" "$KUBELET_ROOT"
  # Pods get no default route: only the pod network, the service range and the node address
  # are reachable, so nothing a pod does can leave the machine.
  cat >"$CNI_CONF_DIR/10-compositeapp-e2e.conflist" <<EOF
{
  "cniVersion": "1.0.0",
  "name": "compositeapp-e2e",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$CNI_BRIDGE",
      "isGateway": true,
      "ipMasq": false,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "dataDir": "$CNI_IPAM_DIR",
        "ranges": [[{"subnet": "$POD_CIDR", "gateway": "$POD_GW"}]],
        "routes": [{"dst": "$SVC_CIDR"}, {"dst": "$HOST_IP/32"}]
      }
    },
    {"type": "portmap", "capabilities": {"portMappings": true}}
  ]
}
EOF
  # Can this host lower oom_score_adj (CAP_SYS_RESOURCE in the bounding set)? Tried in a subshell.
  restrict_oom=false
  (echo -999 >/proc/self/oom_score_adj) 2>/dev/null || restrict_oom=true
  # No registry is reachable or wanted: every registry host resolves to a closed loopback port,
  # so a missing image fails fast with ErrImagePull instead of going out to the network.
  cat >"$CONF/certs.d/_default/hosts.toml" <<EOF
server = "http://127.0.0.1:9"

[host."http://127.0.0.1:9"]
  capabilities = ["pull", "resolve"]
EOF
  cat >"$CONF/containerd.toml" <<EOF
version = 2
root = "$CTR_ROOT"
state = "$CTR_STATE"
[grpc]
  address = "$CTR_SOCK"
[ttrpc]
  address = "$CTR_SOCK.ttrpc"
[debug]
  level = "warn"
[plugins."io.containerd.internal.v1.opt"]
  path = "$CTR_ROOT/opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$PAUSE_IMAGE"
  netns_mounts_under_state_dir = true
  # Never ask for a lower oom_score_adj than containerd's own: the kubelet wants -998 for pod
  # sandboxes, which needs CAP_SYS_RESOURCE; without it (restricted VMs, nested setups) runc
  # fails with "failed to update /proc/self/oom_score_adj: Permission denied".
  restrict_oom_score_adj = $restrict_oom
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
        Root = "$RUNC_ROOT"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$CNI_CONF_DIR"
    max_conf_num = 1
  [plugins."io.containerd.grpc.v1.cri".registry]
    config_path = "$CONF/certs.d"
EOF
  printf 'runtime-endpoint: unix://%s\nimage-endpoint: unix://%s\ntimeout: 30\n' "$CTR_SOCK" "$CTR_SOCK" >"$CRICTL_CONFIG"
  start_bg containerd containerd --config "$CONF/containerd.toml"
  wait_ready containerd 30 ctr --address "$CTR_SOCK" version
  t=$(now_ms)
  for i in "$IMAGES"/*.tar; do
    bash "$CLUSTER_HACK_DIR/import-image.sh" "$i" >/dev/null
  done
  for i in "$PAUSE_IMAGE" "$BUSYBOX_IMAGE"; do
    crictl_ inspecti "$i" >/dev/null 2>&1 || die "image $i not known to the CRI after import (see $LOGS/containerd.log)"
  done
  # sandboxes left by a containerd that died with its pods (down.sh already killed them)
  crictl_ rmp -af >/dev/null 2>&1 || true
  mark "images imported" "$t"
fi

# ---- 5. etcd (Debian's) ------------------------------------------------------------------------------
start_bg etcd etcd --name compositeapp-e2e --data-dir "$CLUSTER_DIR/etcd" \
  --listen-client-urls http://127.0.0.1:2379 --advertise-client-urls http://127.0.0.1:2379 \
  --listen-peer-urls http://127.0.0.1:2380 --initial-advertise-peer-urls http://127.0.0.1:2380 \
  --initial-cluster compositeapp-e2e=http://127.0.0.1:2380 --initial-cluster-state new \
  --listen-metrics-urls http://127.0.0.1:2381 --logger zap --log-outputs stderr --log-level warn \
  --auto-compaction-mode periodic --auto-compaction-retention 5m --quota-backend-bytes 2147483648
wait_ready etcd 30 curl -fsS http://127.0.0.1:2379/health

# ---- 6. kube-apiserver --------------------------------------------------------------------------------
start_bg kube-apiserver "$BIN/kube-apiserver" \
  --etcd-servers=http://127.0.0.1:2379 \
  --bind-address=0.0.0.0 --secure-port="$API_PORT" --advertise-address="$HOST_IP" \
  --tls-cert-file="$PKI/apiserver.crt" --tls-private-key-file="$PKI/apiserver.key" \
  --client-ca-file="$PKI/ca.crt" \
  --requestheader-client-ca-file="$PKI/ca.crt" --requestheader-allowed-names=front-proxy-client \
  --requestheader-username-headers=X-Remote-User --requestheader-group-headers=X-Remote-Group \
  --requestheader-extra-headers-prefix=X-Remote-Extra- \
  --proxy-client-cert-file="$PKI/front-proxy-client.crt" --proxy-client-key-file="$PKI/front-proxy-client.key" \
  --kubelet-client-certificate="$PKI/apiserver-kubelet-client.crt" \
  --kubelet-client-key="$PKI/apiserver-kubelet-client.key" \
  --kubelet-preferred-address-types=InternalIP,Hostname \
  --service-account-issuer=https://kubernetes.default.svc.cluster.local \
  --service-account-key-file="$PKI/sa.pub" --service-account-signing-key-file="$PKI/sa.key" \
  --service-cluster-ip-range="$SVC_CIDR" \
  --authorization-mode=Node,RBAC --enable-admission-plugins=NodeRestriction \
  --allow-privileged=true --profiling=false --v=1
wait_ready kube-apiserver 120 sh -c "curl -fsk https://127.0.0.1:$API_PORT/readyz | grep -qx ok"

# ---- 7. controller-manager (+ scheduler) ----------------------------------------------------------------
K=$PKI/controller-manager.kubeconfig
start_bg kube-controller-manager "$BIN/kube-controller-manager" \
  --kubeconfig="$K" --authentication-kubeconfig="$K" --authorization-kubeconfig="$K" \
  --bind-address=127.0.0.1 --leader-elect=false --use-service-account-credentials=true \
  --service-account-private-key-file="$PKI/sa.key" --root-ca-file="$PKI/ca.crt" \
  --cluster-signing-cert-file="$PKI/ca.crt" --cluster-signing-key-file="$PKI/ca.key" \
  --cluster-name=compositeapp-e2e --controllers='*' --profiling=false --v=1
if ((!api_only)); then
  K=$PKI/scheduler.kubeconfig
  start_bg kube-scheduler "$BIN/kube-scheduler" \
    --kubeconfig="$K" --authentication-kubeconfig="$K" --authorization-kubeconfig="$K" \
    --bind-address=127.0.0.1 --leader-elect=false --profiling=false --v=1
fi
wait_ready kube-controller-manager 60 curl -fsk https://127.0.0.1:10257/healthz
((api_only)) || wait_ready kube-scheduler 60 curl -fsk https://127.0.0.1:10259/healthz

# ---- 8. kubelet + kube-proxy ------------------------------------------------------------------------
if ((!api_only)); then
  cat >"$CONF/kubelet.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $HOST_IP
port: 10250
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: 10248
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $PKI/ca.crt}
authorization:
  mode: Webhook
containerRuntimeEndpoint: unix://$CTR_SOCK
cgroupDriver: cgroupfs
cgroupsPerQOS: true
failCgroupV1: false
failSwapOn: false
clusterDomain: cluster.local
resolvConf: /etc/resolv.conf
podLogsDir: $POD_LOGS
rotateCertificates: false
serverTLSBootstrap: false
# nothing can be re-pulled, and containerd 1.6 does not pin the pause image: never GC images
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
# no disk-pressure evictions or taints on a shared disk
evictionHard:
  memory.available: "100Mi"
  nodefs.available: "0%"
  nodefs.inodesFree: "0%"
  imagefs.available: "0%"
shutdownGracePeriod: 0s
EOF
  start_bg kubelet "$BIN/kubelet" --config="$CONF/kubelet.yaml" --kubeconfig="$PKI/kubelet.kubeconfig" \
    --root-dir="$KUBELET_ROOT" --hostname-override="$NODE_NAME" --node-ip="$HOST_IP" --v=1
  wait_ready kubelet 60 curl -fsS http://127.0.0.1:10248/healthz
  WAIT_LABEL="node registered" wait_ready kubelet 60 kc get node "$NODE_NAME"

  cat >"$CONF/kube-proxy.yaml" <<EOF
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection: {kubeconfig: $PKI/kube-proxy.kubeconfig}
hostnameOverride: $NODE_NAME
mode: iptables
clusterCIDR: $POD_CIDR
nodePortAddresses: ["primary"]
healthzBindAddress: 127.0.0.1:10256
metricsBindAddress: 127.0.0.1:10249
iptables: {localhostNodePorts: false, minSyncPeriod: 1s}
conntrack: {maxPerCore: 0, tcpEstablishedTimeout: 0s, tcpCloseWaitTimeout: 0s}
EOF
  start_bg kube-proxy "$BIN/kube-proxy" --config="$CONF/kube-proxy.yaml" --v=1
  wait_ready kube-proxy 60 curl -fsS http://127.0.0.1:10256/healthz
  WAIT_LABEL="node Ready" wait_ready kubelet 120 kc wait --for=condition=Ready "node/$NODE_NAME" --timeout=2s
fi

# ---- 9. what the first Pod needs in a namespace ------------------------------------------------------
WAIT_LABEL="default ServiceAccount" wait_ready kube-controller-manager 60 kc -n default get serviceaccount default
WAIT_LABEL="kube-root-ca.crt" wait_ready kube-controller-manager 60 kc -n default get configmap kube-root-ca.crt

# ---- done ---------------------------------------------------------------------------------------------
echo
echo "timings:"
printf '  %s\n' "${timings[@]}"
mode=full
((api_only)) && mode=api-only
log "cluster up ($mode) in $(secs_since "$t_start")s; component logs in $LOGS"
if ((!api_only)); then kc get nodes -o wide; fi
echo
echo "export KUBECONFIG=$ADMIN_KUBECONFIG"
echo "export PATH=$BIN:\$PATH"
echo "# or: source hack/cluster/env.sh"
