#!/usr/bin/env bash
# Benchmark of the load generator itself: testbed-load ab -k -c 50, wrk -c 50 -t 2, ab -k -c 50 and
# hey -c 50 against the same tiny keep-alive endpoint on 127.0.0.1 for the same time each, then a
# table of requests/s and the ratio to wrk. Target (2 cores): testbed-load >= 0.9x wrk, >= 2x ab.
# The endpoint is `testbed-server web --mode async` /index when it builds, else nginx (apt).
# Usage: scripts/bench-loadgen.sh [SECONDS]   (default 10; env ART = artifacts path, default /tmp/art-load)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-10}
ART=${ART:-/tmp/art-load}
CONC=50
WORK=$(mktemp -d /tmp/bench-loadgen.XXXXXX)
SERVER_PID=""
cleanup() {
  [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null || true
  [[ -f "$WORK/nginx.pid" ]] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

need() { command -v "$1" >/dev/null 2>&1 || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk
need ab apache2-utils
need hey hey

echo "== building testbed-load (Release)" >&2
dotnet build -c Release loadtests/Testbed.Load --artifacts-path "$ART" -v q -nologo >&2
LOAD="$ART/bin/Testbed.Load/release/testbed-load"

URL=""
if dotnet build -c Release servers/Testbed.Servers --artifacts-path "$ART" -v q -nologo >&2 2>&1; then
  SERVER="$ART/bin/Testbed.Servers/release/testbed-server"
  "$SERVER" web --mode async --urls http://127.0.0.1:0 >"$WORK/server.out" 2>"$WORK/server.err" &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    URL=$(sed -n 's/^testbed-server ready on \(\S*\) .*/\1/p' "$WORK/server.out")
    [[ -n "$URL" ]] && break
    sleep 0.1
  done
  [[ -n "$URL" ]] && URL="$URL/index" && ENDPOINT="testbed-server web --mode async, /index"
fi
if [[ -z "$URL" ]]; then
  [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
  need nginx nginx-light
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  cat >"$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/error.log;
events { worker_connections 1024; }
http { access_log off; client_body_temp_path $WORK; keepalive_requests 100000000;
  server { listen 127.0.0.1:$PORT; location / { default_type text/plain; return 200 "hello world"; } } }
CONF
  nginx -c "$WORK/nginx.conf"
  sleep 0.5
  URL="http://127.0.0.1:$PORT/index"
  ENDPOINT="nginx (1 worker), /index"
fi
echo "== endpoint: $ENDPOINT at $URL; $SECONDS_EACH s each, concurrency $CONC" >&2
curl -fsS "$URL" >/dev/null 2>&1 || "$LOAD" ab -n 1 "$URL" >/dev/null

# A short warm-up so that the server's JIT is not charged to whichever tool runs first.
"$LOAD" ab -k -c "$CONC" -n 100000000 -t 2 -q "$URL" >/dev/null || true

run_load() { "$LOAD" ab -k -c "$CONC" -n 100000000 -t "$SECONDS_EACH" "$URL" | sed -n 's/^Requests per second: *\([0-9.]*\).*/\1/p'; }
run_wrk()  { wrk -c "$CONC" -t 2 -d "${SECONDS_EACH}s" "$URL" | sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p'; }
run_ab()   { ab -k -c "$CONC" -n 100000000 -t "$SECONDS_EACH" "$URL" 2>/dev/null | sed -n 's/^Requests per second: *\([0-9.]*\).*/\1/p'; }
run_hey()  { hey -c "$CONC" -z "${SECONDS_EACH}s" "$URL" | sed -n 's/^[[:space:]]*Requests\/sec:[[:space:]]*\([0-9.]*\).*/\1/p'; }

declare -A RPS
for tool in testbed-load wrk ab hey; do
  echo "== $tool" >&2
  case $tool in
    testbed-load) RPS[$tool]=$(run_load) ;;
    wrk) RPS[$tool]=$(run_wrk) ;;
    ab) RPS[$tool]=$(run_ab) ;;
    hey) RPS[$tool]=$(run_hey) ;;
  esac
done

echo
echo "endpoint: $ENDPOINT; concurrency $CONC, keep-alive, ${SECONDS_EACH} s each; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-14s %14s %12s\n' tool "requests/s" "vs wrk"
for tool in testbed-load wrk ab hey; do
  awk -v t="$tool" -v r="${RPS[$tool]:-0}" -v w="${RPS[wrk]:-0}" \
    'BEGIN { printf "%-14s %14.0f %11.2fx\n", t, r, (w > 0 ? r / w : 0) }'
done
awk -v l="${RPS[testbed-load]:-0}" -v a="${RPS[ab]:-0}" 'BEGIN { if (a > 0) printf "testbed-load / ab: %.2fx\n", l / a }'
