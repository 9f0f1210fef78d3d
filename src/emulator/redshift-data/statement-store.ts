// Statements and their results, kept in memory for the process lifetime but bounded: when the store
// is full the oldest finished statements (and their results) are dropped, so a soak test of thousands
// of statements does not grow memory without limit.
import type { StatementOutcome } from '../engine/engine-session.js';

export type StatementStatus = 'SUBMITTED' | 'PICKED' | 'STARTED' | 'FINISHED' | 'FAILED' | 'ABORTED';

export interface StatementRecord {
  id: string;
  clusterIdentifier: string;
  /** Set for a statement on a Redshift Serverless workgroup (clusterIdentifier is then its database key). */
  workgroupName?: string;
  database: string;
  dbUser?: string;
  secretArn?: string;
  statementName?: string;
  queryString: string;
  queryParameters?: { name: string; value: string }[];
  createdAt: number;
  updatedAt: number;
  status: StatementStatus;
  error?: string;
  redshiftQueryId: number;
  redshiftPid: number;
  durationNs: number;
  startedAtMs?: number;
  resultRows: number;
  resultSize: number;
  hasResultSet: boolean;
  result?: StatementOutcome;
  isBatch: boolean;
  subStatements?: StatementRecord[];
  /** ResultFormat asked for: GetStatementResult serves JSON, GetStatementResultV2 serves CSV. */
  resultFormat: 'JSON' | 'CSV';
  /** The Data API session the statement runs in (SessionKeepAliveSeconds / SessionId). */
  sessionId?: string;
  abort: AbortController;
}

export const TERMINAL: StatementStatus[] = ['FINISHED', 'FAILED', 'ABORTED'];
export const isActive = (s: StatementRecord): boolean => !TERMINAL.includes(s.status);

export class StatementStore {
  private readonly byId = new Map<string, StatementRecord>();
  private readonly byClientToken = new Map<string, string>();

  constructor(readonly capacity = 5000) {}

  add(record: StatementRecord, clientToken?: string): void {
    this.byId.set(record.id, record);
    if (clientToken) this.byClientToken.set(clientToken, record.id);
    this.evict();
  }

  /** The statement a ClientToken already created (idempotent retry), if it is still kept. */
  byToken(clientToken: string | undefined): StatementRecord | undefined {
    if (!clientToken) return undefined;
    const id = this.byClientToken.get(clientToken);
    return id ? this.byId.get(id) : undefined;
  }

  /** A statement or a batch sub-statement (`<id>:<n>`). */
  get(id: string): StatementRecord | undefined {
    const direct = this.byId.get(id);
    if (direct) return direct;
    const m = id.match(/^(.*):(\d+)$/);
    if (!m) return undefined;
    return this.byId.get(m[1])?.subStatements?.[Number(m[2]) - 1];
  }

  all(): StatementRecord[] {
    return [...this.byId.values()];
  }

  activeCount(clusterIdentifier: string): number {
    let n = 0;
    for (const s of this.byId.values()) if (s.clusterIdentifier === clusterIdentifier && isActive(s)) n++;
    return n;
  }

  get size(): number {
    return this.byId.size;
  }

  private evict(): void {
    if (this.byId.size <= this.capacity) return;
    for (const [id, s] of this.byId) {
      if (this.byId.size <= this.capacity) break;
      if (isActive(s)) continue; // Map keeps insertion order: oldest first
      this.byId.delete(id);
    }
    if (this.byClientToken.size > this.capacity * 2) {
      for (const [token, id] of this.byClientToken) if (!this.byId.has(id)) this.byClientToken.delete(token);
    }
  }
}
