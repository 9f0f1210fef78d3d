// The one source of truth for what the UI shows: a pure fold over ProgressEvents. No clocks, no
// I/O — rates and ETAs come from the events' own elapsedMs, so a recorded stream replays exactly.
import type { ProgressEvent } from '../workflow/events.js';
import { initialProgressState, type CopyView, type LogEntry, type ProgressState } from './view-state.js';

const TERMINAL_STEP = new Set(['done', 'failed', 'skipped']);

export function progressReducer(state: ProgressState, event: ProgressEvent): ProgressState {
  switch (event.type) {
    case 'step': {
      const { type: _type, ...view } = event;
      const steps = upsert(state.steps, (s) => s.id === event.id, view);
      // A step is logged once, when it first reaches a terminal status (a retry starts a new line).
      const log = TERMINAL_STEP.has(event.status)
        ? append(state.log, { kind: 'step', key: `step:${event.id}:${state.log.length}`, ...view })
        : state.log;
      return { ...state, steps, log };
    }
    case 'notice':
      return {
        ...state,
        notices: [...state.notices, { level: event.level, message: event.message }],
        log: append(state.log, { kind: 'notice', key: `notice:${state.log.length}`, level: event.level, message: event.message }),
      };
    case 'role':
      return { ...state, role: { action: event.action, roleName: event.roleName, arn: event.arn ?? state.role?.arn } };
    case 'cluster.status': {
      // A different cluster id (e.g. after a teardown and a new create) starts a fresh history.
      const previous = state.cluster?.clusterId === event.clusterId ? state.cluster : undefined;
      const history = previous?.history ?? [];
      const last = history[history.length - 1];
      return {
        ...state,
        cluster: {
          clusterId: event.clusterId,
          status: event.status,
          elapsedMs: event.elapsedMs,
          endpoint: event.endpoint ?? previous?.endpoint,
          history: last?.status === event.status ? history : [...history, { status: event.status, elapsedMs: event.elapsedMs }],
        },
      };
    }
    case 'statement': {
      const previous = state.statements.find((s) => s.id === event.id);
      const { type: _type, ...view } = event;
      return { ...state, statements: upsert(state.statements, (s) => s.id === event.id, { ...previous, ...view }) };
    }
    case 'copy.progress': {
      const { type: _type, ...raw } = event;
      const previous = state.copies.find((c) => c.table === event.table);
      // A COPY that starts again (a retry) starts a fresh rate window.
      const copies = upsert(state.copies, (c) => c.table === event.table, withRates(raw, previous && previous.elapsedMs <= raw.elapsedMs ? previous : undefined));
      // A COPY that runs (again, after a retry) makes the load errors of its last attempt history.
      if (event.status === 'running' && state.loadErrors[event.table]) {
        const { [event.table]: _old, ...loadErrors } = state.loadErrors;
        return { ...state, copies, loadErrors };
      }
      return { ...state, copies };
    }
    case 'load.errors':
      return { ...state, loadErrors: { ...state.loadErrors, [event.table]: event.errors } };
    case 'insert.done':
      return {
        ...state,
        inserts: upsert(state.inserts, (i) => i.table === event.table, { table: event.table, rows: event.rows, elapsedMs: event.elapsedMs }),
        counts: { ...state.counts, [event.table]: event.rows },
      };
    case 'check': {
      const { type: _type, ...check } = event;
      const checks = upsert(state.checks, (c) => c.name === event.name, check);
      // Passing checks are summarised by their step line; failures are worth a line each.
      const log = event.passed
        ? state.log
        : append(state.log, { kind: 'check', key: `check:${event.name}:${state.log.length}`, name: event.name, expected: event.expected, actual: event.actual, passed: false });
      return { ...state, checks, log };
    }
    case 'table.counts':
      return { ...state, counts: { ...state.counts, ...event.counts } };
    case 'analytics': {
      const { type: _type, ...view } = event;
      // The queries run concurrently and finish in any order; the charts keep their files' order.
      const analytics = upsert(state.analytics, (a) => a.name === event.name, view).sort((x, y) => x.name.localeCompare(y.name));
      return { ...state, analytics };
    }
    case 'query.result':
      return { ...state, queryResult: { columns: event.columns, rows: event.rows } };
    case 'dry-run': {
      const { type: _type, ...call } = event;
      return { ...state, dryRun: [...state.dryRun, call] };
    }
    case 'error':
      return {
        ...state,
        errors: [...state.errors, { message: event.message, hint: event.hint, step: event.step }],
        log: append(state.log, { kind: 'error', key: `error:${state.log.length}`, message: event.message, hint: event.hint }),
      };
    case 'done':
      return { ...state, done: [...state.done, { step: event.step, elapsedMs: event.elapsedMs, ok: event.ok }] };
    default:
      // An event type this UI does not know yet (the union grew): ignore rather than crash.
      return state;
  }
}

