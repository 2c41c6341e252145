#!/usr/bin/env bash
# Decode throughput of the candle file per codec: `testbed-server data bench` (read the file,
# decode every column, build the series index: what E7's per-request handler does) beside DuckDB's
# time to read the same file (sum over every column, so nothing is skipped).
# Usage: scripts/bench-parquet.sh [--days D] [--iterations N]   (defaults: 30 days, 5 iterations)
# Env: TESTBED_SERVER_DLL=path/to/testbed-server.dll skips the build (else it builds into artifacts/,
# see scripts/lib/testbed.sh). Needs node/npm for DuckDB (else skipped).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/testbed.sh
source scripts/lib/testbed.sh
days=30
iterations=5
while [[ $# -gt 0 ]]; do
  case "$1" in
    --days|--iterations)
      [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || usage_error "$1 needs a positive integer"
      if [[ $1 == --days ]]; then days=$2; else iterations=$2; fi
      shift 2 ;;
    *) usage_error "unknown argument $1 (use --days D --iterations N)" ;;
  esac
done

make_work bench-parquet
dll=${TESTBED_SERVER_DLL:-$(build_project servers/Testbed.Servers).dll}

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

printf '%-8s %10s %10s %12s %12s %10s %14s\n' codec rows MiB "median ms" "rows/s" "MB/s" "duckdb ms"
for codec in none snappy gzip; do
  dir="$WORK/$codec"
  dotnet "$dll" data generate --out "$dir" --days "$days" --codec "$codec" >/dev/null
  file="$dir/candles.parquet"
  line=$(dotnet "$dll" data bench "$file" --iterations "$iterations" | grep '^bench ')
  get() { sed -E "s/.* $1=([^ ]+).*/\1/" <<<"$line"; }
  duckms="-"
  if [[ $duck == 1 ]]; then
    duckms=$(cd "$WORK" && node duck.mjs "$file" "$iterations" | sed -E 's/.*median_ms=([^ ]+).*threads=([^ ]+).*/\1 (\2 thr)/')
  fi
  printf '%-8s %10s %10.1f %12s %12s %10s %14s\n' "$codec" "$(get rows)" "$(awk -v b="$(get bytes)" 'BEGIN { print b / 1048576 }')" "$(get median_ms)" "$(get rows_per_s)" "$(get mb_per_s)" "$duckms"
done
echo "(ours: read + decode all 9 columns + index, one thread; DuckDB: full scan with an aggregate over every column)"
