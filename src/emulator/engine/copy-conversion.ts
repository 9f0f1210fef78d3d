// SQL that turns JSON records into typed column values the way Redshift's COPY does, flagging the
// first column that would be a load error — so DuckDB does the work and Node never parses the data.
import { quoteIdent, quoteString } from './sql-tokenizer.js';
import type { CopyCommand } from './copy-command.js';

export interface TargetColumn {
  name: string;
  duckType: string;
  redshiftType: string;
  maxBytes?: number;
  notNull: boolean;
}

/** Per target column, the JSONPaths whose first non-null value feeds it (several with 'auto ignorecase'). */
export type ColumnPaths = string[][];

export interface LoadError {
  colname: string;
  type: string;
  errCode: number;
  errReason: string;
  rawFieldValue: string;
}

const isIntegerType = (t: string): boolean => ['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT'].includes(t);
const isCharType = (c: TargetColumn): boolean => c.maxBytes !== undefined || c.duckType === 'VARCHAR';

function valueExpr(refs: string[]): string {
  return refs.length === 0 ? 'CAST(NULL AS VARCHAR)' : refs.length === 1 ? refs[0] : `coalesce(${refs.join(', ')})`;
}

/**
 * What a conversion reads: a SELECT giving filename, line_number, raw_line, invalid_json (the record
 * is unusable as a whole), rec_err_code/rec_err_reason (why, when known) and, per target column, the
 * expressions (`refs`) whose first non-null text feeds it.
 */
export interface ConversionSource {
  sql: string;
  refs: string[][];
}

const NO_DETAIL = 'CAST(NULL AS BIGINT) AS line_number, CAST(NULL AS VARCHAR) AS raw_line, CAST(NULL AS INTEGER) AS rec_err_code, CAST(NULL AS VARCHAR) AS rec_err_reason';

/** JSON objects in `from` (columns filename, json, and with `detail` line_number, raw_line, err_code, err_reason), values by JSONPath. */
export function objectsSource(from: string, paths: ColumnPaths, detail: boolean): ConversionSource {
  const allPaths = [...new Set(paths.flat())];
  const pathList = allPaths.length ? `[${allPaths.map(quoteString).join(', ')}]` : `CAST([] AS VARCHAR[])`;
  const extra = detail ? 'line_number, raw_line, err_code AS rec_err_code, err_reason AS rec_err_reason' : NO_DETAIL;
  return {
    sql: `SELECT filename, ${extra}, json IS NULL AS invalid_json, json_extract_string(json, ${pathList}) AS vals FROM ${from}`,
    refs: paths.map((ps) => ps.map((p) => `vals[${allPaths.indexOf(p) + 1}]`)),
  };
}

/**
 * DuckDB's JSON reader accepts NaN and Infinity, which are not JSON (Redshift rejects the record), and
 * a numeric column would then load them: such a record goes the detailed way, which parses strictly.
 */
const NOT_JSON_NUMBERS = ['nan', '-nan', '+nan', 'inf', '-inf', '+inf', 'infinity', '-infinity', '+infinity'].map(quoteString).join(', ');
const couldTakeNaN = (c: TargetColumn): boolean => !isCharType(c) && !isIntegerType(c.duckType) && c.duckType !== 'BOOLEAN' && c.duckType !== 'DATE';

/**
 * The fast path: DuckDB's reader takes the files whole (one JSON record a line) with one VARCHAR
 * column per top-level key (a string's text, any other value's JSON text — what json_extract_string
 * gives), so the same conversions apply. It throws on a file it cannot parse; the caller then reads
 * that file in detail. `read` is either the files themselves or the joined stage of small files.
 */
function typedRead(read: (keys: string[]) => { from: string; filename: string; member: (key: string) => string }, keysPerColumn: string[][], columns: TargetColumn[]): ConversionSource {
  const keys = [...new Set(keysPerColumn.flat())];
  const v = (key: string) => `v_${keys.indexOf(key) + 1}`;
  const numericKeys = [...new Set(keysPerColumn.flatMap((ks, i) => (couldTakeNaN(columns[i]) ? ks : [])))];
  const suspect = numericKeys.length ? `coalesce(${numericKeys.map((k) => `(strlen(${v(k)}) <= 9 AND lower(${v(k)}) IN (${NOT_JSON_NUMBERS}))`).join(' OR ')}, false)` : 'false';
  const { from, filename, member } = read(keys);
  return {
    sql: `SELECT filename, ${NO_DETAIL}, ${suspect} AS invalid_json${keys.map((k) => `, ${v(k)}`).join('')}
      FROM (SELECT ${filename} AS filename${keys.map((k) => `, ${member(k)} AS ${v(k)}`).join('')} FROM ${from})`,
    refs: keysPerColumn.map((ks) => ks.map(v)),
  };
}

