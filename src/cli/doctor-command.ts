// `sparkify doctor`, `sparkify policy`, `sparkify pause` / `resume`. The doctor's report and the
// policy are results, so they go to stdout (the report as one JSON object with --json).
import { verifyCredentials } from '../services/clients.js';
import { operatorPolicyDocument } from '../services/operator-policy.js';
import { redactText } from '../services/redact.js';
import type { DoctorReport } from '../workflow/doctor.js';
import type { Emit } from '../workflow/events.js';
import type { Warehouse } from '../workflow/warehouse.js';
import type { CliArgs } from './args.js';
import type { CommandResult } from './commands.js';

const MARK = { pass: '✔', warn: '!', fail: '✖' } as const;

export function formatDoctorReport(report: DoctorReport): string {
  const lines = report.checks.flatMap((check) => [`${MARK[check.status]} ${check.title}: ${check.detail}`, ...(check.fix && check.status !== 'pass' ? [`    fix: ${check.fix}`] : [])]);
  const count = (status: string) => report.checks.filter((c) => c.status === status).length;
  lines.push(`doctor (${report.target}, ${report.region}): ${count('fail')} failed, ${count('warn')} warnings, ${count('pass')} passed${report.ok ? '' : ' — up/run will refuse until the failures are fixed (or --ignore-doctor)'}`);
  return lines.join('\n');
}

/** With --json the report is the command's `result` object (one line, like every command's); else text. */
export async function doctorCommand(workflow: Warehouse, args: Pick<CliArgs, 'json'>, write: (text: string) => void = (t) => process.stdout.write(t)): Promise<CommandResult> {
  const report = await workflow.doctor();
  if (args.json) return { ok: report.ok, fields: { checks: report.checks, bucketRegions: report.bucketRegions } };
  write(redactText(formatDoctorReport(report)) + '\n');
  return { ok: report.ok };
}

/** Scoped to the account when the credentials can say which (STS needs no permission); `*` otherwise. */
export async function policyCommand(workflow: Warehouse, write: (text: string) => void = (t) => process.stdout.write(t)): Promise<CommandResult> {
  const identity = await verifyCredentials(workflow.clients.sts).catch(() => undefined);
  const scope = identity?.account ? { account: identity.account, callerArn: identity.arn } : {};
  write(JSON.stringify(operatorPolicyDocument(workflow.config, scope), null, 2) + '\n');
  return { ok: true };
}

export async function pauseCommand(workflow: Warehouse, action: 'pause' | 'resume', emit: Emit, signal?: AbortSignal): Promise<CommandResult> {
  const started = Date.now();
  const { status } = await workflow.pauseCluster(action, emit, signal);
  emit({
    type: 'notice',
    level: 'info',
    message: action === 'pause' ? `Cluster ${workflow.config.dwh.clusterIdentifier} is ${status}: only its storage is billed now. "sparkify resume" brings it back.` : `Cluster ${workflow.config.dwh.clusterIdentifier} is ${status}: compute is billed again.`,
  });
  emit({ type: 'done', step: 'cluster', elapsedMs: Date.now() - started, ok: true });
  return { ok: true };
}
