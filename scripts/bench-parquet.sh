#!/usr/bin/env bash
# Parquet decode speed of testbed-server (Parquet.Net 6.1.0 through servers/Testbed.Servers/ParquetAdapter)
# beside DuckDB and, with --baseline, beside another testbed-server build (e.g. the previous
# implementation), measured in interleaved rounds on the same machine:
#   candles  `data bench` on the candle file, per codec: read the file, decode all 9 columns, build the
#            series index (what /candle does once at its first request)
#   extract  `data bench` on the extract that /parquet/local reads and decodes on every request (the
#            file the server writes beside the snappy candle file at start-up)
# Each implementation generates its own files with the same options. Reported: the median over the
# rounds of each round's median of N decodes, and DuckDB's time to scan the same file.
# Usage: scripts/bench-parquet.sh [--days D] [--iterations N] [--rounds R] [--baseline DLL]
#        (defaults: 30 days, 5 iterations, 3 rounds, no baseline)
# Env: TESTBED_SERVER_DLL=path/to/testbed-server.dll skips the build (else it builds into artifacts/,
# see scripts/lib/testbed.sh). Needs node/npm for DuckDB (else its column shows "-").
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/testbed.sh
source scripts/lib/testbed.sh
days=30
iterations=5
rounds=3
baseline=
while [[ $# -gt 0 ]]; do
  case "$1" in
    --days|--iterations|--rounds)
      [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || usage_error "$1 needs a positive integer"
      case "$1" in --days) days=$2 ;; --iterations) iterations=$2 ;; *) rounds=$2 ;; esac
      shift 2 ;;
    --baseline)
      [[ -f ${2:-} ]] || usage_error "--baseline needs the path of a testbed-server.dll"
      baseline=$2
      shift 2 ;;
    *) usage_error "unknown argument $1 (use --days D --iterations N --rounds R --baseline DLL)" ;;
  esac
done

make_work bench-parquet
dll=${TESTBED_SERVER_DLL:-$(build_project servers/Testbed.Servers).dll}
names=(current)
dlls=("$dll")
if [[ -n $baseline ]]; then names+=(baseline); dlls+=("$baseline"); fi
codecs=(none snappy gzip)

duck=0
if command -v npm >/dev/null && command -v node >/dev/null; then
  (cd "$WORK" && npm install --no-audit --no-fund --silent @duckdb/node-api >/dev/null) && duck=1
fi
cat > "$WORK/duck.mjs" <<'JS'
import { DuckDBInstance } from '@duckdb/node-api';
const [file, iterations] = [process.argv[2], Number(process.argv[3])];
const con = await (await DuckDBInstance.create(':memory:')).connect();
const sql = `SELECT count(*), sum(length(exchange) + length(market) + length(asset)), sum(epoch_ms(basetm)), sum(o + h + l + c + v) FROM read_parquet('${file}')`;
await con.runAndReadAll(sql); // warm-up
const times = [];
for (let i = 0; i < iterations; i++) { const t = process.hrtime.bigint(); await con.runAndReadAll(sql); times.push(Number(process.hrtime.bigint() - t) / 1e6); }
times.sort((a, b) => a - b);
const threads = (await con.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0];
console.log(`duckdb median_ms=${times[times.length >> 1].toFixed(1)} min_ms=${times[0].toFixed(1)} threads=${threads}`);
JS

# prepare NAME DLL: the candle file per codec, and the extract, which the web server writes at start-up.
prepare() {
  local name=$1 server=$2 codec port pid
  for codec in "${codecs[@]}"; do
    dotnet "$server" data generate --out "$WORK/$name/$codec" --days "$days" --codec "$codec" >/dev/null
  done
  port=$(free_port)
  dotnet "$server" web --mode async --urls "http://127.0.0.1:$port" --data-dir "$WORK/$name/snappy" >"$WORK/$name.log" 2>&1 &
  pid=$!
  track "$pid"
  wait_ready "$WORK/$name.log" testbed-server 300 "$pid" >/dev/null
  kill "$pid"
  wait "$pid" || true
}

# extract_of NAME: the extract's path (older builds called it candles-e7.parquet).
extract_of() { local f; for f in "$WORK/$1/snappy"/candles-*.parquet; do echo "$f"; return; done; }

# bench DLL FILE: one `data bench` run, its median ms.
bench() { dotnet "$1" data bench "$2" --iterations "$iterations" | sed -nE 's/^bench .* median_ms=([^ ]+).*/\1/p'; }


mib() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f", b / 1048576 }'; }

for i in "${!names[@]}"; do
  echo "== preparing ${names[$i]} (${dlls[$i]})" >&2
  prepare "${names[$i]}" "${dlls[$i]}"
done

# Interleaved: every round measures each file with each implementation, alternating the order.
declare -A ms
for ((r = 1; r <= rounds; r++)); do
  echo "== round $r/$rounds" >&2
  order=("${!names[@]}")
  if ((r % 2 == 0)); then mapfile -t order < <(printf '%s\n' "${order[@]}" | tac); fi
  for i in "${order[@]}"; do
    n=${names[$i]}
    for codec in "${codecs[@]}"; do
      ms[$n,$codec]+="$(bench "${dlls[$i]}" "$WORK/$n/$codec/candles.parquet") "
    done
    ms[$n,extract]+="$(bench "${dlls[$i]}" "$(extract_of "$n")") "
  done
done

duckms() {
  [[ $duck == 1 ]] || { echo "-"; return; }
  (cd "$WORK" && node duck.mjs "$1" "$iterations" | sed -E 's/.*median_ms=([^ ]+).*threads=([^ ]+).*/\1 (\2 thr)/')
}

echo
header="%-8s %-7s %9s %12s"
args=(file codec MiB "current ms")
if [[ -n $baseline ]]; then header+=" %9s %12s %9s"; args+=("MiB base" "baseline ms" "cur/base"); fi
header+=" %16s\n"
args+=("duckdb ms")
# shellcheck disable=SC2059
printf "$header" "${args[@]}"
for what in "${codecs[@]}" extract; do
  if [[ $what == extract ]]; then file=$(extract_of current); codec=snappy; label=extract; else file="$WORK/current/$what/candles.parquet"; codec=$what; label=candles; fi
  cur=$(median <<<"${ms[current,$what]}")
  row=("$label" "$codec" "$(mib "$file")" "$cur")
  if [[ -n $baseline ]]; then
    if [[ $what == extract ]]; then bfile=$(extract_of baseline); else bfile="$WORK/baseline/$what/candles.parquet"; fi
    base=$(median <<<"${ms[baseline,$what]}")
    row+=("$(mib "$bfile")" "$base" "$(awk -v a="$cur" -v b="$base" 'BEGIN { printf "%.2f", a / b }')")
  fi
  row+=("$(duckms "$file")")
  # shellcheck disable=SC2059
  printf "$header" "${row[@]}"
done
echo "(ms: median over $rounds interleaved rounds of the median of $iterations decodes; ours: read + decode all 9 columns + index, one thread; DuckDB: full scan with an aggregate over every column)"