export function typedSource(files: string[], keysPerColumn: string[][], columns: TargetColumn[]): ConversionSource {
  return typedRead((keys) => {
    const readColumns = keys.map((k) => `${quoteIdent(k)}: 'VARCHAR'`).join(', ');
    return {
      from: `read_json([${files.map(quoteString).join(', ')}], format = 'newline_delimited', filename = 'sparkify_source_file'${keys.length ? `, columns = {${readColumns}}` : ''})`,
      filename: 'sparkify_source_file',
      member: quoteIdent,
    };
  }, keysPerColumn, columns);
}

/** The same read over a joined stage (copy-fast-stage): each line {"filename": …, "r": <record>}. */
export function stagedSource(stage: string, keysPerColumn: string[][], columns: TargetColumn[]): ConversionSource {
  return typedRead((keys) => {
    const struct = keys.length ? `STRUCT(${keys.map((k) => `${quoteIdent(k)} VARCHAR`).join(', ')})` : 'JSON';
    return {
      from: `read_json(${quoteString(stage)}, format = 'newline_delimited', columns = {filename: 'VARCHAR', r: ${quoteString(struct)}})`,
      filename: 'filename',
      member: (k) => `r.${quoteIdent(k)}`,
    };
  }, keysPerColumn, columns);
}

/** The value after Redshift's null rules: empty/blank → NULL for non-char types always, for char types on request. */
function nulledExpr(v: string, col: TargetColumn, cmd: CopyCommand): string {
  if (!isCharType(col)) return `CASE WHEN trim(${v}) = '' THEN NULL ELSE ${v} END`;
  if (cmd.blanksAsNull) return `CASE WHEN trim(${v}) = '' THEN NULL ELSE ${v} END`;
  if (cmd.emptyAsNull) return `CASE WHEN ${v} = '' THEN NULL ELSE ${v} END`;
  return v;
}

function convertedExpr(v: string, col: TargetColumn, cmd: CopyCommand): string {
  const t = col.duckType;
  if (isCharType(col)) {
    if (col.maxBytes === undefined || !cmd.truncateColumns) return v;
    // Cut to the byte limit, dropping a multi-byte character that straddles it: take the first n
    // bytes (as hex, two digits a byte) and strip a trailing UTF-8 lead byte whose continuation
    // bytes were cut off. (Counting characters instead emptied strings of many multi-byte ones.)
    const n = col.maxBytes;
    const partialTail = `'([C-D][0-9A-F]|E[0-9A-F]([89AB][0-9A-F])?|F[0-7]([89AB][0-9A-F]){0,2})$'`;
    return `CASE WHEN strlen(${v}) <= ${n} THEN ${v} ELSE decode(unhex(regexp_replace(left(hex(encode(${v})), ${2 * n}), ${partialTail}, ''))) END`;
  }
  if (isIntegerType(t)) {
    // JSON numbers with an integral value (1.540919166796E12, 7.0) load into integer columns; 7.5 does not.
    const d = `TRY_CAST(${v} AS DOUBLE)`;
    return `CASE WHEN regexp_full_match(${v}, '\\s*[-+]?[0-9]+\\s*') THEN TRY_CAST(trim(${v}) AS ${t})
      WHEN ${d} = trunc(${d}) THEN TRY_CAST(${d} AS ${t}) END`;
  }
  if (t === 'TIMESTAMP' || t === 'TIMESTAMPTZ') {
    const f = cmd.timeFormat;
    if (f === 'epochmillisecs') return `make_timestamp(CAST(TRY_CAST(${v} AS DOUBLE) * 1000 AS BIGINT))`;
    if (f === 'epochsecs') return `make_timestamp(CAST(TRY_CAST(${v} AS DOUBLE) * 1000000 AS BIGINT))`;
    return `TRY_CAST(${v} AS ${t})`;
  }
  return `TRY_CAST(${v} AS ${t})`;
}

function badExpr(v: string, conv: string, col: TargetColumn, cmd: CopyCommand): string {
  const checks = [`(${v} IS NOT NULL AND ${conv} IS NULL)`];
  if (isCharType(col) && col.maxBytes !== undefined && !cmd.truncateColumns) checks.push(`strlen(${v}) > ${col.maxBytes}`);
  if (col.notNull) checks.push(`${conv} IS NULL`);
  return checks.join(' OR ');
}

