// Runs one COPY and reports its progress the way a real cluster exposes it: the COPY's
// RedshiftQueryId (from DescribeStatement) keys SYS_LOAD_HISTORY, polled from a second statement.
import type { SqlRunner, StatementDescription } from '../services/data-api.js';
import { UserError } from '../services/errors.js';
import type { SourceRecordCount } from '../services/s3-records.js';
import type { Emit, LoadErrorRow } from './events.js';

export interface CopyJob {
  table: string;
  source: string;
  sql: string;
  /** From an S3 listing beside the COPY (--verify-sources); without one, the COPY's own SYS_LOAD_HISTORY row gives them. */
  totals?: Promise<CopyTotals>;
  /** Called once with the totals when they are first known. */
  onTotals?: (totals: CopyTotals) => void;
}

export interface CopyTotals {
  files: number;
  bytes: number;
}

export interface CopyOutcome {
  table: string;
  rows: number;
  elapsedMs: number;
  queryId?: number;
  /** What the COPY's per-file rows say it read, when its last look at SYS_LOAD_HISTORY read them too. */
  scanned?: SourceRecordCount;
}

interface LoadHistoryRow {
  status: string;
  source_file_count: number | null;
  source_file_bytes: number | null;
  file_count_scanned: number | null;
  file_bytes_scanned: number | null;
  loaded_rows: number | null;
  /** Only in the last look (withScanned): sys_load_detail's sums for the COPY. */
  records_scanned?: number | null;
  files_detailed?: number | null;
  bytes_detailed?: number | null;
}

/** A UserError: bad source data or a wrong S3 path is the operator's to fix, not a bug to report. */
export class CopyFailedError extends UserError {
  constructor(
    readonly table: string,
    message: string,
    readonly loadErrors: LoadErrorRow[],
  ) {
    super(
      message,
      loadErrors.length > 0
        ? `Fix the records listed above in the source files (or raise MAXERROR in sql/copy_staging.sql), then run "sparkify etl" again.`
        : 'Check the S3 path, the jsonpaths file and the IAM role in dwh.cfg, then run "sparkify etl" again.',
    );
    this.name = 'CopyFailedError';
  }
}

export async function copyWithProgress(
  sql: SqlRunner,
  job: CopyJob,
  emit: Emit,
  { pollMs = 250, signal }: { pollMs?: number; signal?: AbortSignal } = {},
): Promise<CopyOutcome> {
  const started = Date.now();
  let totals: CopyTotals = { files: 0, bytes: 0 };
  let totalsKnown = false;
  const know = (t: CopyTotals) => {
    totals = t;
    if (!totalsKnown) job.onTotals?.(t);
    totalsKnown = true;
  };
  job.totals?.then(know, () => {});
  // Without a listing, the COPY's own row says what it reads (one cheap query per poll, nothing extra).
  const fromRow = (row: Partial<LoadHistoryRow>) => {
    if (!job.totals && row.source_file_count != null) know({ files: Number(row.source_file_count), bytes: Number(row.source_file_bytes ?? 0) });
  };
  const report = (row: Partial<LoadHistoryRow>, status: 'running' | 'done' | 'failed') =>
    emit({
      type: 'copy.progress',
      table: job.table,
      source: job.source,
      filesDone: Number(row.file_count_scanned ?? 0),
      filesTotal: totals.files,
      bytesDone: Number(row.file_bytes_scanned ?? 0),
      bytesTotal: totals.bytes,
      rows: Number(row.loaded_rows ?? 0),
      elapsedMs: Date.now() - started,
      status,
    });

  report({}, 'running');
  const id = await sql.start(job.sql, { label: `COPY ${job.table}` });
  let queryId: number | undefined;
  let last = '';
  // Not at the first poll: a read while the COPY runs competes with it, and a short COPY's last look
  // costs less than that (measured locally: 30–70 ms slower COPYs at 10k events).
  let progressAt = Date.now();
  // The statement's own polling hands us each description; SYS_LOAD_HISTORY is read only every pollMs
  // (a query costs the cluster far more than a DescribeStatement).
  const onPoll = async (described: StatementDescription) => {
    if (described.RedshiftQueryId && described.RedshiftQueryId > 0) queryId = described.RedshiftQueryId;
    if (described.Status !== 'STARTED' || Date.now() - progressAt < pollMs) return;
    progressAt = Date.now();
    const row = await loadHistory(sql, job.table, queryId).catch(() => undefined);
    if (!row) return;
    fromRow(row);
    const key = `${row.file_count_scanned}/${row.file_bytes_scanned}/${row.loaded_rows}`;
    if (key !== last) report(row, 'running');
    last = key;
  };
  let described: StatementDescription;
  try {
    described = await sql.waitFor(id, { signal, onPoll });
  } catch (err) {
    if (signal?.aborted) {
      // Stopped on purpose (Ctrl-C, or the other COPY failed): that reason, not a COPY failure.
      report({}, 'failed');
      throw signal.reason;
    }
    const reason = err as Error;
    const failed = await sql.describe(id).catch(() => undefined);
    queryId ??= failed?.RedshiftQueryId || undefined;
    const loadErrors = await topLoadErrors(sql, queryId, 10, job.table).catch(() => []);
    report({}, 'failed');
    if (loadErrors.length > 0) emit({ type: 'load.errors', table: job.table, errors: loadErrors });
    // The SQL error already starts "COPY <table> failed: "; saying it twice stutters.
    const why = reason.message.replace(/^COPY \S+ failed: /, '');
    throw new CopyFailedError(job.table, `COPY into ${job.table} from ${job.source} failed: ${why}`, loadErrors);
  }
  queryId ??= described.RedshiftQueryId || undefined;
  // The last row is needed only for what polling has not told us yet (short loads, or a ResultRows the
  // service leaves unset); otherwise it would cost one more statement before the next step starts.
  const rowsKnown = described.ResultRows !== undefined && described.ResultRows >= 0;
  // That look also sums the COPY's per-file rows, which the source-count checks need: one statement, not two.
  const final = queryId && !(totalsKnown && rowsKnown) ? await loadHistory(sql, job.table, queryId, true).catch(() => undefined) : undefined;
  const rows = Number(final?.loaded_rows ?? described.ResultRows ?? 0);
  if (final) fromRow(final);
  if (job.totals) totals = await job.totals.catch(() => totals); // a listing that failed only costs the totals
  report({ file_count_scanned: final?.file_count_scanned ?? totals.files, file_bytes_scanned: final?.file_bytes_scanned ?? totals.bytes, loaded_rows: rows }, 'done');
  const scanned = final?.records_scanned != null ? { records: Number(final.records_scanned), files: Number(final.files_detailed ?? 0), bytes: Number(final.bytes_detailed ?? 0) } : undefined;
  return { table: job.table, rows, elapsedMs: Date.now() - started, queryId, ...(scanned ? { scanned } : {}) };
}

