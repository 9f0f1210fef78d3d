// The ordered warehouse steps: tables, staging COPYs (concurrent, with live progress), the star
// inserts (concurrent: each reads only staging), quality checks and analytics. Pure orchestration
// over a SqlRunner and S3; every outcome is an event.
import type { S3Client } from '@aws-sdk/client-s3';
import { SqlError, type SqlRunner } from '../services/data-api.js';
import { allInOrder, allOrFirstError } from './settle.js';
import { copyWithProgress } from './copy-monitor.js';
import { announceFromCopies, countsFromCopies, scanSources, type SourceCounts } from './source-counts.js';
import type { Emit, StepName } from './events.js';
import { loadAnalytics, loadQualityChecks, loadStatements, type QualityCheck, type SqlStatement } from './sql-files.js';
import type { CheckResult, EtlSummary } from './types.js';

export interface EtlSources {
  logData: string;
  logJsonPath: string;
  songData: string;
  s3Region: string;
  roleArn: string;
}

export interface EtlDeps {
  sql: SqlRunner;
  s3: S3Client;
  sqlDir?: string;
  pollMs?: number;
  /** Local target: the folder standing for S3, read directly to count source records. */
  localS3Root?: string;
  /** --verify-sources: list and read every source object to count records (else the COPYs' own rows count them). */
  verifySources?: boolean;
}

/** The `expected` of a measurement check, which is shown but never fails. */
export const REPORT_ONLY = '(report)';

export const STAR_TABLES = ['songplays', 'users', 'songs', 'artists', 'time'] as const;
export const STAGING_TABLES = ['staging_events', 'staging_songs'] as const;
export const ALL_TABLES = [...STAGING_TABLES, ...STAR_TABLES];
/** Written with the star rows (sql/record_load.sql): the id of the load they hold. */
export const LOAD_TABLE = 'sparkify_load';

async function timed<T>(emit: Emit, step: StepName, id: string, label: string, work: () => Promise<T>, detail?: (r: T) => string): Promise<T> {
  const started = Date.now();
  emit({ type: 'step', step, id, status: 'running', label });
  try {
    const result = await work();
    emit({ type: 'step', step, id, status: 'done', label, elapsedMs: Date.now() - started, detail: detail?.(result) });
    return result;
  } catch (err) {
    emit({ type: 'step', step, id, status: 'failed', label, elapsedMs: Date.now() - started, detail: (err as Error).message });
    throw err;
  }
}

/** The statements that (re)create the tables, in order. */
export function tableStatements(sqlDir?: string): SqlStatement[] {
  return [...loadStatements('drop_tables.sql', {}, sqlDir), ...loadStatements('create_tables.sql', {}, sqlDir)];
}

/** The COPYs, filled from dwh.cfg and the role; each carries `-- name: <table>`. */
export function copyStatements(sources: EtlSources, sqlDir?: string): SqlStatement[] {
  return loadStatements('copy_staging.sql', {
    LOG_DATA: sources.logData,
    LOG_JSONPATH: sources.logJsonPath,
    SONG_DATA: sources.songData,
    S3_REGION: sources.s3Region,
    IAM_ROLE_ARN: sources.roleArn,
  }, sqlDir);
}

export function insertStatements(table: (typeof STAR_TABLES)[number], sqlDir?: string): SqlStatement[] {
  return loadStatements(`insert_${table}.sql`, {}, sqlDir);
}