/**
 * SELECT over a source giving filename, line_number, raw_line, rec_err_code, rec_err_reason, vals
 * (with `withDetail`: each column's source text), c_1…c_n and bad_col (1-based column of the first
 * load error, 0 for a record that is unusable as a whole, NULL for a good record).
 */
export function conversionSelect(source: ConversionSource, columns: TargetColumn[], cmd: CopyCommand, withDetail: boolean): string {
  // Layered so each column's value and conversion are computed once, then tested for bad_col.
  const nulled = columns.map((col, k) => `${nulledExpr(valueExpr(source.refs[k]), col, cmd)} AS n_${k + 1}`);
  const converted = columns.map((col, k) => `${convertedExpr(`n_${k + 1}`, col, cmd)} AS c_${k + 1}`);
  const bads = columns.map((col, k) => `WHEN ${badExpr(`n_${k + 1}`, `c_${k + 1}`, col, cmd)} THEN ${k + 1}`);
  const badCol = `CASE WHEN invalid_json THEN 0 ${bads.join(' ')} END AS bad_col`;
  // In detail mode keep each column's source text (after path matching) for raw_field_value.
  const rawValues = columns.length ? `[${columns.map((_, k) => valueExpr(source.refs[k])).join(', ')}]` : 'CAST([] AS VARCHAR[])';
  const valsOut = withDetail ? `${rawValues} AS vals` : 'CAST(NULL AS VARCHAR[]) AS vals';
  const withValues = `SELECT filename, line_number, raw_line, rec_err_code, rec_err_reason, invalid_json, ${valsOut}, ${nulled.join(', ')} FROM (${source.sql})`;
  const withConverted = `SELECT *, ${converted.join(', ')} FROM (${withValues})`;
  return `SELECT filename, line_number, raw_line, rec_err_code, rec_err_reason, vals, ${columns.map((_, k) => `c_${k + 1}`).join(', ')}, ${badCol} FROM (${withConverted})`;
}

/** err_code and err_reason for the column that failed, in Redshift's words. */
export function describeLoadError(col: TargetColumn | undefined, raw: string | null, cmd: CopyCommand): LoadError {
  if (!col) return { colname: '', type: '', errCode: 1216, errReason: 'Invalid JSON object', rawFieldValue: '' };
  const value = raw ?? '';
  const base = { colname: col.name, type: col.redshiftType.replace(/\(.*$/, ''), rawFieldValue: value.slice(0, 1024) };
  const blank = value.trim() === '';
  if (raw === null || (blank && !isCharType(col)) || (isCharType(col) && ((cmd.blanksAsNull && blank) || (cmd.emptyAsNull && value === '')))) {
    return { ...base, errCode: 1213, errReason: 'Missing data for not-null field' };
  }
  if (isCharType(col)) return { ...base, errCode: 1204, errReason: `String length exceeds DDL length` };
  const t = col.duckType;
  if (isIntegerType(t)) {
    const bad = [...value].findIndex((ch, i) => !/[0-9]/.test(ch) && !(i === 0 && /[-+]/.test(ch)));
    if (bad < 0) return { ...base, errCode: 1207, errReason: `Overflow, Value '${value}', Pos 0, Type: ${base.type}` };
    return { ...base, errCode: 1207, errReason: `Invalid digit, Value '${value[bad]}', Pos ${bad}, Type: ${capital(base.type)}` };
  }
  if (t === 'DOUBLE' || t === 'REAL') return { ...base, errCode: 1208, errReason: `Invalid digit, Value '${value[0] ?? ''}', Pos 0, Type: ${capital(base.type)}` };
  if (t.startsWith('DECIMAL')) return { ...base, errCode: 1209, errReason: `Invalid digit, Value '${value[0] ?? ''}', Pos 0, Type: Decimal` };
  if (t === 'BOOLEAN') return { ...base, errCode: 1210, errReason: `Invalid value for boolean: '${value}'` };
  if (t === 'DATE') return { ...base, errCode: 1205, errReason: `Invalid Date Format - length must be 10 or more` };
  if (t.startsWith('TIMESTAMP')) return { ...base, errCode: 1206, errReason: `Invalid timestamp format or value [YYYY-MM-DD HH24:MI:SS]` };
  return { ...base, errCode: 1223, errReason: `Invalid data type for ${base.type}` };
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
