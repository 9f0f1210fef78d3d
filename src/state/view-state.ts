// What the screens show, derived only from progress events (see progress-reducer.ts). Kept free
// of React and Ink so the plain-line and JSON renderers can reuse it.
import type { LoadErrorRow, ProgressEvent, StepName, StepStatus } from '../workflow/events.js';

export interface StepView {
  id: string;
  step: StepName;
  label: string;
  status: StepStatus;
  elapsedMs?: number;
  detail?: string;
}

export interface StatementView {
  id: string;
  label: string;
  status: 'running' | 'done' | 'failed';
  sql?: string;
  rows?: number;
  elapsedMs?: number;
  error?: string;
}

/** A COPY as the last `copy.progress` event described it, plus what the screen derives from it. */
export interface CopyView extends Omit<Extract<ProgressEvent, { type: 'copy.progress' }>, 'type'> {
  /** 0..1, by bytes when the listing has sizes, else by files. */
  fraction: number;
  bytesPerSec?: number;
  rowsPerSec?: number;
  /** Undefined until there is enough of a sample to extrapolate from, and at 100%. */
  etaMs?: number;
  /** Progress points within the rate window: elapsed ms, done (bytes or files) and bytes. */
  samples?: Array<{ ms: number; done: number; bytes: number }>;
}

export interface ClusterView {
  clusterId: string;
  status: string;
  elapsedMs: number;
  endpoint?: string;
  /** Each distinct status in order, with the elapsed time it was first seen (creating → available). */
  history: Array<{ status: string; elapsedMs: number }>;
}

export interface CheckView {
  name: string;
  sql: string;
  expected: string;
  actual: string;
  passed: boolean;
}

export interface AnalyticsView {
  name: string;
  title: string;
  columns: string[];
  rows: Array<Array<string | number | null>>;
}

export interface ErrorView {
  message: string;
  hint?: string;
  step?: StepName;
}

/** One finished unit of work, in the order it finished; the wizard prints these to <Static>. */
export type LogEntry =
  | { kind: 'step'; key: string; step: StepName; label: string; status: StepStatus; elapsedMs?: number; detail?: string }
  | { kind: 'notice'; key: string; level: 'info' | 'warn'; message: string }
  | { kind: 'check'; key: string; name: string; expected: string; actual: string; passed: boolean }
  | { kind: 'error'; key: string; message: string; hint?: string };

export interface ProgressState {
  steps: StepView[];
  notices: Array<{ level: 'info' | 'warn'; message: string }>;
  role?: { action: 'created' | 'reused' | 'deleted' | 'absent'; roleName: string; arn?: string };
  cluster?: ClusterView;
  statements: StatementView[];
  copies: CopyView[];
  loadErrors: Record<string, LoadErrorRow[]>;
  inserts: Array<{ table: string; rows: number; elapsedMs: number }>;
  checks: CheckView[];
  counts: Record<string, number>;
  analytics: AnalyticsView[];
  queryResult?: { columns: string[]; rows: Array<Array<string | number | boolean | null>> };
  dryRun: Array<{ service: string; operation: string; params?: Record<string, unknown>; sql?: string }>;
  errors: ErrorView[];
  done: Array<{ step: StepName | 'run'; elapsedMs: number; ok: boolean }>;
  log: LogEntry[];
}

export const initialProgressState: ProgressState = {
  steps: [],
  notices: [],
  statements: [],
  copies: [],
  loadErrors: {},
  inserts: [],
  checks: [],
  counts: {},
  analytics: [],
  dryRun: [],
  errors: [],
  done: [],
  log: [],
};

/** Cluster statuses after which nothing is left to pay for. */
export function isGoneStatus(status: string): boolean {
  return /^(deleted|absent|not[- ]?found|gone)$/i.test(status);
}
