#!/usr/bin/env bash
# CPU profile of testbed-proxy and of the reference forwarder under the same wrk load, one after the
# other, each put into issue 16's cost categories (proxy-perf-categories.py) with µs per request from
# the proxy's own CPU time over the recorded interval. Needs perf and the builds of bench-proxy.sh.
# Usage: scripts/bench/proxy-profile.sh [SECONDS]   (default 15 s recorded after a WARMUP of 20 s)
# Env: TARGETS (default "testbed-proxy reference"), CONC (64), WRK_THREADS (2), WARMUP (20).
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=../lib/testbed.sh
source scripts/lib/testbed.sh
RECORD=${1:-15}
[[ $RECORD =~ ^[1-9][0-9]*$ ]] || usage_error "SECONDS must be a positive integer"
TARGETS=${TARGETS:-testbed-proxy reference}
CONC=${CONC:-64}
WRK_THREADS=${WRK_THREADS:-2}
WARMUP=${WARMUP:-20}
need perf linux-perf
need wrk wrk
make_work proxy-profile

SERVER_EXE=$(build_project servers/Testbed.Servers)
PROXY_EXE=$(build_project proxy/Testbed.Proxy)
REFERENCE_EXE=$(build_project scripts/bench/MinimalForwarder)
"$SERVER_EXE" web --mode async --urls http://127.0.0.1:0 >"$WORK/server.out" 2>"$WORK/server.err" &
track "$!"
BACKEND=$(wait_ready "$WORK/server.out" "testbed-server" 30 "$!")
BACKEND=${BACKEND%/}

for target in $TARGETS; do
  case $target in
    testbed-proxy) prefix=testbed-proxy; cmd=("$PROXY_EXE" --backend "$BACKEND" --urls http://127.0.0.1:0) ;;
    reference) prefix=minimal-forwarder; cmd=("$REFERENCE_EXE" "$BACKEND" http://127.0.0.1:0) ;;
    *) usage_error "unknown target '$target' (testbed-proxy, reference)" ;;
  esac
  DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 "${cmd[@]}" >"$WORK/$target.out" 2>"$WORK/$target.err" &
  pid=$!
  track "$pid"
  url=$(wait_ready "$WORK/$target.out" "$prefix" 30 "$pid")
  url="${url%/}/index"
  wrk -t "$WRK_THREADS" -c "$CONC" -d "${WARMUP}s" "$url" >/dev/null
  wrk -t "$WRK_THREADS" -c "$CONC" -d "$((RECORD + 4))s" "$url" >"$WORK/$target.wrk" &
  wrk_pid=$!
  sleep 2
  t0=$(cpu_ticks "$pid")
  perf record -F 999 -g -p "$pid" -o "$WORK/$target.data" -- sleep "$RECORD" 2>/dev/null
  t1=$(cpu_ticks "$pid")
  wait "$wrk_pid"
  rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$WORK/$target.wrk")
  us=$(awk -v t=$((t1 - t0)) -v hz="$HZ" -v rps="$rps" -v s="$RECORD" 'BEGIN { printf "%.1f", t / hz * 1e6 / (rps * s) }')
  kill "$pid"
  perf script -i "$WORK/$target.data" -F comm,tid,ip,sym,dso >"$WORK/$target.txt" 2>/dev/null
  echo "## $target: $rps requests/s, $us µs CPU per request (under perf)"
  python3 scripts/bench/proxy-perf-categories.py "$WORK/$target.txt" "$us"
  echo
done
