// CancelStatement: only a statement that has not ended can be cancelled.
import type { DataApiContext } from './context.js';
import { isActive } from './statement-store.js';
import { lookupStatement, validation } from './validate.js';

export function cancelStatement(ctx: DataApiContext, input: Record<string, unknown>): Record<string, unknown> {
  const s = lookupStatement(ctx.statements, input);
  if (!isActive(s)) throw validation(`Could not cancel a query that is already in ${s.status} state.`);
  ctx.runner.cancel(s);
  return { Status: true };
}
