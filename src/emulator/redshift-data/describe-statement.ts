// DescribeStatement: status, error, timing and result size of a statement or batch (with SubStatements).
import type { DataApiContext } from './context.js';
import { isActive, type StatementRecord } from './statement-store.js';
import { epochSeconds, lookupStatement } from './validate.js';
import { targetMembers } from './new-statement.js';

function subStatementData(s: StatementRecord): Record<string, unknown> {
  return {
    Id: s.id, Status: s.status, Error: s.error, QueryString: s.queryString, CreatedAt: epochSeconds(s.createdAt),
    UpdatedAt: epochSeconds(s.updatedAt), Duration: s.durationNs || -1, HasResultSet: s.hasResultSet,
    RedshiftQueryId: s.redshiftQueryId, ResultRows: s.resultRows, ResultSize: s.resultSize,
  };
}

export async function describeStatement(ctx: DataApiContext, input: Record<string, unknown>): Promise<Record<string, unknown>> {
  const s = lookupStatement(ctx.statements, input);
  if (isActive(s)) await ctx.runner.settledWithin(s, ctx.describeHoldMs);
  return {
    Id: s.id,
    ...targetMembers(s),
    Database: s.database,
    DbUser: s.dbUser,
    SecretArn: s.secretArn,
    Status: s.status,
    Error: s.error,
    QueryString: s.queryString,
    QueryParameters: s.queryParameters,
    CreatedAt: epochSeconds(s.createdAt),
    UpdatedAt: epochSeconds(s.updatedAt),
    Duration: s.durationNs || -1,
    HasResultSet: s.hasResultSet,
    RedshiftQueryId: s.redshiftQueryId,
    RedshiftPid: s.redshiftPid,
    ResultRows: s.resultRows,
    ResultSize: s.resultSize,
    ResultFormat: s.resultFormat,
    ...(s.sessionId ? { SessionId: s.sessionId } : {}),
    ...(s.isBatch ? { SubStatements: s.subStatements?.map(subStatementData) } : {}),
  };
}
