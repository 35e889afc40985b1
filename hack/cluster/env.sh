# shellcheck shell=bash
# env.sh - `source hack/cluster/env.sh` puts the cluster's kubectl (built by build.sh, same
# version as the cluster) first in PATH and sets KUBECONFIG to the admin kubeconfig written by
# up.sh. Run as a script (`bash hack/cluster/env.sh`) it prints the export lines instead.
__capp_env=$(bash -c 'source "$1/lib.sh" && printf "%s\n%s" "$(k8s_cache_dir)/bin" "$ADMIN_KUBECONFIG"' \
  _ "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)") || __capp_env=
if [[ -n $__capp_env ]]; then
  if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    # shellcheck disable=SC2016 # $PATH is meant literally in the printed line
    printf 'export PATH=%s:$PATH\nexport KUBECONFIG=%s\n' "${__capp_env%%$'\n'*}" "${__capp_env#*$'\n'}"
  else
    case "$PATH:" in
      "${__capp_env%%$'\n'*}:"*) ;; # already first
      *) export PATH="${__capp_env%%$'\n'*}:$PATH" ;;
    esac
    export KUBECONFIG="${__capp_env#*$'\n'}"
  fi
fi
unset __capp_env
