// One DuckDB database per cluster: opened lazily, kept open for the process lifetime.
// Each Data API statement gets its own connection (a Redshift session); system-table writes go
// through one dedicated connection, serialized, so they commit even when the COPY that made them fails.
// After the emulator's own setup the instance is locked down (see lockDown): user SQL reaches only
// the cluster's database, whatever gets past the statement guard (sql-guard.ts).
import { mkdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { SETUP_STATEMENTS, SESSION_STATEMENTS } from './engine-setup.js';
import { removeStaleStageFiles } from './copy-stage.js';

export class DatabaseLockedError extends Error {}

export interface SystemWrite {
  sql: string;
  values?: DuckDBValue[];
  types?: DuckDBType[];
}

export interface EngineFolders {
  /** S3_ROOT: the only host folder COPY reads. */
  s3Root: string;
}

/** Which private folder each engine connection's stage files go to (COPY's Parquet stages). */
const scratchDirs = new WeakMap<DuckDBConnection, string>();

/** The private scratch folder of the cluster a connection belongs to: the one place COPY may write. */
export function scratchDirOf(conn: DuckDBConnection): string {
  const dir = scratchDirs.get(conn);
  if (!dir) throw new Error('The connection was not opened by a ClusterEngine, so it has no scratch folder.');
  return dir;
}

/** `<stateDir>/tmp/<cluster>`, next to `<stateDir>/clusters/<cluster>.duckdb`. */
export function clusterScratchDir(databasePath: string, identifier: string): string {
  return resolve(dirname(databasePath), '..', 'tmp', identifier);
}

export class ClusterEngine {
  private queryCounter = 0;
  /** STL tables number queries apart from the SYS views (as on a provisioned cluster), so the two never agree by accident. */
  private stlQueryCounter = 0;
  private pidCounter = 1073741824;
  /** Statements running now; when the last ends the engine may checkpoint (see whileRunning). */
  private running = 0;
  private idleCheckpoint?: NodeJS.Timeout;
  private closed = false;
  private systemQueue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly identifier: string,
    readonly databasePath: string,
    readonly scratchDir: string,
    private readonly instance: DuckDBInstance,
    private readonly system: DuckDBConnection,
    /** What a new connection runs to become a Redshift session (what the lock leaves settable). */
    private readonly sessionStatements: string[],
  ) {
    scratchDirs.set(system, scratchDir);
  }

  static async open(identifier: string, databasePath: string, folders: EngineFolders): Promise<ClusterEngine> {
    mkdirSync(dirname(databasePath), { recursive: true });
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
    const sessionStatements = await sessionDefaults(system);
    for (const sql of sessionStatements) await system.run(sql);
    // Only now: the database file is ours (a second process would have failed on its lock above).
    const scratchDir = privateFolder(clusterScratchDir(databasePath, identifier));
    // A process killed mid-COPY leaves its stage files behind: here, or in the temp folder (older versions).
    removeStaleStageFiles(scratchDir);
    removeStaleStageFiles();
    // DuckDB spills beyond memory_limit into `<db>.tmp` by default; the private scratch folder
    // keeps those pages unreadable to other users and is emptied on every open.
    await system.run(`SET temp_directory = '${join(scratchDir, 'spill').replace(/'/g, "''")}'`);
    await lockDown(system, [realOrResolved(folders.s3Root), scratchDir]);
    const engine = new ClusterEngine(identifier, databasePath, scratchDir, instance, system, sessionStatements);
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
    for (const sql of this.sessionStatements) await conn.run(sql);
    scratchDirs.set(conn, this.scratchDir);
    return conn;
  }

  /**
   * Run one statement, counted as running. The WAL is folded into the database file only once the
   * engine has been idle for IDLE_CHECKPOINT_MS: with checkpoint_threshold at 1 GB a commit never
   * pays for it, yet a long-lived service does not keep every load since start-up in memory and WAL.
   */
  async whileRunning<T>(statement: () => Promise<T>): Promise<T> {
    this.running++;
    clearTimeout(this.idleCheckpoint);
    try {
      return await statement();
    } finally {
      if (--this.running === 0 && !this.closed) {
        this.idleCheckpoint = setTimeout(() => void this.checkpointIfIdle(), IDLE_CHECKPOINT_MS);
        this.idleCheckpoint.unref();
      }
    }
  }

  /** Size of the write-ahead log not yet folded into the database file (0 when there is none). */
  walBytes(): number {
    try {
      return statSync(`${this.databasePath}.wal`).size;
    } catch {
      return 0;
    }
  }

  private async checkpointIfIdle(): Promise<void> {
    if (this.running > 0 || this.closed || this.walBytes() === 0) return;
    await this.systemQueue;
    if (this.running > 0 || this.closed) return;
    // Plain CHECKPOINT fails while a transaction is open (an idle psql session in BEGIN): the next idle moment retries.
    await this.systemWrite('CHECKPOINT').catch(() => undefined);
  }

  /** Write to system tables outside any user transaction, one write at a time. */
  systemWrite(sql: string, values?: DuckDBValue[], types?: DuckDBType[]): Promise<void> {
    return this.systemWrites([{ sql, values, types }]);
  }

  /** Several system-table writes as one transaction, in one turn of the queue: one commit instead of one each. */
  systemWrites(writes: SystemWrite[]): Promise<void> {
    const run = this.systemQueue.then(async () => {
      if (writes.length === 1) return void (await this.system.run(writes[0].sql, writes[0].values, writes[0].types));
      await this.system.run('BEGIN TRANSACTION');
      try {
        for (const w of writes) await this.system.run(w.sql, w.values, w.types);
        await this.system.run('COMMIT');
      } catch (err) {
        await this.system.run('ROLLBACK').catch(() => undefined);
        throw err;
      }
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
    this.closed = true;
    clearTimeout(this.idleCheckpoint);
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

/** Long enough that the gap between two statements of one client's job (a poll, then the next call) never triggers it. */
const IDLE_CHECKPOINT_MS = 1000;

/**
 * DuckDB takes 80% of RAM by default; the emulator shares a laptop with everything else, so it is
 * capped (spilling to disk beyond it). Row order without ORDER BY is unspecified on Redshift too,
 * which lets DuckDB stream inserts instead of buffering them in order.
 */
export function engineSettings(): Record<string, string> {
  return {
    memory_limit: process.env.SPARKIFY_DUCKDB_MEMORY_LIMIT ?? '256MB',
    preserve_insertion_order: 'false',
    // A load's commit need not fold the WAL into the database file at once (at 16 MB, the default,
    // every large COPY paid for that while it held the system tables' writer); the WAL is durable,
    // and the engine checkpoints once idle (ClusterEngine.whileRunning) and when it closes.
    checkpoint_threshold: '1GB',
    // json, parquet and icu are built in; nothing is ever fetched from the network or loaded from disk.
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  };
}

/**
 * A locked configuration refuses every SET on later connections, search_path excepted (DuckDB
 * keeps it per connection and cannot set it globally). So each session default DuckDB can hold
 * globally is made global now; the rest (search_path) stays a per-connection statement.
 */
async function sessionDefaults(system: DuckDBConnection): Promise<string[]> {
  const perConnection: string[] = [];
  for (const sql of SESSION_STATEMENTS) {
    const global = sql.replace(/^\s*SET\s+(?!GLOBAL\b)/i, 'SET GLOBAL ');
    try {
      if (global === sql) throw new Error('not a SET');
      await system.run(global);
    } catch {
      perConnection.push(sql);
    }
  }
  return perConnection;
}

/** S3_ROOT as DuckDB will see COPY's (real) paths; one that does not exist yet holds nothing to read. */
function realOrResolved(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** An empty folder only this user can read (stage files of an earlier run are dropped). */
function privateFolder(path: string): string {
  rmSync(path, { recursive: true, force: true });
  mkdirSync(path, { recursive: true, mode: 0o700 });
  return realpathSync(path);
}

/**
 * No host files but S3_ROOT (read by COPY) and the cluster's scratch folder (COPY's stage files),
 * then no configuration change for the rest of the instance's life: not memory_limit, not
 * enable_external_access, not the lock itself. Paths must be real: DuckDB compares them as text.
 */
export async function lockDown(system: DuckDBConnection, allowed: string[]): Promise<void> {
  const list = allowed.map((dir) => `'${(dir.endsWith(sep) ? dir : dir + sep).replace(/'/g, "''")}'`).join(', ');
  await system.run(`SET allowed_directories = [${list}]`);
  await system.run(`SET enable_external_access = false`);
  await system.run(`SET lock_configuration = true`);
}
