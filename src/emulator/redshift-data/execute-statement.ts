// ExecuteStatement: one SQL statement, run in the background; returns its Id at once.
import type { DataApiContext } from './context.js';
import { bindParameters, newStatement, statementStartResponse } from './new-statement.js';
import { requireString } from './validate.js';

export function executeStatement(ctx: DataApiContext, input: Record<string, unknown>): Record<string, unknown> {
  const sql = requireString(input, 'Sql');
  const { record, isNew } = newStatement(ctx, input, [sql], false);
  if (isNew) {
    if (Array.isArray(input.Parameters)) record.queryParameters = input.Parameters as { name: string; value: string }[];
    ctx.runner.submit(record, [bindParameters(sql, input.Parameters)]);
  }
  return statementStartResponse(record, input);
}
