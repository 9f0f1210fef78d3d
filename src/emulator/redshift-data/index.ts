// The Redshift Data API of the emulator: the server routes `x-amz-target: RedshiftData.<Op>` here.
// Each operation lives in its own file; this one wires them to the shared state (statements, engines).
import { AwsError, type RedshiftDataDeps, type RedshiftDataService } from '../contracts.js';
import { EngineRegistry } from '../engine/engine-registry.js';
import { StatementStore } from './statement-store.js';
import { StatementRunner } from './statement-runner.js';
import { SessionStore } from './session-store.js';
import type { DataApiContext } from './context.js';
import { executeStatement } from './execute-statement.js';
import { batchExecuteStatement } from './batch-execute-statement.js';
import { describeStatement } from './describe-statement.js';
import { getStatementResult, getStatementResultV2 } from './get-statement-result.js';
import { cancelStatement } from './cancel-statement.js';
import { listStatements } from './list-statements.js';
import { listDatabases, listSchemas, listTables, describeTable } from './explore-metadata.js';

type Handler = (ctx: DataApiContext, input: Record<string, unknown>) => Promise<unknown> | unknown;

const handlers: Record<string, Handler> = {
  ExecuteStatement: executeStatement,
  BatchExecuteStatement: batchExecuteStatement,
  DescribeStatement: describeStatement,
  GetStatementResult: getStatementResult,
  GetStatementResultV2: getStatementResultV2,
  CancelStatement: cancelStatement,
  ListStatements: listStatements,
  ListDatabases: listDatabases,
  ListSchemas: listSchemas,
  ListTables: listTables,
  DescribeTable: describeTable,
};

export function createRedshiftDataService(deps: RedshiftDataDeps): RedshiftDataService {
  // Shared with the PostgreSQL endpoint when the emulator passes one: one DuckDB instance per cluster.
  const engines = deps.engines ?? new EngineRegistry({ catalog: deps.catalog, s3Root: deps.s3Root });
  const statements = new StatementStore();
  const sessions = new SessionStore();
  const runner = new StatementRunner({ engines, statements, sessions, delays: deps.delays, faults: deps.faults });
  const ctx: DataApiContext = { catalog: deps.catalog, engines, statements, runner, sessions, describeHoldMs: deps.delays.describeHoldMs ?? 0 };

  return {
    async handle(operation, input) {
      const handler = handlers[operation];
      if (!handler) throw new AwsError('UnknownOperationException', `Operation ${operation} is not supported.`);
      return handler(ctx, input ?? {});
    },
    async destroyClusterDatabase(identifier) {
      runner.abortCluster(identifier);
      sessions.closeCluster(identifier);
      await engines.destroy(identifier);
    },
    async close() {
      runner.abortAll();
      await runner.idle();
      sessions.closeAll();
      await engines.closeAll();
    },
  };
}

export type { DataApiContext } from './context.js';
