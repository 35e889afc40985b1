# shellcheck shell=bash
# steps.sh - a long script as numbered steps, each printed with its time, for hack/start.sh.
# Source it (after hack/cluster/lib.sh, for now_ms and go_bin), set STEPS_TOTAL, STEPS_COMMAND
# (how the user ran it) and STEPS_RETRY (what running it again does), then:
#   step [--go|--own-progress] TITLE COMMAND...
# runs COMMAND in a subshell with set -e, its output indented. While it runs, a line every
# STEPS_HEARTBEAT_S seconds (default 20) says it is still working and for how long; with --go,
# also how many outputs the Go build has written to its cache; --own-progress: none (the
# command prints its own). A failing step ends the script with exit status 1, naming the step and
# how to retry. steps_timings prints every step's time and the total.
STEPS_HEARTBEAT_S=${STEPS_HEARTBEAT_S:-20}
STEPS_TOTAL=${STEPS_TOTAL:-0}
STEPS_COMMAND=${STEPS_COMMAND:-$0}
STEPS_RETRY=${STEPS_RETRY:-}
_steps_work=$(mktemp -d)
_steps_heartbeat=
_steps_no=0
_steps_timings=()
_steps_t0=$(now_ms)
_steps_cleanup() {
  [[ -z $_steps_heartbeat ]] || kill "$_steps_heartbeat" 2>/dev/null || true
  rm -rf "$_steps_work"
}
trap _steps_cleanup EXIT

fmt_secs() { # SECONDS -> 42s | 3m07s
  local s=$1
  if ((s < 60)); then printf '%ds' "$s"; else printf '%dm%02ds' $((s / 60)) $((s % 60)); fi
}
since() { fmt_secs $((($(now_ms) - $1) / 1000)); } # START_MS -> time since, as fmt_secs

# Go build progress: the outputs (*-d files) written to the build cache since the step began.
_steps_go_cache=$( (go_bin >/dev/null && "$(go_bin)" env GOCACHE) 2>/dev/null || true)
_steps_go_progress() {
  [[ -n $_steps_go_cache && -d $_steps_go_cache ]] || return 0
  printf ', Go build cache entries written: %d' \
    "$(find "$_steps_go_cache" -type f -name '*-d' -newer "$_steps_work/step-start" 2>/dev/null | wc -l)"
}

_steps_beat() { # TITLE START_MS GO(0|1): a line every STEPS_HEARTBEAT_S until SIGTERM
  local s=''
  trap '[[ -z $s ]] || kill "$s" 2>/dev/null; exit 0' TERM
  while :; do
    sleep "$STEPS_HEARTBEAT_S" >/dev/null 2>&1 &
    s=$!
    wait "$s" || true
    printf '    ... %s: still working, %s%s\n' "$1" "$(since "$2")" "$( (($3)) && _steps_go_progress)"
  done
}

step() {
  local go=0 beat=1 title t rc
  case $1 in
    --go) go=1 && shift ;;
    --own-progress) beat=0 && shift ;;
  esac
  title=$1
  shift
  _steps_no=$((_steps_no + 1))
  printf '\n==> [%d/%d] %s\n' "$_steps_no" "$STEPS_TOTAL" "$title"
  t=$(now_ms)
  touch "$_steps_work/step-start"
  if ((beat)); then
    _steps_beat "$title" "$t" "$go" &
    _steps_heartbeat=$!
  fi
  set +e
  (
    set -e
    "$@"
  ) 2>&1 | sed -u 's/^/    /'
  rc=${PIPESTATUS[0]}
  set -e
  if [[ -n $_steps_heartbeat ]]; then
    kill "$_steps_heartbeat" 2>/dev/null || true
    wait "$_steps_heartbeat" 2>/dev/null || true
    _steps_heartbeat=
  fi
  if ((rc != 0)); then
    printf '\n%s failed at step %d/%d (%s) after %s (exit %d); the messages above say why.\n' \
      "$STEPS_COMMAND" "$_steps_no" "$STEPS_TOTAL" "$title" "$(since "$t")" "$rc" >&2
    printf 'Fix the cause and run "%s" again%s\n' "$STEPS_COMMAND" "${STEPS_RETRY:+: $STEPS_RETRY}" >&2
    exit 1
  fi
  _steps_timings+=("$(printf '%-36s %7s' "$_steps_no. $title" "$(since "$t")")")
  printf '<== %s: done in %s\n' "$title" "$(since "$t")"
}

steps_timings() {
  echo
  echo "timings:"
  printf '  %s\n' "${_steps_timings[@]}"
  printf '  %-36s %7s\n' "total" "$(since "$_steps_t0")"
}
