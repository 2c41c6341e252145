#!/usr/bin/env bash
# Benchmark of the data endpoints of testbed-server web (E7, E9) on ONE core:
#  - /candle/upbit/KRW/BTC?interval=1m in the forms validated, model and raw at limit=1 and limit=1000;
#  - /parquet/local vs /parquet/cached (default query: upbit/KRW/BTC, limit=100).
# The server (Release, --mode async) runs in a cgroup limited to one core (cgroup v1
# cpu.cfs_quota_us 100000 / cpu.cfs_period_us 100000; cgroup v2 cpu.max "100000 100000"; without
# a writable cgroup it is pinned with taskset -c 0), and with 2+ cores pinned to CPU 0 while
# testbed-load runs on CPU 1. Load: `testbed-load ab -k -c CONC -t SECONDS`
# per URL (closed loop, keep-alive), after a warm-up of each URL. Prints requests/s, p50/p99, the
# server's CPU ms per request (utime+stime from /proc) and the ratios.
# Source (seed 004, FastAPI on 1 core): limit=1 ≈ 74 TPS; limit=1000 validated ≈ 12, without
# response model ≈ 20, raw orjson ≈ 4x validated.
# Usage: scripts/bench-candles.sh [SECONDS]   (default 5 per URL; about 12 runs + warm-ups)
# Env: ONLY (names of a subset, e.g. "raw_1 model_1": no table), CONC (default 10), WARMUP (seconds per URL before measuring, default 2),
#      DATA_DIR (default data/ of the repository; the server generates the data set there if missing)
#      Builds into artifacts/ (scripts/lib/testbed.sh: TESTBED_ARTIFACTS, TESTBED_SKIP_BUILD).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/testbed.sh
source scripts/lib/testbed.sh
[[ $# -le 1 ]] || usage_error "expected at most one argument, SECONDS"
[[ ${1:-5} =~ ^[1-9][0-9]*$ ]] || usage_error "SECONDS must be a positive integer, not '$1'"
SECONDS_EACH=${1:-5}
CONC=${CONC:-10}
WARMUP=${WARMUP:-2}
DATA_DIR=${DATA_DIR:-$PWD/data}
make_work bench-candles

SERVER_EXE=$(build_project servers/Testbed.Servers)
LOAD_EXE=$(build_project loadtests/Testbed.Load)

"$SERVER_EXE" web --mode async --urls http://127.0.0.1:0 --data-dir "$DATA_DIR" >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!
track "$SERVER_PID"

# One core for the server: the cgroup quota caps the whole process (all its threads) at one CPU.
LIMIT=""
cgroup_limit bench-candles 1 "$SERVER_PID" && LIMIT="cgroup quota 1 CPU"
# With 2+ cores the server is also pinned to CPU 0 and testbed-load to CPU 1, so that the load
# generator never takes the server's core (the quota alone lets both share both cores).
LOAD_PIN=""
if command -v taskset >/dev/null && [[ $(nproc) -ge 2 ]]; then
  taskset -a -p -c 0 "$SERVER_PID" >/dev/null
  LOAD_PIN="taskset -c 1"
  LIMIT="${LIMIT:+$LIMIT, }server on CPU 0, testbed-load on CPU 1"
elif [[ -z "$LIMIT" ]]; then
  echo "no writable cgroup and no taskset: the server is not limited to one core" >&2
  LIMIT="NOT LIMITED"
fi

URL=$(wait_ready "$WORK/server.out" testbed-server 120 "$SERVER_PID") || { cat "$WORK/server.err" >&2; exit 1; }
URL=${URL%/}
[[ -s "$WORK/server.err" ]] && sed 's/^/   server: /' "$WORK/server.err" >&2

CANDLE="$URL/candle/upbit/KRW/BTC?interval=1m"
ALL_NAMES=(validated_1 model_1 raw_1 validated_1000 model_1000 raw_1000 parquet_local parquet_cached)
read -ra NAMES <<<"${ONLY:-${ALL_NAMES[*]}}"
declare -A TARGET=(
  [validated_1]="$CANDLE&limit=1&form=validated" [model_1]="$CANDLE&limit=1&form=model" [raw_1]="$CANDLE&limit=1&form=raw"
  [validated_1000]="$CANDLE&limit=1000&form=validated" [model_1000]="$CANDLE&limit=1000&form=model" [raw_1000]="$CANDLE&limit=1000&form=raw"
  [parquet_local]="$URL/parquet/local" [parquet_cached]="$URL/parquet/cached")

# Sanity (always over all URLs): every URL answers 200 (the first /candle request decodes the full candle file), the
# three forms give the same bytes, local and cached give the same bytes.
for name in "${ALL_NAMES[@]}"; do
  curl -fsS -o "$WORK/$name.body" "${TARGET[$name]}" || { echo "$name: ${TARGET[$name]} does not answer 200" >&2; exit 1; }
done
for limit in 1 1000; do
  for form in model raw; do
    cmp -s "$WORK/validated_$limit.body" "$WORK/${form}_$limit.body" || { echo "limit=$limit: the three forms differ" >&2; exit 1; }
  done
done
cmp -s "$WORK/parquet_local.body" "$WORK/parquet_cached.body" || { echo "/parquet/local and /parquet/cached differ" >&2; exit 1; }
echo "== forms byte-identical (limit=1: $(stat -c %s "$WORK/raw_1.body") B, limit=1000: $(stat -c %s "$WORK/raw_1000.body") B); local == cached ($(stat -c %s "$WORK/parquet_local.body") B)" >&2


echo "== server on one core ($LIMIT); testbed-load ab -k -c $CONC -t $SECONDS_EACH per URL after $WARMUP s of warm-up each; $(nproc) cores" >&2
declare -A RPS P50 P99 CPU BAD
# Warm-up of every URL first: tiered JIT recompiles the hot paths in the first seconds, and that
# CPU must not be charged to whichever URL is measured first.
for name in "${NAMES[@]}"; do
  $LOAD_PIN "$LOAD_EXE" ab -k -c "$CONC" -n 10000000 -t "$WARMUP" -l "${TARGET[$name]}" --quiet >/dev/null
done
for name in "${NAMES[@]}"; do
  before=$(cpu_ticks "$SERVER_PID")
  $LOAD_PIN "$LOAD_EXE" ab -k -c "$CONC" -n 10000000 -t "$SECONDS_EACH" "${TARGET[$name]}" --quiet --json "$WORK/$name.json" >/dev/null
  after=$(cpu_ticks "$SERVER_PID")
  read -r "RPS[$name]" "P50[$name]" "P99[$name]" completed "BAD[$name]" < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
c = r["counts"]; t = r["latency"]["total"]
print("%.1f %.2f %.2f %d %d" % (r["rps"], t["p50Ms"], t["p99Ms"], c["completed"], c["non2xx"] + c["failed"]))' "$WORK/$name.json")
  CPU[$name]=$(python3 -c "print(f'{($after - $before) * 1000 / $HZ / max($completed, 1):.3f}')")
  echo "   $name: ${RPS[$name]} req/s" >&2
done

[[ -z "${ONLY:-}" ]] || { for name in "${NAMES[@]}"; do echo "$name ${RPS[$name]} req/s, ${CPU[$name]} CPU ms/req"; done; exit 0; }
printf '\n%-16s %-7s %10s %9s %9s %13s %7s %14s\n' endpoint limit "req/s" "p50 ms" "p99 ms" "CPU ms/req" errors "vs validated"
for name in "${NAMES[@]}"; do
  case $name in
    *_1) limit=1; base=validated_1 ;;
    *_1000) limit=1000; base=validated_1000 ;;
    *) limit=100; base="" ;;
  esac
  ratio="-"
  [[ -n "$base" ]] && ratio=$(python3 -c "print(f'{${RPS[$name]}/${RPS[$base]}:.2f}x')")
  printf '%-16s %-7s %10.0f %9s %9s %13s %7s %14s\n' "$name" "$limit" "${RPS[$name]}" "${P50[$name]}" "${P99[$name]}" "${CPU[$name]}" "${BAD[$name]}" "$ratio"
done
python3 - "${RPS[validated_1]}" "${RPS[model_1]}" "${RPS[raw_1]}" "${RPS[validated_1000]}" "${RPS[model_1000]}" "${RPS[raw_1000]}" "${RPS[parquet_local]}" "${RPS[parquet_cached]}" <<'PY'
import sys
v1, m1, r1, v, m, r, local, cached = map(float, sys.argv[1:])
print()
print(f"limit=1:    max/min of the three forms = {max(v1, m1, r1) / min(v1, m1, r1):.2f} (E9 claim: <= 1.3)")
print(f"limit=1000: raw/validated = {r / v:.2f} (source ≈ 4, E9 claim >= 2); model/validated = {m / v:.2f} (source ≈ 1.7); "
      f"model between validated and raw: {'yes' if v <= m <= r else 'NO'}")
print(f"limit=1000 vs limit=1: validated {v / v1:.3f}, model {m / m1:.3f}, raw {r / r1:.3f} (source: validated 12/74 = 0.16)")
print(f"/parquet/cached / /parquet/local = {cached / local:.1f}")
PY
