// Data API sessions (SessionKeepAliveSeconds / SessionId): one Redshift session — an EngineSession on
// its own DuckDB connection — kept open across statements, so temp tables, SET search_path and an
// open transaction carry over. A session runs one statement at a time and closes keep-alive seconds
// after its last statement ended (or when its cluster goes away).
import { randomUUID } from 'node:crypto';
import type { EngineSession } from '../engine/engine-session.js';
import { validation } from './validate.js';

export interface DataSession {
  id: string;
  clusterIdentifier: string;
  database: string;
  dbUser?: string;
  keepAliveSeconds: number;
  /** Opened by the first statement that runs in it. */
  engine?: EngineSession;
  /** One backend process per session, as pg_backend_pid() would show. */
  pid?: number;
  /** Id of the statement running in it, if any. */
  busyWith?: string;
  expiresAt: number;
  timer?: NodeJS.Timeout;
}

/** Redshift Data's limit on SessionKeepAliveSeconds. */
export const MAX_KEEP_ALIVE_SECONDS = 86400;

export class SessionStore {
  private readonly sessions = new Map<string, DataSession>();

  constructor(private readonly now: () => number = Date.now) {}

  create(fields: Pick<DataSession, 'clusterIdentifier' | 'database' | 'dbUser' | 'keepAliveSeconds'>): DataSession {
    const s: DataSession = { ...fields, id: randomUUID(), expiresAt: Number.POSITIVE_INFINITY };
    this.sessions.set(s.id, s);
    return s;
  }

  /** The live session, or the error AWS gives for an expired or unknown one. */
  get(id: string): DataSession {
    const s = this.sessions.get(id);
    if (!s || s.expiresAt <= this.now()) {
      if (s) this.close(s);
      throw validation(`Session ${id} is not available: it expired or was never created. Start a new session with SessionKeepAliveSeconds.`);
    }
    return s;
  }

  /** Mark the session busy until the statement ends; a second statement meanwhile is refused. */
  claim(s: DataSession, statementId: string): void {
    if (s.busyWith) throw validation(`Session ${s.id} is busy running statement ${s.busyWith}. Wait until it ends.`);
    s.busyWith = statementId;
    s.expiresAt = Number.POSITIVE_INFINITY;
    if (s.timer) clearTimeout(s.timer);
  }

  /** The statement ended: the keep-alive clock starts. */
  release(s: DataSession): void {
    s.busyWith = undefined;
    s.expiresAt = this.now() + s.keepAliveSeconds * 1000;
    if (s.timer) clearTimeout(s.timer);
    s.timer = setTimeout(() => this.close(s), s.keepAliveSeconds * 1000);
    s.timer.unref();
  }

  close(s: DataSession): void {
    if (s.timer) clearTimeout(s.timer);
    this.sessions.delete(s.id);
    const engine = s.engine;
    s.engine = undefined;
    if (!s.busyWith) engine?.close();
    else if (engine) s.engine = engine; // the running statement closes it when it ends
  }

  closeCluster(identifier: string): void {
    for (const s of [...this.sessions.values()]) if (s.clusterIdentifier === identifier) this.close(s);
  }

  closeAll(): void {
    for (const s of [...this.sessions.values()]) this.close(s);
  }

  isOpen(s: DataSession): boolean {
    return this.sessions.get(s.id) === s;
  }
}
