// One PostgreSQL connection's Redshift session: statements run through the same EngineSession as
// the Data API (DDL rewrite, COPY, system tables, errors), one session per connection so BEGIN,
// COMMIT and ROLLBACK are per connection; catalog queries go to the psql catalog first.
import { EngineSession, type StatementOutcome } from '../engine/engine-session.js';
import type { ClusterEngine } from '../engine/cluster-engine.js';
import { redshiftErrorMessage } from '../engine/sql-errors.js';
import { isWord, joinTokens, quoteString, significant, splitStatements, tokenize } from '../engine/sql-tokenizer.js';
import type { ClusterCatalog, ClusterView } from '../contracts.js';
import { routeCatalogQuery } from './pg-catalog.js';
import { sqlStateOf } from './sqlstate.js';

export class PgStatementError extends Error {
  constructor(message: string, readonly sqlState: string) {
    super(message);
  }
}

export interface PgSessionDeps {
  engine: ClusterEngine;
  cluster: ClusterView;
  catalog: ClusterCatalog;
  s3Root: string;
  dbUser: string;
  /** The backend pid this connection announced in BackendKeyData (also the Redshift session pid). */
  pid: number;
  faults?: { statementError(sql: string): string | undefined };
}

/** Replaces $1…$n outside strings and comments with literals (text-format parameters). */
export function bindParameters(sql: string, params: (string | null)[]): string {
  if (params.length === 0) return sql;
  const tokens = tokenize(sql);
  const out = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    if (t.kind === 'punct' && t.text === '$' && next?.kind === 'number' && /^\d+$/.test(next.text)) {
      const value = params[Number(next.text) - 1];
      out.push({ kind: 'string' as const, text: value === null || value === undefined ? 'NULL' : quoteString(value) });
      i++;
    } else out.push(t);
  }
  return joinTokens(out);
}

export function commandTag(sql: string, outcome: StatementOutcome): string {
  const sig = significant(tokenize(sql));
  const first = sig[0]?.text.toUpperCase() ?? '';
  if (outcome.hasResultSet) return first === 'SHOW' ? 'SHOW' : `SELECT ${outcome.rowCount}`;
  switch (first) {
    case 'INSERT':
      return `INSERT 0 ${outcome.rowCount}`;
    case 'UPDATE':
    case 'DELETE':
    case 'COPY':
    case 'MERGE':
      return `${first} ${outcome.rowCount}`;
    case 'START':
      return 'BEGIN';
    case 'END':
      return 'COMMIT';
    case 'ABORT':
      return 'ROLLBACK';
    case 'TRUNCATE':
      return 'TRUNCATE TABLE';
    case 'CREATE':
    case 'DROP':
    case 'ALTER': {
      const words = sig.slice(1, 4).map((t) => t.text.toUpperCase()).filter((w) => /^[A-Z]+$/.test(w) && !['TEMP', 'TEMPORARY', 'OR', 'REPLACE', 'IF', 'NOT', 'EXISTS'].includes(w));
      return `${first} ${words[0] ?? ''}`.trim();
    }
    default:
      return first || 'SELECT 0';
  }
}

export class PgSession {
  /** An error inside BEGIN … : everything fails until ROLLBACK (or COMMIT, which rolls back). */
  failed = false;
  private running: AbortController | undefined;

  private constructor(private readonly deps: PgSessionDeps, private readonly session: EngineSession) {}

  static async open(deps: PgSessionDeps): Promise<PgSession> {
    const session = await EngineSession.open({ engine: deps.engine, cluster: deps.cluster, catalog: deps.catalog, s3Root: deps.s3Root });
    return new PgSession(deps, session);
  }

  get status(): 'I' | 'T' | 'E' {
    if (!this.session.inTransaction) return 'I';
    return this.failed ? 'E' : 'T';
  }

  split(sql: string): string[] {
    return splitStatements(sql);
  }

  /** Runs one statement; a failure becomes a PgStatementError carrying its SQLSTATE. */
  async execute(sql: string): Promise<StatementOutcome> {
    const sig = significant(tokenize(sql));
    const ending = isWord(sig[0], 'COMMIT', 'END', 'ROLLBACK', 'ABORT');
    if (this.failed && this.session.inTransaction) {
      if (ending) {
        await this.session.rollback();
        this.failed = false;
        return { hasResultSet: false, columns: [], rows: [], rowCount: 0 };
      }
      throw new PgStatementError('current transaction is aborted, commands ignored until end of transaction block', '25P02');
    }
    const abort = new AbortController();
    this.running = abort;
    try {
      const injected = this.deps.faults?.statementError(sql);
      if (injected) throw new Error(injected);
      const catalog = routeCatalogQuery(sql);
      if (catalog !== undefined) return await this.session.query(catalog);
      const { engine } = this.deps;
      const outcome = await this.session.execute(sql, { queryId: engine.nextQueryId(), pid: this.deps.pid, dbUser: this.deps.dbUser, signal: abort.signal });
      if (abort.signal.aborted) throw new Error('Query cancelled');
      return outcome;
    } catch (err) {
      if (this.session.inTransaction) this.failed = true;
      if (abort.signal.aborted) throw new PgStatementError('canceling statement due to user request', '57014');
      if (err instanceof PgStatementError) throw err;
      const message = (err as Error).message ?? String(err);
      const text = (message.startsWith('ERROR:') ? message : redshiftErrorMessage(err)).replace(/^ERROR:\s*/, '');
      throw new PgStatementError(text, sqlStateOf(text + ' ' + message));
    } finally {
      this.running = undefined;
    }
  }

  /** CancelRequest: stop the statement in flight, if any. */
  cancel(): void {
    if (!this.running) return;
    this.running.abort();
    this.session.interrupt();
  }

  private closing: Promise<void> | undefined;

  /** Idempotent: the socket's end and the cluster's deletion may both close it. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.cancel();
      await this.session.rollback().catch(() => undefined);
      this.session.close();
    })();
    return this.closing;
  }
}
