#!/usr/bin/env bash
# Cross-checks testbed-server's Parquet (Parquet.Net 6.1.0 through servers/Testbed.Servers/ParquetAdapter)
# against DuckDB in both directions:
#   1. DuckDB reads the files we write (an all-types file and the candle file; none/snappy/gzip/zstd)
#      and gets the same values as `testbed-server data cat`;
#   2. we read the candle files DuckDB writes (uncompressed/snappy/gzip/zstd, data pages v1 and v2,
#      whose basetm is DELTA_BINARY_PACKED) and get the values DuckDB reads back, timestamps included,
#      with `data cat` and with the server's candle reader (`data bench`).
# Installs @duckdb/node-api with npm into a temporary folder. Exits non-zero on any mismatch.
# Env: TESTBED_SERVER_DLL=path/to/testbed-server.dll skips the build (else it builds into artifacts/,
# see scripts/lib/testbed.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/testbed.sh
source scripts/lib/testbed.sh
[[ $# -eq 0 ]] || usage_error "takes no arguments"
if ! command -v npm >/dev/null || ! command -v node >/dev/null; then echo "parquet-interop: needs node and npm" >&2; exit 1; fi

make_work parquet-interop
dll=${TESTBED_SERVER_DLL:-$(build_project servers/Testbed.Servers).dll}

echo "== installing @duckdb/node-api into $WORK"
(cd "$WORK" && npm install --no-audit --no-fund --silent @duckdb/node-api >/dev/null)
cp scripts/parquet-interop.mjs "$WORK/"
echo "== DuckDB $(cd "$WORK" && node -e "import('@duckdb/node-api').then(async m=>{const c=await (await m.DuckDBInstance.create()).connect();console.log((await c.runAndReadAll('select version()')).getRows()[0][0])})")"
node "$WORK/parquet-interop.mjs" "$WORK" "$dll"
