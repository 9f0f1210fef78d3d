import { describe, expect, it } from 'vitest';
import { reduceEvents } from '../../src/state/progress-reducer.js';
import { initialProgressState } from '../../src/state/view-state.js';
import { exitSummary, initialWizardState, leftovers, nextScreen, resumeScreen, teardownCommandFor, toErrorView, wizardReducer } from '../../src/state/wizard.js';
import { UserError } from '../../src/services/errors.js';
import * as fx from '../helpers/fixtures.js';
import { describeDetected } from '../../src/screens/ConfigScreen.js';

describe('wizardReducer', () => {
  it('cycles confirm → running → done | failed and clears errors on a new start', () => {
    let s = wizardReducer(initialWizardState, { type: 'goto', screen: 'role' });
    expect(s).toEqual({ screen: 'role', phase: 'confirm' });
    s = wizardReducer(s, { type: 'start', at: 5 });
    s = wizardReducer(s, { type: 'fail', error: { message: 'x' } });
    expect(s).toMatchObject({ phase: 'failed', error: { message: 'x' }, startedAt: 5 });
    s = wizardReducer(s, { type: 'start', at: 9 });
    expect(s).toEqual({ screen: 'role', phase: 'running', startedAt: 9 });
    expect(wizardReducer(s, { type: 'succeed' }).phase).toBe('done');
  });

  it('orders the screens', () => {
    expect(nextScreen('config')).toBe('role');
    expect(nextScreen('explore')).toBe('teardown');
    expect(nextScreen('teardown')).toBeUndefined();
  });
});

describe('resumeScreen', () => {
  const cluster = fx.loadedDetected.cluster!;
  it.each([
    ['nothing exists', fx.nothingDetected, undefined],
    ['only the role', { ...fx.nothingDetected, role: fx.loadedDetected.role }, 'cluster'],
    ['a cluster still creating', { ...fx.nothingDetected, cluster: { ...cluster, status: 'creating' } }, 'cluster'],
    ['an available cluster, no tables', { ...fx.nothingDetected, cluster }, 'tables'],
    ['tables created', { ...fx.nothingDetected, cluster, tables: fx.TABLES, lastStep: 'tables' as const }, 'etl'],
    ['a loaded warehouse', fx.loadedDetected, 'explore'],
    ['tables but the cluster is gone', { ...fx.loadedDetected, cluster: undefined }, 'cluster'],
    // Ctrl-C during the COPYs of a re-run: the previous load's songplays are still there, but the load is not done.
    ['a re-run interrupted in its COPYs', { ...fx.loadedDetected, counts: { songplays: 167393 }, lastStep: 'tables' as const, load: fx.interruptedLoad }, 'etl'],
    ['a failed load whose star tables kept the previous one', { ...fx.loadedDetected, lastStep: 'staging' as const, load: { ...fx.interruptedLoad, status: 'failed' as const, stage: 'star' as const } }, 'etl'],
    ['songplays but no load recorded as finished', { ...fx.loadedDetected, lastStep: 'tables' as const }, 'etl'],
  ])('%s → %s', (_name, detected, expected) => {
    expect(resumeScreen(detected)).toBe(expected);
  });
});

describe('what a re-opened wizard says it found', () => {
  it('names an interrupted load and the command that finishes it, beside the previous load\'s songplays', () => {
    const detected = { ...fx.loadedDetected, counts: { songplays: 167393 }, lastStep: 'tables' as const, load: fx.interruptedLoad };
    expect(describeDetected(detected)).toBe('role sparkifyRedshiftRole, cluster sparkify-dwh (available), 7 tables, 167,393 songplays, last load interrupted (finish it with sparkify etl)');
    expect(resumeScreen(detected)).toBe('etl');
    expect(describeDetected(fx.loadedDetected)).not.toMatch(/last load/);
  });
});

describe('exit summary', () => {
  it('names a cluster still creating, its cost, the role and the teardown command', () => {
    const progress = reduceEvents([...fx.roleEvents, ...fx.clusterCreating]);
    expect(exitSummary('interrupted', { progress, plan: fx.plan, tornDown: false })).toEqual({
      reason: 'interrupted',
      stillRunning: ['cluster sparkify-dwh (creating) — bills est. $1.09/h until deleted', 'IAM role sparkifyRedshiftRole — no charge'],
      teardownCommand: 'npx sparkify down',
      resumeCommand: 'npx sparkify',
      checkError: undefined,
      error: undefined,
    });
  });

  it('names a cluster interrupted before its first status, and the teardown command for this config', () => {
    const progress = reduceEvents(fx.roleEvents);
    const teardownCommand = teardownCommandFor({ config: '/tmp/my project/dwh.cfg', target: 'aws' });
    expect(teardownCommand).toBe(`npx sparkify down --config '/tmp/my project/dwh.cfg' --target aws`);
    expect(exitSummary('interrupted', { progress, plan: fx.plan, tornDown: false, clusterRequested: true, teardownCommand })).toMatchObject({
      stillRunning: ['cluster sparkify-dwh (may be creating) — bills est. $1.09/h until deleted', 'IAM role sparkifyRedshiftRole — no charge'],
      teardownCommand,
    });
    expect(teardownCommandFor({ config: 'dwh.cfg' })).toBe('npx sparkify down');
  });

  it('uses what detect() found when nothing ran this session', () => {
    expect(leftovers({ progress: initialProgressState, detected: fx.loadedDetected, plan: { ...fx.plan, target: 'local', costPerHourUsd: 0 }, tornDown: false })).toEqual([
      'cluster sparkify-dwh (available) — local emulator, no charge',
      'IAM role sparkifyRedshiftRole — no charge',
    ]);
  });

  it('has nothing left after a teardown or a deleted cluster', () => {
    expect(exitSummary('finished', { progress: initialProgressState, detected: fx.loadedDetected, tornDown: true })).toMatchObject({ stillRunning: [], teardownCommand: undefined });
    const progress = reduceEvents([{ type: 'cluster.status', clusterId: 'sparkify-dwh', status: 'deleted', elapsedMs: 1 }, { type: 'role', action: 'deleted', roleName: 'r' }]);
    expect(leftovers({ progress, detected: fx.loadedDetected, tornDown: false })).toEqual([]);
  });
});

describe('toErrorView', () => {
  it('keeps a UserError message and hint, never the stack', () => {
    expect(toErrorView(new UserError('AWS denied access', 'Check the policy.'))).toEqual({ message: 'AWS denied access', hint: 'Check the policy.' });
  });
  it('reads a hint from any error carrying one (e.g. a failed COPY)', () => {
    const err = Object.assign(new Error('COPY failed'), { hint: 'Fix the records.' });
    expect(toErrorView(err)).toEqual({ message: 'COPY failed', hint: 'Fix the records.' });
  });
  it('masks secrets the SQL in a message or hint carries, as the CLI does', () => {
    const err = new UserError(`Redshift: ERROR: bad COPY ... SECRET_ACCESS_KEY 'wJalrEXAMPLE'`, `The statement was: CREATE USER u PASSWORD 'Sup3r'`);
    expect(toErrorView(err)).toEqual({ message: `Redshift: ERROR: bad COPY ... SECRET_ACCESS_KEY ***`, hint: `The statement was: CREATE USER u PASSWORD ***` });
  });
  it('labels anything else as a bug', () => {
    expect(toErrorView(new TypeError('x is undefined')).hint).toMatch(/bug/);
    expect(toErrorView('boom')).toEqual({ message: 'boom' });
  });
});
