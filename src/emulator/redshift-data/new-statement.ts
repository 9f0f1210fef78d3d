// Building a statement record from an Execute/BatchExecute request, with the checks both share.
import { randomUUID } from 'node:crypto';
import { AwsError } from '../contracts.js';
import { quoteString, tokenize } from '../engine/sql-tokenizer.js';
import type { DataApiContext } from './context.js';
import type { StatementRecord } from './statement-store.js';
import { redactSql } from './redact-sql.js';
import { MAX_ACTIVE_PER_CLUSTER, MAX_SQL_BYTES, checkEnum, checkPattern, resolveCluster, SESSION_ID_PATTERN, validation } from './validate.js';
import { MAX_KEEP_ALIVE_SECONDS, type DataSession } from './session-store.js';
import type { ClusterView } from '../contracts.js';

function keepAliveSeconds(input: Record<string, unknown>): number | undefined {
  const v = input.SessionKeepAliveSeconds;
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_KEEP_ALIVE_SECONDS) {
    throw validation(`1 validation error detected: Value '${String(v)}' at 'sessionKeepAliveSeconds' failed to satisfy constraint: Member must have value between 0 and ${MAX_KEEP_ALIVE_SECONDS}`);
  }
  return v;
}

/** The cluster and session a statement runs in: a SessionId names both; otherwise the request does. */
function resolveTarget(ctx: DataApiContext, input: Record<string, unknown>): { cluster: ClusterView; session?: DataSession; created?: boolean } {
  const keepAlive = keepAliveSeconds(input);
  if (input.SessionId !== undefined) {
    const id = checkPattern(input, 'SessionId', 'sessionId', SESSION_ID_PATTERN);
    const session = ctx.sessions.get(id);
    if (input.ClusterIdentifier !== undefined && input.ClusterIdentifier !== session.clusterIdentifier) {
      throw validation(`Session ${id} belongs to cluster ${session.clusterIdentifier}; leave out ClusterIdentifier or name that cluster.`);
    }
    const cluster = ctx.catalog.findCluster(session.clusterIdentifier);
    if (!cluster || cluster.status !== 'available') throw validation(`Session ${id} is not available: its cluster ${session.clusterIdentifier} is not available.`);
    if (keepAlive !== undefined) session.keepAliveSeconds = keepAlive;
    return { cluster, session };
  }
  const cluster = resolveCluster(ctx.catalog, input);
  if (!keepAlive) return { cluster };
  const session = ctx.sessions.create({
    clusterIdentifier: cluster.identifier, database: input.Database as string, dbUser: input.DbUser as string | undefined, keepAliveSeconds: keepAlive,
  });
  return { cluster, session, created: true };
}

export function blankRecord(fields: Partial<StatementRecord> & Pick<StatementRecord, 'id' | 'clusterIdentifier' | 'database' | 'queryString'>): StatementRecord {
  const now = Date.now();
  return {
    createdAt: now, updatedAt: now, status: 'SUBMITTED', redshiftQueryId: 0, redshiftPid: 0, durationNs: 0,
    resultRows: -1, resultSize: -1, hasResultSet: false, isBatch: false, abort: new AbortController(), resultFormat: 'JSON', ...fields,
  };
}

/** Validate and create the record; returns the existing one for a repeated ClientToken. */
export function newStatement(ctx: DataApiContext, input: Record<string, unknown>, sqls: string[], isBatch: boolean): { record: StatementRecord; isNew: boolean } {
  const existing = ctx.statements.byToken(input.ClientToken as string | undefined);
  if (existing) return { record: existing, isNew: false };
  const resultFormat = input.ResultFormat === undefined ? 'JSON' : checkEnum(input, 'ResultFormat', 'resultFormat', ['JSON', 'CSV']) as 'JSON' | 'CSV';
  const { cluster, session, created } = resolveTarget(ctx, input);
  const id = randomUUID();
  try {
    for (const sql of sqls) {
      if (Buffer.byteLength(sql) > MAX_SQL_BYTES) throw validation('The SQL statement length exceeds the 100 KB limit.');
    }
    if (ctx.statements.activeCount(cluster.identifier) >= MAX_ACTIVE_PER_CLUSTER) {
      throw new AwsError('ActiveStatementsExceededException', `The number of active statements exceeds the limit of ${MAX_ACTIVE_PER_CLUSTER} for cluster ${cluster.identifier}.`);
    }
    if (session) ctx.sessions.claim(session, id);
  } catch (err) {
    // A session this refused request would have opened must not linger.
    if (created && session) ctx.sessions.close(session);
    throw err;
  }
  const common = {
    clusterIdentifier: cluster.identifier, database: session?.database ?? (input.Database as string),
    ...(cluster.workgroupName ? { workgroupName: cluster.workgroupName } : {}),
    dbUser: session ? session.dbUser : (input.DbUser as string | undefined), secretArn: input.SecretArn as string | undefined,
    statementName: input.StatementName as string | undefined, resultFormat, sessionId: session?.id,
  };
  const record = blankRecord({ ...common, id, queryString: redactSql(isBatch ? sqls.join('; ') : sqls[0]), isBatch });
  if (isBatch) {
    record.subStatements = sqls.map((sql, k) => blankRecord({ ...common, id: `${id}:${k + 1}`, queryString: redactSql(sql), abort: record.abort }));
  }
  ctx.statements.add(record, input.ClientToken as string | undefined);
  return { record, isNew: true };
}

/** Named parameters (`:name`) become string literals; Redshift converts them implicitly. */
export function bindParameters(sql: string, parameters: unknown): string {
  if (!Array.isArray(parameters) || parameters.length === 0) return sql;
  const values = new Map<string, string>();
  for (const p of parameters as { name?: string; value?: string }[]) {
    if (!p?.name || typeof p.value !== 'string') throw validation('Each parameter needs a name and a value.');
    values.set(p.name, p.value);
  }
  const tokens = tokenize(sql);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    if (t.kind === 'punct' && t.text === ':' && next?.kind === 'word' && values.has(next.text)) {
      out.push(quoteString(values.get(next.text)!));
      i++;
    } else out.push(t.text);
  }
  return out.join('');
}

export function statementStartResponse(record: StatementRecord, input: Record<string, unknown>): Record<string, unknown> {
  return {
    Id: record.id,
    ...targetMembers(record),
    Database: record.database,
    DbUser: record.dbUser,
    SecretArn: record.secretArn,
    CreatedAt: record.createdAt / 1000,
    ...(record.sessionId ? { SessionId: record.sessionId } : {}),
    ...(input.DbGroups ? { DbGroups: input.DbGroups } : {}),
  };
}

/** A statement names the cluster it runs on, or the serverless workgroup. */
export function targetMembers(record: StatementRecord): Record<string, string> {
  return record.workgroupName ? { WorkgroupName: record.workgroupName } : { ClusterIdentifier: record.clusterIdentifier };
}
