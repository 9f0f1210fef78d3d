// What every Redshift Data operation handler gets: the cluster catalog, open engines, statements.
import type { ClusterCatalog } from '../contracts.js';
import type { EngineRegistry } from '../engine/engine-registry.js';
import type { StatementStore } from './statement-store.js';
import type { StatementRunner } from './statement-runner.js';
import type { SessionStore } from './session-store.js';

export interface DataApiContext {
  catalog: ClusterCatalog;
  engines: EngineRegistry;
  statements: StatementStore;
  runner: StatementRunner;
  sessions: SessionStore;
  /** EmulatorDelays.describeHoldMs: DescribeStatement's long poll (0: answer at once). */
  describeHoldMs: number;
}
