// What the wizard and the CLI can ask of the warehouse workflow. Both drive the same object;
// neither talks to AWS. Every long call reports progress through `emit` (see events.ts).
import type { Emit } from './events.js';
import type { DoctorReport } from './doctor.js';

export type TargetName = 'local' | 'aws';

export interface PlanResource {
  kind: 'iam-role' | 'cluster' | 'namespace' | 'workgroup' | 'table';
  name: string;
  action: 'create' | 'reuse' | 'exists';
  detail?: string;
}

export interface Plan {
  target: TargetName;
  region: string;
  /** Who the calls run as (STS GetCallerIdentity): account and ARN. */
  identity: { account: string; arn: string } | { error: string; hint?: string };
  cluster: { identifier: string; nodeType: string; nodes: number; clusterType: string; database: string; dbUser: string; port: number };
  sources: { logData: string; logJsonPath: string; songData: string; region: string };
  resources: PlanResource[];
  /** Every SQL step, in order, by label (e.g. "drop tables", "COPY staging_events"). */
  sqlSteps: string[];
  /** Estimated on-demand cost; an estimate from a price table in the code, not a quote. */
  costPerHourUsd: number;
  /** What the configured shape would cost on AWS (equal to costPerHourUsd there; a rehearsal hint locally). */
  awsCostPerHourUsd: number;
  /** What the operator should expect: e.g. "sample: 71 songs, 30 log files" or "song-data: ~385,000 songs, over an hour". */
  expectedLoad: string;
  warnings: string[];
  /** The preflight checks (sparkify doctor) for this account: a failed one stops `up`/`run`. */
  doctor?: DoctorReport;
  /** Preflight checks (credentials, sources, names), when the workflow runs them; failed ones block the plan. */
  checks?: PlanCheck[];
  /** [DWH] DEPLOYMENT = serverless: what is created and how it bills (by use: RPU-hours while running, plus storage). */
  serverless?: ServerlessPlan;
}

export interface ServerlessPlan {
  namespace: string;
  workgroup: string;
  baseCapacity: number;
  maxCapacity?: number;
  /** List prices behind the estimate (us-east-1); an estimate from the code, not a quote. */
  usdPerRpuHour: number;
  usdPerGbMonth: number;
  /** Compute for this load at the base capacity, on AWS (0 on the local target). */
  estimatedLoadUsd: number;
  /** One line: the cost model and the estimate, as plan screens print it. */
  costModel: string;
}

/** One preflight check as the plan shows it: failed ones in full, with what fixes them. */
export interface PlanCheck {
  name: string;
  status: 'pass' | 'warn' | 'fail';
  detail: string;
  fix?: string;
}

/** What already exists, so a re-opened wizard resumes where it stopped. */
export interface Detected {
  role?: { name: string; arn: string; managed: boolean };
  cluster?: { identifier: string; status: string; endpoint?: string; managed: boolean; createdAt?: string };
  /** Set only for [DWH] DEPLOYMENT = serverless: `cluster` then describes the workgroup. */
  deployment?: 'serverless';
  tables: string[];
  /** Row counts of the star tables when they exist. */
  counts: Record<string, number>;
  /** The last completed step, from the state file checked against what exists (see reconcile.ts). */
  lastStep?: 'up' | 'tables' | 'staging' | 'star' | 'checks';
  /** What is billing now, one line each: the cluster's compute (or storage only when paused), kept snapshots. */
  billing?: string[];
  /** The last ETL run, when one was recorded for this cluster and these tables. */
  load?: LoadStatus;
  /** What the state file claimed that was no longer true (it has been corrected). */
  corrections?: string[];
}

export interface LoadStatus {
  id: string;
  /** complete: checks ran; interrupted: killed or Ctrl-C; failed: a statement failed. */
  status: 'complete' | 'interrupted' | 'failed';
  /** Where it stopped (for a complete load: the last stage, checks). */
  stage: 'staging' | 'star' | 'checks';
  startedAt: string;
  finishedAt?: string;
  error?: string;
  /** A load that did not commit its star rows left the previous load's, whole. */
  starTables: 'this load' | 'the previous load';
  /** The command that finishes an interrupted or failed load. */
  finishCommand?: string;
}

export interface CheckResult {
  name: string;
  sql: string;
  expected: string;
  actual: string;
  passed: boolean;
}

export interface EtlSummary {
  counts: Record<string, number>;
  checks: CheckResult[];
  ok: boolean;
  elapsedMs: number;
}

export interface QueryResult {
  columns: string[];
  rows: Array<Array<string | number | boolean | null>>;
}

export interface TeardownPlan {
  /** Only resources carrying the tool's tag; anything else is listed under `untouched`. */
  cluster?: { identifier: string; status: string };
  role?: { name: string; arn: string };
  /** Serverless deployment: the tagged workgroup and namespace to delete (`cluster` names the workgroup). */
  serverless?: { workgroup?: { name: string; status: string }; namespace?: { name: string; status: string } };
  untouched: string[];
}

export interface Workflow {
  readonly target: TargetName;
  plan(): Promise<Plan>;
  detect(): Promise<Detected>;
  ensureRole(emit: Emit): Promise<{ arn: string; created: boolean }>;
  ensureCluster(emit: Emit, signal?: AbortSignal): Promise<{ endpoint?: string; created: boolean }>;
  createTables(emit: Emit, signal?: AbortSignal): Promise<void>;
  /** COPY staging, insert the star tables, run the checks. */
  runEtl(emit: Emit, signal?: AbortSignal): Promise<EtlSummary>;
  runAnalytics(emit: Emit, signal?: AbortSignal): Promise<void>;
  query(sql: string, signal?: AbortSignal): Promise<QueryResult>;
  teardownPlan(): Promise<TeardownPlan>;
  teardown(options: { finalSnapshotId?: string }, emit: Emit, signal?: AbortSignal): Promise<void>;
  /** The preflight checks without changing anything (sparkify doctor). */
  doctor?(): Promise<DoctorReport>;
  /** Pause (available → paused: RA3 bills only storage) or resume (paused → available) the cluster sparkify created. */
  pauseCluster?(action: 'pause' | 'resume', emit: Emit, signal?: AbortSignal): Promise<{ status: string }>;
  /** The wizard's choice on the plan screen, overriding [DWH] DEPLOYMENT from the next plan() on. */
  chooseDeployment?(deployment: 'provisioned' | 'serverless'): void;
  /** Stops the in-process emulator (local target); safe to call twice. */
  close(): Promise<void>;
}
