#!/usr/bin/env bash
# up.sh [--api-only]
#
# Starts a real Kubernetes cluster on this machine (root, Linux, no systemd needed):
#   full mode   containerd (private instance) + CNI bridge, etcd, kube-apiserver,
#               kube-controller-manager, kube-scheduler, kubelet, kube-proxy (iptables),
#               CoreDNS (cluster DNS, dns.sh), KWOK and its two fake nodes (kwok.sh)
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
if ((!api_only)); then
  for b in "$(coredns_bin)" "$(kwok_bin)"; do
    [[ -x $b ]] || die "$b missing: run 'npm run cluster:build' (hack/cluster/build.sh) first"
  done
fi
export PATH="$BIN:$PATH"
# shellcheck source-path=SCRIPTDIR source=components.sh
source "$CLUSTER_HACK_DIR/components.sh"
# shellcheck source-path=SCRIPTDIR source=dns.sh
source "$CLUSTER_HACK_DIR/dns.sh"
# shellcheck source-path=SCRIPTDIR source=kwok.sh
source "$CLUSTER_HACK_DIR/kwok.sh"
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
mode=full
((api_only)) && mode=api-only
echo "$mode" >"$CLUSTER_MODE_FILE" # read by component.sh

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
  ip route add "$KWOK_NET" dev "$HOST_IF" # KWOK's made-up addresses end here (kwok.sh)
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
  start_component containerd
  wait_component containerd
  t=$(now_ms)
  for i in "$IMAGES"/*.tar; do
    bash "$CLUSTER_HACK_DIR/import-image.sh" "$i" >/dev/null
  done
  # The second busybox: the same binary plus a marker file, so its ID differs (containerd reports a
  # container's image by the first tag of its ID). Made at each start: it is cheap and deterministic.
  alt=$(mktemp -d)
  mkdir -p "$alt/rootfs/bin" "$alt/rootfs/etc" "$alt/rootfs/tmp"
  chmod 1777 "$alt/rootfs/tmp"
  cp /bin/busybox "$alt/rootfs/bin/busybox"
  for a in $(/bin/busybox --list); do
    [[ $a == busybox ]] || ln -s busybox "$alt/rootfs/bin/$a"
  done
  echo "$BUSYBOX_ALT_IMAGE" >"$alt/rootfs/etc/image-variant"
  bash "$CLUSTER_HACK_DIR/mk-oci-image.sh" "$alt/rootfs" "$BUSYBOX_ALT_IMAGE" "$alt/busybox-alt.tar" null '["sh"]'
  bash "$CLUSTER_HACK_DIR/import-image.sh" "$alt/busybox-alt.tar" >/dev/null
  rm -rf "$alt"
  for i in "$PAUSE_IMAGE" "$BUSYBOX_IMAGE" "$BUSYBOX_ALT_IMAGE"; do
    crictl_ inspecti "$i" >/dev/null 2>&1 || die "image $i not known to the CRI after import (see $LOGS/containerd.log)"
  done
  # sandboxes left by a containerd that died with its pods (down.sh already killed them)
  crictl_ rmp -af >/dev/null 2>&1 || true
  mark "images imported" "$t"
fi

# ---- 5. etcd (Debian's) ------------------------------------------------------------------------------
start_component etcd
wait_component etcd

# ---- 6. kube-apiserver --------------------------------------------------------------------------------
start_component kube-apiserver
wait_component kube-apiserver

# ---- 7. controller-manager (+ scheduler) ----------------------------------------------------------------
start_component kube-controller-manager
((api_only)) || start_component kube-scheduler
wait_component kube-controller-manager
((api_only)) || wait_component kube-scheduler

# ---- 7b. cluster DNS (before the kubelet: no Pod ever starts without it) ----------------------------
((api_only)) || start_cluster_dns

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
clusterDomain: $CLUSTER_DOMAIN
clusterDNS: [$DNS_IP]
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
featureGates:
$(tr ',' '\n' <<<"$FEATURE_GATES" | sed -E 's/^([^=]+)=(.*)$/  \1: \2/')
EOF
  start_component kubelet
  wait_component kubelet
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
  start_component kube-proxy
  wait_component kube-proxy
  WAIT_LABEL="node Ready" wait_ready kubelet 120 kc wait --for=condition=Ready "node/$NODE_NAME" --timeout=2s
  wait_cluster_dns
  start_kwok_nodes
fi

# ---- 9. what the first Pod needs in a namespace ------------------------------------------------------
WAIT_LABEL="default ServiceAccount" wait_ready kube-controller-manager 60 kc -n default get serviceaccount default
WAIT_LABEL="kube-root-ca.crt" wait_ready kube-controller-manager 60 kc -n default get configmap kube-root-ca.crt

# ---- done ---------------------------------------------------------------------------------------------
echo
echo "timings:"
printf '  %s\n' "${timings[@]}"
log "cluster up ($mode) in $(secs_since "$t_start")s; component logs in $LOGS"
if ((!api_only)); then kc get nodes -o wide; fi
echo
echo "export KUBECONFIG=$ADMIN_KUBECONFIG"
echo "export PATH=$BIN:\$PATH"
echo "# or: source hack/cluster/env.sh"
