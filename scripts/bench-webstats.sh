#!/usr/bin/env bash
# A/B of the web server's per-request cost of its /stats counters: the server CPU per request of
# /index, `ab -k -n N -c 20`, for testbed-server built from this tree and from REV (default main),
# both `web --mode threaded --workers 2` (so the new build keeps its counters in the supervisor's
# shared /dev/shm block), in interleaved rounds (the order alternates); each round prints both CPU
# figures (utime + stime of the whole process tree, ms per request) and their ratio, the last line
# the median ratio. With 2+ cores, ab runs on the last core and the servers on the others.
# Usage: scripts/bench-webstats.sh [N] [--rounds R] [--rev REV]   (defaults 20000, 5, main)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/testbed.sh
source scripts/lib/testbed.sh
N=20000
ROUNDS=5
REV=main
while [[ $# -gt 0 ]]; do
  case $1 in
    --rounds) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || usage_error "--rounds needs a positive integer"; ROUNDS=$2; shift 2 ;;
    --rev) [[ -n ${2:-} ]] || usage_error "--rev needs a revision"; REV=$2; shift 2 ;;
    *) [[ $1 =~ ^[1-9][0-9]*$ ]] || usage_error "unknown argument '$1'"; N=$1; shift ;;
  esac
done
need ab apache2-utils
make_work bench-webstats
new_exe=$(build_project servers/Testbed.Servers)
old_exe=$(build_project_at "$REV" servers/Testbed.Servers)
cores=$(nproc)
server_pin=() ab_pin=()
if ((cores >= 2)) && command -v taskset >/dev/null; then
  server_pin=(taskset -c "0-$((cores - 2))") ab_pin=(taskset -c "$((cores - 1))")
fi

declare -A pid base
for build in new old; do
  exe=new_exe; [[ $build == old ]] && exe=old_exe
  port=$(free_port)
  "${server_pin[@]}" "${!exe}" web --mode threaded --workers 2 --urls "http://127.0.0.1:$port" >"$WORK/$build.out" 2>"$WORK/$build.err" &
  pid[$build]=$!
  track "${pid[$build]}"
  base[$build]=$(wait_ready "$WORK/$build.out" testbed-server 60 "${pid[$build]}")
done
echo "== this tree vs $REV, web --mode threaded --workers 2, ab -k -n $N -c 20 /index, $ROUNDS rounds, $cores cores"

# tree_ticks PID: utime + stime of PID and its children (the workers), in clock ticks.
tree_ticks() {
  local total=0 p
  for p in "$1" $(cat /proc/"$1"/task/*/children 2>/dev/null); do total=$((total + $(cpu_ticks "$p"))); done
  echo "$total"
}

# run BUILD: one ab run; prints the server tree's CPU ms per request.
run() {
  local before after failed
  before=$(tree_ticks "${pid[$1]}")
  "${ab_pin[@]}" ab -q -k -n "$N" -c 20 "${base[$1]}/index" >"$WORK/ab.out" 2>&1 || { cat "$WORK/ab.out" >&2; return 1; }
  after=$(tree_ticks "${pid[$1]}")
  failed=$(sed -n 's/^Failed requests: *//p' "$WORK/ab.out")
  [[ ${failed:-0} == 0 ]] || { echo "$1: $failed failed requests" >&2; return 1; }
  awk -v t=$((after - before)) -v hz="$HZ" -v n="$N" 'BEGIN { printf "%.4f", t * 1000 / hz / n }'
}

for build in new old new old; do run "$build" >/dev/null; done # warm-up
ratios=()
printf '%-6s %12s %12s %7s\n' round "new ms/req" "$REV ms/req" ratio
for ((r = 1; r <= ROUNDS; r++)); do
  if ((r % 2)); then new=$(run new); old=$(run old); else old=$(run old); new=$(run new); fi
  ratio=$(awk -v a="$new" -v b="$old" 'BEGIN { printf "%.3f", a / b }')
  ratios+=("$ratio")
  printf '%-6s %12s %12s %7s\n' "$r" "$new" "$old" "$ratio"
done
printf 'median ratio new/%s %.3f (min %.3f, max %.3f)\n' "$REV" "$(median <<<"${ratios[*]}")" \
  "$(printf '%s\n' "${ratios[@]}" | sort -g | head -n1)" "$(printf '%s\n' "${ratios[@]}" | sort -g | tail -n1)"
