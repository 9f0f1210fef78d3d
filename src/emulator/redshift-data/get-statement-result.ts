// GetStatementResult: typed records of a finished statement, paged (1000 rows a page here, so the
// paginator is exercised; real pages are cut at ~100 MB).
import { AwsError } from '../contracts.js';
import type { DataApiContext } from './context.js';
import { columnMetadata, redshiftTypeInfo, toField } from './result-fields.js';
import { lookupStatement, validation } from './validate.js';

export const ROWS_PER_PAGE = 1000;

export function getStatementResult(ctx: DataApiContext, input: Record<string, unknown>): Record<string, unknown> {
  const s = lookupStatement(ctx.statements, input);
  if (s.isBatch) throw validation('Statement is a batch: fetch the result of a sub-statement (<id>:<n>) instead.');
  if (s.status !== 'FINISHED') throw validation(`Query has not finished yet or has no result: its status is ${s.status}.`);
  if (!s.hasResultSet || !s.result) {
    throw new AwsError('ResourceNotFoundException', 'Query does not have result. Please check query status with DescribeStatement.', 400, { ResourceId: s.id });
  }
  let offset = 0;
  if (typeof input.NextToken === 'string' && input.NextToken) {
    const decoded = Number(Buffer.from(input.NextToken, 'base64url').toString().split(':')[1]);
    if (!Number.isInteger(decoded) || decoded < 0) throw validation('NextToken is not valid.');
    offset = decoded;
  }
  const { columns, rows } = s.result;
  const infos = columns.map((c) => redshiftTypeInfo(c.duckType));
  const page = rows.slice(offset, offset + ROWS_PER_PAGE);
  const next = offset + ROWS_PER_PAGE;
  return {
    ColumnMetadata: columns.map(columnMetadata),
    Records: page.map((row) => row.map((v, i) => toField(v, infos[i]))),
    TotalNumRows: rows.length,
    ...(next < rows.length ? { NextToken: Buffer.from(`${s.id}:${next}`).toString('base64url') } : {}),
  };
}
