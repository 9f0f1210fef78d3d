// ListStatements: newest first, filtered by status / name prefix / cluster, paged by MaxResults.
import type { DataApiContext } from './context.js';
import { epochSeconds, validation } from './validate.js';

export function listStatements(ctx: DataApiContext, input: Record<string, unknown>): Record<string, unknown> {
  const status = typeof input.Status === 'string' ? input.Status : 'ALL';
  const max = input.MaxResults === undefined ? 100 : Number(input.MaxResults);
  if (!Number.isInteger(max) || max < 0 || max > 100) throw validation('MaxResults must be between 0 and 100.');
  const name = typeof input.StatementName === 'string' ? input.StatementName : undefined;
  const offset = typeof input.NextToken === 'string' && input.NextToken ? Number(Buffer.from(input.NextToken, 'base64url').toString()) : 0;
  const matching = ctx.statements.all()
    .filter((s) => status === 'ALL' || s.status === status)
    .filter((s) => !name || (s.statementName ?? '').startsWith(name))
    .filter((s) => !input.ClusterIdentifier || (!s.workgroupName && s.clusterIdentifier === input.ClusterIdentifier))
    .filter((s) => !input.WorkgroupName || s.workgroupName === input.WorkgroupName)
    .filter((s) => !input.Database || s.database === input.Database)
    .sort((a, b) => b.createdAt - a.createdAt);
  const pageSize = max === 0 ? 100 : max;
  const page = matching.slice(offset, offset + pageSize);
  return {
    Statements: page.map((s) => ({
      Id: s.id, Status: s.status, StatementName: s.statementName, CreatedAt: epochSeconds(s.createdAt),
      UpdatedAt: epochSeconds(s.updatedAt), IsBatchStatement: s.isBatch, SecretArn: s.secretArn,
      QueryParameters: s.queryParameters,
      ResultFormat: s.resultFormat,
      ...(s.sessionId ? { SessionId: s.sessionId } : {}),
      ...(s.isBatch ? { QueryStrings: s.subStatements?.map((x) => x.queryString) } : { QueryString: s.queryString }),
    })),
    ...(offset + pageSize < matching.length ? { NextToken: Buffer.from(String(offset + pageSize)).toString('base64url') } : {}),
  };
}
