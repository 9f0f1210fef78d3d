// The state file checked against what exists. A step counts as done only for the cluster it was
// done on (Redshift's ClusterCreateTime: a same-named cluster made later is another one) and the
// load the star tables hold (the id in sparkify_load, written with their rows). Pure, so every
// case is tested without a cluster; the Warehouse gathers the facts and saves the result.
import type { LoadRecord, SparkifyState } from '../services/state-file.js';
import { ALL_TABLES } from './etl.js';
import type { Detected, LoadStatus } from './types.js';

export interface WarehouseFacts {
  role?: { managed: boolean };
  cluster?: { identifier: string; status: string; managed: boolean; createdAt?: string };
  /** The tables in the cluster; undefined when it cannot be asked (not available, not ours). */
  tables?: string[];
  /** The load the star tables hold (sparkify_load), when they record one. */
  loadId?: string;
}

export interface Reconciled {
  state: SparkifyState;
  lastStep?: Detected['lastStep'];
  load?: LoadStatus;
  /** What the file claimed that is no longer true, in words; empty when nothing changed. */
  corrections: string[];
}

export const FINISH_LOAD_COMMAND = 'sparkify etl';

/** Cluster statuses after which its tables are gone or going. */
const ENDING = /^(deleting|final-snapshot|deleted|absent|not[- ]?found|gone)$/i;

function forgetLoads(state: SparkifyState): void {
  delete state.etl;
  delete state.load;
}

export function reconcileState(saved: SparkifyState, facts: WarehouseFacts, now = new Date()): Reconciled {
  const state: SparkifyState = structuredClone(saved);
  const corrections: string[] = [];
  if (state.role && !facts.role) {
    corrections.push(`IAM role ${state.role.name} no longer exists`);
    delete state.role;
  }
  const cluster = facts.cluster;
  if (!cluster || ENDING.test(cluster.status) || !cluster.managed) {
    if (state.cluster || state.tables || state.etl || state.load) {
      corrections.push(cluster && cluster.managed ? `cluster ${cluster.identifier} is ${cluster.status}: its tables and loads are gone` : 'the cluster no longer exists: its tables and loads are gone with it');
    }
    delete state.cluster;
    delete state.tables;
    forgetLoads(state);
    return { state, corrections };
  }
  if (!state.cluster) {
    state.cluster = { identifier: cluster.identifier, createdAt: now.toISOString(), createTime: cluster.createdAt };
  } else if (state.cluster.createTime && cluster.createdAt && state.cluster.createTime !== cluster.createdAt) {
    corrections.push(`cluster ${cluster.identifier} was re-created (${cluster.createdAt}): the tables and loads recorded were on the old one`);
    state.cluster = { identifier: cluster.identifier, createdAt: now.toISOString(), createTime: cluster.createdAt };
    delete state.tables;
    forgetLoads(state);
  } else if (!state.cluster.createTime && cluster.createdAt) {
    state.cluster = { ...state.cluster, createTime: cluster.createdAt }; // a file from before create times were kept
  }
  if (cluster.status !== 'available' || facts.tables === undefined) return { state, lastStep: 'up', corrections };

  const tables = facts.tables;
  const allTables = ALL_TABLES.every((t) => tables.includes(t));
  if (!allTables && (state.tables || state.etl || state.load)) {
    corrections.push(`the warehouse tables are missing (${ALL_TABLES.filter((t) => !tables.includes(t)).join(', ')})`);
    delete state.tables;
    forgetLoads(state);
  }
  if (!allTables) return { state, lastStep: 'up', corrections };

  const load = state.load;
  if (!load) {
    // No load recorded: a warehouse filled by an earlier version (steps without ids), or a state
    // file that was deleted. The star tables' own record, when present, still says a load committed.
    const etl = state.etl ?? {};
    const legacy = etl.checks?.ok ? 'checks' : etl.star?.ok ? 'star' : etl.staging?.ok ? 'staging' : undefined;
    return { state, lastStep: legacy ?? (facts.loadId ? 'star' : 'tables'), corrections };
  }
  const starHoldsIt = facts.loadId === load.id;
  if (load.finishedAt) {
    if (starHoldsIt) return { state, lastStep: load.checksOk ? 'checks' : 'star', load: status(load, 'complete'), corrections };
    corrections.push(`the star tables no longer hold load ${load.id}`);
    forgetLoads(state);
    return { state, lastStep: facts.loadId ? 'star' : 'tables', corrections };
  }
  // Started and never finished: killed, interrupted, or failed. What committed decides where it stopped.
  const stage: LoadRecord['stage'] = starHoldsIt ? 'checks' : load.stage;
  const lastStep = starHoldsIt ? 'star' : stage === 'staging' ? 'tables' : 'staging';
  return { state, lastStep, load: status({ ...load, stage }, load.error ? 'failed' : 'interrupted', starHoldsIt), corrections };
}

function status(load: LoadRecord, kind: LoadStatus['status'], starHoldsIt = kind === 'complete'): LoadStatus {
  return {
    id: load.id,
    status: kind,
    stage: load.stage,
    startedAt: load.startedAt,
    ...(load.finishedAt ? { finishedAt: load.finishedAt } : {}),
    ...(load.error ? { error: load.error } : {}),
    starTables: starHoldsIt ? 'this load' : 'the previous load',
    ...(kind === 'complete' ? {} : { finishCommand: FINISH_LOAD_COMMAND }),
  };
}

/** One line for status and the wizard: what happened to the last load and how to finish it. */
export function describeLoad(load: LoadStatus): string {
  if (load.status === 'complete') return `last load: complete (${load.finishedAt ?? load.startedAt})`;
  const where = load.stage === 'staging' ? 'during the staging COPYs' : load.stage === 'star' ? 'during the star inserts' : 'before the quality checks finished';
  const kept = load.starTables === 'this load' ? 'the star tables hold its rows, but they were not checked' : 'the star tables still hold the previous load, unchanged';
  const error = load.error?.split('\n')[0];
  const shown = error && error.length > 160 ? `${error.slice(0, 159)}…` : error;
  return `last load ${load.status} ${where}${shown ? ` (${shown})` : ''}; ${kept}: run "${load.finishCommand}" to finish it`;
}
