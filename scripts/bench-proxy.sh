#!/usr/bin/env bash
# Benchmark of testbed-proxy: the same wrk load (keep-alive, -c CONC, SECONDS each) sent straight to
# one backend, through testbed-proxy, through a minimal YARP direct forwarder (the reference: the
# least Kestrel + YARP + SocketsHttpHandler can spend, built from scripts/bench/MinimalForwarder) and
# through nginx (same upstream, keep-alive to the upstream). Targets run in interleaved rounds (the
# order rotates each round) and every figure is the median over the rounds: requests/s, p50/p99
# latency, errors, the ratio to direct, and the CPU time (user + sys) each proxy and the backend spent
# per request. CPU per request is the robust figure on a shared machine; requests/s is not.
# Targets (issue 16): testbed-proxy <= 1.1x the reference's CPU per request; aim at 1.2x nginx's.
# The backend is `testbed-server web --mode async` /index when it builds, else nginx serving a
# static answer. BACKEND_CPUS=0.5 limits the backend (cgroup) so that it, not the proxy, is the
# bottleneck, as in the source's set-up.
# Usage: scripts/bench-proxy.sh [SECONDS] [--rounds N]   (defaults 10 s, 3 rounds)
# Env: CONC (default 64), WRK_THREADS (default 2), BACKEND_CPUS (default unlimited),
#      WARMUP (seconds of load before each .NET proxy is measured, default 15: tiered compilation of
#      YARP and Kestrel takes that long under load, and a proxy runs for days),
#      TARGETS (rows, default "direct testbed-proxy reference nginx"),
#      COMPARE_REV (a git revision: adds the row testbed-proxy@REV, built from that revision's proxy/),
#      COMPARE_ENV ("NAME=VALUE ...": environment of the compare row; without COMPARE_REV the row is
#      this tree's testbed-proxy under that environment; several environments separated by ';' give
#      one row each, all in the same interleaved rounds): A/B measurements of one change.
#      COMPARE_EXE (path of an already built testbed-proxy, e.g. a Native AOT publish: the compare rows
#      run it instead of this tree's build or COMPARE_REV's).
#      Builds into artifacts/ (scripts/lib/testbed.sh: TESTBED_ARTIFACTS, TESTBED_SKIP_BUILD).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/testbed.sh
source scripts/lib/testbed.sh
SECONDS_EACH=10
ROUNDS=3
while [[ $# -gt 0 ]]; do
  case $1 in
    --rounds) ROUNDS=${2:?--rounds needs a value}; shift 2 ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) [[ $1 =~ ^[1-9][0-9]*$ ]] || usage_error "unknown argument '$1'"; SECONDS_EACH=$1; shift ;;
  esac
done
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || usage_error "--rounds must be a positive integer"
CONC=${CONC:-64}
WRK_THREADS=${WRK_THREADS:-2}
BACKEND_CPUS=${BACKEND_CPUS:-}
WARMUP=${WARMUP:-15}
TARGETS=${TARGETS:-direct testbed-proxy reference nginx}
COMPARE_REV=${COMPARE_REV:-}
COMPARE_ENV=${COMPARE_ENV:-}
make_work bench-proxy

need wrk wrk
need nginx nginx-light
need curl curl

PROXY_EXE=$(build_project proxy/Testbed.Proxy)
REFERENCE_EXE=$(build_project scripts/bench/MinimalForwarder)
declare -A NAME=([direct]=direct [testbed-proxy]=testbed-proxy [reference]="reference (minimal YARP)" [nginx]=nginx)
declare -A COMPARE_ENVS=()
if [[ -n "$COMPARE_REV" || -n "$COMPARE_ENV" || -n "${COMPARE_EXE:-}" ]]; then
  COMPARE_LABEL=${COMPARE_EXE:+$(basename "$(dirname "$COMPARE_EXE")")/$(basename "$COMPARE_EXE")}
  COMPARE_EXE=${COMPARE_EXE:-$PROXY_EXE}
  if [[ -n "$COMPARE_REV" ]]; then
    COMPARE_EXE=$(build_project_at "$COMPARE_REV" proxy/Testbed.Proxy)
  fi
  IFS=';' read -r -a variants <<<"${COMPARE_ENV:- }"
  for i in "${!variants[@]}"; do
    env_i=$(xargs <<<"${variants[$i]}")
    COMPARE_ENVS[compare$i]=$env_i
    NAME[compare$i]="testbed-proxy${COMPARE_REV:+@$COMPARE_REV}${COMPARE_LABEL:+ ($COMPARE_LABEL)}${env_i:+ ($env_i)}"
    TARGETS="$TARGETS compare$i"
  done
