// One DuckDB database per cluster: opened lazily, kept open for the process lifetime.
// Each Data API statement gets its own connection (a Redshift session); system-table writes go
// through one dedicated connection, serialized, so they commit even when the COPY that made them fails.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { SETUP_STATEMENTS, SESSION_STATEMENTS } from './engine-setup.js';
import { removeStaleStageFiles } from './copy-stage.js';

export class DatabaseLockedError extends Error {}

export class ClusterEngine {
  private queryCounter = 0;
  /** STL tables number queries apart from the SYS views (as on a provisioned cluster), so the two never agree by accident. */
  private stlQueryCounter = 0;
  private pidCounter = 1073741824;
  private systemQueue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly identifier: string,
    readonly databasePath: string,
    private readonly instance: DuckDBInstance,
    private readonly system: DuckDBConnection,
  ) {}

  static async open(identifier: string, databasePath: string): Promise<ClusterEngine> {
    mkdirSync(dirname(databasePath), { recursive: true });
    removeStaleStageFiles(); // a process killed mid-COPY leaves its stage files behind
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(databasePath, engineSettings());
    } catch (err) {
      const message = (err as Error).message;
      if (/lock/i.test(message)) {
        throw new DatabaseLockedError(
          `The database file ${databasePath} of cluster ${identifier} is in use by another process (${message.split('\n')[0]}). ` +
            'Stop the other emulator or use a different state directory.',
        );
      }
      throw err;
    }
    const system = await instance.connect();
    for (const sql of SETUP_STATEMENTS) await system.run(sql);
    for (const sql of SESSION_STATEMENTS) await system.run(sql);
    const engine = new ClusterEngine(identifier, databasePath, instance, system);
    const maxQuery = await system.runAndReadAll(
      `SELECT greatest((SELECT max(query_id) FROM main.sys_load_history), 1000),
              greatest((SELECT max(query) FROM main.stl_load_errors), (SELECT max(query) FROM main.stl_load_commits), 100)`,
    );
    engine.queryCounter = Number(maxQuery.getRows()[0][0] ?? 1000);
    engine.stlQueryCounter = Number(maxQuery.getRows()[0][1] ?? 100);
    return engine;
  }

  /** Redshift query ids increase across the cluster's life. */
  nextQueryId(): number {
    return ++this.queryCounter;
  }

  /** A COPY's id in stl_load_errors / stl_load_commits. */
  nextStlQueryId(): number {
    return ++this.stlQueryCounter;
  }

  nextPid(): number {
    return ++this.pidCounter;
  }

  /** A fresh connection set up like a Redshift session. */
  async connect(): Promise<DuckDBConnection> {
    const conn = await this.instance.connect();
    for (const sql of SESSION_STATEMENTS) await conn.run(sql);
    return conn;
  }

  /** Write to system tables outside any user transaction, one write at a time. */
  systemWrite(sql: string, values?: DuckDBValue[], types?: DuckDBType[]): Promise<void> {
    const run = this.systemQueue.then(async () => {
      await this.system.run(sql, values, types);
    });
    this.systemQueue = run.catch(() => undefined);
    return run;
  }

  /** Read through the system connection (e.g. the table catalog outside a session). */
  async systemRead(sql: string, values?: unknown[]): Promise<Record<string, unknown>[]> {
    const reader = await this.system.runAndReadAll(sql, values as never);
    return reader.getRowObjectsJson() as Record<string, unknown>[];
  }

  async close(): Promise<void> {
    await this.systemQueue;
    try {
      await this.system.run('CHECKPOINT');
    } catch {
      // a checkpoint can fail while other transactions are open; closing still persists the WAL
    }
    this.system.closeSync();
    this.instance.closeSync();
  }
}

/**
 * DuckDB takes 80% of RAM by default; the emulator shares a laptop with everything else, so it is
 * capped (spilling to disk beyond it). Row order without ORDER BY is unspecified on Redshift too,
 * which lets DuckDB stream inserts instead of buffering them in order.
 */
function engineSettings(): Record<string, string> {
  return {
    memory_limit: process.env.SPARKIFY_DUCKDB_MEMORY_LIMIT ?? '256MB',
    preserve_insertion_order: 'false',
  };
}
