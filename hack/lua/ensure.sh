#!/usr/bin/env bash
# ensure.sh: makes sure a Lua 5.1 interpreter (the Lua version Argo CD runs health checks with) is
# installed, from Debian's lua5.1 package when it is missing (needs root then), and prints its path.
set -euo pipefail

if command -v lua5.1 >/dev/null 2>&1; then
  command -v lua5.1
  exit 0
fi
if ((EUID != 0)); then
  echo "[lua] lua5.1 is missing; install Debian's lua5.1 package, or run this script as root" >&2
  exit 1
fi
echo "[lua] installing Debian package lua5.1" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends lua5.1 >/dev/null
command -v lua5.1
