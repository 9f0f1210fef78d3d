// A COPY's footprint in Redshift's system tables, written through the engine's system connection
// (committed at once, so another session sees a running load and its errors even if the COPY aborts).
// SYS views key the COPY by its query_id (DescribeStatement's RedshiftQueryId); STL tables by their
// own `query` id, a different number on a real provisioned cluster, and so here too.
import { BIGINT, INTEGER, LIST, VARCHAR, listValue, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import type { ClusterEngine, SystemWrite } from './cluster-engine.js';
import { quoteString } from './sql-tokenizer.js';
import type { SourceFile } from './copy-sources.js';

export interface FileOutcome {
  file: SourceFile;
  lines: number;
  errors: number;
}

export interface LoadErrorRow {
  filename: string;
  lineNumber: number;
  colname: string;
  type: string;
  colLength: string;
  position: number;
  rawLine: string;
  rawFieldValue: string;
  errCode: number;
  errReason: string;
}

const lit = (v: string | number | null): string => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : quoteString(v));
const NOW = `CAST(timezone('UTC', now()) AS TIMESTAMP)`;

/**
 * One row per source file, in one statement: the columns travel as one bound JSON document of lists,
 * unnested in step. (As VALUES literals, 100k rows took DuckDB ~14 s to parse; as bound lists ~0.5 s,
 * since each element is bound on its own; as one JSON text ~0.25 s.)
 */
function insertPerFile(table: string, outcomes: FileOutcome[], select: string): SystemWrite[] {
  if (outcomes.length === 0) return [];
  const columns = JSON.stringify({
    uri: outcomes.map((o) => o.file.uri),
    bytes: outcomes.map((o) => o.file.bytes),
    lines: outcomes.map((o) => o.lines),
    errors: outcomes.map((o) => o.errors),
  });
  const perFile = `SELECT unnest(j.uri) AS uri, unnest(j.bytes) AS bytes, unnest(j.lines) AS lines, unnest(j.errors) AS errors
    FROM (SELECT json_transform($1, '{"uri": "VARCHAR[]", "bytes": "BIGINT[]", "lines": "BIGINT[]", "errors": "BIGINT[]"}') AS j)`;
  return [{ sql: `INSERT INTO main.${table} SELECT ${select} FROM (${perFile})`, values: [columns], types: [VARCHAR] }];
}

/** Redshift keeps raw_line and raw_field_value as char(1024); NUL cannot be stored in char columns. */
const char1024 = (v: string): string => v.slice(0, 1024).replace(/\0/g, ' ');

export class LoadProgress {
  private filesScanned = 0;
  private bytesScanned = 0;
  private loadedRows = 0;
  private errorCount = 0;
  private readonly startedAt = Date.now();

  constructor(
    private readonly engine: ClusterEngine,
    private readonly queryId: number,
    /** The same COPY's id in the STL tables. */
    private readonly stlQueryId: number,
    private readonly pid: number,
    private readonly tableName: string,
    private readonly dataSource: string,
    private readonly files: SourceFile[],
  ) {}

  private databaseName = '';

  async start(databaseName: string): Promise<void> {
    this.databaseName = databaseName;
    const bytes = this.files.reduce((s, f) => s + f.bytes, 0);
    await this.engine.systemWrite(
      `INSERT INTO main.sys_load_history (user_id, query_id, status, session_id, transaction_id, database_name, table_name,
         start_time, end_time, duration, data_source, file_format, loaded_rows, loaded_bytes, source_file_count,
         source_file_bytes, file_count_scanned, file_bytes_scanned, error_count, copy_job_id)
       VALUES (100, ${this.queryId}, 'running', ${this.pid}, ${this.queryId}, ${lit(databaseName)}, ${lit(this.tableName)},
         ${NOW}, NULL, 0, ${lit(this.dataSource)}, 'Json', 0, 0, ${this.files.length}, ${bytes}, 0, 0, 0, 0)`,
    );
  }

