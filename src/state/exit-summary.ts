// What still exists when the wizard closes, said from a fresh look (the teardown plan, asked again
// at quit with a short timeout) and, when that look fails, from what this session knows — never
// "nothing" just because nothing was seen. Each item says whether it bills; the summary names the
// commands that remove it and that resume.
import type { TeardownPlan } from '../workflow/types.js';
import type { ErrorView } from './view-state.js';
import { isGoneStatus, type ProgressState } from './view-state.js';
import type { Detected, Plan } from '../workflow/types.js';

export interface ExitSummary {
  /** finished: teardown done or the last screen left; quit: q; interrupted: Ctrl-C; crashed: a bug. */
  reason: 'finished' | 'quit' | 'interrupted' | 'crashed';
  /** What still exists (or is being created) when the wizard closes, e.g. "cluster sparkify-dwh (available) — bills …". */
  stillRunning: string[];
  /** How to remove what is left; present only when something is. */
  teardownCommand?: string;
  /** How to pick up again (the wizard resumes from what exists); present when something is left. */
  resumeCommand?: string;
  /** Why the fresh look at quit failed: the list is then what this session knew. */
  checkError?: string;
  /** The error behind a crash, without its stack. */
  error?: ErrorView;
}

/** The teardown plan asked again at quit, or why that failed (timed out, no credentials, …). */
export type FreshLook = { plan: TeardownPlan } | { error: string };

export interface LeftoverInputs {
  progress: ProgressState;
  detected?: Detected;
  plan?: Plan;
  /** The teardown finished: whatever the tool created is gone. */
  tornDown: boolean;
  /** CreateCluster was sent this session: the cluster may exist before any status was seen. */
  clusterRequested?: boolean;
  /** The command that removes what is left (default: `npx sparkify down`). */
  teardownCommand?: string;
  /** A look at what exists taken as the wizard closes; it wins over what the session saw. */
  fresh?: FreshLook;
}

function billing(plan: Plan | undefined): string {
  if (plan?.target === 'local') return 'local emulator, no charge';
  return plan && plan.costPerHourUsd > 0 ? `bills est. $${plan.costPerHourUsd.toFixed(2)}/h until deleted` : 'bills until deleted';
}

const ROLE_NOTE = 'no charge';

/** The resources that exist right now, billable cluster first. */
export function leftovers(inputs: LeftoverInputs): string[] {
  const { progress, detected, plan, tornDown, clusterRequested, fresh } = inputs;
  if (fresh && 'plan' in fresh) {
    const items: string[] = [];
    const { cluster, role } = fresh.plan;
    if (cluster && !isGoneStatus(cluster.status)) items.push(`cluster ${cluster.identifier} (${cluster.status}) — ${billing(plan)}`);
    if (role) items.push(`IAM role ${role.name} — ${ROLE_NOTE}`);
    return items;
  }
  if (tornDown) return [];
  const items: string[] = [];
  const cluster = progress.cluster ?? (detected?.cluster && { clusterId: detected.cluster.identifier, status: detected.cluster.status });
  if (cluster && !isGoneStatus(cluster.status)) {
    items.push(`cluster ${cluster.clusterId} (${cluster.status}) — ${billing(plan)}`);
  } else if (!cluster && clusterRequested && plan) {
    // Interrupted between CreateCluster and its first status: AWS may already be creating it.
    items.push(`cluster ${plan.cluster.identifier} (may be creating) — ${billing(plan)}`);
  }
  const role = progress.role ?? (detected?.role && { action: 'reused' as const, roleName: detected.role.name, arn: detected.role.arn });
  if (role && (role.action === 'created' || role.action === 'reused')) items.push(`IAM role ${role.roleName} — ${ROLE_NOTE}`);
  return items;
}

/** `npx sparkify` with the same --config/--target as the teardown command. */
export function resumeCommandFor(teardownCommand: string): string {
  return teardownCommand.replace(/^npx sparkify down\b/, 'npx sparkify');
}

export function exitSummary(reason: ExitSummary['reason'], inputs: LeftoverInputs, error?: ErrorView): ExitSummary {
  const stillRunning = leftovers(inputs);
  const teardown = inputs.teardownCommand ?? 'npx sparkify down';
  const left = stillRunning.length > 0;
  const checkError = inputs.fresh && 'error' in inputs.fresh ? inputs.fresh.error : undefined;
  return {
    reason,
    stillRunning,
    teardownCommand: left ? teardown : undefined,
    resumeCommand: left && reason !== 'finished' ? resumeCommandFor(teardown) : undefined,
    checkError,
    error,
  };
}

/** The teardown plan, or why it could not be had within `ms` (the operator is waiting to leave). */
export async function freshLook(look: () => Promise<TeardownPlan>, ms: number): Promise<FreshLook> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<FreshLook>((resolve) => {
    timer = setTimeout(() => resolve({ error: `no answer within ${ms < 1000 ? `${ms}ms` : `${Math.round(ms / 1000)}s`}` }), ms);
  });
  try {
    return await Promise.race([look().then((plan): FreshLook => ({ plan }), (err: unknown): FreshLook => ({ error: err instanceof Error ? err.message : String(err) })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
