#!/usr/bin/env bash
# netfault.sh - loopback network faults between clients and the API server, with iptables rules on
# 127.0.0.1 only (packets dropped on arrival, so connections hang as in a real partition instead of
# failing fast). Other paths to the API server (the node address, 10.250.0.1) stay open.
#   block [--client-port PORT]... [--for SECONDS]
#           drops every packet to and from 127.0.0.1:6443, or only those of the connections from the
#           given local ports (silences open connections; new ones get through). With --for, waits
#           SECONDS and removes the rules again, also when interrupted (trap).
#   clear   removes every rule this script added (down.sh does it too)
#   status  prints the rules this script added
# Hold the cluster lock while using it.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { sed -n '2,12p' "$0"; }
(($# >= 1)) || {
  usage >&2
  exit 2
}
action=$1
shift
case $action in -h | --help)
  usage
  exit 0
  ;;
esac
require_root
command -v iptables >/dev/null || die "iptables not found (Debian package iptables)"

# add_rule MATCH... : one tagged DROP rule on loopback input.
add_rule() {
  iptables -w -I INPUT -i lo -s 127.0.0.1 -d 127.0.0.1 -p tcp "$@" -m comment --comment "$FAULT_TAG" -j DROP
}

block() {
  local ports=() seconds="" p
  while (($#)); do
    case $1 in
      --client-port)
        [[ ${2:-} =~ ^[0-9]+$ ]] || die "--client-port needs a port number"
        ports+=("$2")
        shift 2
        ;;
      --for)
        [[ ${2:-} =~ ^[0-9]+$ ]] || die "--for needs a number of seconds"
        seconds=$2
        shift 2
        ;;
      *) die "unknown argument '$1' (use --client-port PORT, --for SECONDS)" ;;
    esac
  done
  if [[ -n $seconds ]]; then
    trap clear_fault_rules EXIT
    trap 'exit 130' INT TERM HUP
  fi
  if ((${#ports[@]} == 0)); then
    add_rule --dport "$API_PORT"
    add_rule --sport "$API_PORT"
    log "loopback partition: packets to and from 127.0.0.1:$API_PORT are dropped"
  else
    for p in "${ports[@]}"; do
      add_rule --sport "$p" --dport "$API_PORT"
      add_rule --sport "$API_PORT" --dport "$p"
    done
    log "silenced the connection(s) from 127.0.0.1 port(s) ${ports[*]} to 127.0.0.1:$API_PORT"
  fi
  if [[ -n $seconds ]]; then
    sleep "$seconds" &
    wait $! # unlike a foreground sleep, wait lets the INT/TERM trap run at once
    clear_fault_rules
    log "rules removed after ${seconds}s"
  fi
}

case $action in
  block) block "$@" ;;
  clear)
    clear_fault_rules
    [[ -z $(fault_rules) ]] || die "could not remove: $(fault_rules)"
    ;;
  status) fault_rules ;;
  *) die "unknown action '$action' (block, clear, status)" ;;
esac
