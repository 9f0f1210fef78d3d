// Asking before destructive or billable work. Without a terminal there is nobody to ask: the
// command refuses (exit 2) and names the flag that answers for the operator.
import { createInterface } from 'node:readline/promises';
import type { SparkifyConfig } from '../config/index.js';
import type { TeardownPlan } from '../workflow/types.js';
import type { CliArgs, CommandName } from './args.js';

export interface ConfirmNeed {
  reason: string;
}

/** What a command would do that needs a yes; undefined when nothing does. */
export function confirmationNeeded(command: CommandName, target: 'local' | 'aws'): ConfirmNeed | undefined {
  const billable = target === 'aws' ? ' and starts billing for a Redshift cluster' : '';
  switch (command) {
    case 'up':
      return target === 'aws' ? { reason: 'creates an IAM role and a Redshift cluster that bills by the hour' } : undefined;
    case 'run':
      return { reason: `drops and recreates the warehouse tables${billable}` };
    case 'tables':
      return { reason: 'drops and recreates the warehouse tables (their data is lost)' };
    case 'etl':
      return { reason: 'replaces the data in the staging and star tables' };
    case 'down':
      return { reason: 'deletes the cluster (and its data) and the IAM role' };
    case 'resume':
      return target === 'aws' ? { reason: 'resumes the cluster, which bills by the hour again' } : undefined;
    default:
      return undefined;
  }
}

export class ConfirmationRefused extends Error {}

/** The refusal to raise before anything is opened, when nobody can answer; undefined when asking is possible or not needed. */
export function refusal(args: CliArgs, command: CommandName, need: ConfirmNeed, interactive: boolean): ConfirmationRefused | undefined {
  if (args.yes || args.dryRun) return undefined;
  if (interactive && process.stdin.isTTY) return undefined;
  return new ConfirmationRefused(`sparkify ${command} ${need.reason}; refusing without a terminal to confirm. Re-run with --yes to proceed (or --dry-run to see what it would do).`);
}

/** What `down` deletes, by name: the cluster, or (serverless) the workgroup and the namespace holding the data; then the role. */
export function teardownNames(plan: TeardownPlan, dataNote = ''): string[] {
  const { workgroup, namespace } = plan.serverless ?? {};
  const compute = plan.serverless
    ? [workgroup && `workgroup ${workgroup.name}`, namespace && `namespace ${namespace.name}${dataNote}`]
    : [plan.cluster && `cluster ${plan.cluster.identifier}${dataNote}`];
  return [...compute, plan.role && `IAM role ${plan.role.name}`].filter((n): n is string => Boolean(n));
}

/** The down question names each thing it deletes; undefined when there is nothing to delete (no question). */
export function describeTeardown(plan: TeardownPlan, config: Pick<SparkifyConfig, 'target' | 'aws'>): string | undefined {
  const what = teardownNames(plan, ' (and its data)');
  if (what.length === 0) return undefined;
  const where = config.target === 'aws' ? `on AWS in ${config.aws.region}` : `on the local target (emulated ${config.aws.region})`;
  return `sparkify down deletes ${what.join(' and ')} ${where}`;
}

export async function askToContinue(question: string): Promise<void> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    let answer: string;
    try {
      answer = await rl.question(`${question}. Continue? [y/N] `);
    } catch (err) {
      // Ctrl-C (or Ctrl-D) at the question is a no, not a failure.
      if (err instanceof Error && err.name === 'AbortError') throw new ConfirmationRefused('\nCancelled: nothing was changed.');
      throw err;
    }
    if (!/^y(es)?$/i.test(answer.trim())) throw new ConfirmationRefused('Cancelled: nothing was changed.');
  } finally {
    rl.close();
  }
}