fi

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
  start_nginx backend auto "$PORT" 'default_type text/plain; return 200 "Hello, World!";'
  BACKEND_PID=$(cat "$WORK/nginx-backend.pid")
  BACKEND="http://127.0.0.1:$PORT"
  BACKEND_NAME="nginx static"
fi
BACKEND=${BACKEND%/}

if [[ -n "$BACKEND_CPUS" ]] && ! cgroup_limit bench-proxy "$BACKEND_CPUS" "$BACKEND_PID"; then
  echo "== no writable cgroup: BACKEND_CPUS ignored" >&2
  BACKEND_CPUS=""
fi

declare -A URL=([direct]="$BACKEND/index") PROXY_PIDS=([direct]="")
# start_dotnet TARGET READY_PREFIX ENV COMMAND...: starts a .NET proxy and records its URL and pid.
start_dotnet() {
  local target=$1 prefix=$2 env=$3 url
  shift 3
  # shellcheck disable=SC2086
  env $env "$@" >"$WORK/$target.out" 2>"$WORK/$target.err" &
  PROXY_PIDS[$target]=$!
  track "$!"
  url=$(wait_ready "$WORK/$target.out" "$prefix" 30 "$!") || { echo "$target did not start" >&2; cat "$WORK/$target.err" >&2; exit 1; }
  URL[$target]="${url%/}/index"
}
for target in $TARGETS; do
  case $target in
    testbed-proxy) start_dotnet testbed-proxy testbed-proxy "" "$PROXY_EXE" --backend "$BACKEND" --urls http://127.0.0.1:0 ;;
    compare*) start_dotnet "$target" testbed-proxy "${COMPARE_ENVS[$target]}" "$COMPARE_EXE" --backend "$BACKEND" --urls http://127.0.0.1:0 ;;
    reference) start_dotnet reference minimal-forwarder "" "$REFERENCE_EXE" "$BACKEND" http://127.0.0.1:0 ;;
    nginx)
      NGINX_PORT=$(free_port)
      # shellcheck disable=SC2016 # nginx variables, not shell ones
      start_nginx proxy auto "$NGINX_PORT" \
        'proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host $host; proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;' \
        "upstream backend { server ${BACKEND#http://}; keepalive 64; }"
      URL[nginx]="http://127.0.0.1:$NGINX_PORT/index"
      PROXY_PIDS[nginx]=$(cat "$WORK/nginx-proxy.pid")
      ;;
    direct) ;;
    *) usage_error "unknown target '$target' in TARGETS (direct, testbed-proxy, reference, nginx)" ;;
  esac
done
for target in $TARGETS; do
  curl -fsS -o /dev/null "${URL[$target]}" || { echo "$target: ${URL[$target]} does not answer 200" >&2; exit 1; }
done

echo "== backend: $BACKEND_NAME at $BACKEND${BACKEND_CPUS:+ (limited to $BACKEND_CPUS CPU)}; wrk -t $WRK_THREADS -c $CONC, $SECONDS_EACH s x $ROUNDS interleaved rounds, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# Warm-up: JIT and connection pools are not charged to whichever target runs first; each .NET proxy
# gets WARMUP seconds, after which its CPU per request has settled (about 2 s are not enough: the
# JIT then still takes a quarter of the proxy's CPU).
for target in $TARGETS; do
  secs=$WARMUP; [[ $target == direct || $target == nginx ]] && secs=2
  echo "== warm-up: ${NAME[$target]}, $secs s" >&2
  wrk -t "$WRK_THREADS" -c "$CONC" -d "${secs}s" "${URL[$target]}" >/dev/null
done

