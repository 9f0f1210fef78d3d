// COPY of delimited files: `FORMAT [AS] CSV [QUOTE [AS] 'c']` or Redshift's default text format
// (`DELIMITER 'c'`, default '|', no quoting), with IGNOREHEADER n, NULL AS, EMPTYASNULL,
// BLANKSASNULL, GZIP input and MANIFEST sources. DuckDB's read_csv reads the files (every field as
// text) and one INSERT … SELECT casts them, atomically. A separate path from the JSON COPY
// (copy-run.ts, whose load tables it does not fill): a bad row fails the whole COPY with its error.
import { readFileSync } from 'node:fs';
import type { EngineSession, ExecuteContext } from './engine-session.js';
import { isWord, quoteIdent, quoteString, stringValue, type Token } from './sql-tokenizer.js';
import { RedshiftSqlError } from './sql-errors.js';
import { applyCredentialsText, isKeyCredentialWord, parseCopyTarget } from './load-options.js';
import { checkCopyRole, defaultCopyRole, listSourceFiles, parseS3Uri } from './copy-sources.js';
import { targetColumns } from './table-columns.js';
import { s3ObjectPath } from './unload.js';

export interface DelimitedCopy {
  schema: string;
  table: string;
  columns?: string[];
  source: string;
  iamRole?: string;
  defaultIamRole?: boolean;
  keyCredentials?: boolean;
  csv: boolean;
  delimiter: string;
  quote: string;
  ignoreHeader: number;
  nullAs?: string;
  emptyAsNull: boolean;
  blanksAsNull: boolean;
  gzip: boolean;
  manifest: boolean;
  region?: string;
}

const IGNORED = ['COMPUPDATE', 'STATUPDATE', 'ACCEPTINVCHARS', 'ACCEPTANYDATE', 'TRIMBLANKS', 'ROUNDEC', 'EXPLICIT_IDS', 'TRUNCATECOLUMNS', 'FILLRECORD', 'MAXERROR', 'TIMEFORMAT', 'DATEFORMAT', 'ENCRYPTED', 'REMOVEQUOTES', 'ESCAPE'];

/** True when a COPY reads delimited files: CSV, or Redshift's default text format (no JSON/columnar format named). */
export function isDelimitedCopy(sig: Token[]): boolean {
  const words = new Set(sig.filter((t) => t.kind === 'word').map((t) => t.text.toUpperCase()));
  return !['JSON', 'PARQUET', 'AVRO', 'ORC'].some((w) => words.has(w));
}

export function parseDelimitedCopy(sig: Token[]): DelimitedCopy {
  const { schema, table, columns, source, next } = parseCopyTarget(sig);
  let i = next;
  const cmd: DelimitedCopy = {
    schema, table, columns, source, csv: false, delimiter: '|', quote: '"', ignoreHeader: 0,
    emptyAsNull: false, blanksAsNull: false, gzip: false, manifest: false,
  };
  let delimiterGiven = false;
  const str = (): string => {
    if (isWord(sig[i], 'AS')) i++;
    const t = sig[i++];
    if (t?.kind !== 'string') throw new RedshiftSqlError(`syntax error at or near "${t?.text ?? ''}"`);
    return stringValue(t);
  };
  while (i < sig.length) {
    const t = sig[i++];
    const word = t.kind === 'word' ? t.text.toUpperCase() : t.text;
    if (word === 'IAM_ROLE' && isWord(sig[i], 'DEFAULT')) { i++; cmd.defaultIamRole = true; }
    else if (word === 'IAM_ROLE') cmd.iamRole = str();
    else if (word === 'CREDENTIALS' || (word === 'WITH' && isWord(sig[i], 'CREDENTIALS'))) {
      if (word === 'WITH') i++;
      applyCredentialsText(str(), cmd);
    } else if (isKeyCredentialWord(word)) { str(); cmd.keyCredentials = true; }
    else if (word === 'FORMAT') { if (isWord(sig[i], 'AS')) i++; if (isWord(sig[i], 'CSV')) { cmd.csv = true; i++; } else throw new RedshiftSqlError(`syntax error at or near "${sig[i]?.text ?? ''}"`); }
    else if (word === 'CSV') cmd.csv = true;
    else if (word === 'QUOTE') cmd.quote = str();
    else if (word === 'DELIMITER') { cmd.delimiter = str(); delimiterGiven = true; }
    else if (word === 'IGNOREHEADER') { if (isWord(sig[i], 'AS')) i++; cmd.ignoreHeader = Number(sig[i++]?.text); }
    else if (word === 'NULL') cmd.nullAs = str();
    else if (word === 'EMPTYASNULL') cmd.emptyAsNull = true;
    else if (word === 'BLANKSASNULL') cmd.blanksAsNull = true;
    else if (word === 'GZIP') cmd.gzip = true;
    else if (word === 'MANIFEST') cmd.manifest = true;
    else if (word === 'REGION') cmd.region = str();
    else if (word === 'BZIP2' || word === 'LZOP' || word === 'ZSTD' || word === 'FIXEDWIDTH') {
      throw new RedshiftSqlError(`The emulator's COPY does not support ${word} (delimited input: CSV, DELIMITER, QUOTE, IGNOREHEADER, NULL AS, EMPTYASNULL, BLANKSASNULL, GZIP, MANIFEST)`);
    } else if (IGNORED.includes(word)) {
      if (isWord(sig[i], 'ON', 'OFF', 'TRUE', 'FALSE', 'PRESET') || sig[i]?.kind === 'number') i++;
      if (isWord(sig[i], 'AS')) i++;
      if (sig[i]?.kind === 'string' || sig[i]?.kind === 'number') i++;
    } else throw new RedshiftSqlError(`syntax error at or near "${t.text}"`);
  }
  if (cmd.csv && !delimiterGiven) cmd.delimiter = ',';
  if (!Number.isInteger(cmd.ignoreHeader) || cmd.ignoreHeader < 0) throw new RedshiftSqlError('IGNOREHEADER must be a non-negative integer');
  if (cmd.delimiter.length !== 1) throw new RedshiftSqlError(`COPY delimiter must be a single one-byte character`);
  if (!cmd.iamRole && !cmd.defaultIamRole && !cmd.keyCredentials) throw new RedshiftSqlError('Missing credentials: specify IAM_ROLE or CREDENTIALS for COPY');
  return cmd;
}

