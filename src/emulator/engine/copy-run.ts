// COPY <table> FROM 's3://…' FORMAT JSON: DuckDB reads batches of files and converts them (copy-conversion)
// into a Parquet stage on a scratch connection; the session inserts the good rows inside its transaction,
// so the COPY is atomic. Only a batch with bad records is re-read record by record to report them.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { EngineSession, ExecuteContext } from './engine-session.js';
import { scratchDirOf } from './cluster-engine.js';
import { quoteIdent, quoteString, type Token } from './sql-tokenizer.js';
import { parseCopy, type CopyCommand } from './copy-command.js';
import { checkCopyRegion, checkCopyRole, defaultCopyRole, listSourceFiles, readJsonPaths, type SourceFile } from './copy-sources.js';
import { conversionSelect, describeLoadError, type ColumnPaths, type TargetColumn } from './copy-conversion.js';
import { splitJsonRecords } from './copy-records.js';
import { LoadProgress, type FileOutcome, type LoadErrorRow } from './load-progress.js';
import { RedshiftSqlError } from './sql-errors.js';
import { targetColumns } from './table-columns.js';

const BATCH_FILES = 2000;
const BATCH_BYTES = 32 * 1024 * 1024;

function batches(files: SourceFile[]): SourceFile[][] {
  const out: SourceFile[][] = [];
  let current: SourceFile[] = [];
  let bytes = 0;
  for (const f of files) {
    if (current.length && (current.length >= BATCH_FILES || bytes + f.bytes > BATCH_BYTES)) { out.push(current); current = []; bytes = 0; }
    current.push(f);
    bytes += f.bytes;
  }
  if (current.length) out.push(current);
  return out;
}

let stageCounter = 0;
// Stage files go to the cluster's private scratch folder, the only place its locked engine may write.
const stagePath = (conn: DuckDBConnection, queryId: number, ext: string): string => join(scratchDirOf(conn), `copy-${queryId}-${++stageCounter}.${ext}`);

async function columnPaths(scratch: DuckDBConnection, cmd: CopyCommand, columns: TargetColumn[], source: string, jsonPaths?: string[]): Promise<ColumnPaths> {
  if (jsonPaths) return jsonPaths.map((p) => [p]);
  if (cmd.json.toLowerCase() !== 'auto ignorecase') return columns.map((c) => [`$."${c.name.replace(/"/g, '\\"')}"`]);
  const keys = (await scratch.runAndReadAll(`SELECT DISTINCT unnest(json_keys(json)) FROM ${source} WHERE json IS NOT NULL`)).getRows().map((r) => String(r[0]));
  return columns.map((c) => keys.filter((k) => k.toLowerCase() === c.name.toLowerCase()).map((k) => `$."${k.replace(/"/g, '\\"')}"`));
}

interface StagedBatch {
  parquet: string;
  detailed: boolean;
}

/** Fast path: DuckDB reads the files itself. Throws when a file is not parseable JSON. */
async function stageFast(scratch: DuckDBConnection, cmd: CopyCommand, columns: TargetColumn[], batch: SourceFile[], queryId: number, jsonPaths?: string[]): Promise<StagedBatch> {
  const source = `read_json_objects([${batch.map((f) => quoteString(f.path)).join(', ')}], format = 'unstructured', filename = true)`;
  const paths = await columnPaths(scratch, cmd, columns, source, jsonPaths);
  const parquet = stagePath(scratch, queryId, 'parquet');
  await scratch.run(`COPY (${conversionSelect(source, columns, paths, cmd, false)}) TO ${quoteString(parquet)} (FORMAT parquet)`);
  return { parquet, detailed: false };
}

/** Slow path: split each file into records in Node, keep line numbers and raw text for error rows. */
async function stageDetailed(scratch: DuckDBConnection, cmd: CopyCommand, columns: TargetColumn[], batch: SourceFile[], queryId: number, jsonPaths?: string[]): Promise<StagedBatch> {
  const recordsFile = stagePath(scratch, queryId, 'ndjson');
  const lines: string[] = [];
  for (const f of batch) {
    for (const r of splitJsonRecords(readFileSync(f.path, 'utf8'))) lines.push(JSON.stringify({ filename: f.path, line_number: r.lineNumber, raw_line: r.text }));
  }
  writeFileSync(recordsFile, lines.join('\n'));
  const source = `(SELECT filename, line_number, raw_line,
      CASE WHEN json_valid(raw_line) AND json_type(CAST(raw_line AS JSON)) = 'OBJECT' THEN CAST(raw_line AS JSON) END AS json
      FROM read_json(${quoteString(recordsFile)}, format = 'newline_delimited',
        columns = {filename: 'VARCHAR', line_number: 'BIGINT', raw_line: 'VARCHAR'}))`;
  try {
    const paths = await columnPaths(scratch, cmd, columns, source, jsonPaths);
    const parquet = stagePath(scratch, queryId, 'parquet');
    await scratch.run(`COPY (${conversionSelect(source, columns, paths, cmd, true)}) TO ${quoteString(parquet)} (FORMAT parquet)`);
    return { parquet, detailed: true };
  } finally {
    rmSync(recordsFile, { force: true });
  }
}