export async function createTables({ sql, sqlDir }: EtlDeps, emit: Emit, signal?: AbortSignal): Promise<void> {
  const statements = tableStatements(sqlDir);
  await timed(emit, 'tables', 'tables', 'Create tables', async () => {
    for (const { sql: text } of statements) {
      const label = text.replace(/\s+/g, ' ').replace(/\s*\(.*$/, '').slice(0, 60);
      const started = Date.now();
      emit({ type: 'statement', id: label, label, status: 'running', sql: text });
      try {
        await sql.execute(text, { label, signal });
      } catch (err) {
        emit({ type: 'statement', id: label, label, status: 'failed', error: (err as Error).message, elapsedMs: Date.now() - started });
        throw err;
      }
      emit({ type: 'statement', id: label, label, status: 'done', elapsedMs: Date.now() - started });
    }
  });
}

/** Marks the COPY stopped because its sibling failed, so the sibling's error is the one reported. */
const SIBLING_FAILED = new Error('stopped: the other COPY failed');

/**
 * The staging COPYs. `sourceCounts` may still be pending when it returns: read from the COPYs' own
 * per-file rows, it is needed only by the checks, so the star inserts need not wait for it.
 */
export async function loadStaging(deps: EtlDeps, sources: EtlSources, emit: Emit, signal?: AbortSignal): Promise<{ sourceCounts: Promise<SourceCounts> }> {
  const { sql } = deps;
  // One failed COPY stops the other: the next run truncates staging anyway, and waiting an hour for
  // the song COPY would only delay the error.
  const stopCopies = new AbortController();
  const copySignal = signal ? AbortSignal.any([signal, stopCopies.signal]) : stopCopies.signal;
  // The COPYs start at once; listing (progress totals, source counts) runs beside them, because
  // listing a prefix of 100k objects takes seconds that the load need not wait for.
  const scan = deps.verifySources ? scanSources(deps.s3, sources, emit, { localS3Root: deps.localS3Root, signal: copySignal }) : undefined;
  const announce = announceFromCopies(emit);
  try {
    const copies = copyStatements(sources, deps.sqlDir);
    await allOrFirstError(loadStatements('truncate_staging.sql', {}, deps.sqlDir).map(({ sql: text }) => (jobSignal: AbortSignal) => sql.execute(text, { label: text, signal: jobSignal })), signal);
    const jobs = copies.map(({ sql: text, annotations }) => {
      const isEvents = annotations.name === 'staging_events';
      const totals = scan?.listings.then(([logs, songs]) => (isEvents ? logs : songs)).then((l) => ({ files: l.count, bytes: l.totalBytes }));
      const onTotals = scan ? undefined : (t: { files: number; bytes: number }) => announce(annotations.name, t);
      return { table: annotations.name, source: isEvents ? sources.logData : sources.songData, sql: text, totals, onTotals };
    });
    const results = await Promise.allSettled(
      jobs.map((job) =>
        timed(emit, 'copy', `copy:${job.table}`, `COPY ${job.table}`, () => copyWithProgress(sql, job, emit, { pollMs: deps.pollMs, signal: copySignal }), (r) => `${r.rows} rows`)
          .catch((err: unknown) => {
            stopCopies.abort(SIBLING_FAILED);
            throw err;
          }),
      ),
    );
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason);
    if (failures.length > 0) throw failures.find((reason) => reason !== SIBLING_FAILED) ?? failures[0];
    const outcomes = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    if (scan) return { sourceCounts: Promise.resolve(await scan.counts) };
    const sourceCounts = countsFromCopies(sql, outcomes, emit, signal);
    sourceCounts.catch(() => undefined); // awaited by the caller; a load that fails first must not leave it unhandled
    return { sourceCounts };
  } finally {
    // Whatever ended the step (a failed truncate, a failed COPY, Ctrl-C), the S3 scan ends with it,
    // and the step ends only once it has: nothing may still be reading S3 when the caller closes the emulator.
    stopCopies.abort();
    if (scan) await Promise.allSettled([scan.listings, scan.counts]);
  }
}

/**
 * Replaces all five star tables in one transaction (one BatchExecuteStatement), with the id of the
 * load in sparkify_load: readers see the previous star schema or the new one, never a mix.
 * One transaction rather than build-then-swap: each insert already uses every slice (Redshift) or
 * thread (DuckDB), so running them one after another costs little, and renaming tables would break
 * the views, grants and IDENTITY sequences that depend on them.
 */
