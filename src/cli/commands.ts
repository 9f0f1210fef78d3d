// The subcommands: each is a short sequence of Workflow calls; output goes through `emit`, and the
// fields returned become the command's `result` object (README, "The result object").
import type { Emit } from '../workflow/events.js';
import { describeLoad } from '../workflow/reconcile.js';
import type { Detected, EtlSummary, Workflow } from '../workflow/types.js';
import type { CliArgs } from './args.js';
import { teardownNames } from './confirm.js';

export type CommandResult = { ok: boolean; fields?: Record<string, unknown> };

const etlFields = (summary: EtlSummary) => ({
  counts: summary.counts,
  checks: { passed: summary.checks.filter((c) => c.passed).length, failed: summary.checks.filter((c) => !c.passed).map((c) => c.name) },
});

const clusterFields = (found: Detected) => ({
  role: found.role ? { name: found.role.name, arn: found.role.arn, managed: found.role.managed } : null,
  cluster: found.cluster ? { identifier: found.cluster.identifier, status: found.cluster.status, endpoint: found.cluster.endpoint ?? null, managed: found.cluster.managed } : null,
});

export async function upCommand(workflow: Workflow, emit: Emit, signal?: AbortSignal): Promise<CommandResult> {
  const { endpoint, created } = await workflow.ensureCluster(emit, signal);
  if (endpoint) emit({ type: 'notice', level: 'info', message: `Cluster endpoint: ${endpoint}` });
  return { ok: true, fields: { created, endpoint: endpoint ?? null } };
}

export async function tablesCommand(workflow: Workflow, emit: Emit, signal?: AbortSignal): Promise<CommandResult> {
  await workflow.createTables(emit, signal);
  return { ok: true };
}

export async function etlCommand(workflow: Workflow, emit: Emit, signal?: AbortSignal): Promise<CommandResult> {
  const summary = await workflow.runEtl(emit, signal);
  return { ok: summary.ok, fields: etlFields(summary) };
}

export async function runCommand(workflow: Workflow, emit: Emit, signal?: AbortSignal): Promise<CommandResult> {
  const { endpoint } = await workflow.ensureCluster(emit, signal);
  await workflow.createTables(emit, signal);
  const summary = await workflow.runEtl(emit, signal);
  return { ok: summary.ok, fields: { endpoint: endpoint ?? null, ...etlFields(summary) } };
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
    message: `${found.deployment === 'serverless' ? 'workgroup' : 'cluster'}: ${found.cluster ? `${found.cluster.identifier} ${found.cluster.status}${found.cluster.endpoint ? ` at ${found.cluster.endpoint}` : ''}` : 'none'}`,
  });
  // The state file was checked against what exists (detect reconciles), so these are facts.
  for (const correction of found.corrections ?? []) emit({ type: 'notice', level: 'info', message: `state file corrected: ${correction}` });
  for (const line of found.billing ?? []) emit({ type: 'notice', level: 'info', message: `billing: ${line}` });
  if (found.lastStep) emit({ type: 'notice', level: 'info', message: `last completed step: ${found.lastStep}` });
  if (found.load) emit({ type: 'notice', level: found.load.status === 'complete' ? 'info' : 'warn', message: describeLoad(found.load) });
  if (found.tables.length > 0) emit({ type: 'table.counts', counts: found.counts });
  else if (found.cluster?.status === 'available') emit({ type: 'notice', level: 'info', message: 'no tables yet: run "sparkify tables"' });
  return { ok: true, fields: { ...clusterFields(found), tables: found.tables, counts: found.counts, lastStep: found.lastStep ?? null, load: found.load ?? null } };
}

export async function queryCommand(workflow: Workflow, args: CliArgs, emit: Emit, signal?: AbortSignal): Promise<CommandResult> {
  const result = await workflow.query(args.rest.join(' '), signal);
  emit({ type: 'query.result', columns: result.columns, rows: result.rows });
  return { ok: true, fields: { columns: result.columns, rowCount: result.rows.length } };
}

export async function downCommand(workflow: Workflow, args: CliArgs, emit: Emit, signal?: AbortSignal): Promise<CommandResult> {
  const plan = await workflow.teardownPlan();
  const fields = {
    cluster: plan.cluster ? { identifier: plan.cluster.identifier, status: plan.cluster.status } : null,
    role: plan.role ? { name: plan.role.name, arn: plan.role.arn } : null,
    untouched: plan.untouched,
    finalSnapshot: args.finalSnapshot ?? null,
  };
  if (!plan.cluster && !plan.role && !plan.serverless) {
    emit({ type: 'notice', level: 'info', message: 'Nothing to tear down: no cluster or IAM role created by sparkify exists.' });
    return { ok: true, fields: { ...fields, deleted: [] } };
  }
  const names = teardownNames(plan);
  if (args.dryRun) {
    await workflow.teardown({ finalSnapshotId: args.finalSnapshot }, emit, signal);
    emit({ type: 'notice', level: 'info', message: `Would delete ${names.join(' and ')}${args.finalSnapshot ? ` (keeping final snapshot ${args.finalSnapshot})` : ''}; nothing was deleted.` });
    return { ok: true, fields: { ...fields, deleted: [], wouldDelete: names } };
  }
  await workflow.teardown({ finalSnapshotId: args.finalSnapshot }, emit, signal);
  return { ok: true, fields: { ...fields, deleted: names } };
}
