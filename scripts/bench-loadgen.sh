#!/usr/bin/env bash
# Benchmark of the load generator itself, in interleaved rounds against the same server on 127.0.0.1.
# Prints each tool's median requests/s, its ratio to wrk and to ab, the CPU time it spent per
# request (user and system apart, and their sum), which is what a generator costs whatever the
# server can take, and the server's CPU time per request in the same run: on 2 shared cores,
# client + server CPU per request bounds what any tool can reach.
#
# Keep-alive (default): for each concurrency of --concurrency (default 10,100,1000), the same time
# each: testbed-load ab -k (epoll engine, and .NET sockets with --io dotnet), wrk -t 2, ab -k, hey.
# Targets (2 cores): testbed-load >= 0.9x wrk, >= 2x ab, and CPU per request <= wrk's.
# Connection per request (--no-keepalive): ab's default, a connection opened and closed for every
# request, -n requests each (default 30000) at --concurrency (default 100): testbed-load ab, ab,
# hey -disable-keepalive (wrk has no such mode). Default endpoint: testbed-server web --mode async
# --workers 4, /index. Targets: testbed-load >= ab's requests/s and CPU per request <= ab's.
#
# Usage: scripts/bench-loadgen.sh [SECONDS] [--rounds N] [--endpoint nginx|testbed] [--tools LIST]
#                                 [--concurrency LIST] [--no-keepalive [--requests N]]
#   SECONDS        per tool and round, keep-alive mode (default 8)
#   --rounds       interleaved rounds; medians are reported (default 3)
#   --tools        comma-separated subset, in run order (default: testbed-load,testbed-load-dotnet,wrk,ab,hey;
#                  with --no-keepalive testbed-load,ab,hey). testbed-load-dashboard is testbed-load with
#                  --dashboard and a page reading its event stream: --tools testbed-load,testbed-load-dashboard
#                  measures the dashboard's cost.
#   --concurrency  comma-separated list of concurrencies, each measured in turn
#   --endpoint     nginx (keep-alive default; one worker answering `return 200`, the lightest server, so
#                  the generator is what is measured) or testbed (--no-keepalive default; testbed-server
#                  web --mode async --workers 4, /index)
#   --no-keepalive connection per request; --requests N per tool and round (default 30000)
# Environment: COMPARE_REV=REV adds the row testbed-load@REV, built from that git revision (A/B).
# Builds into artifacts/ (scripts/lib/testbed.sh: TESTBED_ARTIFACTS, TESTBED_SKIP_BUILD).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/testbed.sh
source scripts/lib/testbed.sh
SECONDS_EACH=8
ROUNDS=3
ENDPOINT_KIND=""
TOOL_LIST=""
CONC_LIST=""
KEEPALIVE=1
REQUESTS=30000
while [[ $# -gt 0 ]]; do
  case $1 in
    --rounds) [[ $# -ge 2 ]] || usage_error "--rounds needs a value"; ROUNDS=$2; shift 2 ;;
    --endpoint) [[ $# -ge 2 ]] || usage_error "--endpoint needs a value"; ENDPOINT_KIND=$2; shift 2 ;;
    --tools) [[ $# -ge 2 ]] || usage_error "--tools needs a value"; TOOL_LIST=$2; shift 2 ;;
    --concurrency) [[ $# -ge 2 ]] || usage_error "--concurrency needs a value"; CONC_LIST=$2; shift 2 ;;
    --requests) [[ $# -ge 2 ]] || usage_error "--requests needs a value"; REQUESTS=$2; shift 2 ;;
    --no-keepalive) KEEPALIVE=0; shift ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) [[ $1 =~ ^[0-9]+$ ]] || usage_error "unknown argument '$1'"; SECONDS_EACH=$1; shift ;;
  esac
done
if ((KEEPALIVE)); then
  : "${ENDPOINT_KIND:=nginx}" "${TOOL_LIST:=testbed-load,testbed-load-dotnet,wrk,ab,hey}" "${CONC_LIST:=10,100,1000}"
else
  : "${ENDPOINT_KIND:=testbed}" "${TOOL_LIST:=testbed-load,ab,hey}" "${CONC_LIST:=100}"
fi
[[ $ENDPOINT_KIND == nginx || $ENDPOINT_KIND == testbed ]] || usage_error "--endpoint must be nginx or testbed"
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || usage_error "--rounds must be a positive integer"
[[ $REQUESTS =~ ^[1-9][0-9]*$ ]] || usage_error "--requests must be a positive integer"
[[ $CONC_LIST =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || usage_error "--concurrency must be a comma-separated list of positive integers"
IFS=, read -r -a CONCS <<<"$CONC_LIST"
for c in "${CONCS[@]}"; do
  ((KEEPALIVE || c <= REQUESTS)) || usage_error "--requests ($REQUESTS) must be at least the concurrency ($c)"
done
SERVER_PID=""
make_work bench-loadgen

IFS=, read -r -a TOOLS <<<"$TOOL_LIST"
for tool in "${TOOLS[@]}"; do
  case $tool in
    testbed-load|testbed-load-dotnet|testbed-load-dashboard) ;;
    wrk) ((KEEPALIVE)) || usage_error "--tools: wrk has no connection-per-request mode (drop it with --no-keepalive)"; need wrk wrk ;;
    ab) need ab apache2-utils ;;
    hey) need hey hey ;;
    *) usage_error "--tools: unknown tool '$tool'" ;;
  esac
done
need /usr/bin/time time

LOAD=$(build_project loadtests/Testbed.Load)
COMPARE_REV=${COMPARE_REV:-}
if [[ -n $COMPARE_REV ]]; then
  COMPARE_LOAD=$(build_project_at "$COMPARE_REV" loadtests/Testbed.Load)
  TOOLS+=("testbed-load@$COMPARE_REV")
fi

start_nginx_endpoint() {
  local port
  port=$(free_port)
  start_nginx endpoint 1 "$port" 'default_type text/plain; return 200 "hello world";'
  URL="http://127.0.0.1:$port/index"
  ENDPOINT="nginx (1 worker), /index"
}

start_testbed() {
  local server
  server=$(build_project servers/Testbed.Servers)
  "$server" web --mode async --workers 4 --urls http://127.0.0.1:0 --data-dir "$WORK/data" >"$WORK/server.out" 2>"$WORK/server.err" &
  SERVER_PID=$!
  track "$SERVER_PID"
  URL=$(wait_ready "$WORK/server.out" testbed-server 30 "$SERVER_PID") || { echo "bench-loadgen: testbed-server did not start" >&2; cat "$WORK/server.err" >&2; exit 1; }
  URL="$URL/index"
  ENDPOINT="testbed-server web --mode async --workers 4, /index"
}

URL=""
if [[ $ENDPOINT_KIND == nginx ]]; then start_nginx_endpoint; else start_testbed; fi
if ((KEEPALIVE)); then MODE="keep-alive, ${SECONDS_EACH} s per tool"; else MODE="a connection per request, $REQUESTS requests per tool"; fi
echo "== endpoint: $ENDPOINT at $URL; $MODE, $ROUNDS rounds, concurrency $CONC_LIST" >&2
"$LOAD" ab -n 1 "$URL" >/dev/null
# A short warm-up so that the server's JIT (testbed) is not charged to whichever tool runs first.
"$LOAD" ab -k -c 50 -t 2 -n 100000000 -q "$URL" >/dev/null || true
((KEEPALIVE)) || "$LOAD" ab -c 50 -n 5000 -q "$URL" >/dev/null || true

# Note ab's option order: -t sets -n to 50000, so -n must come after -t.
# command_for TOOL CONCURRENCY
command_for() {
  local c=$2 load=$LOAD extra=""
  case $1 in
    testbed-load-dotnet) extra="--io dotnet" ;;
    testbed-load-dashboard) extra="--dashboard $DASHBOARD_PORT" ;;
    testbed-load@*) load=$COMPARE_LOAD ;;
  esac
  if ((KEEPALIVE)); then
    case $1 in
      testbed-load*) echo "$load ab -k -c $c -t $SECONDS_EACH -n 100000000 $extra $URL" ;;
      wrk) echo "wrk -c $c -t 2 -d ${SECONDS_EACH}s $URL" ;;
      ab) echo "ab -k -c $c -t $SECONDS_EACH -n 100000000 $URL" ;;
      hey) echo "hey -c $c -z ${SECONDS_EACH}s $URL" ;;
    esac
  else
    case $1 in
      testbed-load*) echo "$load ab -c $c -n $REQUESTS $extra $URL" ;;
      ab) echo "ab -c $c -n $REQUESTS $URL" ;;
      hey) echo "hey -c $c -n $REQUESTS -disable-keepalive $URL" ;;
    esac
  fi
}
# Prints "<requests> <requests/s>" from a tool's report.
parse_output() {
  case $1 in
    testbed-load*|ab) awk '/^Complete requests:/ {n=$3} /^Requests per second:/ {r=$4} END {print n+0, r+0}' ;;
    wrk) awk '/requests in/ {n=$1} /^Requests\/sec:/ {r=$2} END {print n+0, r+0}' ;;
    hey) awk '/\[200\]/ {n+=$2} /Requests\/sec:/ {r=$2} END {print n+0, r+0}' ;;
  esac
}

