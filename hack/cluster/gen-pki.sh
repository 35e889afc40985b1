#!/usr/bin/env bash
# gen-pki.sh DIR NODE_NAME NODE_IP SERVICE_IP SERVER_URL
#
# One CA for everything (including the request-header / front-proxy client), the leaf certificates of a one-node cluster, the service-account key
# pair and a kubeconfig per client (admin, controller-manager, scheduler, kube-proxy, kubelet, coredns, kwok).
# openssl only. No front-proxy / etcd TLS (etcd listens on loopback only).
set -euo pipefail
(($# == 5)) || {
  sed -n '2p' "$0" >&2
  exit 2
}
dir=$1 node=$2 nodeip=$3 svcip=$4 server=$5
mkdir -p "$dir"
cd "$dir"
umask 077

# ECDSA P-256 keys: as good as RSA here and generated in milliseconds.
key_opts=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1)
openssl req -x509 -new -nodes "${key_opts[@]}" -sha256 -days 3650 \
  -keyout ca.key -out ca.crt -subj "/CN=compositeapp-e2e-ca" \
  -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" 2>/dev/null

leaf() { # NAME SUBJECT EKU [SAN]
  local n=$1 subj=$2 eku=$3 san=${4:-}
  openssl req -new -nodes "${key_opts[@]}" -keyout "$n.key" -out "$n.csr" -subj "$subj" 2>/dev/null
  {
    echo "basicConstraints=critical,CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    echo "extendedKeyUsage=$eku"
    if [[ -n $san ]]; then echo "subjectAltName=$san"; fi
  } >"$n.ext"
  openssl x509 -req -sha256 -days 3650 -in "$n.csr" -CA ca.crt -CAkey ca.key -CAcreateserial \
    -extfile "$n.ext" -out "$n.crt" 2>/dev/null
  rm -f "$n.csr" "$n.ext"
}

leaf apiserver "/CN=kube-apiserver" serverAuth \
  "DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,DNS:localhost,IP:127.0.0.1,IP:$svcip,IP:$nodeip"
leaf apiserver-kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client" clientAuth
leaf admin "/O=system:masters/CN=kubernetes-admin" clientAuth
leaf controller-manager "/CN=system:kube-controller-manager" clientAuth
leaf scheduler "/CN=system:kube-scheduler" clientAuth
leaf kube-proxy "/CN=system:kube-proxy" clientAuth
leaf kubelet "/O=system:nodes/CN=system:node:$node" clientAuth
leaf front-proxy-client "/CN=front-proxy-client" clientAuth
leaf coredns "/CN=system:coredns" clientAuth
leaf kwok "/CN=system:kwok-controller" clientAuth
openssl ecparam -name prime256v1 -genkey -noout 2>/dev/null | openssl pkcs8 -topk8 -nocrypt -out sa.key
openssl ec -in sa.key -pubout -out sa.pub 2>/dev/null
rm -f ca.srl

b64() { base64 -w0 <"$1"; }
for n in admin controller-manager scheduler kube-proxy kubelet coredns kwok; do
  cat >"$n.kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: compositeapp-e2e
  cluster:
    server: $server
    certificate-authority-data: $(b64 ca.crt)
users:
- name: $n
  user:
    client-certificate-data: $(b64 "$n.crt")
    client-key-data: $(b64 "$n.key")
contexts:
- name: compositeapp-e2e
  context:
    cluster: compositeapp-e2e
    user: $n
current-context: compositeapp-e2e
EOF
done
chmod 644 ca.crt
