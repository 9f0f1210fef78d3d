import { describe, expect, it } from 'vitest';
import { progressReducer, reduceEvents, withRates } from '../../src/state/progress-reducer.js';
import { initialProgressState } from '../../src/state/view-state.js';
import type { ProgressEvent } from '../../src/workflow/events.js';
import * as fx from '../helpers/fixtures.js';

const fullRun: ProgressEvent[] = [
  ...fx.roleEvents,
  ...fx.clusterCreating,
  ...fx.clusterAvailable,
  ...fx.tableEvents,
  ...fx.copyEvents,
  ...fx.copyDoneEvents,
  ...fx.analyticsEvents,
];

describe('progressReducer', () => {
  it('folds a recorded run into the view state', () => {
    const state = reduceEvents(fullRun);
    expect(state.role).toEqual({ action: 'created', roleName: 'sparkifyRedshiftRole', arn: 'arn:aws:iam::123456789012:role/sparkifyRedshiftRole' });
    expect(state.cluster).toMatchObject({ clusterId: 'sparkify-dwh', status: 'available', endpoint: 'sparkify-dwh.abc.us-west-2.redshift.amazonaws.com' });
    expect(state.statements).toHaveLength(14);
    expect(state.statements.every((s) => s.status === 'done')).toBe(true);
    expect(state.copies.map((c) => [c.table, c.status, c.rows])).toEqual([
      ['staging_events', 'done', 8056],
      ['staging_songs', 'done', 71],
    ]);
    expect(state.inserts.map((i) => i.table)).toEqual(['songplays', 'users', 'songs', 'artists', 'time']);
    expect(state.checks.every((c) => c.passed)).toBe(true);
    expect(state.counts.songplays).toBe(333);
    expect(state.analytics.map((a) => a.name)).toEqual(['paid_vs_free', 'top_songs']);
  });

  it('keeps cluster status history distinct and in order', () => {
    const state = reduceEvents([...fx.clusterCreating, ...fx.clusterAvailable]);
    expect(state.cluster?.history).toEqual([
      { status: 'creating', elapsedMs: 0 },
      { status: 'available', elapsedMs: 192_000 },
    ]);
    expect(state.cluster?.elapsedMs).toBe(192_000);
  });

  it('starts a fresh history for a different cluster and keeps a known endpoint', () => {
    let state = reduceEvents(fx.clusterAvailable);
    state = progressReducer(state, { type: 'cluster.status', clusterId: 'sparkify-dwh', status: 'deleting', elapsedMs: 1000 });
    expect(state.cluster?.endpoint).toBe('sparkify-dwh.abc.us-west-2.redshift.amazonaws.com');
    state = progressReducer(state, { type: 'cluster.status', clusterId: 'other', status: 'creating', elapsedMs: 0 });
    expect(state.cluster).toEqual({ clusterId: 'other', status: 'creating', elapsedMs: 0, endpoint: undefined, history: [{ status: 'creating', elapsedMs: 0 }] });
  });

  it('logs each finished step once, in finishing order, for <Static>', () => {
    const state = reduceEvents(fullRun);
    const steps = state.log.filter((e) => e.kind === 'step').map((e) => (e.kind === 'step' ? e.label : ''));
    expect(steps).toEqual([
      'IAM role sparkifyRedshiftRole',
      'Create tables',
      'COPY staging_events',
      'COPY staging_songs',
      'INSERT songplays',
      'INSERT users',
      'INSERT songs',
      'INSERT artists',
      'INSERT time',
      'Quality checks',
      'Analytics',
    ]);
    expect(new Set(state.log.map((e) => e.key)).size).toBe(state.log.length);
  });

  it('logs failed checks, notices and errors; passing checks only via their step', () => {
    const state = reduceEvents([
      { type: 'check', name: 'ok', sql: '', expected: '0', actual: '0', passed: true },
      { type: 'check', name: 'users has unique user_id', sql: '', expected: '0', actual: '2', passed: false },
      { type: 'notice', level: 'warn', message: 'dc2 nodes are being retired' },
      { type: 'error', message: 'COPY failed', hint: 'See the load errors', step: 'copy' },
    ]);
    expect(state.log.map((e) => e.kind)).toEqual(['check', 'notice', 'error']);
    expect(state.errors).toEqual([{ message: 'COPY failed', hint: 'See the load errors', step: 'copy' }]);
  });

  it('records load errors per table', () => {
    const errors = [{ filename: 'a.json', line: 3, column: 'ts', reason: 'Invalid digit' }];
    const state = progressReducer(initialProgressState, { type: 'load.errors', table: 'staging_events', errors });
    expect(state.loadErrors).toEqual({ staging_events: errors });
  });

  it('drops a table’s load errors when its COPY runs again (a retry after the files were fixed)', () => {
    const errors = [{ filename: 'a.json', line: 3, column: 'ts', reason: 'Invalid digit' }];
    const copy = (table: string, status: 'running' | 'failed') =>
      ({ type: 'copy.progress', table, source: 's3://b/x', filesDone: 0, filesTotal: 1, bytesDone: 0, bytesTotal: 1, rows: 0, elapsedMs: 0, status }) as const;
    const state = reduceEvents([
      copy('staging_events', 'failed'),
      { type: 'load.errors', table: 'staging_events', errors },
      { type: 'load.errors', table: 'staging_songs', errors },
      copy('staging_events', 'running'),
    ]);
    expect(state.loadErrors).toEqual({ staging_songs: errors });
  });

  it('merges statement updates and keeps the SQL from the running event', () => {
    const state = reduceEvents([
      { type: 'statement', id: 's1', label: 'CREATE TABLE users', status: 'running', sql: 'CREATE TABLE users (…)' },
      { type: 'statement', id: 's1', label: 'CREATE TABLE users', status: 'failed', error: 'permission denied', elapsedMs: 12 },
    ]);
    expect(state.statements).toEqual([{ id: 's1', label: 'CREATE TABLE users', status: 'failed', sql: 'CREATE TABLE users (…)', error: 'permission denied', elapsedMs: 12 }]);
  });

  it('ignores event types it does not know', () => {
    const state = progressReducer(initialProgressState, { type: 'future.thing' } as unknown as ProgressEvent);
    expect(state).toBe(initialProgressState);
  });

  it('does not mutate the previous state', () => {
    const before = reduceEvents(fx.copyEvents);
    const snapshot = JSON.stringify(before);
    progressReducer(before, fx.copyDoneEvents[0]);
    expect(JSON.stringify(before)).toBe(snapshot);
  });
});

