#!/usr/bin/env bash
# E5's mvc-slower claim on one server: the server CPU per request of /mvc/index against /index,
# `ab -n N -c 50` without keep-alive (as E5 sends it) to one `testbed-server web --mode single`.
# After a warm-up of both paths, ROUNDS interleaved rounds (the order alternates each round) read the
# server's utime + stime from /proc before and after each run; each round prints both CPU figures and
# their ratio, and the last line the median ratio. Paired per round, as the suite grades it, so what
# a busy round does to both runs cancels.
# With 2+ cores, ab runs on the last core and the server on the others (taskset), as the suite pins
# them (--pin auto), so that ab's own cost does not land on the server's core.
# Usage: scripts/bench-mvc.sh [N] [--rounds R]   (defaults 20000 requests, 5 rounds)
# Env: SERVER_EXE (an already built testbed-server, e.g. an older build, instead of building this tree);
#      builds into artifacts/ (scripts/lib/testbed.sh: TESTBED_ARTIFACTS, TESTBED_SKIP_BUILD).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/testbed.sh
source scripts/lib/testbed.sh
N=20000
ROUNDS=5
while [[ $# -gt 0 ]]; do
  case $1 in
    --rounds) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || usage_error "--rounds needs a positive integer"; ROUNDS=$2; shift 2 ;;
    *) [[ $1 =~ ^[1-9][0-9]*$ ]] || usage_error "unknown argument '$1'"; N=$1; shift ;;
  esac
done
need ab apache2-utils
make_work bench-mvc
exe=${SERVER_EXE:-$(build_project servers/Testbed.Servers)}
cores=$(nproc)
server_pin=() ab_pin=()
if ((cores >= 2)) && command -v taskset >/dev/null; then
  server_pin=(taskset -c "0-$((cores - 2))") ab_pin=(taskset -c "$((cores - 1))")
fi
port=$(free_port)
"${server_pin[@]}" "$exe" web --mode single --urls "http://127.0.0.1:$port" >"$WORK/server.out" 2>"$WORK/server.err" &
server=$!
track "$server"
base=$(wait_ready "$WORK/server.out" testbed-server 30 "$server")
echo "== $exe on $base, ab -n $N -c 50 (no keep-alive), $ROUNDS rounds, $cores cores, pinned: ${server_pin[*]:-no} / ab ${ab_pin[*]:-no}"

# run PATH: one ab run; prints the server's CPU ms per request and exits non-zero on failed requests.
run() {
  local before after failed
  before=$(cpu_ticks "$server")
  "${ab_pin[@]}" ab -q -n "$N" -c 50 "$base$1" >"$WORK/ab.out" 2>&1 || { cat "$WORK/ab.out" >&2; return 1; }
  after=$(cpu_ticks "$server")
  failed=$(sed -n 's/^Failed requests: *//p' "$WORK/ab.out")
  [[ ${failed:-0} == 0 ]] || { echo "$1: $failed failed requests" >&2; return 1; }
  awk -v t=$((after - before)) -v hz="$HZ" -v n="$N" 'BEGIN { printf "%.4f", t * 1000 / hz / n }'
}

for path in /index /mvc/index /index /mvc/index; do run "$path" >/dev/null; done # warm-up
ratios=()
printf '%-6s %14s %18s %7s\n' round "/index ms/req" "/mvc/index ms/req" ratio
for ((r = 1; r <= ROUNDS; r++)); do
  if ((r % 2)); then index=$(run /index); mvc=$(run /mvc/index); else mvc=$(run /mvc/index); index=$(run /index); fi
  ratio=$(awk -v a="$mvc" -v b="$index" 'BEGIN { printf "%.3f", a / b }')
  ratios+=("$ratio")
  printf '%-6s %14s %18s %7s\n' "$r" "$index" "$mvc" "$ratio"
done
printf 'median ratio %.3f (min %.3f, max %.3f)\n' "$(median <<<"${ratios[*]}")" \
  "$(printf '%s\n' "${ratios[@]}" | sort -g | head -n1)" "$(printf '%s\n' "${ratios[@]}" | sort -g | tail -n1)"
