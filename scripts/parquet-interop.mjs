// Cross-checks Testbed.Parquet against DuckDB (@duckdb/node-api), both directions.
// Usage: node parquet-interop.mjs WORKDIR SERVER_DLL   (run by scripts/parquet-interop.sh)
import { DuckDBInstance } from '@duckdb/node-api';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

const [work, serverDll] = process.argv.slice(2);
const server = (...args) => execFileSync('dotnet', [serverDll, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
await con.run("SET threads = 1"); // keeps read_parquet's row order equal to the file's
let failures = 0;
let checked = 0;

function parseCsvLine(line) {
  const out = []; let cur = ''; let q = false; let quotedField = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (q) { if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (ch === '"') q = false; else cur += ch; }
    else if (ch === '"') { q = true; quotedField = true; }
    else if (ch === ',') { out.push(quotedField || cur !== '' ? cur : null); cur = ''; quotedField = false; }
    else cur += ch;
  }
  out.push(quotedField || cur !== '' ? cur : null);
  return out;
}

function kindOf(type) {
  if (type === 'Boolean') return 'bool';
  if (/^U?Int\d+$/.test(type)) return 'int';
  if (type === 'Float' || type === 'Double') return 'float';
  if (type === 'String') return 'str';
  if (type === 'Binary' || type.startsWith('FixedLenBinary')) return 'bin';
  if (type === 'Date') return 'date';
  if (type.startsWith('Timestamp') || type === 'Int96') return 'ts';
  if (type.startsWith('Decimal')) return 'dec';
  throw new Error('unknown type ' + type);
}

function canon(kind, v, side) {
  if (v === null || v === undefined) return 'NULL';
  switch (kind) {
    case 'int': return BigInt(v).toString();
    case 'float': { const n = Number(v.replace(/^inf/i, 'Infinity').replace(/^-inf/i, '-Infinity')); return Number.isNaN(n) ? 'nan' : String(n); }
    case 'dec': { let s = v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v; return s === '-0' ? '0' : s; }
    case 'ts': {
      if (side === 'duck') return v; // epoch_ns already
      const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d+))?$/.exec(v);
      if (!m) return 'BAD:' + v;
      const ms = BigInt(Date.parse(`${m[1]}T${m[2]}Z`));
      return (ms * 1000000n + BigInt((m[3] ?? '').padEnd(9, '0'))).toString();
    }
    case 'bin': return side === 'duck' ? v : (v.startsWith('0x') ? v : '0x' + Buffer.from(v, 'utf8').toString('hex').toUpperCase());
    default: return v;
  }
}

// Our side: `testbed-server data cat FILE --format csv`: '#' schema lines (name: Type (...) CODEC ENCODINGS), header, rows.
function ours(file) {
  const lines = server('data', 'cat', file, '--format', 'csv').split('\n').filter(l => l.length > 0);
  const schema = lines.filter(l => l.startsWith('# ') && !l.startsWith('# file:')).map(l => {
    const m = /^# (.+?): (\S+?)(?:\(.*?\))? \((\w+), (\w+)\)(?: (\w+) (\S+))?/.exec(l);
    return { name: m[1], kind: kindOf(m[2]), codec: m[5], encodings: m[6] ?? '' };
  });
  const rows = lines.filter(l => !l.startsWith('#')).slice(1).map(parseCsvLine);
  return { schema, rows };
}

