// Cross-checks testbed-server's Parquet (Parquet.Net 6.1 through its adapter) against DuckDB (@duckdb/node-api), both directions.
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
for (const codec of ['none', 'snappy', 'gzip', 'zstd']) {
  const sample = `${work}/ours-sample-${codec}.parquet`;
  server('data', 'sample', '--out', sample, '--codec', codec, '--rows', '500');
  await compare(`duckdb reads our all-types file (${codec})`, sample);
  const dir = `${work}/ours-candles-${codec}`;
  mkdirSync(dir, { recursive: true });
  server('data', 'generate', '--out', dir, '--days', '1', '--codec', codec);
  await compare(`duckdb reads our candle file (${codec}, 1 day)`, `${dir}/candles.parquet`);
}

// 2. We read the candle files DuckDB writes: the candle schema (basetm TIMESTAMP_MS), data pages v1 and
// v2 (v2 stores basetm DELTA_BINARY_PACKED, which we read through the physical INT64), every codec.
// `data cat` must give DuckDB's values and `data bench` (the server's candle reader) the same rows.
// NOT NULL: DuckDB then writes the columns REQUIRED, as the candle schema has them.
await con.run(`CREATE TABLE candles (exchange VARCHAR NOT NULL, market VARCHAR NOT NULL, asset VARCHAR NOT NULL, basetm TIMESTAMP_MS NOT NULL,
  o DOUBLE NOT NULL, h DOUBLE NOT NULL, l DOUBLE NOT NULL, c DOUBLE NOT NULL, v DOUBLE NOT NULL)`);
await con.run(`INSERT INTO candles SELECT exchange, market, asset, basetm::TIMESTAMP_MS, o, h, l, c, v FROM read_parquet('${work}/ours-candles-snappy/candles.parquet')`);
const rows = Number((await con.runAndReadAll('SELECT count(*) FROM candles')).getRows()[0][0]);
for (const version of ['V1', 'V2']) {
  for (const codec of ['uncompressed', 'snappy', 'gzip', 'zstd']) {
    const file = `${work}/duck-candles-${codec}-${version}.parquet`;
    // In v2 no dictionary, so that basetm is stored DELTA_BINARY_PACKED (with one, DuckDB picks RLE_DICTIONARY
    // for the 1,440 distinct minutes of a 1-day file); v1 keeps DuckDB's dictionaries.
    const dictionary = version === 'V2' ? ', DICTIONARY_SIZE_LIMIT 1' : '';
    await con.run(`COPY candles TO '${file}' (FORMAT parquet, COMPRESSION ${codec}, PARQUET_VERSION ${version}, ROW_GROUP_SIZE 20000${dictionary})`);
    const o = await compare(`we read duckdb's candle file (${codec}, ${version})`, file);
    const basetm = o.schema.find(s => s.name === 'basetm');
    let bench;
    try { bench = server('data', 'bench', file, '--iterations', '1').split('\n').find(l => l.startsWith('bench ')); }
    catch (e) { bench = String(e.stderr ?? e.message).trim(); }
    const benchRows = Number(/ rows=(\d+)/.exec(bench ?? '')?.[1]);
    checked++;
    if (benchRows !== rows) { failures++; console.log(`FAIL candle reader on duckdb's file (${codec}, ${version}): ${bench}; duckdb has ${rows} rows`); }
    else console.log(`ok   candle reader on duckdb's file (${codec}, ${version}): ${benchRows} rows (basetm ${basetm?.encodings})`);
    if (version === 'V2' && !/DELTA_BINARY_PACKED/.test(basetm?.encodings ?? '')) { failures++; console.log(`FAIL duckdb's v2 file (${codec}) does not store basetm DELTA_BINARY_PACKED: ${basetm?.encodings}`); }
  }
}

console.log(`${checked} checks, ${failures} failures`);
process.exit(failures ? 1 : 0);