# CPU ticks (user + sys) used so far by the server (nginx's master and workers, or testbed-server).
server_ticks() { if [[ -f "$WORK/nginx-endpoint.pid" ]]; then cpu_ticks "$(cat "$WORK/nginx-endpoint.pid")"; else cpu_ticks "$SERVER_PID"; fi; }

# per_request N SECONDS: microseconds per request
per_request() { awk -v n="$1" -v t="$2" 'BEGIN { print (n > 0 ? t * 1e6 / n : 0) }'; }

# measure CONCURRENCY: the interleaved rounds at one concurrency, then its table.
measure() {
  local c=$1 round tool before after n r user sys
  local -A RPS USR SYS CPU SRV MED
  for round in $(seq 1 "$ROUNDS"); do
    for tool in "${TOOLS[@]}"; do
      echo "== c=$c round $round/$ROUNDS: $tool" >&2
      before=$(server_ticks)
      if [[ $tool == testbed-load-dashboard ]]; then
        # A page connected for the whole run, as a person watching it would be.
        DASHBOARD_PORT=$(free_port)
        ( for _ in $(seq 50); do curl -sN --max-time $((SECONDS_EACH + 60)) "http://127.0.0.1:$DASHBOARD_PORT/events" >"$WORK/events" 2>/dev/null && break; sleep 0.1; done ) &
        WATCHER=$!
        track "$WATCHER"
      fi
      # shellcheck disable=SC2046 # the command line is split into words on purpose
      /usr/bin/time -f "%U %S" -o "$WORK/time" $(command_for "$tool" "$c") >"$WORK/out" 2>/dev/null || true
      after=$(server_ticks)
      read -r n r < <(parse_output "$tool" <"$WORK/out")
      if [[ $tool == testbed-load-dashboard ]]; then
        wait "$WATCHER" 2>/dev/null || true
        echo "   dashboard events received: $(grep -c '^event: second' "$WORK/events" || true)" >&2
      fi
      read -r user sys <"$WORK/time"
      RPS[$tool]="${RPS[$tool]:-} $r"
      USR[$tool]="${USR[$tool]:-} $(per_request "$n" "$user")"
      SYS[$tool]="${SYS[$tool]:-} $(per_request "$n" "$sys")"
      CPU[$tool]="${CPU[$tool]:-} $(per_request "$n" "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')")"
      SRV[$tool]="${SRV[$tool]:-} $(per_request "$n" "$(awk -v t=$((after - before)) -v hz="$HZ" 'BEGIN { print t / hz }')")"
    done
  done

  echo
  echo "endpoint: $ENDPOINT; concurrency $c, $MODE, median of $ROUNDS interleaved rounds"
  echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  printf '%-20s %11s %8s %8s %9s %9s %9s %10s   %s\n' tool "requests/s" "vs wrk" "vs ab" "user us" "sys us" "tool us" "server us" "rounds (requests/s)"
  for tool in "${TOOLS[@]}"; do MED[$tool]=$(median <<<"${RPS[$tool]}"); done
  for tool in "${TOOLS[@]}"; do
    MEDCPU[$tool]=$(median <<<"${CPU[$tool]}")
    awk -v t="$tool" -v r="${MED[$tool]}" -v w="${MED[wrk]:-0}" -v a="${MED[ab]:-0}" -v u="$(median <<<"${USR[$tool]}")" \
      -v s="$(median <<<"${SYS[$tool]}")" -v cpu="${MEDCPU[$tool]}" -v sv="$(median <<<"${SRV[$tool]}")" -v all="${RPS[$tool]}" \
      'BEGIN { printf "%-20s %11.0f %8s %8s %9.2f %9.2f %9.2f %10.2f    %s\n", t, r, (w > 0 ? sprintf("%.2fx", r / w) : "-"),
               (a > 0 ? sprintf("%.2fx", r / a) : "-"), u, s, cpu, sv, all }'
  done
  echo "(us = CPU microseconds per completed request: user, sys, and the tool's total; $(nproc) cores = $(nproc)000000 us of CPU per second to share)"
  awk -v l="${MED[testbed-load]:-0}" -v w="${MED[wrk]:-0}" -v a="${MED[ab]:-0}" -v d="${MED[testbed-load-dashboard]:-0}" \
    -v lc="${MEDCPU[testbed-load]:-0}" -v wc="${MEDCPU[wrk]:-0}" -v ac="${MEDCPU[ab]:-0}" -v ka="$KEEPALIVE" 'BEGIN {
    if (d > 0 && l > 0) printf "dashboard cost: %.1f%% of testbed-load throughput (target <= 2%%)\n", (1 - d / l) * 100
    if (l == 0) exit
    if (ka && w > 0) {
      printf "target testbed-load >= 0.9x wrk:        %s (%.2fx)\n", (l >= 0.9 * w ? "met" : "NOT met"), l / w
      printf "target CPU per request <= wrk'"'"'s:        %s (%.2f against %.2f us)\n", (lc <= wc ? "met" : "NOT met"), lc, wc
    }
    if (ka && a > 0) printf "target testbed-load >= 2x ab:           %s (%.2fx)\n", (l >= 2 * a ? "met" : "NOT met"), l / a
    if (!ka && a > 0) {
      printf "target testbed-load >= ab'"'"'s requests/s:  %s (%.2fx)\n", (l >= a ? "met" : "NOT met"), l / a
      printf "target CPU per request <= ab'"'"'s:         %s (%.2f against %.2f us)\n", (lc <= ac ? "met" : "NOT met"), lc, ac
    } }'
  if [[ -n $COMPARE_REV && -n ${MEDCPU[testbed-load]:-} ]]; then
    awk -v n="${MEDCPU[testbed-load]}" -v o="${MEDCPU[testbed-load@$COMPARE_REV]}" -v rev="$COMPARE_REV" \
      'BEGIN { printf "testbed-load CPU per request against %s: %.3fx\n", rev, (o > 0 ? n / o : 0) }'
  fi
}

declare -A MEDCPU
for c in "${CONCS[@]}"; do
  MEDCPU=()
  measure "$c"
done
