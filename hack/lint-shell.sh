#!/usr/bin/env bash
# lint-shell.sh - shellcheck on every shell script of the repository (hack/**/*.sh and .ci/run):
# the shell step of `npm run lint`. When shellcheck is missing it installs Debian's package
# (the project's machines are Debian and run as root, as hack/cluster/build.sh assumes);
# elsewhere it says what to install.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v shellcheck >/dev/null 2>&1; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "[lint] shellcheck is missing: installing Debian's package" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shellcheck >&2
  else
    echo "[lint] error: shellcheck is missing: install it (apt-get install shellcheck, brew install shellcheck)" >&2
    exit 1
  fi
fi

mapfile -t scripts < <(find hack -name '*.sh' -type f | sort)
scripts+=(.ci/run)
shellcheck --external-sources "${scripts[@]}"
echo "[lint] shellcheck: ${#scripts[@]} scripts clean" >&2