# One line per target and round: target rps p50_ms p99_ms errors proxy_us backend_us.
ms() { awk '{ v = $1; if (v ~ /us$/) v /= 1000; else if (v ~ /ms$/) v += 0; else if (v ~ /s$/) v *= 1000; printf "%.2f", v }' <<<"$1"; }
read -r -a ORDER <<<"$TARGETS"
for round in $(seq 1 "$ROUNDS"); do
  for i in "${!ORDER[@]}"; do
    target=${ORDER[$(( (i + round - 1) % ${#ORDER[@]} ))]}
    echo "== round $round/$ROUNDS: ${NAME[$target]}" >&2
    # shellcheck disable=SC2086
    p0=$(cpu_ticks ${PROXY_PIDS[$target]}); b0=$(cpu_ticks "$BACKEND_PID")
    out=$(wrk -t "$WRK_THREADS" -c "$CONC" -d "${SECONDS_EACH}s" --latency "${URL[$target]}")
    # shellcheck disable=SC2086
    p1=$(cpu_ticks ${PROXY_PIDS[$target]}); b1=$(cpu_ticks "$BACKEND_PID")
    n=$(awk '/requests in/ { print $1 }' <<<"$out")
    non2xx=$(sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' <<<"$out")
    sockerr=$(sed -n 's/^ *Socket errors: connect \([0-9]*\), read \([0-9]*\), write \([0-9]*\), timeout \([0-9]*\).*/\1+\2+\3+\4/p' <<<"$out")
    echo "$target $(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' <<<"$out")" \
      "$(ms "$(awk '$1=="50%"{print $2}' <<<"$out")") $(ms "$(awk '$1=="99%"{print $2}' <<<"$out")")" \
      "$(( ${non2xx:-0} + ${sockerr:-0} ))" \
      "$(awk -v t=$((p1 - p0)) -v n="${n:-0}" -v hz="$HZ" 'BEGIN { printf "%.1f", (n > 0 ? t / hz * 1e6 / n : 0) }')" \
      "$(awk -v t=$((b1 - b0)) -v n="${n:-0}" -v hz="$HZ" 'BEGIN { printf "%.1f", (n > 0 ? t / hz * 1e6 / n : 0) }')" >>"$WORK/rounds"
  done
done

echo >&2
# The medians over the rounds, one line per target (median, scripts/lib/testbed.sh); the table below reads them.
for target in $TARGETS; do
  line=$target
  for col in 2 3 4 5 6 7; do line="$line $(awk -v t="$target" -v c="$col" '$1 == t { print $c }' "$WORK/rounds" | median)"; done
  echo "$line"
done >"$WORK/medians"
TARGETS="$TARGETS" BACKEND_CPUS="$BACKEND_CPUS" python3 - "$WORK/rounds" "$(declare -p NAME)" "$WORK/medians" <<'PY'
import os, re, sys
rows = {}
for line in open(sys.argv[1]):
    t, *v = line.split()
    rows.setdefault(t, []).append([float(x) for x in v])
names = dict(re.findall(r'\[([^]]+)\]="([^"]*)"', sys.argv[2]))
med = {t: [float(x) for x in v] for t, *v in (line.split() for line in open(sys.argv[3]))}
order = os.environ["TARGETS"].split()
direct = med.get("direct", [0])[0]
def ratio(t, base):
    return f"{med[t][4] / med[base][4]:.2f}x" if base in med and t not in ("direct", base) and med[base][4] > 0 else "-"
w = max(28, *(len(names.get(t, t)) for t in order))
print(f"{'target':<{w}} {'requests/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'vs direct':>9} {'proxy us/req':>12} {'backend us/req':>14} {'CPU vs ref':>10} {'CPU vs nginx':>12}")
for t in order:
    rps, p50, p99, err, pus, bus = med[t]
    share = f"{rps / direct:.2f}" if direct else "-"
    proxy = f"{pus:.1f}" if t != "direct" else "-"
    print(f"{names.get(t, t):<{w}} {rps:>10.0f} {p50:>8.2f} {p99:>8.2f} {err:>7.0f} {share:>9} {proxy:>12} {bus:>14.1f} {ratio(t, 'reference'):>10} {ratio(t, 'nginx'):>12}")
print(f"(medians of {len(next(iter(rows.values())))} interleaved rounds; proxy us/req = the proxy process's user+sys CPU / requests)")
for t in order:
    if t != "direct":
        print(f"  {names.get(t, t)} proxy us/req by round: {' '.join(f'{r[4]:.1f}' for r in rows[t])}")
# One verdict line per target of issue 16: the first is a target, the other two are aims.
backend = os.environ.get("BACKEND_CPUS") or "unlimited"
if "testbed-proxy" in med and "reference" in med:
    r = med["testbed-proxy"][4] / med["reference"][4]
    print(f"VERDICT target, backend {backend}: testbed-proxy CPU per request <= 1.1x reference: {'met' if r <= 1.1 else 'NOT MET'} ({r:.2f}x)")
if "testbed-proxy" in med and "nginx" in med:
    r = med["testbed-proxy"][4] / med["nginx"][4]
    print(f"VERDICT aim, backend {backend}: testbed-proxy CPU per request <= 1.2x nginx: {'met' if r <= 1.2 else 'not met'} ({r:.2f}x)")
    if direct:
        ours, theirs = med["testbed-proxy"][0] / direct, med["nginx"][0] / direct
        print(f"VERDICT aim, backend {backend}: testbed-proxy share of direct >= nginx's: {'met' if ours >= theirs else 'not met'} ({ours:.2f} vs {theirs:.2f})")
PY
