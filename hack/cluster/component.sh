#!/usr/bin/env bash
# component.sh ACTION NAME - fault injection on one component of the running cluster (up.sh):
#   kill     SIGKILL, as a crash would; leaves it down
#   stop     SIGTERM (SIGKILL after 15 s); leaves it down
#   start    starts it with up.sh's command and flags, waits for its readiness check
#   restart  stop, then start
#   status   prints "running PID" or "stopped" (exit 0 either way)
# NAME: containerd etcd kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy
# coredns kwok (the last four only on a full cluster; kube-scheduler and kwok also with --kwok N). Hold the cluster lock while using it.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { sed -n '2,10p' "$0"; }
case ${1:-} in
  -h | --help)
    usage
    exit 0
    ;;
esac
(($# == 2)) || {
  usage >&2
  exit 2
}
action=$1 name=$2
case $action in kill | stop | start | restart | status) ;; *) die "unknown action '$action' (kill, stop, start, restart, status)" ;; esac
[[ " ${COMPONENTS[*]} " == *" $name "* ]] || die "unknown component '$name' (one of: ${COMPONENTS[*]})"
require_root
[[ -f $CLUSTER_MODE_FILE ]] || die "no cluster is up ($CLUSTER_MODE_FILE missing): npm run cluster:up first"
if [[ $(<"$CLUSTER_MODE_FILE") == api-only ]]; then
  case $name in
    etcd | kube-apiserver | kube-controller-manager) ;;
    kube-scheduler | kwok) [[ -f $CLUSTER_KWOK_FILE ]] || die "$name is not part of an --api-only cluster without --kwok" ;;
    *) die "$name is not part of an --api-only cluster" ;;
  esac
fi
BIN=$(k8s_cache_dir)/bin
export PATH="$BIN:$PATH"
# shellcheck source-path=SCRIPTDIR source=components.sh
source "$CLUSTER_HACK_DIR/components.sh"
mark() { log "$1 in $(secs_since "$2")s"; }

# The port a control-plane component listens on, which its restart binds again ("" for the others).
main_port() {
  case $name in
    etcd) echo "${ETCD_URL##*:}" ;;
    kube-apiserver) echo "$API_PORT" ;;
    kube-controller-manager) echo 10257 ;;
    *) echo "" ;;
  esac
}

# sockets_released PID: waits (up to 10 s) until no listening socket belongs to PID and the
# component's port is free. The leader of a multi-threaded process shows as a zombie while its other
# threads still exit and hold its sockets, and ss cannot name the pid of a zombie's sockets (its fd
# table is gone), so neither "not running" nor "no socket of PID" alone means the port is free.
sockets_released() {
  local pid=$1 port i listening
  port=$(main_port)
  for ((i = 0; i < 200; i++)); do
    listening=$(ss -Hltnp 2>/dev/null) # captured: `| grep -q` races under pipefail
    if [[ $listening != *"pid=$pid,"* ]] && { [[ -z $port ]] || [[ -z $(ss -Hltn "sport = :$port" 2>/dev/null) ]]; }; then
      return 0
    fi
    sleep 0.05
  done
  log "  $name (pid $pid) still holds a listening socket after 10 s"
}

do_kill() {
  local pid
  if ! pid=$(pid_of "$name") || ! running "$pid"; then
    log "$name is not running"
    rm -f "$PIDS/$name.pid"
    return 0
  fi
  kill -KILL "$pid" 2>/dev/null || true
  while running "$pid"; do sleep 0.05; done
  sockets_released "$pid"
  rm -f "$PIDS/$name.pid"
  log "$name (pid $pid) killed with SIGKILL"
}

do_stop() {
  local t pid
  t=$(now_ms)
  pid_alive "$name" || {
    log "$name is not running"
    rm -f "$PIDS/$name.pid"
    return 0
  }
  pid=$(pid_of "$name")
  stop_pid "$name" 15
  sockets_released "$pid"
  log "$name stopped in $(secs_since "$t")s"
}

do_start() {
  pid_alive "$name" && die "$name is already running (pid $(pid_of "$name"))"
  start_component "$name"
  wait_component "$name"
}

case $action in
  kill) do_kill ;;
  stop) do_stop ;;
  start) do_start ;;
  restart)
    do_stop
    do_start
    ;;
  status) if pid_alive "$name"; then echo "running $(pid_of "$name")"; else echo stopped; fi ;;
esac