async function duck(file, schema) {
  const desc = (await con.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${file}')`)).getRows();
  const exprs = desc.map(([name, type]) => {
    const c = `"${name}"`;
    if (type.startsWith('TIMESTAMP')) return `CAST(epoch_ns(${c}) AS VARCHAR)`;
    if (type === 'BLOB') return `'0x' || hex(${c})`;
    return `CAST(${c} AS VARCHAR)`;
  });
  const rows = (await con.runAndReadAll(`SELECT ${exprs.join(', ')} FROM read_parquet('${file}')`)).getRows();
  return { names: desc.map(d => d[0]), types: desc.map(d => d[1]), rows };
}

async function compare(label, file) {
  const o = ours(file);
  const d = await duck(file, o.schema);
  const problems = [];
  if (d.names.join() !== o.schema.map(s => s.name).join()) problems.push(`columns differ: duckdb ${d.names} vs ours ${o.schema.map(s => s.name)}`);
  if (d.rows.length !== o.rows.length) problems.push(`row count: duckdb ${d.rows.length}, ours ${o.rows.length}`);
  for (let r = 0; r < Math.min(d.rows.length, o.rows.length) && problems.length < 5; r++) {
    for (let c = 0; c < o.schema.length && problems.length < 5; c++) {
      const k = o.schema[c].kind;
      let a = canon(k, d.rows[r][c], 'duck'); let b = canon(k, o.rows[r][c], 'ours');
      // DuckDB maps UTC-adjusted timestamps to TIMESTAMPTZ, which holds microseconds: compare at that precision.
      if (d.types[c] === 'TIMESTAMP WITH TIME ZONE' && a !== 'NULL' && b !== 'NULL' && !b.startsWith('BAD')) { a = (BigInt(a) / 1000n).toString(); b = (BigInt(b) / 1000n).toString(); }
      if (a !== b) problems.push(`row ${r} column ${o.schema[c].name} (${d.types[c]}): duckdb ${a} vs ours ${b}`);
    }
  }
  const encodings = [...new Set(o.schema.map(s => s.encodings))].join(' ');
  checked++;
  if (problems.length) { failures++; console.log(`FAIL ${label}: ${problems.join('; ')}`); }
  else console.log(`ok   ${label}: ${o.rows.length} rows x ${o.schema.length} columns equal (codec ${o.schema[0]?.codec}; encodings ${encodings})`);
  return o;
}

// 1. DuckDB reads the files we write.
for (const codec of ['none', 'snappy', 'gzip']) {
  const sample = `${work}/ours-sample-${codec}.parquet`;
  server('data', 'sample', '--out', sample, '--codec', codec, '--rows', '500');
  await compare(`duckdb reads our all-types file (${codec})`, sample);
  const dir = `${work}/ours-candles-${codec}`;
  mkdirSync(dir, { recursive: true });
  server('data', 'generate', '--out', dir, '--days', '1', '--codec', codec);
  await compare(`duckdb reads our candle file (${codec}, 1 day)`, `${dir}/candles.parquet`);
}

// 2. We read the files DuckDB writes.
await con.run(`CREATE TABLE t AS SELECT
  i::INTEGER AS id, (i % 3 = 0) AS b, CASE WHEN i % 5 = 0 THEN NULL ELSE (i % 100 - 50)::TINYINT END AS i8,
  (i * 7 % 30000 - 15000)::SMALLINT AS i16, (i * 1000003 - 500000000)::BIGINT AS i64,
  (i % 250)::UTINYINT AS u8, (i * 60)::USMALLINT AS u16, (i::UBIGINT * 4000000)::UINTEGER AS u32, (i::UBIGINT * 10000000000000000)::UBIGINT AS u64,
  (i / 8.0 - 3)::FLOAT AS f32, (i / 3.0)::DOUBLE AS f64, CASE WHEN i % 7 = 0 THEN NULL ELSE (i * 1.5)::DOUBLE END AS f64_null,
  'name' || (i % 10) AS s_dict, md5(i::VARCHAR) AS s_plain, CASE WHEN i % 3 = 0 THEN NULL WHEN i % 3 = 1 THEN '' ELSE '값' || i END AS s_null,
  unhex('00' || lpad(printf('%x', i), 4, '0')) AS bin,
  DATE '2000-01-01' + i::INTEGER AS d,
  TIMESTAMP '2024-01-01 00:00:00' + i * INTERVAL 1 SECOND + i * INTERVAL 123 MICROSECOND AS ts_us,
  (TIMESTAMP '2024-01-01' + i * INTERVAL 1 MINUTE)::TIMESTAMP_MS AS ts_ms,
  (TIMESTAMP '2024-01-01' + i * INTERVAL 7 MICROSECOND)::TIMESTAMP_NS AS ts_ns,
  (TIMESTAMPTZ '2024-01-01 00:00:00+00' + i * INTERVAL 1 HOUR) AS ts_tz,
  (i / 4)::DECIMAL(9,2) AS dec9, (i * 1234.567 - 5000)::DECIMAL(18,3) AS dec18, (i * 123456789.1234)::DECIMAL(28,4) AS dec28
FROM range(1000) r(i)`);
for (const version of ['V1', 'V2']) {
  for (const codec of ['uncompressed', 'snappy', 'gzip']) {
    const file = `${work}/duck-${codec}-${version}.parquet`;
    await con.run(`COPY t TO '${file}' (FORMAT parquet, COMPRESSION ${codec}, PARQUET_VERSION ${version}, ROW_GROUP_SIZE 400)`);
    const o = await compare(`we read duckdb's file (${codec}, ${version})`, file);
    const dict = o.schema.some(s => /DICTIONARY/.test(s.encodings));
    const plain = o.schema.some(s => !/DICTIONARY/.test(s.encodings));
    if (!dict || !plain) { failures++; console.log(`FAIL duckdb file (${codec}, ${version}) lacks ${dict ? 'a plain' : 'a dictionary'} column`); }
  }
}

console.log(`${checked} files checked, ${failures} failures`);
process.exit(failures ? 1 : 0);
