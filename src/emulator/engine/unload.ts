// UNLOAD ('select …') TO 's3://bucket/prefix' … : the query's rows written into the emulated S3
// folder as Redshift names them (<prefix>0000_part_00 per slice, <prefix>000 with PARALLEL OFF,
// `.parquet` for Parquet, `.gz` for GZIP, <prefix>manifest). The emulator has one slice, so one
// data file. DuckDB's COPY … TO writes the files (CSV, JSON lines, Parquet).
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import type { EngineSession, ExecuteContext, StatementOutcome } from './engine-session.js';
import { isWord, quoteString, significant, stringValue, tokenize } from './sql-tokenizer.js';
import { RedshiftSqlError } from './sql-errors.js';
import { applyCredentialsText, isKeyCredentialWord } from './load-options.js';
import { checkCopyRole, defaultCopyRole, parseS3Uri } from './copy-sources.js';
import { rewriteQuery } from './query-rewrite.js';

export interface UnloadCommand {
  query: string;
  target: string;
  iamRole?: string;
  defaultIamRole?: boolean;
  /** Key-based credentials: accepted, never checked locally. */
  keyCredentials?: boolean;
  format: 'TEXT' | 'CSV' | 'JSON' | 'PARQUET';
  header: boolean;
  delimiter?: string;
  manifest?: 'PLAIN' | 'VERBOSE';
  parallel: boolean;
  allowOverwrite: boolean;
  cleanPath: boolean;
  gzip: boolean;
  nullAs?: string;
  extension?: string;
}

/**
 * Split `UNLOAD ('query') rest…`: the query literal may escape quotes as \' (Redshift's documented form)
 * or '', which the general tokenizer does not read, so it is scanned here.
 */
function splitQuery(statement: string): { query: string; rest: string } {
  // Leading comments are part of the statement as sent.
  const sql = statement.replace(/^(\s+|--[^\n]*(\n|$)|\/\*[\s\S]*?\*\/)*/, '');
  const head = /^UNLOAD\s*\(\s*'/i.exec(sql);
  if (!head) throw new RedshiftSqlError(`syntax error at or near "${sql.trim().split(/\s+/)[1] ?? ''}"`);
  let query = '';
  let i = head[0].length;
  for (; i < sql.length; i++) {
    if (sql[i] === '\\' && i + 1 < sql.length) { query += sql[++i]; continue; }
    if (sql[i] === "'" && sql[i + 1] === "'") { query += "'"; i++; continue; }
    if (sql[i] === "'") break;
    query += sql[i];
  }
  const close = /^'\s*\)/.exec(sql.slice(i));
  if (!close) throw new RedshiftSqlError('syntax error at end of input');
  return { query, rest: sql.slice(i + close[0].length) };
}

export function parseUnload(sql: string): UnloadCommand {
  const { query, rest } = splitQuery(sql);
  const sig = significant(tokenize(rest));
  let i = 0;
  if (!isWord(sig[i], 'TO') || sig[i + 1]?.kind !== 'string') throw new RedshiftSqlError(`syntax error at or near "${sig[i]?.text ?? ''}"`);
  const cmd: UnloadCommand = { query, target: stringValue(sig[i + 1]), format: 'TEXT', header: false, parallel: true, allowOverwrite: false, cleanPath: false, gzip: false };
  i += 2;
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
    else if (word === 'FORMAT') {
      if (isWord(sig[i], 'AS')) i++;
      const f = sig[i++]?.text.toUpperCase();
      if (f !== 'CSV' && f !== 'JSON' && f !== 'PARQUET') throw new RedshiftSqlError(`syntax error at or near "${f ?? ''}"`);
      cmd.format = f;
    } else if (word === 'CSV' || word === 'JSON' || word === 'PARQUET') cmd.format = word;
    else if (word === 'HEADER') cmd.header = true;
    else if (word === 'DELIMITER') cmd.delimiter = str();
    else if (word === 'MANIFEST') { cmd.manifest = 'PLAIN'; if (isWord(sig[i], 'VERBOSE')) { cmd.manifest = 'VERBOSE'; i++; } }
    else if (word === 'PARALLEL') {
      if (isWord(sig[i], 'OFF', 'FALSE')) { cmd.parallel = false; i++; } else if (isWord(sig[i], 'ON', 'TRUE')) i++;
    } else if (word === 'ALLOWOVERWRITE') cmd.allowOverwrite = true;
    else if (word === 'CLEANPATH') cmd.cleanPath = true;
    else if (word === 'GZIP') cmd.gzip = true;
    else if (word === 'NULL') cmd.nullAs = str();
    else if (word === 'EXTENSION') cmd.extension = str().replace(/^\./, '');
    else if (word === 'REGION') str();
    else if (word === 'ENCRYPTED' || word === 'ADDQUOTES' || word === 'ESCAPE') { /* SSE is S3's business; quoting follows the format */ }
    else if (word === 'MAXFILESIZE' || word === 'ROWGROUPSIZE') {
      if (isWord(sig[i], 'AS')) i++;
      i++;
      if (isWord(sig[i], 'MB', 'GB')) i++;
    } else if (word === 'PARTITION' || word === 'FIXEDWIDTH' || word === 'BZIP2' || word === 'ZSTD') {
      throw new RedshiftSqlError(`The emulator's UNLOAD does not support ${word} (supported: FORMAT CSV | JSON | PARQUET, HEADER, DELIMITER, MANIFEST [VERBOSE], PARALLEL, ALLOWOVERWRITE, CLEANPATH, GZIP, NULL AS, EXTENSION)`);
    } else throw new RedshiftSqlError(`syntax error at or near "${t.text}"`);
  }
  if (!cmd.iamRole && !cmd.defaultIamRole && !cmd.keyCredentials) throw new RedshiftSqlError('Missing credentials: specify IAM_ROLE or CREDENTIALS for UNLOAD');
  if (cmd.format === 'PARQUET' && (cmd.header || cmd.delimiter || cmd.gzip)) {
    throw new RedshiftSqlError('HEADER, DELIMITER and GZIP are not supported with PARQUET format');
  }
  if (cmd.format === 'JSON' && (cmd.header || cmd.delimiter)) throw new RedshiftSqlError('HEADER and DELIMITER are not supported with JSON format');
  return cmd;
}

