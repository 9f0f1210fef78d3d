// BatchExecuteStatement: up to 40 statements, run serially in one transaction; sub-ids are <id>:<n>.
import type { DataApiContext } from './context.js';
import { newStatement, statementStartResponse } from './new-statement.js';
import { MAX_BATCH_SQLS, validation } from './validate.js';

export function batchExecuteStatement(ctx: DataApiContext, input: Record<string, unknown>): Record<string, unknown> {
  const sqls = input.Sqls;
  if (!Array.isArray(sqls) || sqls.length === 0 || sqls.some((s) => typeof s !== 'string' || !s)) {
    throw validation('Sqls must hold at least one SQL statement.');
  }
  if (sqls.length > MAX_BATCH_SQLS) throw validation(`Sqls can hold at most ${MAX_BATCH_SQLS} statements.`);
  const { record, isNew } = newStatement(ctx, input, sqls as string[], true);
  if (isNew) ctx.runner.submit(record, sqls as string[]);
  return statementStartResponse(record, input);
}
