// The one contract between the work (services, workflow) and whatever shows it (Ink wizard, plain
// lines, NDJSON). Every long operation reports through an injected `emit`; nothing else prints.

/** How many waits (statement polls, sleeps) one step may hang on a single AbortSignal at once. */
export const MAX_CONCURRENT_WAITS = 64;

export type StepName =
  | 'config'
  | 'iam-role'
  | 'cluster'
  | 'tables'
  | 'copy'
  | 'insert'
  | 'checks'
  | 'analytics'
  | 'teardown';

export type StepStatus = 'pending' | 'running' | 'done' | 'skipped' | 'failed';

export type ProgressEvent =
  /** A named unit of work changed state. `id` is unique within a run (e.g. "copy:staging_events"). */
  | { type: 'step'; step: StepName; id: string; status: StepStatus; label: string; elapsedMs?: number; detail?: string }
  /** Something the operator should know that is not an error (dc2 retiring, secrets in dwh.cfg, reused role). */
  | { type: 'notice'; level: 'info' | 'warn'; message: string }
  | { type: 'role'; action: 'created' | 'reused' | 'deleted' | 'absent'; roleName: string; arn?: string }
  /** `resource`: what `clusterId` names when it is not a cluster (Redshift Serverless); absent means a cluster. */
  | { type: 'cluster.status'; clusterId: string; status: string; elapsedMs: number; endpoint?: string; resource?: 'workgroup' | 'namespace' }
  | { type: 'statement'; id: string; label: string; status: 'running' | 'done' | 'failed'; sql?: string; rows?: number; elapsedMs?: number; error?: string }
  /** A running COPY, from the S3 listing (totals) and SYS_LOAD_HISTORY (done). */
  | {
      type: 'copy.progress';
      table: string;
      source: string;
      filesDone: number;
      filesTotal: number;
      bytesDone: number;
      bytesTotal: number;
      rows: number;
      elapsedMs: number;
      status: 'running' | 'done' | 'failed';
    }
  | { type: 'load.errors'; table: string; errors: LoadErrorRow[] }
  | { type: 'insert.done'; table: string; rows: number; elapsedMs: number }
  | { type: 'check'; name: string; sql: string; expected: string; actual: string; passed: boolean }
  | { type: 'table.counts'; counts: Record<string, number> }
  | { type: 'analytics'; name: string; title: string; columns: string[]; rows: Array<Array<string | number | null>> }
  | { type: 'query.result'; columns: string[]; rows: Array<Array<string | number | boolean | null>> }
  | { type: 'dry-run'; service: string; operation: string; params?: Record<string, unknown>; sql?: string }
  | { type: 'error'; message: string; hint?: string; step?: StepName }
  | { type: 'done'; step: StepName | 'run'; elapsedMs: number; ok: boolean };

export interface LoadErrorRow {
  filename: string;
  line: number;
  column: string;
  reason: string;
}

export type Emit = (event: ProgressEvent) => void;

export const ignoreEvents: Emit = () => {};
