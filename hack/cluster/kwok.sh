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

#
# `up.sh --api-only --kwok N` (the scale benchmark) instead starts the scheduler, KWOK and N roomy
# nodes without the taint: there is no real node, so every Pod is placed on a simulated one.

# name=allocatable memory: the seed's scheduling scenario, two nodes of 3Gi and 2.5Gi, where a Pod
# of three 1Gi containers fits on the first only, and one of four on neither.
KWOK_NODES=(e2e-kwok-0=3Gi e2e-kwok-1=2560Mi)
# Capacity of each node of `--kwok N`: 10,000 Pods fit on 2 of them.
KWOK_SCALE_CAPACITY='{cpu: "1000", memory: 4Ti, pods: "5000"}'

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

kwok_scale_node_manifest() { # NAME
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
status:
  capacity: $KWOK_SCALE_CAPACITY
  allocatable: $KWOK_SCALE_CAPACITY
NODE
}

# start_kwok_nodes [N]: the e2e nodes above, or N untainted scale nodes kwok-0..kwok-(N-1).
start_kwok_nodes() {
  local t n scale=${1:-} count
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
  count=${scale:-${#KWOK_NODES[@]}}
  if [[ -n $scale ]]; then
    for ((n = 0; n < scale; n++)); do
      echo ---
      kwok_scale_node_manifest "kwok-$n"
    done
  else
    for n in "${KWOK_NODES[@]}"; do
      echo ---
      kwok_node_manifest "${n%%=*}" "${n#*=}"
    done
  fi | kubectl --kubeconfig "$ADMIN_KUBECONFIG" create -f - >/dev/null
  mark "KWOK: RBAC and $count nodes" "$t"
  start_component kwok
  wait_component kwok
}
