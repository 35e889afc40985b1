# shellcheck shell=bash
# components.sh - how each cluster component starts (binary, flags, log, pid file) and when it counts
# as ready: the one definition used by up.sh (first start) and component.sh (restart of one component
# of a running cluster). Source it after lib.sh, with BIN set to the binaries' directory. The config
# files the commands read (containerd.toml, kubelet.yaml, kube-proxy.yaml) are written by up.sh.

# start_bg NAME CMD... : own session (survives the caller's terminal/process group), log file
# (appended: a restarted component keeps its earlier log), pid file.
start_bg() {
  local name=$1
  shift
  setsid "$@" </dev/null >>"$LOGS/$name.log" 2>&1 &
  echo $! >"$PIDS/$name.pid"
}

# wait_ready NAME TIMEOUT_S CMD... : poll CMD until it succeeds; fail early if NAME's process died.
# Reports the wait with `mark LABEL START_MS`, which the calling script defines.
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

# start_component NAME: starts one component in the background.
start_component() {
  local k
  case $1 in
    containerd) start_bg containerd containerd --config "$CONF/containerd.toml" ;;
    etcd)
      # Debian's etcd. The --initial-* flags only matter for an empty data directory.
      start_bg etcd etcd --name compositeapp-e2e --data-dir "$CLUSTER_DIR/etcd" \
        --listen-client-urls "$ETCD_URL" --advertise-client-urls "$ETCD_URL" \
        --listen-peer-urls http://127.0.0.1:2380 --initial-advertise-peer-urls http://127.0.0.1:2380 \
        --initial-cluster compositeapp-e2e=http://127.0.0.1:2380 --initial-cluster-state new \
        --listen-metrics-urls http://127.0.0.1:2381 --logger zap --log-outputs stderr --log-level warn \
        --auto-compaction-mode periodic --auto-compaction-retention 5m --quota-backend-bytes 2147483648
      ;;
    kube-apiserver)
      start_bg kube-apiserver "$BIN/kube-apiserver" \
        --etcd-servers="$ETCD_URL" \
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
        --allow-privileged=true --feature-gates="$FEATURE_GATES" --profiling=false --v=1
      ;;
    kube-controller-manager)
      k=$PKI/controller-manager.kubeconfig
      start_bg kube-controller-manager "$BIN/kube-controller-manager" \
        --kubeconfig="$k" --authentication-kubeconfig="$k" --authorization-kubeconfig="$k" \
        --bind-address=127.0.0.1 --leader-elect=false --use-service-account-credentials=true \
        --service-account-private-key-file="$PKI/sa.key" --root-ca-file="$PKI/ca.crt" \
        --cluster-signing-cert-file="$PKI/ca.crt" --cluster-signing-key-file="$PKI/ca.key" \
        --cluster-name=compositeapp-e2e --controllers='*' --profiling=false --v=1
      ;;
    kube-scheduler)
      k=$PKI/scheduler.kubeconfig
      start_bg kube-scheduler "$BIN/kube-scheduler" \
        --kubeconfig="$k" --authentication-kubeconfig="$k" --authorization-kubeconfig="$k" \
        --bind-address=127.0.0.1 --leader-elect=false --profiling=false --v=1
      ;;
    kubelet)
      start_bg kubelet "$BIN/kubelet" --config="$CONF/kubelet.yaml" --kubeconfig="$PKI/kubelet.kubeconfig" \
        --root-dir="$KUBELET_ROOT" --hostname-override="$NODE_NAME" --node-ip="$HOST_IP" --v=1
      ;;
    kube-proxy) start_bg kube-proxy "$BIN/kube-proxy" --config="$CONF/kube-proxy.yaml" --v=1 ;;
    # Corefile written by dns.sh; binary built by hack/coredns/build.sh.
    coredns) start_bg coredns "$(coredns_bin)" -conf "$CONF/Corefile" ;;
    # Manages the nodes annotated kwok.x-k8s.io/node=fake (created by kwok.sh) with KWOK's default
    # stages: keeps them Ready through their leases, and plays Pods bound to them through Running.
    kwok)
      k=$(kwok_bin)
      start_bg kwok "$k" --kubeconfig="$PKI/kwok.kubeconfig" --config="$(dirname "$k")/stages.yaml" \
        --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake --node-lease-duration-seconds=40 \
        --node-ip="$KWOK_NODE_IP" --cidr="$KWOK_POD_CIDR"
      ;;
    *) die "unknown component '$1' (one of: ${COMPONENTS[*]})" ;;
  esac
}

# wait_component NAME: waits until NAME passes its readiness check.
wait_component() {
  case $1 in
    containerd) wait_ready containerd 30 ctr --address "$CTR_SOCK" version ;;
    etcd) wait_ready etcd 30 curl -fsS "$ETCD_URL/health" ;;
    kube-apiserver) wait_ready kube-apiserver 120 sh -c "curl -fsk https://127.0.0.1:$API_PORT/readyz | grep -qx ok" ;;
    kube-controller-manager) wait_ready kube-controller-manager 60 curl -fsk https://127.0.0.1:10257/healthz ;;
    kube-scheduler) wait_ready kube-scheduler 60 curl -fsk https://127.0.0.1:10259/healthz ;;
    kubelet) wait_ready kubelet 60 curl -fsS http://127.0.0.1:10248/healthz ;;
    kube-proxy) wait_ready kube-proxy 60 curl -fsS http://127.0.0.1:10256/healthz ;;
    # ready: the kubernetes plugin has synced with the API server and the server block listens.
    coredns) wait_ready coredns 60 curl -fsS "http://127.0.0.1:$DNS_READY_PORT/ready" ;;
    kwok)
      wait_ready kwok 60 kubectl --kubeconfig "$ADMIN_KUBECONFIG" wait --for=condition=Ready nodes \
        -l type=kwok --timeout=2s
      ;;
    *) die "unknown component '$1' (one of: ${COMPONENTS[*]})" ;;
  esac
}
