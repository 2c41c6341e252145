#!/usr/bin/env bash
# Benchmark of testbed-proxy: the same wrk load (keep-alive, -c CONC, SECONDS each) sent straight to
# one backend, through testbed-proxy, and through nginx (same upstream, keep-alive to the upstream),
# in one run; prints requests/s, p50/p99 latency, errors, the ratio to direct and the CPU time each
# proxy and the backend spent per request (user + sys, microseconds) for each.
# Source figure: nginx kept 0.84 of direct. Aim: testbed-proxy >= nginx.
# The backend is `testbed-server web --mode async` /index when it builds, else nginx serving a
# static answer. Everything (wrk, backend, proxies) shares this machine's cores, so with an
# unlimited backend the ratios also price the proxy's own CPU; BACKEND_CPUS=0.5 limits the backend
# (cgroup) so that it, not the proxy, is the bottleneck, as in the source's set-up.
# Usage: scripts/bench-proxy.sh [SECONDS]   (default 10)
# Env: CONC (default 64), WRK_THREADS (default 2), BACKEND_CPUS (default unlimited),
#      WARMUP (seconds of load before testbed-proxy is measured, default 15: the JIT's tiered
#      compilation of YARP and Kestrel takes that long under load, and a proxy runs for days).
#      Builds into artifacts/ (scripts/lib/testbed.sh: TESTBED_ARTIFACTS, TESTBED_SKIP_BUILD).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/testbed.sh
source scripts/lib/testbed.sh
[[ $# -le 1 ]] || usage_error "expected at most one argument, SECONDS"
[[ ${1:-10} =~ ^[1-9][0-9]*$ ]] || usage_error "SECONDS must be a positive integer, not '$1'"
SECONDS_EACH=${1:-10}
CONC=${CONC:-64}
WRK_THREADS=${WRK_THREADS:-2}
BACKEND_CPUS=${BACKEND_CPUS:-}
WARMUP=${WARMUP:-15}
make_work bench-proxy
track_pidfile "$WORK/nginx-backend.pid" "$WORK/nginx-proxy.pid"

need wrk wrk
need nginx nginx-light
need curl curl

# start_nginx NAME PORT LOCATION_BODY [UPSTREAM_BLOCK]
start_nginx() {
  cat >"$WORK/nginx-$1.conf" <<CONF
worker_processes auto;
pid $WORK/nginx-$1.pid;
error_log $WORK/nginx-$1.err warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/$1-body; proxy_temp_path $WORK/$1-proxy;
  fastcgi_temp_path $WORK/$1-fcgi; uwsgi_temp_path $WORK/$1-uwsgi; scgi_temp_path $WORK/$1-scgi;
  keepalive_requests 100000000;
  ${4:-}
  server { listen 127.0.0.1:$2; location / { $3 } }
}
CONF
  nginx -c "$WORK/nginx-$1.conf"
}

PROXY_EXE=$(build_project proxy/Testbed.Proxy)

BACKEND=""
if SERVER_EXE=$(build_project servers/Testbed.Servers 2>"$WORK/server-build.log"); then
  "$SERVER_EXE" web --mode async --urls http://127.0.0.1:0 >"$WORK/server.out" 2>"$WORK/server.err" &
  BACKEND_PID=$!
  track "$BACKEND_PID"
  if BACKEND=$(wait_ready "$WORK/server.out" "testbed-server" 30 "$BACKEND_PID"); then
    BACKEND_NAME="testbed-server web --mode async"
  else
    BACKEND=""
  fi
fi
if [[ -z "$BACKEND" ]]; then
  echo "== testbed-server unavailable; the backend is nginx serving a static answer" >&2
  PORT=$(free_port)
  start_nginx backend "$PORT" 'default_type text/plain; return 200 "Hello, World!";'
  sleep 0.3
  BACKEND_PID=$(cat "$WORK/nginx-backend.pid")
  BACKEND="http://127.0.0.1:$PORT"
  BACKEND_NAME="nginx static"
fi
BACKEND=${BACKEND%/}

if [[ -n "$BACKEND_CPUS" ]] && ! cgroup_limit bench-proxy "$BACKEND_CPUS" "$BACKEND_PID"; then
  echo "== no writable cgroup: BACKEND_CPUS ignored" >&2
  BACKEND_CPUS=""
fi

"$PROXY_EXE" --backend "$BACKEND" --urls http://127.0.0.1:0 >"$WORK/proxy.out" 2>"$WORK/proxy.err" &
PROXY_PID=$!
track "$PROXY_PID"
PROXY=$(wait_ready "$WORK/proxy.out" "testbed-proxy" 30 "$PROXY_PID") || { cat "$WORK/proxy.err" >&2; exit 1; }
PROXY=${PROXY%/}

NGINX_PORT=$(free_port)
BACKEND_HOSTPORT=${BACKEND#http://}
# shellcheck disable=SC2016 # nginx variables, not shell ones
start_nginx proxy "$NGINX_PORT" \
  'proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host $host; proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;' \
  "upstream backend { server $BACKEND_HOSTPORT; keepalive 64; }"
NGINX="http://127.0.0.1:$NGINX_PORT"
sleep 0.3

declare -A URL=([direct]="$BACKEND/index" [testbed-proxy]="$PROXY/index" [nginx]="$NGINX/index")
for target in direct testbed-proxy nginx; do
  curl -fsS -o /dev/null "${URL[$target]}" || { echo "$target: ${URL[$target]} does not answer 200" >&2; exit 1; }
done

echo "== backend: $BACKEND_NAME at $BACKEND${BACKEND_CPUS:+ (limited to $BACKEND_CPUS CPU)}; wrk -t $WRK_THREADS -c $CONC, $SECONDS_EACH s each, $(nproc) cores" >&2
# Warm-up: JIT and connection pools are not charged to whichever target runs first; testbed-proxy
# gets WARMUP seconds, after which its CPU per request has settled (about 2 s are not enough:
# the JIT then still takes a quarter of the proxy's CPU).
for target in direct testbed-proxy nginx; do
  secs=2; [[ $target == testbed-proxy ]] && secs=$WARMUP
  echo "== warm-up: $target, $secs s" >&2
  wrk -t "$WRK_THREADS" -c "$CONC" -d "${secs}s" "${URL[$target]}" >/dev/null
done

NGINX_PROXY_PID=$(cat "$WORK/nginx-proxy.pid")
declare -A PROXY_PIDS=([direct]="" [testbed-proxy]="$PROXY_PID" [nginx]="$NGINX_PROXY_PID")

declare -A RPS P50 P99 ERR PCPU BCPU
for target in direct testbed-proxy nginx; do
  echo "== $target" >&2
  # shellcheck disable=SC2086
  p0=$(cpu_ticks ${PROXY_PIDS[$target]}); b0=$(cpu_ticks "$BACKEND_PID")
  out=$(wrk -t "$WRK_THREADS" -c "$CONC" -d "${SECONDS_EACH}s" --latency "${URL[$target]}")
  # shellcheck disable=SC2086
  p1=$(cpu_ticks ${PROXY_PIDS[$target]}); b1=$(cpu_ticks "$BACKEND_PID")
  n=$(awk '/requests in/ { print $1 }' <<<"$out")
  PCPU[$target]=$(awk -v t=$((p1 - p0)) -v n="${n:-0}" -v hz="$HZ" 'BEGIN { printf "%.1f", (n > 0 ? t / hz * 1e6 / n : 0) }')
  BCPU[$target]=$(awk -v t=$((b1 - b0)) -v n="${n:-0}" -v hz="$HZ" 'BEGIN { printf "%.1f", (n > 0 ? t / hz * 1e6 / n : 0) }')
  RPS[$target]=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' <<<"$out")
  P50[$target]=$(awk '$1=="50%"{print $2}' <<<"$out")
  P99[$target]=$(awk '$1=="99%"{print $2}' <<<"$out")
  non2xx=$(sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' <<<"$out")
  sockerr=$(sed -n 's/^ *Socket errors: connect \([0-9]*\), read \([0-9]*\), write \([0-9]*\), timeout \([0-9]*\).*/\1+\2+\3+\4/p' <<<"$out")
  ERR[$target]=$(( ${non2xx:-0} + ${sockerr:-0} ))
done

printf '\n%-15s %12s %9s %9s %8s %10s %14s %16s\n' target "requests/s" p50 p99 errors "vs direct" "proxy us/req" "backend us/req"
for target in direct testbed-proxy nginx; do
  ratio=$(python3 -c "print(f'{${RPS[$target]}/${RPS[direct]}:.2f}')")
  printf '%-15s %12.0f %9s %9s %8s %10s %14s %16s\n' "$target" "${RPS[$target]}" "${P50[$target]}" "${P99[$target]}" "${ERR[$target]}" "$ratio" "${PCPU[$target]}" "${BCPU[$target]}"
done
verdict=$(python3 -c "print('testbed-proxy >= nginx: yes' if ${RPS[testbed-proxy]} >= ${RPS[nginx]} else 'testbed-proxy >= nginx: NO')")
echo "$verdict (source: nginx kept 0.84 of direct)"
