#!/usr/bin/env bash
# Benchmark of the load generator itself. Against the same tiny keep-alive endpoint on 127.0.0.1,
# for the same time each, in interleaved rounds: testbed-load ab -k -c 50 (epoll engine, and .NET
# sockets with --io dotnet), wrk -c 50 -t 2, ab -k -c 50 and hey -c 50. Prints each tool's median
# requests/s, its ratio to wrk and to ab, the CPU time (user + sys) it spent per request, which is
# what a generator costs whatever the server can take, and the server's CPU time per request in the
# same run: on 2 shared cores, client + server CPU per request bounds what any tool can reach.
# Target (issue 3, 2 cores): testbed-load >= 0.9x wrk and >= 2x ab.
#
# Usage: scripts/bench-loadgen.sh [SECONDS] [--rounds N] [--endpoint nginx|testbed] [--tools LIST]
#   SECONDS   per tool and round (default 8)
#   --rounds  interleaved rounds; medians are reported (default 3)
#   --tools   comma-separated subset, in run order (default: testbed-load,testbed-load-dotnet,wrk,ab,hey).
#             testbed-load-dashboard is testbed-load with --dashboard and a page reading its event
#             stream: --tools testbed-load,testbed-load-dashboard measures the dashboard's cost.
#   --endpoint nginx (default; one worker, the lightest server, so the generator is what is
#              measured) or testbed (testbed-server web --mode async /index)
# Environment: COMPARE_REV=REV adds the row testbed-load@REV, built from that git revision (A/B).
# Builds into artifacts/ (scripts/lib/testbed.sh: TESTBED_ARTIFACTS, TESTBED_SKIP_BUILD).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/testbed.sh
source scripts/lib/testbed.sh
SECONDS_EACH=8
ROUNDS=3
ENDPOINT_KIND=nginx
TOOL_LIST=testbed-load,testbed-load-dotnet,wrk,ab,hey
while [[ $# -gt 0 ]]; do
  case $1 in
    --rounds) [[ $# -ge 2 ]] || usage_error "--rounds needs a value"; ROUNDS=$2; shift 2 ;;
    --endpoint) [[ $# -ge 2 ]] || usage_error "--endpoint needs a value"; ENDPOINT_KIND=$2; shift 2 ;;
    --tools) [[ $# -ge 2 ]] || usage_error "--tools needs a value"; TOOL_LIST=$2; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) [[ $1 =~ ^[0-9]+$ ]] || usage_error "unknown argument '$1'"; SECONDS_EACH=$1; shift ;;
  esac
done
[[ $ENDPOINT_KIND == nginx || $ENDPOINT_KIND == testbed ]] || usage_error "--endpoint must be nginx or testbed"
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || usage_error "--rounds must be a positive integer"
CONC=50
SERVER_PID=""
make_work bench-loadgen
track_pidfile "$WORK/nginx.pid"

IFS=, read -r -a TOOLS <<<"$TOOL_LIST"
for tool in "${TOOLS[@]}"; do
  case $tool in
    testbed-load|testbed-load-dotnet|testbed-load-dashboard) ;;
    wrk) need wrk wrk ;;
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

start_nginx() {
  need nginx nginx-light
  local port
  port=$(free_port)
  cat >"$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/error.log;
events { worker_connections 1024; }
http { access_log off; client_body_temp_path $WORK; keepalive_requests 100000000;
  server { listen 127.0.0.1:$port; location / { default_type text/plain; return 200 "hello world"; } } }
CONF
  nginx -c "$WORK/nginx.conf"
  sleep 0.5
  URL="http://127.0.0.1:$port/index"
  ENDPOINT="nginx (1 worker), /index"
}

start_testbed() {
  local server
  server=$(build_project servers/Testbed.Servers)
  "$server" web --mode async --urls http://127.0.0.1:0 --data-dir "$WORK/data" >"$WORK/server.out" 2>"$WORK/server.err" &
  SERVER_PID=$!
  track "$SERVER_PID"
  URL=$(wait_ready "$WORK/server.out" testbed-server 30 "$SERVER_PID") || { echo "bench-loadgen: testbed-server did not start" >&2; cat "$WORK/server.err" >&2; exit 1; }
  URL="$URL/index"
  ENDPOINT="testbed-server web --mode async, /index"
}

URL=""
if [[ $ENDPOINT_KIND == nginx ]]; then start_nginx; else start_testbed; fi
echo "== endpoint: $ENDPOINT at $URL; $SECONDS_EACH s per tool, $ROUNDS rounds, concurrency $CONC" >&2
"$LOAD" ab -n 1 "$URL" >/dev/null
# A short warm-up so that the server's JIT (testbed) is not charged to whichever tool runs first.
"$LOAD" ab -k -c "$CONC" -t 2 -n 100000000 -q "$URL" >/dev/null || true

# Note ab's option order: -t sets -n to 50000, so -n must come after -t.
command_for() {
  case $1 in
    testbed-load) echo "$LOAD ab -k -c $CONC -t $SECONDS_EACH -n 100000000 $URL" ;;
    testbed-load-dotnet) echo "$LOAD ab -k -c $CONC -t $SECONDS_EACH -n 100000000 --io dotnet $URL" ;;
    testbed-load-dashboard) echo "$LOAD ab -k -c $CONC -t $SECONDS_EACH -n 100000000 --dashboard $DASHBOARD_PORT $URL" ;;
    testbed-load@*) echo "$COMPARE_LOAD ab -k -c $CONC -t $SECONDS_EACH -n 100000000 $URL" ;;
    wrk) echo "wrk -c $CONC -t 2 -d ${SECONDS_EACH}s $URL" ;;
    ab) echo "ab -k -c $CONC -t $SECONDS_EACH -n 100000000 $URL" ;;
    hey) echo "hey -c $CONC -z ${SECONDS_EACH}s $URL" ;;
  esac
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
server_ticks() { if [[ -f "$WORK/nginx.pid" ]]; then cpu_ticks "$(cat "$WORK/nginx.pid")"; else cpu_ticks "$SERVER_PID"; fi; }

