// COPY <table> FROM 's3://…' FORMAT JSON. The common case takes the fast path: DuckDB's own reader
// takes a handful of large batches of files (typedSource), the Redshift conversions run in the same
// SELECT, and the good rows go into the table inside the statement's transaction, so the COPY is
// atomic; SYS_LOAD_HISTORY moves after each batch. Only files that need it (a record DuckDB cannot
// read, or one with a load error) are re-read record by record (copy-records) to report them.
import { rmSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { EngineSession, ExecuteContext } from './engine-session.js';
import { quoteIdent, quoteString, type Token } from './sql-tokenizer.js';
import { parseCopy, type CopyCommand } from './copy-command.js';
import { checkCopyRegion, checkCopyRole, defaultCopyRole, listSourceFiles, readJsonPaths, type SourceFile } from './copy-sources.js';
import { conversionSelect, describeLoadError, objectsSource, stagedSource, typedSource, type ConversionSource, type TargetColumn } from './copy-conversion.js';
import { countRecordLines, writeJoinedStage } from './copy-fast-stage.js';
import { LoadProgress, type LoadErrorRow } from './load-progress.js';
import { stagePath, writeDetailedStage } from './copy-stage.js';
import { scratchDirOf } from './cluster-engine.js';
import { batches, columnPaths, DIRECT_MIN_FILE_BYTES, JOIN_MAX_FILE_BYTES, topLevelKeys, unreadableFile } from './copy-plan.js';
import { RedshiftSqlError } from './sql-errors.js';
import { targetColumns } from './table-columns.js';

/** The optimistic single pass met a file DuckDB cannot read; the COPY starts over the careful way. */
class NeedsCarefulPass extends Error {
  constructor(readonly file: string | undefined) {
    super(`unreadable: ${file ?? 'unknown file'}`);
  }
}

/** DuckDB could not parse a joined stage of small files (a record spanning lines, a BOM): read the files themselves. */
class JoinedStageUnreadable extends Error {
  constructor() {
    super('the joined stage of small files is not one JSON record a line');
  }
}

class CopyLoad {
  loaded = 0;
  errors = 0;
  private readonly byPath: Map<string, SourceFile>;
  private readonly target: string;
  private stageCount = 0;

  constructor(
    private readonly session: EngineSession,
    private readonly scratch: DuckDBConnection,
    private readonly cmd: CopyCommand,
    private readonly columns: TargetColumn[],
    private readonly progress: LoadProgress,
    private readonly queryId: number,
    private readonly keys: string[][] | undefined,
    private readonly jsonPaths: string[] | undefined,
    files: SourceFile[],
    private readonly cancelled: () => boolean,
    /** Files an earlier attempt found DuckDB cannot read: straight to the detailed path. */
    private readonly knownUnreadable: Set<string> = new Set(),
  ) {
    this.byPath = new Map(files.map((f) => [f.path, f]));
    this.target = `${quoteIdent(cmd.schema)}.${quoteIdent(cmd.table)} (${columns.map((c) => quoteIdent(c.name)).join(', ')})`;
  }

  private tempName = (): string => `sparkify_copy_${this.queryId}_${++this.stageCount}`;

  /** Off once a joined stage failed to parse: the files themselves then say which one is at fault. */
  private joinFiles = true;

  private async plainSource(conn: DuckDBConnection, files: SourceFile[]): Promise<ConversionSource> {
    const paths = files.map((f) => f.path);
    if (this.keys) return typedSource(paths, this.keys, this.columns);
    const from = `read_json_objects([${paths.map(quoteString).join(', ')}], format = 'unstructured', filename = true)`;
    return objectsSource(from, await columnPaths(conn, this.cmd, this.columns, from, this.jsonPaths), false);
  }

  /**
   * Runs `into(<the fast conversion SELECT>)` on conn. Many small files are first joined into one stage
   * file (removed once read); then it returns each file's record count from the stage, else undefined
   * (count them in SQL). A stage DuckDB cannot parse throws JoinedStageUnreadable.
   */
  private async readFast(conn: DuckDBConnection, files: SourceFile[], into: (select: string) => string): Promise<Map<string, number> | undefined> {
    const join = this.keys !== undefined && this.joinFiles && files.length > 1 && files.every((f) => f.bytes <= JOIN_MAX_FILE_BYTES);
    const stage = join ? stagePath(scratchDirOf(conn), this.queryId, 'ndjson') : undefined;
    try {
      const records = stage ? writeJoinedStage(files, stage) : undefined;
      const source = stage ? stagedSource(stage, this.keys!, this.columns) : await this.plainSource(conn, files);
      await conn.run(into(conversionSelect(source, this.columns, this.cmd, false)));
      return records;
    } catch (err) {
      if (stage === undefined || unreadableFile(err) !== stage) throw err;
      this.joinFiles = false;
      throw new JoinedStageUnreadable();
    } finally {
      if (stage) rmSync(stage, { force: true });
    }
  }

  /**
   * Optimistic (the COPY's own transaction): the fast read straight into a temp table of the session —
   * DuckDB aborts a transaction on any error, so a file it cannot parse restarts the COPY carefully.
   * Careful: the fast read on the scratch connection into a Parquet file, retried without each file it
   * names as unreadable; those go the detailed way. `records`: each file's record count, when known.
   */
  private async stageFast(batch: SourceFile[], optimistic: boolean): Promise<{ relation?: string; detailed: Set<string>; records?: Map<string, number>; cleanup: () => Promise<void> }> {
    const detailed = new Set(batch.filter((f) => this.knownUnreadable.has(f.path)).map((f) => f.path));
    if (optimistic) {
      const name = this.tempName();
      let records: Map<string, number> | undefined;
      try {
        records = await this.readFast(this.session.conn, batch, (select) => `CREATE TEMP TABLE ${name} AS ${select}`);
      } catch (err) {
        if (this.cancelled()) throw new RedshiftSqlError('Query cancelled on user\'s request');
        throw new NeedsCarefulPass(err instanceof JoinedStageUnreadable ? undefined : unreadableFile(err));
      }
      return { relation: name, detailed, records, cleanup: async () => void (await this.session.conn.run(`DROP TABLE IF EXISTS ${name}`)) };
    }
    const parquet = stagePath(scratchDirOf(this.session.conn), this.queryId, 'parquet');
    const cleanup = async () => rmSync(parquet, { force: true });
    for (let remaining = batch.filter((f) => !detailed.has(f.path)); ;) {
      if (remaining.length === 0) return { detailed, cleanup };
      try {
        const records = await this.readFast(this.scratch, remaining, (select) => `COPY (${select}) TO ${quoteString(parquet)} (FORMAT parquet)`);
        return { relation: `read_parquet(${quoteString(parquet)})`, detailed, records, cleanup };
      } catch (err) {
        if (err instanceof JoinedStageUnreadable) continue;
        const bad = unreadableFile(err);
        // Unnamed trouble: read the whole rest in detail rather than guess.
        const out = bad && this.byPath.has(bad) ? [bad] : remaining.map((f) => f.path);
        for (const p of out) detailed.add(p);
        remaining = remaining.filter((f) => !detailed.has(f.path));
      }
    }
  }

  /**
   * Files read record by record into an NDJSON stage file; the returned SELECT reads it back with
   * every record's outcome. It is read twice (counts and errors, then the insert), streaming both
   * times, so memory stays flat whatever the file size.
   */
  private async stageDetailed(files: SourceFile[], path: string): Promise<string> {
    await writeDetailedStage(files, path, this.cmd.acceptInvChars);
    const from = `(SELECT * FROM read_json(${quoteString(path)}, format = 'newline_delimited', maximum_object_size = 16777216,
      columns = {filename: 'VARCHAR', line_number: 'BIGINT', raw_line: 'VARCHAR', err_code: 'INTEGER', err_reason: 'VARCHAR', json: 'JSON'}))`;
    const source = objectsSource(from, await columnPaths(this.session.conn, this.cmd, this.columns, from, this.jsonPaths), true);
    return `(${conversionSelect(source, this.columns, this.cmd, true)})`;
  }

  /** Each file's [records, load errors]; `staged`: the record counts a joined stage already knows. */
  private async perFile(conn: DuckDBConnection, relation: string, staged?: Map<string, number>): Promise<Map<string, [number, number]>> {
    if (staged) {
      // The stage's line counts are the records; only files with load errors are left to count.
      const bad = await conn.runAndReadAll(`SELECT filename, count(*) FROM ${relation} WHERE bad_col IS NOT NULL GROUP BY filename`);
      const counts = new Map<string, [number, number]>([...staged].map(([f, n]) => [f, [n, 0]]));
      for (const [f, n] of bad.getRows() as unknown[][]) counts.set(String(f), [staged.get(String(f)) ?? 0, Number(n)]);
      return counts;
    }
    const counts = await conn.runAndReadAll(`SELECT filename, count(*), count(bad_col) FROM ${relation} GROUP BY filename`);
    return new Map((counts.getRows() as unknown[][]).map(([f, n, bad]) => [String(f), [Number(n), Number(bad)]]));
  }

  private async errorRows(relation: string, limit: number): Promise<LoadErrorRow[]> {
    const reader = await this.session.conn.runAndReadAll(
      `SELECT filename, line_number, raw_line, vals, bad_col, rec_err_code, rec_err_reason FROM ${relation} WHERE bad_col IS NOT NULL ORDER BY filename, line_number LIMIT ${limit}`,
    );
    return (reader.getRowsJson() as unknown[][]).map(([filename, line, raw, vals, badCol, recCode, recReason]) => {
      const col = Number(badCol) > 0 ? this.columns[Number(badCol) - 1] : undefined;
      const values = (vals as (string | null)[] | null) ?? [];
      const e = describeLoadError(col, col ? values[Number(badCol) - 1] ?? null : null, this.cmd);
      return {
        filename: this.byPath.get(String(filename))?.uri ?? String(filename), lineNumber: Number(line ?? 0), colname: e.colname, type: e.type,
        colLength: col?.maxBytes !== undefined ? String(col.maxBytes) : '0', position: 0, rawLine: String(raw ?? ''),
        rawFieldValue: e.rawFieldValue, errCode: recCode === null ? e.errCode : Number(recCode), errReason: recReason === null ? e.errReason : String(recReason),
      };
    });
  }

  private readonly selectColumns = (): string => this.columns.map((_, k) => `c_${k + 1}`).join(', ');

  /**
   * The fastest way, for files large enough that DuckDB opening each costs little: one INSERT … SELECT
   * straight from the reader into the table that stops at the first bad record (error()), which
   * restarts the COPY the careful way. Each file's record count is its count of lines, which Node
   * takes while DuckDB reads: if the reader took every file, each line held exactly one record.
   */
  private async direct(batch: SourceFile[]): Promise<{ counts: Map<string, [number, number]>; detailed: Set<string>; rows: number }> {
    const detailed = new Set(batch.filter((f) => this.knownUnreadable.has(f.path)).map((f) => f.path));
    const readable = batch.filter((f) => !detailed.has(f.path));
    if (readable.length === 0) return { counts: new Map(), detailed, rows: 0 };
    const conv = conversionSelect(typedSource(readable.map((f) => f.path), this.keys!, this.columns), this.columns, this.cmd, false);
    const inserting = this.session.conn.run(`INSERT INTO ${this.target} SELECT ${this.selectColumns()} FROM (${conv})
        WHERE CASE WHEN bad_col IS NULL THEN true ELSE error('sparkify: a record with a load error in file "' || filename || '"') END`);
    inserting.catch(() => undefined); // awaited below, after the count
    let counts: Map<string, [number, number]>;
    try {
      const chunk = Buffer.allocUnsafe(1 << 20);
      counts = new Map(readable.map((f) => [f.path, [countRecordLines(f.path, chunk), 0]]));
    } catch (err) {
      await inserting.catch(() => undefined); // a file gone mid-COPY: nothing may still run on the session
      throw err;
    }
    try {
      return { counts, detailed, rows: Number((await inserting).rowsChanged) };
    } catch (err) {
      if (this.cancelled()) throw new RedshiftSqlError('Query cancelled on user\'s request');
      throw new NeedsCarefulPass(unreadableFile(err));
    }
  }

  /** Good rows of the detailed files into the table, their errors into the system tables. */
  private async loadDetailed(files: SourceFile[], outcomes: Map<string, [number, number]>, stage: string): Promise<number> {
    const detailedTable = await this.stageDetailed(files, stage);
    for (const [path, c] of await this.perFile(this.session.conn, detailedTable)) outcomes.set(path, c);
    const bad = files.reduce((s, f) => s + (outcomes.get(f.path)?.[1] ?? 0), 0);
    if (bad > 0) {
      await this.progress.errors(await this.errorRows(detailedTable, this.cmd.maxError - this.errors + 1));
      this.errors += bad;
      if (this.errors > this.cmd.maxError) {
        throw new RedshiftSqlError(`Load into table '${this.cmd.table}' failed.  Check 'stl_load_errors' system table for details.`);
      }
    }
    const r = await this.session.conn.run(`INSERT INTO ${this.target} SELECT ${this.selectColumns()} FROM ${detailedTable} WHERE bad_col IS NULL`);
    return Number(r.rowsChanged);
  }

  async batch(batch: SourceFile[], optimistic: boolean): Promise<void> {
    const detailedPath = stagePath(scratchDirOf(this.session.conn), this.queryId, 'ndjson');
    let cleanup = async () => {};
    try {
      let outcomes: Map<string, [number, number]>;
      let detailed: Set<string>;
      let rows = 0;
      const bytes = batch.reduce((n, f) => n + f.bytes, 0);
      if (optimistic && bytes / batch.length >= DIRECT_MIN_FILE_BYTES) {
        ({ counts: outcomes, detailed, rows } = await this.direct(batch));
      } else {
        const fast = await this.stageFast(batch, optimistic);
        cleanup = fast.cleanup;
        detailed = fast.detailed;
        const counts = fast.relation ? await this.perFile(optimistic ? this.session.conn : this.scratch, fast.relation, fast.records) : new Map<string, [number, number]>();
        for (const [path, [, bad]] of counts) if (bad > 0) detailed.add(path);
        outcomes = counts;
        if (fast.relation) {
          const skip = detailed.size ? ` AND filename NOT IN (${[...detailed].map(quoteString).join(', ')})` : '';
          const r = await this.session.conn.run(`INSERT INTO ${this.target} SELECT ${this.selectColumns()} FROM ${fast.relation} WHERE bad_col IS NULL${skip}`);
          rows += Number(r.rowsChanged);
        }
      }
      if (detailed.size > 0) rows += await this.loadDetailed(batch.filter((f) => detailed.has(f.path)), outcomes, detailedPath);
      this.loaded += rows;
      const done = batch.map((file) => {
        const [lines, bad] = outcomes.get(file.path) ?? [0, 0];
        return { file, lines, errors: bad };
      });
      await this.progress.batchDone(done, rows);
    } finally {
      await cleanup();
      rmSync(detailedPath, { force: true });
    }
  }
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
  const progress = new LoadProgress(engine, ctx.queryId, engine.nextStlQueryId(), ctx.pid, cmd.table, cmd.source, files);
  await progress.start(cluster.dbName);
  const scratch = await engine.connect();
  const ownTransaction = !session.inTransaction;
  const keys = topLevelKeys(cmd, columns, jsonPaths);
  const cancelled = (): boolean => ctx.signal.aborted;
  const attempt = async (optimistic: boolean, unreadable?: string): Promise<CopyLoad> => {
    const l = new CopyLoad(session, scratch, cmd, columns, progress, ctx.queryId, keys, jsonPaths, files, cancelled, new Set(unreadable ? [unreadable] : []));
    for (const batch of batches(files)) {
      if (cancelled()) throw new RedshiftSqlError('Query cancelled on user\'s request');
      await l.batch(batch, optimistic);
    }
    return l;
  };
  try {
    if (ownTransaction) await session.begin();
    let done: CopyLoad;
    try {
      done = await attempt(ownTransaction && keys !== undefined);
    } catch (err) {
      if (!(err instanceof NeedsCarefulPass)) throw err;
      await session.rollback();
      await progress.restart();
      await session.begin();
      done = await attempt(false, err.file);
    }
    if (ownTransaction) await session.commit();
    await progress.finish('completed');
    return done.loaded;
  } catch (err) {
    if (ownTransaction) await session.rollback().catch(() => undefined);
    await progress.finish('aborted').catch(() => undefined);
    throw err;
  } finally {
    scratch.closeSync();
  }
}