/**
 * The file a key of a bucket stands for, refusing any key that would leave the emulated S3 folder.
 * One small function so the integrator can swap in the shared safe-path helper.
 */
export function s3ObjectPath(s3Root: string, bucket: string, key: string): string {
  const root = resolve(s3Root);
  const path = resolve(root, bucket, key);
  if (bucket.includes('/') || bucket === '..' || !(path + (key.endsWith('/') ? sep : '')).startsWith(root + sep)) {
    throw new RedshiftSqlError(`Invalid S3 key 's3://${bucket}/${key}': it leaves the bucket`);
  }
  return path;
}

function keysUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile()).map((f) => f.split(sep).join('/'));
}

function fileNames(cmd: UnloadCommand): { data: string; manifest: string } {
  const base = cmd.parallel ? '0000_part_00' : '000';
  const ext = cmd.extension ?? (cmd.format === 'PARQUET' ? 'parquet' : '');
  return { data: `${base}${ext ? `.${ext}` : ''}${cmd.gzip ? '.gz' : ''}`, manifest: 'manifest' };
}

function copyOptions(cmd: UnloadCommand): string {
  if (cmd.format === 'PARQUET') return 'FORMAT parquet';
  if (cmd.format === 'JSON') return `FORMAT json${cmd.gzip ? ", COMPRESSION 'gzip'" : ''}`;
  const delimiter = cmd.delimiter ?? (cmd.format === 'CSV' ? ',' : '|');
  return [`FORMAT csv`, `DELIMITER ${quoteString(delimiter)}`, `HEADER ${cmd.header}`, `NULL ${quoteString(cmd.nullAs ?? '')}`,
    ...(cmd.gzip ? ["COMPRESSION 'gzip'"] : [])].join(', ');
}

export async function runUnload(session: EngineSession, sql: string, ctx: ExecuteContext): Promise<StatementOutcome> {
  const cmd = parseUnload(sql);
  const { cluster, catalog, s3Root } = session.deps;
  if (!cmd.keyCredentials) checkCopyRole(catalog, cluster, cmd.defaultIamRole ? defaultCopyRole(cluster) : cmd.iamRole!, ctx.dbUser, 'us-east-1');
  const { bucket, key: prefix } = parseS3Uri(cmd.target);
  const bucketDir = s3ObjectPath(s3Root, bucket, '');
  if (!existsSync(bucketDir)) throw new RedshiftSqlError(`S3ServiceException:The specified bucket does not exist,Status 404,Error NoSuchBucket,Rid EMULATOR,CanRetry 1`);
  const prefixDir = prefix.endsWith('/') || prefix === '' ? s3ObjectPath(s3Root, bucket, prefix) : dirname(s3ObjectPath(s3Root, bucket, prefix));
  const existing = keysUnder(bucketDir).filter((k) => k.startsWith(prefix));
  if (existing.length > 0 && cmd.cleanPath) for (const k of existing) rmSync(s3ObjectPath(s3Root, bucket, k));
  else if (existing.length > 0 && !cmd.allowOverwrite) {
    throw new RedshiftSqlError('Specified unload destination on S3 is not empty. Consider using a different bucket / prefix, manually removing the target files in S3, or using the ALLOWOVERWRITE option.');
  }
  const names = fileNames(cmd);
  const dataKey = `${prefix}${names.data}`;
  const dataPath = s3ObjectPath(s3Root, bucket, dataKey);
  mkdirSync(prefixDir, { recursive: true });
  // The inner query is user SQL hidden in a string literal: the statement guard checked it too (sql-guard.ts guardUnloadQuery).
  const duckQuery = rewriteQuery(cmd.query);
  const described = await session.conn.runAndReadAll(`DESCRIBE ${duckQuery}`);
  const columns = (described.getRowsJson() as string[][]).map(([name, type]) => ({ name, type }));
  await session.conn.run(`COPY (${duckQuery}) TO ${quoteString(dataPath)} (${copyOptions(cmd)})`);
  const counted = await session.conn.runAndReadAll(`SELECT count(*) FROM (${duckQuery})`);
  const rows = Number(counted.getRows()[0][0]);
  if (cmd.manifest) {
    const entry: Record<string, unknown> = { url: `s3://${bucket}/${dataKey}` };
    if (cmd.manifest === 'VERBOSE') entry.meta = { content_length: statSync(dataPath).size, record_count: rows };
    const manifest: Record<string, unknown> = { entries: [entry] };
    if (cmd.manifest === 'VERBOSE') {
      manifest.schema = { elements: columns.map((c) => ({ name: c.name.toLowerCase(), type: { base: c.type.toLowerCase() } })) };
      manifest.meta = { content_length: statSync(dataPath).size, record_count: rows };
      manifest.author = { name: 'Amazon Redshift', version: '1.0.0' };
    }
    writeFileSync(s3ObjectPath(s3Root, bucket, `${prefix}${names.manifest}`), `${JSON.stringify(manifest, null, 2)}\n`);
  }
  return { hasResultSet: false, columns: [], rows: [], rowCount: rows };
}