/** The files a MANIFEST names (mandatory entries must exist), or every key under the prefix. */
async function sourcePaths(s3Root: string, cmd: DelimitedCopy): Promise<string[]> {
  if (!cmd.manifest) return (await listSourceFiles(s3Root, cmd.source)).map((f) => f.path);
  const { bucket, key } = parseS3Uri(cmd.source);
  let manifest: { entries?: { url?: string; mandatory?: boolean }[] };
  try {
    manifest = JSON.parse(readFileSync(s3ObjectPath(s3Root, bucket, key), 'utf8'));
  } catch (err) {
    throw new RedshiftSqlError(`Manifest file ${cmd.source} could not be read: ${(err as Error).message.split('\n')[0]}`);
  }
  const paths: string[] = [];
  for (const entry of manifest.entries ?? []) {
    if (!entry.url) throw new RedshiftSqlError(`Manifest file ${cmd.source} has an entry without url`);
    const files = await listSourceFiles(s3Root, entry.url).catch((err) => {
      if (entry.mandatory) throw new RedshiftSqlError(`Manifest file is mandatory but S3 file does not exist: ${entry.url}\n  Detail: ${(err as Error).message.split('\n')[0]}`);
      return [];
    });
    const exact = files.find((f) => `s3://${parseS3Uri(entry.url!).bucket}/${f.key}` === entry.url);
    if (exact) paths.push(exact.path);
    else if (entry.mandatory) throw new RedshiftSqlError(`Manifest file is mandatory but S3 file does not exist: ${entry.url}`);
  }
  if (paths.length === 0) throw new RedshiftSqlError(`Manifest file ${cmd.source} names no file that exists`);
  return paths;
}

export async function runDelimitedCopy(session: EngineSession, sig: Token[], ctx: ExecuteContext): Promise<number> {
  const cmd = parseDelimitedCopy(sig);
  const { cluster, catalog, s3Root } = session.deps;
  if (!cmd.keyCredentials) checkCopyRole(catalog, cluster, cmd.defaultIamRole ? defaultCopyRole(cluster) : cmd.iamRole!, ctx.dbUser, cmd.region ?? 'us-east-1');
  const columns = await targetColumns(session.conn, cmd.schema, cmd.table, cmd.columns);
  const paths = await sourcePaths(s3Root, cmd);
  const fields = columns.map((_, k) => `c${k}`);
  // Empty fields stay '' (Redshift loads them into CHAR/VARCHAR as ''); NULL AS names the null marker.
  const options = [
    `delim = ${quoteString(cmd.delimiter)}`, `quote = ${quoteString(cmd.csv ? cmd.quote : '')}`, `escape = ${quoteString(cmd.csv ? cmd.quote : '')}`,
    `skip = ${cmd.ignoreHeader}`, 'header = false', 'auto_detect = false', `nullstr = ${quoteString(cmd.nullAs ?? '\u0001sparkify-no-null\u0001')}`,
    `columns = {${fields.map((f) => `${quoteString(f)}: 'VARCHAR'`).join(', ')}}`, `compression = ${quoteString(cmd.gzip ? 'gzip' : 'none')}`,
    'strict_mode = true', 'null_padding = false',
  ];
  const select = columns.map((c, k) => {
    const field = quoteIdent(fields[k]);
    const isText = /^VARCHAR/i.test(c.duckType);
    let value = field;
    if (isText) {
      if (cmd.emptyAsNull) value = `nullif(${value}, '')`;
      if (cmd.blanksAsNull) value = `CASE WHEN trim(${value}) = '' THEN NULL ELSE ${value} END`;
    } else value = `CAST(nullif(trim(${field}), '') AS ${c.duckType})`;
    return value;
  });
  const target = `${quoteIdent(cmd.schema)}.${quoteIdent(cmd.table)} (${columns.map((c) => quoteIdent(c.name)).join(', ')})`;
  const result = await session.conn.run(
    `INSERT INTO ${target} SELECT ${select.join(', ')} FROM read_csv([${paths.map(quoteString).join(', ')}], ${options.join(', ')})`,
  );
  return Number(result.rowsChanged);
}
