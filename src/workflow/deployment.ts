// The seam between the warehouse workflow and where its compute lives: a provisioned cluster
// (deployment-provisioned.ts) or a Redshift Serverless namespace + workgroup (deployment-serverless.ts).
// The workflow keeps the role, the state file, the ETL and the checks; a Deployment creates, finds,
// waits for, bills and deletes the compute, and says where SQL runs.
import type { SparkifyConfig } from '../config/index.js';
import type { AwsClients } from '../services/clients.js';
import type { SqlTarget } from '../services/data-api.js';
import type { Emit } from './events.js';
import type { Plan, TeardownPlan } from './types.js';

/** The compute as the workflow and the state file see it (a cluster, or a workgroup). */
export interface ComputeSummary {
  identifier: string;
  /** Lower case, as Redshift's cluster statuses are: creating, available, deleting, … */
  status: string;
  endpoint?: string;
  managed: boolean;
  createdAt?: Date;
}

export interface DeploymentContext {
  config: SparkifyConfig;
  clients: AwsClients;
  pollMs: number;
}

export interface Deployment {
  readonly kind: 'provisioned' | 'serverless';
  /** Names the compute in the load lock and the state file (cluster id, or workgroup name). */
  readonly name: string;
  readonly sqlTarget: SqlTarget;
  describe(): Promise<ComputeSummary | undefined>;
  /** Starts creating (or reuses what sparkify tagged) and returns at once. */
  create(roleArn: string, emit: Emit): Promise<{ compute: ComputeSummary; created: boolean }>;
  /** What --dry-run prints instead of creating. */
  dryRunCreate(roleArn: string, emit: Emit): Promise<{ endpoint?: string; created: boolean }>;
  waitAvailable(emit: Emit, signal?: AbortSignal): Promise<ComputeSummary>;
  /** Throws a UserError naming the next command when SQL cannot run yet. */
  requireAvailable(): Promise<void>;
  /** Before COPY: the role must be usable by the compute. */
  waitForRole(roleArn: string, emit: Emit, signal?: AbortSignal): Promise<void>;
  /** The plan's compute resources and cost, in place of the cluster's. */
  adjustPlan(plan: Plan): Promise<Plan>;
  /** What is billing now (sparkify status). */
  billing(found: ComputeSummary | undefined): Promise<string[]>;
  teardownPlan(): Promise<Pick<TeardownPlan, 'cluster' | 'serverless'> & { untouched: string[] }>;
  teardown(plan: TeardownPlan, finalSnapshotId: string | undefined, emit: Emit, signal?: AbortSignal): Promise<void>;
  dryRunTeardown(plan: TeardownPlan, finalSnapshotId: string | undefined, emit: Emit): void;
}

