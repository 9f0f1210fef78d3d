// The SQL runner: Redshift Data API statements run asynchronously, so each one is submitted,
// polled with DescribeStatement until it ends, and its result pages fetched and turned into rows.
// Works the same against a real cluster and the emulator.
import {
  BatchExecuteStatementCommand,
  CancelStatementCommand,
  DescribeStatementCommand,
  ExecuteStatementCommand,
  paginateGetStatementResult,
  type ColumnMetadata,
  type DescribeStatementCommandOutput,
  type Field,
  type RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import type { Emit } from '../workflow/events.js';
import { systemClock, type Clock } from './cluster-monitor.js';
import { isAwsError, toUserError, UserError } from './errors.js';
import { columnNames, recordsToRows, type SqlRow } from './sql-values.js';

export type { SqlRow, SqlValue } from './sql-values.js';
export type StatementDescription = DescribeStatementCommandOutput;

/** A statement Redshift ran and rejected (FAILED) or that was cancelled (ABORTED). */
export class SqlError extends UserError {
  constructor(
    readonly label: string,
    readonly sql: string,
    readonly redshiftMessage: string,
    readonly statementId: string,
    readonly status: 'FAILED' | 'ABORTED',
  ) {
    super(`${label} ${status === 'FAILED' ? 'failed' : 'was aborted'}: ${redshiftMessage}`, `The statement was:\n${excerpt(sql, 600)}`);
    this.name = 'SqlError';
  }
}

/** Data API limit on one statement's text. */
const MAX_SQL_BYTES = 100 * 1024;

/**
 * Where statements run: a provisioned cluster as a database user (GetClusterCredentials, done by the
 * Data API), or a Redshift Serverless workgroup (no DbUser: the Data API gets temporary credentials
 * for the caller's IAM identity through redshift-serverless:GetCredentials).
 */
export type SqlTarget = { clusterIdentifier: string; database: string; dbUser: string } | { workgroupName: string; database: string };

export type SqlRunnerOptions = SqlTarget & {
  /** When given, every statement reports running/done/failed as a `statement` event. */
  emit?: Emit;
  clock?: Clock;
  /** Polling backoff: first delay, growing ×1.6 to the maximum (the most polling adds to a statement). */
  pollStartMs?: number;
  pollMaxMs?: number;
};

export interface StatementOptions {
  /** Names the statement in events and errors ("create staging_events"). */
  label?: string;
  signal?: AbortSignal;
}

export interface SqlResult {
  id: string;
  label: string;
  rows: SqlRow[];
  columns: string[];
  columnMetadata: ColumnMetadata[];
  /** Rows returned (SELECT) or affected (INSERT/COPY/DELETE), 0 when Redshift does not say. */
  rowCount: number;
  elapsedMs: number;
  redshiftQueryId?: number;
}

export interface BatchResult {
  id: string;
  label: string;
  elapsedMs: number;
  statements: Array<{ id: string; sql: string; rowCount: number; hasResultSet: boolean; redshiftQueryId?: number }>;
}

export interface FetchedResult {
  rows: SqlRow[];
  columns: string[];
  columnMetadata: ColumnMetadata[];
  totalRows: number;
}

export interface WaitOptions {
  signal?: AbortSignal;
  /** Called with each description of a statement still running (one DescribeStatement serves both). */
  onPoll?: (described: StatementDescription) => Promise<void>;
}

export interface SqlRunner {
  execute(sql: string, options?: StatementOptions): Promise<SqlResult>;
  /** Runs the statements serially in one transaction (all or nothing). */
  executeBatch(sqls: readonly string[], options?: StatementOptions): Promise<BatchResult>;
  /** Submits and returns the statement id at once (long COPYs are followed separately). */
  start(sql: string, options?: StatementOptions): Promise<string>;
  describe(id: string): Promise<StatementDescription>;
  /** Resolves when FINISHED; throws SqlError on FAILED/ABORTED; cancels the statement on abort. */
  waitFor(id: string, options?: WaitOptions): Promise<StatementDescription>;
  fetchAll(id: string): Promise<FetchedResult>;
  /** Best effort; false when the statement had already ended. */
  cancel(id: string): Promise<boolean>;
}

function excerpt(sql: string, max: number): string {
  const text = sql.trim();
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

const defaultLabel = (sql: string) => excerpt(sql.replace(/\s+/g, ' '), 60);

export function createSqlRunner(client: RedshiftDataClient, options: SqlRunnerOptions): SqlRunner {
  const { emit, clock = systemClock, pollStartMs = 25, pollMaxMs = 500 } = options;
  const target =
    'workgroupName' in options
      ? { WorkgroupName: options.workgroupName, Database: options.database }
      : { ClusterIdentifier: options.clusterIdentifier, Database: options.database, DbUser: options.dbUser };
  /** What we submitted, for events and error messages; removed once the statement ends. */
  const submitted = new Map<string, { label: string; sql: string; startedAt: number; batch?: readonly string[] }>();

  function checkSize(sql: string, label: string): void {
    if (Buffer.byteLength(sql) > MAX_SQL_BYTES) {
      throw new UserError(`${label}: the statement is ${Buffer.byteLength(sql)} bytes; the Redshift Data API accepts at most 100 KB.`, 'Split it into smaller statements.');
    }
  }

  async function start(sql: string, { label = defaultLabel(sql) }: StatementOptions = {}): Promise<string> {
    checkSize(sql, label);
    try {
      const { Id } = await client.send(new ExecuteStatementCommand({ ...target, Sql: sql, StatementName: label.slice(0, 500) }));
      submitted.set(Id!, { label, sql: sql.trim(), startedAt: clock.now() });
      emit?.({ type: 'statement', id: Id!, label, status: 'running', sql: sql.trim() });
      return Id!;
    } catch (err) {
      throw toUserError(err, `Submitting "${label}"`);
    }
  }

  async function describe(id: string): Promise<StatementDescription> {
    return client.send(new DescribeStatementCommand({ Id: id }));
  }

  async function cancel(id: string): Promise<boolean> {
    try {
      const { Status } = await client.send(new CancelStatementCommand({ Id: id }));
      return Status ?? false;
    } catch (err) {
      if (isAwsError(err, 'ValidationException', 'ResourceNotFoundException')) return false; // already over
      throw err;
    }
  }

  function failure(id: string, described: StatementDescription): SqlError {
    const known = submitted.get(id);
    const status = described.Status as 'FAILED' | 'ABORTED';
    let label = known?.label ?? described.QueryString ?? id;
    let sql = known?.sql ?? described.QueryString ?? '';
    let message = described.Error ?? (status === 'ABORTED' ? 'the statement was cancelled' : 'no error message');
    // A batch fails as a whole; the failing sub-statement carries the real message and SQL.
    const subs = described.SubStatements ?? [];
    const failedIndex = subs.findIndex((s) => s.Status === 'FAILED' || (s.Status === 'ABORTED' && s.Error));
    if (failedIndex >= 0) {
      const sub = subs[failedIndex];
      label = `${label} (statement ${failedIndex + 1} of ${subs.length})`;
      sql = sub.QueryString ?? known?.batch?.[failedIndex] ?? sql;
      message = sub.Error ?? message;
    }
    return new SqlError(label, sql, message, id, status);
  }

  async function waitFor(id: string, { signal, onPoll }: WaitOptions = {}): Promise<StatementDescription> {
    let delay = pollStartMs;
    for (;;) {
      if (signal?.aborted) {
        await cancel(id).catch(() => false);
        throw signal.reason;
      }
      const known = submitted.get(id);
      // The SDK has already retried throttling and 5xx; what gets here outlasted them.
      const described = await describe(id).catch((err: unknown) => {
        throw toUserError(err, `Checking "${known?.label ?? id}"`);
      });
      const elapsedMs = known ? clock.now() - known.startedAt : undefined;
      if (described.Status === 'FINISHED') {
        if (known) {
          const rows = described.ResultRows !== undefined && described.ResultRows >= 0 ? described.ResultRows : undefined;
          emit?.({ type: 'statement', id, label: known.label, status: 'done', ...(rows !== undefined ? { rows } : {}), elapsedMs });
        }
        submitted.delete(id);
        return described;
      }
      if (described.Status === 'FAILED' || described.Status === 'ABORTED') {
        const error = failure(id, described);
        emit?.({ type: 'statement', id, label: error.label, status: 'failed', error: error.redshiftMessage, elapsedMs });
        submitted.delete(id);
        throw error;
      }
      await onPoll?.(described);
      await clock.sleep(delay, signal).catch(() => undefined); // an abort is handled at the loop's top
      delay = Math.min(pollMaxMs, Math.round(delay * 1.6));
    }
  }

  async function fetchAll(id: string): Promise<FetchedResult> {
    const records: Field[][] = [];
    let columnMetadata: ColumnMetadata[] = [];
    let totalRows = 0;
    for await (const page of paginateGetStatementResult({ client }, { Id: id })) {
      if (page.ColumnMetadata?.length) columnMetadata = page.ColumnMetadata;
      records.push(...(page.Records ?? []));
      totalRows = page.TotalNumRows ?? records.length;
    }
    return { rows: recordsToRows(records, columnMetadata), columns: columnNames(columnMetadata), columnMetadata, totalRows };
  }

  async function execute(sql: string, options: StatementOptions = {}): Promise<SqlResult> {
    const label = options.label ?? defaultLabel(sql);
    const started = clock.now();
    const id = await start(sql, { ...options, label });
    const described = await waitFor(id, options);
    const fetched = described.HasResultSet ? await fetchAll(id) : { rows: [], columns: [], columnMetadata: [], totalRows: 0 };
    const affected = described.ResultRows !== undefined && described.ResultRows >= 0 ? described.ResultRows : 0;
    return {
      id,
      label,
      rows: fetched.rows,
      columns: fetched.columns,
      columnMetadata: fetched.columnMetadata,
      rowCount: described.HasResultSet ? fetched.rows.length : affected,
      elapsedMs: clock.now() - started,
      ...(described.RedshiftQueryId ? { redshiftQueryId: described.RedshiftQueryId } : {}),
    };
  }

  async function executeBatch(sqls: readonly string[], options: StatementOptions = {}): Promise<BatchResult> {
    if (sqls.length === 0) throw new Error('executeBatch needs at least one statement');
    const label = options.label ?? `batch of ${sqls.length} statements`;
    sqls.forEach((sql, i) => checkSize(sql, `${label} (statement ${i + 1})`));
    const started = clock.now();
    let id: string;
    try {
      const response = await client.send(new BatchExecuteStatementCommand({ ...target, Sqls: [...sqls], StatementName: label.slice(0, 500) }));
      id = response.Id!;
    } catch (err) {
      throw toUserError(err, `Submitting "${label}"`);
    }
    submitted.set(id, { label, sql: sqls.join(';\n'), startedAt: started, batch: sqls });
    emit?.({ type: 'statement', id, label, status: 'running', sql: sqls.join(';\n') });
    const described = await waitFor(id, options);
    return {
      id,
      label,
      elapsedMs: clock.now() - started,
      statements: (described.SubStatements ?? []).map((sub, i) => ({
        id: sub.Id!,
        sql: sub.QueryString ?? sqls[i],
        rowCount: sub.ResultRows !== undefined && sub.ResultRows >= 0 ? sub.ResultRows : 0,
        hasResultSet: sub.HasResultSet ?? false,
        ...(sub.RedshiftQueryId ? { redshiftQueryId: sub.RedshiftQueryId } : {}),
      })),
    };
  }

  return { execute, executeBatch, start, describe, waitFor, fetchAll, cancel };
}
