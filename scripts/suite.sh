#!/usr/bin/env bash
# The comparison suite: builds testbed-server, testbed-proxy, testbed-load and testbed-suite
# (Release, into artifacts/) and runs `testbed-suite`, by default locally with the quick parameters
# (all nine experiments in a few minutes on two cores). Every argument is passed to the suite:
#
#   scripts/suite.sh                      # local, quick, all experiments
#   scripts/suite.sh --full               # the sources' exact loads (long)
#   scripts/suite.sh --only e1,e3         # some experiments
#   scripts/suite.sh --targets compose    # against the docker-compose services (see docker-compose.yml)
#   scripts/suite.sh --repeat 5           # the stability check: the suite 5 times in a row, then a
#                                         # table of every claim x run (stability.md beside the runs)
#
# Reports go to results/<timestamp>/ (report.md, report.html, results.json, raw/). Run as root
# for CPU limits through cgroups (else cpulimit if installed, else unlimited with a warning).
# Env: TESTBED_ARTIFACTS (build folder, default artifacts/), TESTBED_SKIP_BUILD=1 (use what is built).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/testbed.sh
source scripts/lib/testbed.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Release builds of their own, so that the suite never runs a stale or half-built Debug binary.
server=$(build_project servers/Testbed.Servers)
proxy=$(build_project proxy/Testbed.Proxy)
load=$(build_project loadtests/Testbed.Load)
suite=$(build_project loadtests/Testbed.Suite)
run_suite() { "$suite" --server-exe "$server" --proxy-exe "$proxy" --load-exe "$load" --experiments "$REPO/scripts/experiments" "$@"; }

# --repeat N is this script's own; every other argument goes to each run. --out names the folder
# that holds the N runs (default results/repeat-<timestamp>).
repeat="" out="" args=()
while (($#)); do
  case "$1" in
    --repeat) [[ $# -ge 2 ]] || usage_error "--repeat needs a count"; repeat=$2; shift 2 ;;
    --repeat=*) repeat=${1#--repeat=}; shift ;;
    --out) [[ $# -ge 2 ]] || usage_error "--out needs a folder"; out=$2; shift 2 ;;
    --out=*) out=${1#--out=}; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
if [[ -z "$repeat" ]]; then
  run_suite ${out:+--out "$out"} "${args[@]}" || exit $?
  exit 0
fi
[[ "$repeat" =~ ^[1-9][0-9]*$ ]] || usage_error "--repeat must be a positive count, not '$repeat'"
need jq jq
base=${out:-results/repeat-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$base"
status=0
for ((run = 1; run <= repeat; run++)); do
  echo "== run $run of $repeat" >&2
  # Each run writes $base/<timestamp>/; a run that fails an experiment still leaves its results.json.
  run_suite --out "$base" "${args[@]}" || status=$?
  [[ $status -eq 130 ]] && exit 130
  sleep 1 # distinct <timestamp> folders
done

# The table: one row per claim (in the order the runs report them), one column per run with its verdict and numbers, and how many runs reproduced it.
mapfile -t results < <(find "$base" -mindepth 2 -maxdepth 2 -name results.json | sort)
{
  echo "# Stability: ${#results[@]} suite runs"
  echo
  echo "Command: \`scripts/suite.sh --repeat $repeat ${args[*]}\`, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end."
  echo
  printf '| claim | reproduced |'
  for ((i = 1; i <= ${#results[@]}; i++)); do printf ' run %d |' "$i"; done
  printf '\n|---|---:|'
  for ((i = 1; i <= ${#results[@]}; i++)); do printf -- '---|'; done
  printf '\n'
  jq -s -r '
    (length) as $runs
    | [ .[] | [ .experiments[] as $e | ($e.claims[] | {key: "\(.experiment) \(.id)", verdict, detail}),
                (if $e.status == "failed" and ($e.claims | length) == 0 then {key: "\($e.id) (experiment)", verdict: "failed", detail: $e.failureReason} else empty end) ] ] as $all
    | ($all | map(map(.key)) | add | reduce .[] as $k ([]; if any(.[]; . == $k) then . else . + [$k] end)) as $keys
    | $keys[] as $k
    | [ $all[] | (map(select(.key == $k)) | first) ] as $cells
    | "| \($k) | \($cells | map(select(. != null and .verdict == "reproduced")) | length)/\($runs) | "
      + ($cells | map(if . == null then "—" else "**\(.verdict)**: \(.detail | gsub("\\|"; "\\\\|"))" end) | join(" | ")) + " |"
  ' "${results[@]}"
  echo
  echo "Runs: $(printf '%s ' "${results[@]%/results.json}")"
} > "$base/stability.md"
echo "stability table: $base/stability.md" >&2
exit "$status"