describe('copy rates', () => {
  const base = { table: 't', source: 's3://b/p', filesDone: 15, filesTotal: 30, bytesDone: 1_500_000, bytesTotal: 3_000_000, rows: 4000, elapsedMs: 2000, status: 'running' as const };

  it('computes fraction, rate and ETA from the event clock', () => {
    const c = withRates(base);
    expect(c.fraction).toBe(0.5);
    expect(c.bytesPerSec).toBe(750_000);
    expect(c.rowsPerSec).toBe(2000);
    expect(c.etaMs).toBe(2000);
  });

  it('falls back to files when the listing has no sizes', () => {
    const c = withRates({ ...base, bytesDone: 0, bytesTotal: 0, filesDone: 10, filesTotal: 40 });
    expect(c.fraction).toBe(0.25);
    expect(c.bytesPerSec).toBeUndefined();
    expect(c.etaMs).toBe(6000);
  });

  it('has no ETA before anything is done, and is full once done', () => {
    expect(withRates({ ...base, filesDone: 0, bytesDone: 0, rows: 0, elapsedMs: 0 }).etaMs).toBeUndefined();
    const done = withRates({ ...base, status: 'done', bytesDone: 2_900_000 });
    expect(done.fraction).toBe(1);
    expect(done.etaMs).toBe(0);
  });
});

describe('copy ETA over a window', () => {
  const at = (ms: number, fraction: number, status: 'running' | 'done' = 'running'): ProgressEvent => ({
    type: 'copy.progress', table: 't', source: 's3://b/p', filesDone: Math.round(fraction * 30), filesTotal: 30, bytesDone: Math.round(fraction * 10_000_000), bytesTotal: 10_000_000, rows: Math.round(fraction * 8056), elapsedMs: ms, status,
  });
  const eta = (events: ProgressEvent[]) => reduceEvents(events).copies[0].etaMs;

  it('shows no ETA from a tiny first sample after a slow start (not 2m for a 10 s load)', () => {
    expect(eta([at(0, 0), at(2500, 0.02)])).toBeUndefined();
    expect(eta([at(0, 0), at(1500, 0.1)])).toBeUndefined(); // under the minimum time
  });

  it('measures the rate from progress points only, so the start-up seconds do not inflate it', () => {
    // 2.5 s of listing, then 10% a second: 8.8 s are left at 3.5 s.
    expect(eta([at(0, 0), at(2500, 0.02), at(3500, 0.12)])).toBe(8800);
  });

  it('smooths with the previous estimate counted down, and never shows an ETA at 100%', () => {
    const steady = [at(0, 0), at(2500, 0.02), at(3500, 0.12), at(4500, 0.22)];
    const value = eta(steady)!;
    expect(value).toBeGreaterThan(7000);
    expect(value).toBeLessThan(8200);
    expect(eta([...steady, at(5000, 1)])).toBeUndefined();
    expect(eta([...steady, at(5200, 1, 'done')])).toBe(0);
  });

  it('a retry (elapsed starting over) starts a fresh window', () => {
    const state = reduceEvents([at(0, 0), at(2500, 0.5), at(3500, 0.6), at(0, 0)]);
    expect(state.copies[0].samples).toEqual([]);
  });
});
