// GetStatementResult (typed JSON records) and GetStatementResultV2 (CSV text): a finished
// statement's rows, paged (1000 rows a page here, so the paginator is exercised; real pages are cut
// at ~100 MB). Each getter serves only the ResultFormat the statement was run with, as AWS does.
import { AwsError } from '../contracts.js';
import type { DataApiContext } from './context.js';
import { columnMetadata, redshiftTypeInfo, toField } from './result-fields.js';
import type { StatementRecord } from './statement-store.js';
import { lookupStatement, validation } from './validate.js';
import { csvRecords } from './csv-records.js';

export const ROWS_PER_PAGE = 1000;

function finishedWithResult(ctx: DataApiContext, input: Record<string, unknown>): StatementRecord {
  const s = lookupStatement(ctx.statements, input);
  if (s.isBatch) throw validation('Statement is a batch: fetch the result of a sub-statement (<id>:<n>) instead.');
  if (s.status !== 'FINISHED') throw validation(`Query has not finished yet or has no result: its status is ${s.status}.`);
  if (!s.hasResultSet || !s.result) {
    throw new AwsError('ResourceNotFoundException', 'Query does not have result. Please check query status with DescribeStatement.', 400, { ResourceId: s.id });
  }
  return s;
}

function pageOffset(input: Record<string, unknown>): number {
  if (typeof input.NextToken !== 'string' || !input.NextToken) return 0;
  const decoded = Number(Buffer.from(input.NextToken, 'base64url').toString().split(':')[1]);
  if (!Number.isInteger(decoded) || decoded < 0) throw validation('NextToken is not valid.');
  return decoded;
}

const nextToken = (s: StatementRecord, next: number): Record<string, string> =>
  next < s.result!.rows.length ? { NextToken: Buffer.from(`${s.id}:${next}`).toString('base64url') } : {};

export function getStatementResult(ctx: DataApiContext, input: Record<string, unknown>): Record<string, unknown> {
  const s = finishedWithResult(ctx, input);
  if (s.resultFormat === 'CSV') {
    throw validation('The statement was run with ResultFormat CSV: fetch its result with GetStatementResultV2 (GetStatementResult serves JSON results only).');
  }
  const offset = pageOffset(input);
  const { columns, rows } = s.result!;
  const infos = columns.map((c) => redshiftTypeInfo(c.duckType));
  const page = rows.slice(offset, offset + ROWS_PER_PAGE);
  return {
    ColumnMetadata: columns.map(columnMetadata),
    Records: page.map((row) => row.map((v, i) => toField(v, infos[i]))),
    TotalNumRows: rows.length,
    ...nextToken(s, offset + ROWS_PER_PAGE),
  };
}

export function getStatementResultV2(ctx: DataApiContext, input: Record<string, unknown>): Record<string, unknown> {
  const s = finishedWithResult(ctx, input);
  if (s.resultFormat !== 'CSV') {
    throw validation('The statement was run with ResultFormat JSON: fetch its result with GetStatementResult (GetStatementResultV2 serves CSV results only).');
  }
  const offset = pageOffset(input);
  const { columns, rows } = s.result!;
  return {
    // The column names head the first page only, so the pages concatenate into one CSV document.
    Records: [{ CSVRecords: csvRecords(offset === 0 ? columns.map((c) => c.name) : undefined, rows.slice(offset, offset + ROWS_PER_PAGE)) }],
    ColumnMetadata: columns.map(columnMetadata),
    TotalNumRows: rows.length,
    ResultFormat: 'CSV',
    ...nextToken(s, offset + ROWS_PER_PAGE),
  };
}
