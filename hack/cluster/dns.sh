# shellcheck shell=bash
# dns.sh - the cluster's DNS, sourced by up.sh (after lib.sh and components.sh): `start_cluster_dns`
# writes the Corefile, creates what CoreDNS needs in the API (its RBAC, the kube-dns Service and
# its endpoints) and starts CoreDNS; `wait_cluster_dns` waits until a name resolves through the
# Service, once kube-proxy runs.
#
# CoreDNS runs as a host process, like every other component here, rather than as a Pod: nothing
# can be pulled, so a Pod would need an image built and imported first, and it would come up only
# after the kubelet, while up.sh can gate on a host process like on any other component (and
# component.sh can kill and restart it). It listens on the node address ($HOST_IP:53), which Pods
# reach through their route to the node; the kube-dns Service ($DNS_IP, the kubelet's clusterDNS)
# has no selector and one EndpointSlice pointing at that address, so kube-proxy routes the
# ClusterIP to it, as it routes service/kubernetes to the API server on the same address.
#
# It answers for $CLUSTER_DOMAIN and the reverse zone of the service range only. A query for any
# other name matches no server block and gets REFUSED: no plugin that forwards is even compiled
# in (hack/coredns/main.go), so nothing is ever sent off the machine.

# reverse_zone CIDR: the in-addr.arpa zone of an IPv4 range whose prefix is a multiple of 8.
reverse_zone() {
  local ip=${1%/*} bits=${1#*/} zone=in-addr.arpa i
  local -a o
  ((bits % 8 == 0 && bits > 0 && bits < 32)) || die "cannot make a reverse zone for $1 (prefix must be /8, /16 or /24)"
  IFS=. read -ra o <<<"$ip"
  for ((i = 0; i < bits / 8; i++)); do zone=${o[i]}.$zone; done
  echo "$zone"
}

start_cluster_dns() {
  local t zones blocks z
  t=$(now_ms)
  zones="$CLUSTER_DOMAIN $(reverse_zone "$SVC_CIDR")"
  blocks=
  for z in $zones; do blocks+="$z:53 "; done
  cat >"$CONF/Corefile" <<COREFILE
# Cluster names only; any other zone matches no server block and is answered with REFUSED.
$blocks{
    bind $HOST_IP
    errors
    ready 127.0.0.1:$DNS_READY_PORT
    kubernetes $zones {
        kubeconfig $PKI/coredns.kubeconfig compositeapp-e2e
        pods disabled
        ttl 5
    }
    cache 5
    loadbalance
}
COREFILE
  kubectl --kubeconfig "$ADMIN_KUBECONFIG" apply --server-side --field-manager=compositeapp-e2e -f - >/dev/null <<OBJECTS
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: system:coredns
rules:
  - apiGroups: [""]
    resources: [services, namespaces, pods]
    verbs: [list, watch]
  - apiGroups: [discovery.k8s.io]
    resources: [endpointslices]
    verbs: [list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: system:coredns
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:coredns}
subjects:
  - {apiGroup: rbac.authorization.k8s.io, kind: User, name: system:coredns}
---
apiVersion: v1
kind: Service
metadata:
  name: kube-dns
  namespace: kube-system
  labels: {k8s-app: kube-dns, kubernetes.io/name: CoreDNS}
spec:
  clusterIP: $DNS_IP
  ports:
    - {name: dns, port: 53, protocol: UDP, targetPort: 53}
    - {name: dns-tcp, port: 53, protocol: TCP, targetPort: 53}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: kube-dns-host
  namespace: kube-system
  labels:
    kubernetes.io/service-name: kube-dns
    endpointslice.kubernetes.io/managed-by: compositeapp-e2e
addressType: IPv4
endpoints:
  - addresses: [$HOST_IP]
    conditions: {ready: true}
ports:
  - {name: dns, port: 53, protocol: UDP}
  - {name: dns-tcp, port: 53, protocol: TCP}
OBJECTS
  mark "cluster DNS: RBAC, Service, Corefile" "$t"
  start_component coredns
  wait_component coredns
}

# wait_cluster_dns: waits until a name resolves through the kube-dns ClusterIP (kube-proxy has
# programmed the Service), as a Pod will ask it.
wait_cluster_dns() {
  WAIT_LABEL="DNS through the kube-dns Service" wait_ready coredns 60 \
    busybox nslookup "kubernetes.default.svc.$CLUSTER_DOMAIN" "$DNS_IP"
}