  /** After each batch: counters in sys_load_history, a sys_load_detail row per file. */
  async batchDone(outcomes: FileOutcome[], loadedRows: number): Promise<void> {
    this.filesScanned += outcomes.length;
    this.bytesScanned += outcomes.reduce((s, o) => s + o.file.bytes, 0);
    this.loadedRows += loadedRows;
    this.errorCount += outcomes.reduce((s, o) => s + o.errors, 0);
    await this.engine.systemWrites([
      {
        sql: `UPDATE main.sys_load_history SET file_count_scanned = ${this.filesScanned}, file_bytes_scanned = ${this.bytesScanned},
          loaded_rows = ${this.loadedRows}, loaded_bytes = ${this.bytesScanned}, error_count = ${this.errorCount},
          duration = ${(Date.now() - this.startedAt) * 1000} WHERE query_id = ${this.queryId}`,
      },
      ...insertPerFile('sys_load_detail', outcomes, `100, ${this.queryId}, uri, bytes, lines, errors, 'completed', ${NOW}, ${NOW}, ${NOW}`),
    ]);
  }

  /** Error rows as bound values (a record may hold any bytes): one list per column, unnested in step. */
  async errors(rows: LoadErrorRow[]): Promise<void> {
    if (rows.length === 0) return;
    const cols: Array<[DuckDBValue, DuckDBType]> = [
      [listValue(rows.map((e) => e.filename)), LIST(VARCHAR)],
      [listValue(rows.map((e) => BigInt(e.lineNumber))), LIST(BIGINT)],
      [listValue(rows.map((e) => e.colname)), LIST(VARCHAR)],
      [listValue(rows.map((e) => e.type)), LIST(VARCHAR)],
      [listValue(rows.map((e) => e.colLength)), LIST(VARCHAR)],
      [listValue(rows.map((e) => e.position)), LIST(INTEGER)],
      [listValue(rows.map((e) => char1024(e.rawLine))), LIST(VARCHAR)],
      [listValue(rows.map((e) => char1024(e.rawFieldValue))), LIST(VARCHAR)],
      [listValue(rows.map((e) => e.errCode)), LIST(INTEGER)],
      [listValue(rows.map((e) => e.errReason.slice(0, 512))), LIST(VARCHAR)],
    ];
    const unnested = `SELECT unnest($1) AS f, unnest($2) AS l, unnest($3) AS c, unnest($4) AS t, unnest($5) AS cl, unnest($6) AS p,
      unnest($7) AS raw, unnest($8) AS rf, unnest($9) AS code, unnest($10) AS reason`;
    const values = cols.map(([v]) => v);
    const types = cols.map(([, t]) => t);
    await this.engine.systemWrite(
      `INSERT INTO main.stl_load_errors SELECT 100, 0, 0, ${NOW}, ${this.pid}, ${this.stlQueryId}, f, l, c, t, cl, p, raw, rf, code, left(reason, 100), 0, 0 FROM (${unnested})`,
      values, types);
    await this.engine.systemWrite(
      `INSERT INTO main.sys_load_error_detail SELECT 100, ${this.queryId}, ${this.queryId}, ${this.pid}, ${lit(this.databaseName)}, 0, ${NOW},
         f, l, c, t, cl, p, code, reason FROM (${unnested})`,
      values, types);
  }

  /** Forget what a first attempt wrote (counters, per-file rows, errors) before the COPY starts over. */
  async restart(): Promise<void> {
    this.filesScanned = this.bytesScanned = this.loadedRows = this.errorCount = 0;
    const forget = [['sys_load_detail', 'query_id'], ['sys_load_error_detail', 'query_id'], ['stl_load_errors', 'query']].map(([table, key]) => ({
      sql: `DELETE FROM main.${table} WHERE ${key} = ${key === 'query' ? this.stlQueryId : this.queryId}`,
    }));
    await this.engine.systemWrites([
      ...forget,
      { sql: `UPDATE main.sys_load_history SET file_count_scanned = 0, file_bytes_scanned = 0, loaded_rows = 0, loaded_bytes = 0, error_count = 0 WHERE query_id = ${this.queryId}` },
    ]);
  }

  /** A completed COPY's files go to stl_load_commits: the per-file rows sys_load_detail holds for it by now. */
  async finish(status: 'completed' | 'aborted'): Promise<void> {
    const history = {
      sql: `UPDATE main.sys_load_history SET status = ${lit(status)}, end_time = ${NOW}, duration = ${(Date.now() - this.startedAt) * 1000}
        WHERE query_id = ${this.queryId}`,
    };
    const commits = {
      sql: `INSERT INTO main.stl_load_commits SELECT 100, ${this.stlQueryId}, 0, left(file_name, 256), file_name, 0, lines_scanned, errors, ${NOW}, 1, 'Json'
        FROM main.sys_load_detail WHERE query_id = ${this.queryId} ORDER BY file_name`,
    };
    await this.engine.systemWrites(status === 'completed' ? [history, commits] : [history]);
  }
}
