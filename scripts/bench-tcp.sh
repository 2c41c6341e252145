#!/usr/bin/env bash
# Benchmark of the raw TCP echo servers (experiment E8): connections/s of every `testbed-server tcp`
# mode under `ab` without keep-alive (one request per connection, the way the source's clients used
# them), at concurrency 50. For each mode it also checks that nothing leaks: the descriptors of the
# server and its children after the run (10000 connections in-process, fewer in process mode) must
# equal those before, and the server's own counters must agree with ab.
# The server runs unconfined (no CPU limit) on the same machine as ab; on a shared 2-core box the
# figures are relative, not absolute.
# Process mode runs once per child in CHILDREN (`--child aot`, the Native AOT echo child, and
# `--child runtime`, a .NET runtime start per connection); its rows are process/aot, process/runtime.
# cpu_ms/conn is the server's CPU (its own and its reaped children's, user + system) per connection.
# Usage: scripts/bench-tcp.sh            Env: N (connections per in-process mode, default 10000),
#        AOT_N (process mode with the AOT child, default 3000, the `ab -n 3000 -c 50` of the E8 target), PROCESS_N (process mode with the
#        runtime child, default 500), CONC (default 50), MODES (default all), CHILDREN (default "aot runtime");
#        TESTBED_ECHO_CHILD=PATH runs process/aot with another build of the child (A/B of child builds).
#        Builds into artifacts/ (scripts/lib/testbed.sh: TESTBED_ARTIFACTS, TESTBED_SKIP_BUILD).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/testbed.sh
source scripts/lib/testbed.sh
[[ $# -eq 0 ]] || usage_error "takes no arguments (settings come from the environment: N, AOT_N, PROCESS_N, CONC, MODES, CHILDREN)"
N=${N:-10000}
AOT_N=${AOT_N:-3000}
PROCESS_N=${PROCESS_N:-500}
CHILDREN=${CHILDREN:-"aot runtime"}
CONC=${CONC:-50}
MODES=${MODES:-"single process prefork thread async"}
make_work bench-tcp
need ab apache2-utils
SERVER=$(build_project servers/Testbed.Servers)

# Descriptors of a process and its children (prefork workers; process-mode children are transient).
descriptors() {
  local total=0 pid
  for pid in "$1" $(ps -o pid= --ppid "$1" 2>/dev/null); do
    total=$((total + $(find "/proc/$pid/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)))
  done
  echo "$total"
}

# Ticks of user + system time of a process and of its children it has reaped (fields 14-17).
server_ticks() { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$1/stat"; }

runs=()
for mode in $MODES; do
  if [[ "$mode" == process ]]; then
    for child in $CHILDREN; do runs+=("process/$child"); done
  else
    runs+=("$mode")
  fi
done

printf '%-15s %7s %8s %10s %10s %12s %8s %9s %9s %10s\n' mode conns failed "conn/s" "mean_ms" "cpu_ms/conn" answered processes fds_before fds_after
for run in "${runs[@]}"; do
  mode=${run%%/*}; child_args=(); n=$N; warm=200
  if [[ "$run" == process/* ]]; then
    child_args=(--child "${run#process/}"); warm=20
    if [[ "${run#process/}" == runtime ]]; then n=$PROCESS_N; else n=$AOT_N; fi
  fi
  log="$WORK/${run//\//-}.log"; stats="$WORK/${run//\//-}.json"
  "$SERVER" tcp --mode "$mode" "${child_args[@]}" --port 0 --stats-interval 0 --stats-file "$stats" --backlog 1024 >"$log" 2>&1 &
  SERVER_PID=$!
  track "$SERVER_PID"
  address=$(wait_ready "$log" "testbed-server tcp" 60 "$SERVER_PID") || { echo "$mode: no ready line" >&2; cat "$log" >&2; exit 1; }
  port=${address##*:}

  ab -q -n "$warm" -c 10 "http://127.0.0.1:$port/" >/dev/null 2>&1
  sleep 0.5
  before=$(descriptors "$SERVER_PID")
  ticks=$(server_ticks "$SERVER_PID")
  ab -q -n "$n" -c "$CONC" "http://127.0.0.1:$port/" >"$WORK/$mode.ab" 2>&1 || true
  ticks=$(( $(server_ticks "$SERVER_PID") - ticks ))
  after=$(descriptors "$SERVER_PID")
  for _ in $(seq 50); do [[ "$after" == "$before" ]] && break; sleep 0.1; after=$(descriptors "$SERVER_PID"); done

  kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || true
  rps=$(awk '/^Requests per second/ {print $4}' "$WORK/$mode.ab")
  mean=$(awk '/^Time per request:.*\(mean\)$/ {print $4}' "$WORK/$mode.ab")
  failed=$(awk '/^Failed requests/ {print $3}' "$WORK/$mode.ab")
  done_n=$(awk '/^Complete requests/ {print $3}' "$WORK/$mode.ab")
  answered=$(grep -oP '"answered": \K[0-9]+' "$stats")
  processes=$(grep -oP '"processesStarted": \K[0-9]+' "$stats")
  cpu=$(awk -v t="$ticks" -v hz="$HZ" -v n="${done_n:-0}" 'BEGIN { if (n > 0) printf "%.3f", t * 1000 / hz / n; else print "?" }')
  printf '%-15s %7s %8s %10s %10s %12s %8s %9s %9s %10s\n' "$run" "${done_n:-0}" "${failed:-?}" "${rps:-?}" "${mean:-?}" "$cpu" "$answered" "$processes" "$before" "$after"
done
echo "(answered and processes include the warm-up: 200 connections, 20 in process mode; fds = server + its children)"
