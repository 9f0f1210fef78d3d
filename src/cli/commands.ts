// The subcommands: each is a short sequence of Workflow calls; output goes through `emit`.
import type { Emit } from '../workflow/events.js';
import type { Workflow } from '../workflow/types.js';
import type { CliArgs } from './args.js';

export type CommandResult = { ok: boolean };

async function timedCommand(step: 'run' | 'teardown' | 'cluster' | 'tables' | 'copy', emit: Emit, work: () => Promise<boolean>): Promise<CommandResult> {
  const started = Date.now();
  const ok = await work();
  emit({ type: 'done', step, elapsedMs: Date.now() - started, ok });
  return { ok };
}

export async function upCommand(workflow: Workflow, emit: Emit, signal?: AbortSignal): Promise<CommandResult> {
  return timedCommand('cluster', emit, async () => {
    const { endpoint } = await workflow.ensureCluster(emit, signal);
    if (endpoint) emit({ type: 'notice', level: 'info', message: `Cluster endpoint: ${endpoint}` });
    return true;
  });
}

export async function tablesCommand(workflow: Workflow, emit: Emit, signal?: AbortSignal): Promise<CommandResult> {
  return timedCommand('tables', emit, async () => {
    await workflow.createTables(emit, signal);
    return true;
  });
}

export async function etlCommand(workflow: Workflow, emit: Emit, signal?: AbortSignal): Promise<CommandResult> {
  return timedCommand('copy', emit, async () => (await workflow.runEtl(emit, signal)).ok);
}

export async function runCommand(workflow: Workflow, emit: Emit, signal?: AbortSignal): Promise<CommandResult> {
  return timedCommand('run', emit, async () => {
    await workflow.ensureCluster(emit, signal);
    await workflow.createTables(emit, signal);
    const summary = await workflow.runEtl(emit, signal);
    return summary.ok;
  });
}

export async function statusCommand(workflow: Workflow, emit: Emit): Promise<CommandResult> {
  const found = await workflow.detect();
  emit({
    type: 'notice',
    level: 'info',
    message: `target ${workflow.target}; IAM role: ${found.role ? `${found.role.name} (${found.role.managed ? 'managed by sparkify' : 'NOT managed by sparkify'})` : 'none'}`,
  });
  emit({
    type: 'notice',
    level: 'info',
    message: `cluster: ${found.cluster ? `${found.cluster.identifier} ${found.cluster.status}${found.cluster.endpoint ? ` at ${found.cluster.endpoint}` : ''}` : 'none'}`,
  });
  for (const line of found.billing ?? []) emit({ type: 'notice', level: 'info', message: `billing: ${line}` });
  if (found.lastStep) emit({ type: 'notice', level: 'info', message: `last completed step: ${found.lastStep}` });
  if (found.tables.length > 0) emit({ type: 'table.counts', counts: found.counts });
  else if (found.cluster?.status === 'available') emit({ type: 'notice', level: 'info', message: 'no tables yet: run "sparkify tables"' });
  return { ok: true };
}

export async function queryCommand(workflow: Workflow, args: CliArgs, emit: Emit, signal?: AbortSignal): Promise<CommandResult> {
  const result = await workflow.query(args.rest.join(' '), signal);
  emit({ type: 'query.result', columns: result.columns, rows: result.rows });
  return { ok: true };
}

export async function downCommand(workflow: Workflow, args: CliArgs, emit: Emit, signal?: AbortSignal): Promise<CommandResult> {
  return timedCommand('teardown', emit, async () => {
    const plan = await workflow.teardownPlan();
    if (!plan.cluster && !plan.role) emit({ type: 'notice', level: 'info', message: 'Nothing to tear down: no cluster or IAM role created by sparkify exists.' });
    await workflow.teardown({ finalSnapshotId: args.finalSnapshot }, emit, signal);
    return true;
  });
}
