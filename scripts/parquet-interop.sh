#!/usr/bin/env bash
# Cross-checks Testbed.Parquet against DuckDB in both directions:
#   1. DuckDB reads the files we write (an all-types file and the candle file; none/snappy/gzip)
#      and gets the same values as `testbed-server data cat`;
#   2. we read the files DuckDB writes (uncompressed/snappy/gzip, Parquet v1 and v2 pages,
#      dictionary and plain columns) and get the values DuckDB reads back.
# Installs @duckdb/node-api with npm into a temporary folder. Exits non-zero on any mismatch.
# Env: TESTBED_SERVER_DLL=path/to/testbed-server.dll skips the build.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v npm >/dev/null && command -v node >/dev/null || { echo "parquet-interop: needs node and npm" >&2; exit 1; }

work=$(mktemp -d /tmp/parquet-interop.XXXXXX)
trap 'rm -rf "$work"' EXIT

dll=${TESTBED_SERVER_DLL:-}
if [[ -z "$dll" ]]; then
  echo "== building testbed-server (Release)"
  dotnet build servers/Testbed.Servers -c Release --artifacts-path "$work/art" -v quiet -nologo >/dev/null
  dll="$work/art/bin/Testbed.Servers/release/testbed-server.dll"
fi

echo "== installing @duckdb/node-api into $work"
(cd "$work" && npm install --no-audit --no-fund --silent @duckdb/node-api >/dev/null)
cp scripts/parquet-interop.mjs "$work/"
echo "== DuckDB $(cd "$work" && node -e "import('@duckdb/node-api').then(async m=>{const c=await (await m.DuckDBInstance.create()).connect();console.log((await c.runAndReadAll('select version()')).getRows()[0][0])})")"
node "$work/parquet-interop.mjs" "$work" "$dll"