/** RedshiftQueryId may be 0 while a statement runs; then the running load of that table is the best match. */
async function loadHistory(sql: SqlRunner, table: string, queryId?: number, withScanned = false): Promise<LoadHistoryRow | undefined> {
  const where = queryId ? `query_id = ${queryId}` : `table_name = '${table}' AND status = 'running'`;
  const scanned = withScanned && queryId
    ? `, d.records_scanned, d.files_detailed, d.bytes_detailed FROM sys_load_history CROSS JOIN
        (SELECT SUM(lines_scanned) AS records_scanned, COUNT(*) AS files_detailed, SUM(bytes_scanned) AS bytes_detailed FROM sys_load_detail WHERE query_id = ${queryId}) d`
    : ' FROM sys_load_history';
  const { rows } = await sql.execute(
    `SELECT status, source_file_count, source_file_bytes, file_count_scanned, file_bytes_scanned, loaded_rows${scanned} WHERE ${where} ORDER BY start_time DESC LIMIT 1`,
    { label: `progress of COPY ${table}` },
  );
  return rows[0] as unknown as LoadHistoryRow | undefined;
}

/**
 * The COPY's load errors from SYS_LOAD_ERROR_DETAIL, keyed by query_id — the id space of
 * DescribeStatement's RedshiftQueryId (stl_load_errors.query is another id on provisioned clusters).
 * An id ≤ 0 is unknown: then the table's latest load in SYS_LOAD_HISTORY stands for it.
 */
export async function topLoadErrors(sql: SqlRunner, queryId?: number, limit = 10, table?: string): Promise<LoadErrorRow[]> {
  const known = queryId !== undefined && queryId > 0;
  const latest = table
    ? `(SELECT query_id FROM sys_load_history WHERE table_name = '${table.replace(/'/g, "''")}' ORDER BY start_time DESC LIMIT 1)`
    : '(SELECT MAX(query_id) FROM sys_load_error_detail)';
  const { rows } = await sql.execute(
    `SELECT TRIM(file_name) AS filename, line_number, TRIM(column_name) AS colname, TRIM(error_message) AS err_reason
       FROM sys_load_error_detail WHERE query_id = ${known ? Math.trunc(queryId) : latest} ORDER BY line_number LIMIT ${limit}`,
    { label: 'read sys_load_error_detail' },
  );
  return rows.map((r) => ({
    filename: String(r.filename ?? ''),
    line: Number(r.line_number ?? 0),
    column: String(r.colname ?? ''),
    reason: String(r.err_reason ?? ''),
  }));
}
