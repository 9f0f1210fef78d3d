// The wizard's screen machine, kept pure so it is tested without Ink: which screen is shown, what
// phase it is in (confirm → running → done | failed), where a re-opened wizard resumes, and what
// is still running when the operator leaves.
import { redactText } from '../services/redact.js';
import type { Detected } from '../workflow/types.js';
import { isGoneStatus, type ErrorView } from './view-state.js';

export const SCREENS = ['config', 'role', 'cluster', 'tables', 'etl', 'explore', 'teardown'] as const;
export type ScreenId = (typeof SCREENS)[number];

export const SCREEN_TITLES: Record<ScreenId, string> = {
  config: 'Plan & config',
  role: 'IAM role',
  cluster: 'Cluster',
  tables: 'Tables',
  etl: 'Load (ETL)',
  explore: 'Explore',
  teardown: 'Teardown',
};

/** confirm: shows what it will do and waits; running: work in flight; done/failed: waits for a key. */
export type Phase = 'confirm' | 'running' | 'done' | 'failed';

export interface WizardState {
  screen: ScreenId;
  phase: Phase;
  error?: ErrorView;
  /** Epoch ms when the current run started, for the elapsed clock. */
  startedAt?: number;
  /** Epoch ms when it ended, for the total time a finished screen shows. */
  finishedAt?: number;
}

export type WizardAction =
  | { type: 'start'; at: number }
  | { type: 'succeed'; at?: number }
  | { type: 'fail'; error: ErrorView; at?: number }
  | { type: 'goto'; screen: ScreenId };

// The config screen loads the plan as soon as it opens, so the wizard starts there, running.
export const initialWizardState: WizardState = { screen: 'config', phase: 'running' };

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  switch (action.type) {
    case 'start':
      return { screen: state.screen, phase: 'running', startedAt: action.at };
    case 'succeed':
      return { ...state, phase: 'done', error: undefined, finishedAt: action.at };
    case 'fail':
      return { ...state, phase: 'failed', error: action.error, finishedAt: action.at };
    case 'goto':
      return { screen: action.screen, phase: 'confirm' };
  }
}

export function nextScreen(screen: ScreenId): ScreenId | undefined {
  return SCREENS[SCREENS.indexOf(screen) + 1];
}

/** Turns anything thrown by the workflow into message + hint; never a stack trace. */
export function toErrorView(err: unknown): ErrorView {
  if (err instanceof Error) {
    const hint = (err as Error & { hint?: unknown }).hint;
    const isUserError = err.name === 'UserError' || typeof hint === 'string';
    return {
      message: redactText(err.message || err.name),
      hint: typeof hint === 'string' ? redactText(hint) : isUserError ? undefined : 'This looks like a bug in sparkify; please report it with the message above.',
    };
  }
  return { message: redactText(String(err)) };
}

/**
 * Where a re-opened wizard should pick up, from what already exists (the state file reconciled
 * with it: see workflow/reconcile.ts). Undefined when nothing does. The later steps are only
 * offered when the cluster they need is there and available, and Explore only for a load that
 * finished: rows left by an earlier load while a later one was interrupted are not a result.
 */
export function resumeScreen(detected: Detected): ScreenId | undefined {
  const { cluster, role, tables, lastStep, load } = detected;
  if (!cluster || isGoneStatus(cluster.status)) return role ? 'cluster' : undefined;
  if (cluster.status !== 'available') return 'cluster';
  if (load && load.status !== 'complete') return 'etl';
  if (lastStep === 'checks' || lastStep === 'star') return 'explore';
  if (lastStep === 'staging' || lastStep === 'tables' || tables.length > 0) return 'etl';
  return 'tables';
}

export const TEARDOWN_COMMAND = 'npx sparkify down';

/** `npx sparkify down` with the options the wizard was opened with, so it removes the same resources. */
export function teardownCommandFor({ config, target }: { config?: string; target?: string } = {}): string {
  const quote = (s: string) => (/^[\w./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return [TEARDOWN_COMMAND, config && config !== 'dwh.cfg' ? `--config ${quote(config)}` : '', target ? `--target ${target}` : ''].filter(Boolean).join(' ');
}

// What is left when the wizard closes, and how it is said: src/state/exit-summary.ts.
export { exitSummary, leftovers, resumeCommandFor, type ExitSummary, type FreshLook, type LeftoverInputs } from './exit-summary.js';
