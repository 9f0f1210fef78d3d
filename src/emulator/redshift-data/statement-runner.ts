// Runs submitted statements in the background: SUBMITTED → PICKED → STARTED → FINISHED | FAILED | ABORTED.
// Each statement (or batch) is its own session on its own DuckDB connection, so independent
// statements — e.g. two COPYs into different tables — run at the same time.
import type { EmulatorDelays, RedshiftDataDeps } from '../contracts.js';
import type { EngineRegistry } from '../engine/engine-registry.js';
import { EngineSession, type StatementOutcome } from '../engine/engine-session.js';
import { redshiftErrorMessage } from '../engine/sql-errors.js';
import { splitStatements } from '../engine/sql-tokenizer.js';
import type { StatementRecord, StatementStore, StatementStatus } from './statement-store.js';
import type { DataSession, SessionStore } from './session-store.js';

export interface StatementRunnerDeps {
  engines: EngineRegistry;
  statements: StatementStore;
  sessions: SessionStore;
  delays: EmulatorDelays;
  /** Fault injection (`fail-sql`): a statement matching a rule fails with this error instead of running. */
  faults?: RedshiftDataDeps['faults'];
}

class StatementAborted extends Error {}

/** Ends early when the statement is cancelled (a SUBMITTED statement is cancelled at once, as on AWS). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((done) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      done();
    }, { once: true });
  });
}

function setStatus(s: StatementRecord, status: StatementStatus): void {
  s.status = status;
  s.updatedAt = Date.now();
}

function finish(s: StatementRecord, status: StatementStatus, error?: string): void {
  if (s.startedAtMs !== undefined) s.durationNs = Math.max(1, Math.round((Date.now() - s.startedAtMs) * 1e6));
  s.error = error;
  setStatus(s, status);
}

function applyOutcome(s: StatementRecord, outcome: StatementOutcome): void {
  s.result = outcome.hasResultSet ? outcome : undefined;
  s.hasResultSet = outcome.hasResultSet;
  s.resultRows = outcome.rowCount;
  s.resultSize = outcome.hasResultSet ? Buffer.byteLength(JSON.stringify(outcome.rows)) : 0;
}

export class StatementRunner {
  private readonly running = new Set<Promise<void>>();
  /** Each running statement's run, by statement id (what a held DescribeStatement waits on). */
  private readonly runs = new Map<string, Promise<void>>();
  private readonly sessions = new Map<string, EngineSession>();

  constructor(private readonly deps: StatementRunnerDeps) {}

  /** Start running a statement record in the background; returns at once. */
  submit(record: StatementRecord, sqls: string[]): void {
    const run = this.run(record, sqls).finally(() => {
      this.running.delete(run);
      this.runs.delete(record.id);
    });
    this.running.add(run);
    this.runs.set(record.id, run);
  }

  /** Resolves when the statement ends or after `ms`, whichever is first. */
  async settledWithin(record: StatementRecord, ms: number): Promise<void> {
    const run = this.runs.get(record.id);
    if (!run || ms <= 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([run, new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
    clearTimeout(timer);
  }

  cancel(record: StatementRecord): void {
    record.abort.abort();
    this.sessions.get(record.id)?.interrupt();
  }

  abortCluster(identifier: string): void {
    for (const s of this.deps.statements.all()) if (s.clusterIdentifier === identifier) this.cancel(s);
  }

  abortAll(): void {
    for (const s of this.deps.statements.all()) this.cancel(s);
  }

  async idle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }

  private async run(record: StatementRecord, sqls: string[]): Promise<void> {
    const { signal } = record.abort;
    let session: EngineSession | undefined;
    const dataSession = this.dataSessionOf(record);
    try {
      // Without a start delay the statement starts at once (a timer would add a millisecond or more to each).
      if (this.deps.delays.statementStartMs > 0) await sleep(this.deps.delays.statementStartMs, signal);
      if (signal.aborted) throw new StatementAborted();
      setStatus(record, 'PICKED');
      const { engines } = this.deps;
      const cluster = engines.deps.catalog.findCluster(record.clusterIdentifier);
      if (!cluster) throw new Error(`Cluster ${record.clusterIdentifier} no longer exists`);
      const engine = await engines.get(cluster);
      if (record.database !== cluster.dbName) throw new Error(`FATAL: database "${record.database}" does not exist`);
      session = dataSession?.engine ?? (await EngineSession.open({ engine, cluster, catalog: engines.deps.catalog, s3Root: engines.deps.s3Root }));
      if (dataSession) dataSession.engine = session;
      this.sessions.set(record.id, session);
      record.redshiftPid = dataSession ? (dataSession.pid ??= engine.nextPid()) : engine.nextPid();
      record.startedAtMs = Date.now();
      record.redshiftQueryId = engine.nextQueryId();
      setStatus(record, 'STARTED');
      const dbUser = record.dbUser ?? cluster.masterUsername;
      if (!record.isBatch) {
        const statements = splitStatements(sqls[0]);
        if (statements.length !== 1) {
          throw new Error(statements.length === 0 ? 'ERROR: syntax error at end of input' : 'ERROR: cannot insert multiple commands into a prepared statement');
        }
        const injected = this.deps.faults?.statementError(statements[0]);
        if (injected) throw new Error(injected);
        const outcome = await session.execute(statements[0], { queryId: record.redshiftQueryId, pid: record.redshiftPid, dbUser, signal });
        if (signal.aborted) throw new StatementAborted();
        applyOutcome(record, outcome);
        finish(record, 'FINISHED');
        return;
      }
      await this.runBatch(record, sqls, session, engine.nextQueryId.bind(engine), dbUser);
    } catch (err) {
      if (signal.aborted || err instanceof StatementAborted) {
        await session?.rollback().catch(() => undefined);
        finish(record, 'ABORTED', 'Query cancelled on user\'s request');
        for (const sub of record.subStatements ?? []) if (!['FINISHED', 'FAILED'].includes(sub.status)) finish(sub, 'ABORTED');
      } else {
        const message = (err as Error).message?.startsWith('FATAL:') || (err as Error).message?.startsWith('ERROR:')
          ? (err as Error).message
          : redshiftErrorMessage(err);
        finish(record, 'FAILED', message);
      }
    } finally {
      this.sessions.delete(record.id);
      // A Data API session keeps its connection for the next statement until it expires.
      if (dataSession && this.deps.sessions.isOpen(dataSession)) this.deps.sessions.release(dataSession);
      else session?.close();
    }
  }

  private dataSessionOf(record: StatementRecord): DataSession | undefined {
    if (!record.sessionId) return undefined;
    try {
      return this.deps.sessions.get(record.sessionId);
    } catch {
      return undefined;
    }
  }

  /** Serially, in one transaction: the first failure rolls everything back. */
  private async runBatch(record: StatementRecord, sqls: string[], session: EngineSession, nextQueryId: () => number, dbUser: string): Promise<void> {
    const subs = record.subStatements ?? [];
    await session.begin();
    for (let k = 0; k < subs.length; k++) {
      const sub = subs[k];
      if (record.abort.signal.aborted) throw new StatementAborted();
      sub.startedAtMs = Date.now();
      sub.redshiftPid = record.redshiftPid;
      sub.redshiftQueryId = k === 0 ? record.redshiftQueryId : nextQueryId();
      setStatus(sub, 'STARTED');
      try {
        const statements = splitStatements(sqls[k]);
        if (statements.length !== 1) throw new Error('ERROR: cannot insert multiple commands into a prepared statement');
        const injected = this.deps.faults?.statementError(statements[0]);
        if (injected) throw new Error(injected);
        const outcome = await session.execute(statements[0], { queryId: sub.redshiftQueryId, pid: sub.redshiftPid, dbUser, signal: record.abort.signal });
        applyOutcome(sub, outcome);
        finish(sub, 'FINISHED');
      } catch (err) {
        if (record.abort.signal.aborted) throw new StatementAborted();
        const message = (err as Error).message?.startsWith('ERROR:') ? (err as Error).message : redshiftErrorMessage(err);
        finish(sub, 'FAILED', message);
        for (const rest of subs.slice(k + 1)) finish(rest, 'ABORTED');
        await session.rollback().catch(() => undefined);
        throw Object.assign(new Error(message), { alreadyRedshift: true });
      }
    }
    await session.commit();
    record.resultRows = subs.reduce((s, x) => s + Math.max(0, x.resultRows), 0);
    record.resultSize = subs.reduce((s, x) => s + Math.max(0, x.resultSize), 0);
    record.hasResultSet = subs.some((x) => x.hasResultSet);
    finish(record, 'FINISHED');
  }
}