/** Returns the row counts of every table (staging and star) as the batch left them. */
export async function insertStarTables(deps: EtlDeps, emit: Emit, signal?: AbortSignal, loadId = 'unrecorded'): Promise<Record<string, number>> {
  const started = Date.now();
  const owner: Array<(typeof STAR_TABLES)[number] | undefined> = [];
  const statements: string[] = [];
  for (const table of STAR_TABLES) {
    emit({ type: 'step', step: 'insert', id: `insert:${table}`, status: 'running', label: `INSERT ${table}` });
    for (const { sql } of insertStatements(table, deps.sqlDir)) {
      statements.push(sql);
      owner.push(table);
    }
  }
  for (const { sql } of loadStatements('record_load.sql', { LOAD_ID: loadId }, deps.sqlDir)) {
    statements.push(sql);
    owner.push(undefined);
  }
  // The row counts of every table, read inside the transaction that wrote them: one statement fewer
  // than counting afterwards, and the counts are those of exactly this load.
  statements.push(countsSql(ALL_TABLES));
  owner.push(undefined);
  let batch;
  try {
    batch = await deps.sql.executeBatch(statements, { label: 'insert star tables', signal });
  } catch (err) {
    const failed = err instanceof SqlError && err.status === 'FAILED' ? owner[statements.indexOf(err.sql)] : undefined;
    const elapsedMs = Date.now() - started;
    for (const table of STAR_TABLES) {
      const detail = table === failed ? (err as SqlError).redshiftMessage : failed ? `rolled back: INSERT ${failed} failed` : (err as Error).message;
      emit({ type: 'step', step: 'insert', id: `insert:${table}`, status: 'failed', label: `INSERT ${table}`, elapsedMs, detail });
    }
    // The batch names itself ("insert star tables (statement 7 of 13)"); the operator needs the table.
    throw failed ? new SqlError(`INSERT ${failed}`, (err as SqlError).sql, (err as SqlError).redshiftMessage, (err as SqlError).statementId, 'FAILED') : err;
  }
  const counted = await deps.sql.fetchAll(batch.statements[batch.statements.length - 1].id);
  const counts = countsOf(counted.rows);
  const elapsedMs = Date.now() - started;
  for (const table of STAR_TABLES) {
    emit({ type: 'insert.done', table, rows: counts[table], elapsedMs });
    emit({ type: 'step', step: 'insert', id: `insert:${table}`, status: 'done', label: `INSERT ${table}`, elapsedMs, detail: `${counts[table]} rows` });
  }
  return counts;
}

export async function countRows(sql: SqlRunner, table: string, signal?: AbortSignal): Promise<number> {
  const { rows } = await sql.execute(`SELECT COUNT(*) AS n FROM ${table}`, { label: `count ${table}`, signal });
  return Number(rows[0]?.n ?? 0);
}

const countsSql = (tables: readonly string[]): string => tables.map((t) => `SELECT '${t}' AS table_name, COUNT(*) AS n FROM ${t}`).join(' UNION ALL ');
const countsOf = (rows: Record<string, unknown>[]): Record<string, number> => Object.fromEntries(rows.map((r) => [String(r.table_name), Number(r.n)]));

export async function tableCounts(sql: SqlRunner, tables: readonly string[], signal?: AbortSignal): Promise<Record<string, number>> {
  if (tables.length === 0) return {};
  const { rows } = await sql.execute(countsSql(tables), { label: 'count rows', signal });
  return countsOf(rows);
}

/** The plays songplays must hold: staging's NextSong events with a user. */
export async function countNextSongEvents(sql: SqlRunner, signal?: AbortSignal): Promise<number> {
  const { rows } = await sql.execute(`SELECT COUNT(*) AS n FROM staging_events WHERE page = 'NextSong' AND user_id IS NOT NULL AND user_id <> ''`, { label: 'count NextSong events', signal });
  return Number(rows[0]?.n ?? 0);
}

export async function runQualityChecks(deps: EtlDeps, sourceCounts: SourceCounts, emit: Emit, signal?: AbortSignal, nextSongEvents?: number): Promise<CheckResult[]> {
  const checks = loadQualityChecks({
    SOURCE_LOG_RECORDS: sourceCounts.staging_events?.records,
    SOURCE_SONG_RECORDS: sourceCounts.staging_songs?.records,
    NEXTSONG_EVENTS: nextSongEvents ?? (await countNextSongEvents(deps.sql, signal)),
  }, deps.sqlDir);
  return timed(emit, 'checks', 'checks', 'Quality checks', async () => {
    const values =
      (await checkValuesTogether(deps.sql, checks, signal)) ??
      (await allOrFirstError(checks.map((check) => (jobSignal: AbortSignal) => checkValue(deps.sql, check.sql, `check: ${check.name}`, jobSignal)), signal));
    const results = checks.map((check, i): CheckResult => {
      const actual = values[i] === null || values[i] === undefined ? 'NULL' : String(values[i]);
      const result = { name: check.name, sql: check.sql, expected: check.expected ?? REPORT_ONLY, actual, passed: check.expected === undefined || Number(actual) === Number(check.expected) };
      emit({ type: 'check', ...result });
      return result;
    });
    const failures = results.filter((r) => !r.passed).length;
    if (failures > 0) emit({ type: 'notice', level: 'warn', message: `${failures} quality check(s) failed` });
    return results;
  }, (r) => `${r.filter((c) => c.passed).length}/${r.length} passed`);
}

