import { describe, expect, it } from 'vitest';
import { exitSummary, freshLook, leftovers, resumeCommandFor } from '../../src/state/exit-summary.js';
import { reduceEvents } from '../../src/state/progress-reducer.js';
import { initialProgressState } from '../../src/state/view-state.js';
import * as fx from '../helpers/fixtures.js';

const bothLeft = { cluster: { identifier: 'sparkify-dwh', status: 'available' }, role: { name: 'sparkifyRedshiftRole', arn: 'arn:aws:iam::1:role/r' }, untouched: [] };

describe('exit summary from a fresh look', () => {
  it('a fresh look wins over a session that saw nothing (detect failed): it names what exists and bills', () => {
    const summary = exitSummary('quit', { progress: initialProgressState, plan: fx.plan, tornDown: false, fresh: { plan: bothLeft } });
    expect(summary).toEqual({
      reason: 'quit',
      stillRunning: ['cluster sparkify-dwh (available) — bills est. $1.09/h until deleted', 'IAM role sparkifyRedshiftRole — no charge'],
      teardownCommand: 'npx sparkify down',
      resumeCommand: 'npx sparkify',
      checkError: undefined,
      error: undefined,
    });
  });

  it('a fresh look also wins over a stale "torn down" and says the local cluster costs nothing', () => {
    const local = { ...fx.plan, target: 'local' as const, costPerHourUsd: 0 };
    expect(leftovers({ progress: initialProgressState, plan: local, tornDown: true, fresh: { plan: { cluster: bothLeft.cluster, untouched: [] } } })).toEqual([
      'cluster sparkify-dwh (available) — local emulator, no charge',
    ]);
    expect(leftovers({ progress: initialProgressState, plan: local, tornDown: false, fresh: { plan: { untouched: [] } } })).toEqual([]);
  });

  it('a failed fresh look falls back to what the session saw, and says it could not look', () => {
    const progress = reduceEvents([...fx.roleEvents, ...fx.clusterCreating]);
    const summary = exitSummary('interrupted', { progress, plan: fx.plan, tornDown: false, fresh: { error: 'no answer within 3s' } });
    expect(summary.stillRunning).toEqual(['cluster sparkify-dwh (creating) — bills est. $1.09/h until deleted', 'IAM role sparkifyRedshiftRole — no charge']);
    expect(summary.checkError).toBe('no answer within 3s');
    expect(summary.resumeCommand).toBe('npx sparkify');
  });

  it('the resume command keeps --config and --target; a finished wizard offers none', () => {
    expect(resumeCommandFor(`npx sparkify down --config 'my dir/dwh.cfg' --target aws`)).toBe(`npx sparkify --config 'my dir/dwh.cfg' --target aws`);
    expect(exitSummary('finished', { progress: initialProgressState, tornDown: false, fresh: { plan: bothLeft } }).resumeCommand).toBeUndefined();
  });

  it('freshLook answers with the plan, the error, or a timeout', async () => {
    expect(await freshLook(async () => bothLeft, 1000)).toEqual({ plan: bothLeft });
    expect(await freshLook(async () => Promise.reject(new Error('no credentials')), 1000)).toEqual({ error: 'no credentials' });
    expect(await freshLook(() => new Promise(() => {}), 50)).toEqual({ error: 'no answer within 50ms' });
  });
});