async function loadErrorRows(scratch: DuckDBConnection, staged: StagedBatch, columns: TargetColumn[], cmd: CopyCommand, byPath: Map<string, SourceFile>, limit: number): Promise<LoadErrorRow[]> {
  const reader = await scratch.runAndReadAll(
    `SELECT filename, line_number, raw_line, vals, bad_col FROM read_parquet(${quoteString(staged.parquet)}) WHERE bad_col IS NOT NULL ORDER BY filename, line_number LIMIT ${limit}`,
  );
  return (reader.getRowsJson() as unknown[][]).map(([filename, line, raw, vals, badCol]) => {
    const col = Number(badCol) > 0 ? columns[Number(badCol) - 1] : undefined;
    const values = (vals as (string | null)[] | null) ?? [];
    const rawValue = col ? values[Number(badCol) - 1] ?? null : null;
    const e = describeLoadError(col, rawValue, cmd);
    return {
      filename: byPath.get(String(filename))?.uri ?? String(filename), lineNumber: Number(line ?? 0), colname: e.colname, type: e.type,
      colLength: col?.maxBytes !== undefined ? String(col.maxBytes) : '0', position: 0, rawLine: String(raw ?? ''),
      rawFieldValue: e.rawFieldValue, errCode: e.errCode, errReason: e.errReason,
    };
  });
}

export async function runCopy(session: EngineSession, sig: Token[], _sql: string, ctx: ExecuteContext): Promise<number> {
  const cmd = parseCopy(sig);
  const { engine, cluster, catalog, s3Root } = session.deps;
  if (!cmd.keyCredentials) checkCopyRole(catalog, cluster, cmd.defaultIamRole ? defaultCopyRole(cluster) : cmd.iamRole!, ctx.dbUser, cmd.region ?? 'us-east-1');
  checkCopyRegion(catalog, cmd.source, cmd.region);
  const columns = await targetColumns(session.conn, cmd.schema, cmd.table, cmd.columns);
  const jsonPaths = cmd.json.toLowerCase().startsWith('s3://') ? readJsonPaths(s3Root, cmd.json) : undefined;
  if (jsonPaths && jsonPaths.length !== columns.length) {
    throw new RedshiftSqlError(`Number of jsonpaths and the number of columns should match. JSONPath size: ${jsonPaths.length}, Number of columns in table or column list: ${columns.length}`);
  }
  const files = await listSourceFiles(s3Root, cmd.source);
  const byPath = new Map(files.map((f) => [f.path, f]));
  const progress = new LoadProgress(engine, ctx.queryId, ctx.pid, cmd.table, cmd.source, files);
  await progress.start(cluster.dbName);
  const scratch = await engine.connect();
  const ownTransaction = !session.inTransaction;
  const committed: FileOutcome[] = [];
  const target = `${quoteIdent(cmd.schema)}.${quoteIdent(cmd.table)} (${columns.map((c) => quoteIdent(c.name)).join(', ')})`;
  const cancelled = (): boolean => ctx.signal.aborted;
  let loaded = 0;
  let errors = 0;
  try {
    if (ownTransaction) await session.begin();
    for (const batch of batches(files)) {
      if (cancelled()) throw new RedshiftSqlError('Query cancelled on user\'s request');
      let staged: StagedBatch;
      try {
        staged = await stageFast(scratch, cmd, columns, batch, ctx.queryId, jsonPaths);
      } catch {
        staged = await stageDetailed(scratch, cmd, columns, batch, ctx.queryId, jsonPaths);
      }
      try {
        const counts = await scratch.runAndReadAll(`SELECT filename, count(*), count(bad_col) FROM read_parquet(${quoteString(staged.parquet)}) GROUP BY filename`);
        const perFile = new Map<string, [number, number]>((counts.getRows() as unknown[][]).map(([f, n, bad]) => [String(f), [Number(n), Number(bad)]]));
        const badInBatch = [...perFile.values()].reduce((s, [, bad]) => s + bad, 0);
        if (badInBatch > 0 && !staged.detailed) {
          rmSync(staged.parquet, { force: true });
          staged = await stageDetailed(scratch, cmd, columns, batch, ctx.queryId, jsonPaths);
        }
        if (badInBatch > 0) {
          const rows = await loadErrorRows(scratch, staged, columns, cmd, byPath, cmd.maxError - errors + 1);
          errors += badInBatch;
          await progress.errors(rows);
          if (errors > cmd.maxError) {
            throw new RedshiftSqlError(`Load into table '${cmd.table}' failed.  Check 'stl_load_errors' system table for details.`);
          }
        }
        const result = await session.conn.run(
          `INSERT INTO ${target} SELECT ${columns.map((_, k) => `c_${k + 1}`).join(', ')} FROM read_parquet(${quoteString(staged.parquet)}) WHERE bad_col IS NULL`,
        );
        const rows = Number(result.rowsChanged);
        loaded += rows;
        const outcomes = batch.map((file) => {
          const [lines, bad] = perFile.get(file.path) ?? [0, 0];
          return { file, lines, errors: bad };
        });
        committed.push(...outcomes);
        await progress.batchDone(outcomes, rows);
      } finally {
        rmSync(staged.parquet, { force: true });
      }
    }
    if (ownTransaction) await session.commit();
    await progress.finish('completed', committed);
    return loaded;
  } catch (err) {
    if (ownTransaction) await session.rollback().catch(() => undefined);
    await progress.finish('aborted', committed).catch(() => undefined);
    throw err;
  } finally {
    scratch.closeSync();
  }
}