async function checkValue(sql: SqlRunner, text: string, label: string, signal?: AbortSignal): Promise<unknown> {
  const { rows, columns } = await sql.execute(text, { label, signal });
  return rows[0]?.[columns[0]];
}

/**
 * Every check as one scalar subquery of a single SELECT: one statement instead of a dozen (on AWS each
 * costs Data API calls and queueing). If it fails, the checks run one by one, so the failing one is named.
 */
async function checkValuesTogether(sql: SqlRunner, checks: QualityCheck[], signal?: AbortSignal): Promise<unknown[] | undefined> {
  if (checks.length === 0) return [];
  // A newline before each ")": a check may end in a -- comment.
  const together = `SELECT ${checks.map((c, i) => `(${c.sql.trim().replace(/;$/, '')}\n) AS check_${i + 1}`).join(',\n  ')}`;
  try {
    const { rows, columns } = await sql.execute(together, { label: `${checks.length} quality checks`, signal });
    return columns.map((c) => rows[0]?.[c]);
  } catch (err) {
    if (signal?.aborted) throw err;
    return undefined;
  }
}

export interface LoadTracking {
  /** Written into sparkify_load with the star rows. */
  loadId?: string;
  /** Called as the load reaches each stage, before its work starts (the state file records it). */
  onStage?: (stage: 'star' | 'checks') => Promise<void>;
}

export async function runEtlPipeline(deps: EtlDeps, sources: EtlSources, emit: Emit, signal?: AbortSignal, tracking: LoadTracking = {}): Promise<EtlSummary> {
  const started = Date.now();
  const { sourceCounts } = await loadStaging(deps, sources, emit, signal);
  await tracking.onStage?.('star');
  // Reads that do not depend on each other run side by side: each statement costs a round trip or
  // more of polling, on AWS and locally alike. Staging is final once loaded, so the NextSong count
  // and the source counts read it (and the COPYs' rows) while the star tables are built.
  // A failure of the star inserts is the one reported (listed first).
  const [counts, nextSong, sourced] = await allInOrder([insertStarTables(deps, emit, signal, tracking.loadId), countNextSongEvents(deps.sql, signal), sourceCounts] as const);
  await tracking.onStage?.('checks');
  const checks = await runQualityChecks(deps, sourced, emit, signal, nextSong);
  emit({ type: 'table.counts', counts });
  const ok = checks.every((c) => c.passed);
  return { counts, checks, ok, elapsedMs: Date.now() - started };
}

export async function runAnalyticsQueries(deps: EtlDeps, emit: Emit, signal?: AbortSignal): Promise<void> {
  const queries = loadAnalytics(deps.sqlDir);
  await timed(emit, 'analytics', 'analytics', 'Analytics', async () => {
    // Run concurrently, report in file order: which poll sees a statement finish first is a race,
    // and the charts should not change order from one run to the next.
    const results = await allOrFirstError(queries.map((q) => (jobSignal: AbortSignal) => deps.sql.execute(q.sql, { label: q.title, signal: jobSignal })), signal);
    queries.forEach((q, i) => {
      const { rows, columns } = results[i];
      emit({ type: 'analytics', name: q.name, title: q.title, columns, rows: rows.map((r) => columns.map((c) => toCell(r[c]))) });
    });
  });
}

export function toCell(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value); // NaN, Infinity: JSON has no such numbers
  if (typeof value === 'number' || typeof value === 'string') return value;
  return String(value);
}