declare -A RPS CPU SRV
for round in $(seq 1 "$ROUNDS"); do
  for tool in "${TOOLS[@]}"; do
    echo "== round $round/$ROUNDS: $tool" >&2
    before=$(server_ticks)
    if [[ $tool == testbed-load-dashboard ]]; then
      # A page connected for the whole run, as a person watching it would be.
      DASHBOARD_PORT=$(free_port)
      ( for _ in $(seq 50); do curl -sN --max-time $((SECONDS_EACH + 5)) "http://127.0.0.1:$DASHBOARD_PORT/events" >"$WORK/events" 2>/dev/null && break; sleep 0.1; done ) &
      WATCHER=$!
      track "$WATCHER"
    fi
    # shellcheck disable=SC2046 # the command line is split into words on purpose
    /usr/bin/time -f "%U %S" -o "$WORK/time" $(command_for "$tool") >"$WORK/out" 2>/dev/null || true
    after=$(server_ticks)
    read -r n r < <(parse_output "$tool" <"$WORK/out")
    if [[ $tool == testbed-load-dashboard ]]; then
      wait "$WATCHER" 2>/dev/null || true
      echo "   dashboard events received: $(grep -c '^event: second' "$WORK/events" || true)" >&2
    fi
    SRV[$tool]="${SRV[$tool]:-} $(awk -v n="$n" -v t=$((after - before)) -v hz="$HZ" 'BEGIN { print (n > 0 ? t / hz * 1e6 / n : 0) }')"
    read -r user sys <"$WORK/time"
    RPS[$tool]="${RPS[$tool]:-} $r"
    CPU[$tool]="${CPU[$tool]:-} $(awk -v n="$n" -v u="$user" -v s="$sys" 'BEGIN { print (n > 0 ? (u + s) * 1e6 / n : 0) }')"
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
declare -A MED MEDCPU MEDSRV
for tool in "${TOOLS[@]}"; do
  MED[$tool]=$(median <<<"${RPS[$tool]}")
  MEDCPU[$tool]=$(median <<<"${CPU[$tool]}")
  MEDSRV[$tool]=$(median <<<"${SRV[$tool]}")
done

echo
echo "endpoint: $ENDPOINT; concurrency $CONC, keep-alive, ${SECONDS_EACH} s per tool, median of $ROUNDS interleaved rounds"
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-20s %11s %8s %8s %12s %12s   %s\n' tool "requests/s" "vs wrk" "vs ab" "tool us/req" "server us/req" "rounds (requests/s)"
for tool in "${TOOLS[@]}"; do
  awk -v t="$tool" -v r="${MED[$tool]}" -v w="${MED[wrk]:-0}" -v a="${MED[ab]:-0}" -v c="${MEDCPU[$tool]}" -v sv="${MEDSRV[$tool]}" -v all="${RPS[$tool]}" \
    'BEGIN { printf "%-20s %11.0f %8s %8s %12.2f %12.2f    %s\n", t, r, (w > 0 ? sprintf("%.2fx", r / w) : "-"), (a > 0 ? sprintf("%.2fx", r / a) : "-"), c, sv, all }'
done
echo "(us/req = CPU microseconds, user + sys, per completed request; $(nproc) cores = $(nproc)000000 us of CPU per second to share)"
awk -v l="${MED[testbed-load]:-0}" -v w="${MED[wrk]:-0}" -v a="${MED[ab]:-0}" -v d="${MED[testbed-load-dashboard]:-0}" 'BEGIN {
  if (d > 0 && l > 0) printf "dashboard cost: %.1f%% of testbed-load throughput (target <= 2%%)\n", (1 - d / l) * 100
  if (w == 0 || a == 0) exit
  printf "target testbed-load >= 0.9x wrk: %s (%.2fx)\n", (w > 0 && l >= 0.9 * w ? "met" : "NOT met"), (w > 0 ? l / w : 0)
  printf "target testbed-load >= 2x ab:    %s (%.2fx)\n", (a > 0 && l >= 2 * a ? "met" : "NOT met"), (a > 0 ? l / a : 0) }'
if [[ -n $COMPARE_REV && -n ${MEDCPU[testbed-load]:-} ]]; then
  awk -v n="${MEDCPU[testbed-load]}" -v o="${MEDCPU[testbed-load@$COMPARE_REV]}" -v rev="$COMPARE_REV" \
    'BEGIN { printf "testbed-load CPU per request against %s: %.3fx\n", rev, (o > 0 ? n / o : 0) }'
fi
