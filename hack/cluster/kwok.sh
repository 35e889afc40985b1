# shellcheck shell=bash
# kwok.sh - the cluster's KWOK nodes, sourced by up.sh (after lib.sh and components.sh):
# `start_kwok_nodes` creates KWOK's RBAC and the nodes below, starts KWOK's controller and waits
# until the nodes are Ready. See docs/adr/0005-second-node.md for why these nodes are KWOK's.
#
# A KWOK node takes part in scheduling like any node, but nothing runs on it: KWOK reports the
# Pods bound to it as Running and Ready (pod-ready stage) without starting a container. So the
# nodes carry KWOK's usual taint, kwok.x-k8s.io/node=fake:NoSchedule, and only a Pod that
# tolerates it (the scheduling scenario of the e2e tests) can land there; everything else runs on
# the real node. Their addresses ($KWOK_NODE_IP, Pod IPs from $KWOK_POD_CIDR) are routed into the
# port-less $HOST_IF bridge by up.sh: a connection to them fails on this machine.

# name=allocatable memory: the seed's scheduling scenario, two nodes of 3Gi and 2.5Gi, where a Pod
# of three 1Gi containers fits on the first only, and one of four on neither.
KWOK_NODES=(e2e-kwok-0=3Gi e2e-kwok-1=2560Mi)

kwok_node_manifest() { # NAME MEMORY
  cat <<NODE
apiVersion: v1
kind: Node
metadata:
  name: $1
  annotations: {kwok.x-k8s.io/node: fake, node.alpha.kubernetes.io/ttl: "0"}
  labels:
    type: kwok
    kubernetes.io/hostname: $1
    kubernetes.io/os: linux
    kubernetes.io/arch: amd64
spec:
  taints:
    - {key: kwok.x-k8s.io/node, value: fake, effect: NoSchedule}
status:
  capacity: {cpu: "2", memory: $2, pods: "110"}
  allocatable: {cpu: "2", memory: $2, pods: "110"}
NODE
}

start_kwok_nodes() {
  local t n
  t=$(now_ms)
  # KWOK's upstream ClusterRole (kustomize/rbac), without its own CRDs, which are not enabled here.
  kubectl --kubeconfig "$ADMIN_KUBECONFIG" apply --server-side --field-manager=compositeapp-e2e -f - >/dev/null <<RBAC
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: kwok-controller
rules:
  - apiGroups: [""]
    resources: [events]
    verbs: [create, delete, get, list, patch, update, watch]
  - apiGroups: [""]
    resources: [nodes]
    verbs: [get, list, watch]
  - apiGroups: [""]
    resources: [nodes/status, pods/status]
    verbs: [patch, update]
  - apiGroups: [""]
    resources: [pods]
    verbs: [delete, get, list, patch, update, watch]
  - apiGroups: [coordination.k8s.io]
    resources: [leases]
    verbs: [create, get, list, patch, update, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: kwok-controller
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: kwok-controller}
subjects:
  - {apiGroup: rbac.authorization.k8s.io, kind: User, name: system:kwok-controller}
RBAC
  # Created (not applied) so the capacity in .status is taken as the node's, as a kubelet's
  # registration is.
  for n in "${KWOK_NODES[@]}"; do
    echo ---
    kwok_node_manifest "${n%%=*}" "${n#*=}"
  done | kubectl --kubeconfig "$ADMIN_KUBECONFIG" create -f - >/dev/null
  mark "KWOK: RBAC and ${#KWOK_NODES[@]} nodes" "$t"
  start_component kwok
  wait_component kwok
}