export function reduceEvents(events: readonly ProgressEvent[], state: ProgressState = initialProgressState): ProgressState {
  return events.reduce(progressReducer, state);
}

/** Rates are measured over the last few seconds, so a slow start or a stall ages out. */
export const RATE_WINDOW_MS = 5000;
/** No ETA from less than this much progress or time: early guesses are wild (2m40s for a 10 s load). */
export const MIN_ETA_ELAPSED_MS = 2000;
export const MIN_ETA_FRACTION = 0.05;

/**
 * Rate and ETA from the events' own clock; bytes when the listing has sizes, files otherwise.
 * The rate is the progress over the last RATE_WINDOW_MS (the whole run until the window spans a
 * second); the ETA is shown only past a minimum sample, never at 100%, and is smoothed with the
 * previous estimate counted down, so it neither jumps nor freezes.
 */
export function withRates(raw: Omit<CopyView, 'fraction' | 'bytesPerSec' | 'rowsPerSec' | 'etaMs' | 'samples'>, previous?: CopyView): CopyView {
  const seconds = raw.elapsedMs / 1000;
  const byBytes = raw.bytesTotal > 0;
  const done = byBytes ? raw.bytesDone : raw.filesDone;
  const total = byBytes ? raw.bytesTotal : raw.filesTotal;
  const fraction = raw.status === 'done' ? 1 : total > 0 ? Math.min(1, done / total) : 0;
  // Only points with progress: the seconds before the first file (listing, queueing) are no rate.
  const point = done > 0 ? [{ ms: raw.elapsedMs, done, bytes: raw.bytesDone }] : [];
  const samples = [...(previous?.samples ?? []), ...point].filter((p) => p.ms >= raw.elapsedMs - RATE_WINDOW_MS);
  const first = samples[0] ?? { ms: raw.elapsedMs, done, bytes: raw.bytesDone };
  const span = raw.elapsedMs - first.ms;
  const windowed = span >= 1000;
  const bytesPerSec = windowed ? (raw.bytesDone - first.bytes) / (span / 1000) : seconds > 0 && raw.bytesDone > 0 ? raw.bytesDone / seconds : undefined;
  const rowsPerSec = seconds > 0 && raw.rows > 0 ? raw.rows / seconds : undefined;
  const perMs = windowed ? (done - first.done) / span : seconds > 0 ? done / raw.elapsedMs : 0;
  let etaMs: number | undefined;
  if (raw.status === 'done') etaMs = 0;
  else if (raw.status === 'running' && total > 0 && done > 0 && fraction < 1 && perMs > 0 && raw.elapsedMs >= MIN_ETA_ELAPSED_MS && (fraction >= MIN_ETA_FRACTION || windowed)) {
    const measured = (total - done) / perMs;
    const counted = previous?.etaMs !== undefined && previous.etaMs > 0 ? previous.etaMs - (raw.elapsedMs - previous.elapsedMs) : undefined;
    etaMs = Math.round(counted !== undefined && counted > 0 ? (measured + counted) / 2 : measured);
  }
  return { ...raw, fraction, bytesPerSec, rowsPerSec, etaMs, samples };
}

function upsert<T>(items: readonly T[], match: (item: T) => boolean, next: T): T[] {
  const index = items.findIndex(match);
  if (index === -1) return [...items, next];
  const copy = items.slice();
  copy[index] = next;
  return copy;
}

function append(log: readonly LogEntry[], entry: LogEntry): LogEntry[] {
  return [...log, entry];
}
