// The state file checked against the facts: each claim holds only for the cluster and the load it was made on.
import { describe, expect, it } from 'vitest';
import type { SparkifyState } from '../../src/services/state-file.js';
import { ALL_TABLES } from '../../src/workflow/etl.js';
import { describeLoad, reconcileState, type WarehouseFacts } from '../../src/workflow/reconcile.js';

const T0 = '2026-12-01T10:00:00.000Z';
const T1 = '2026-12-02T10:00:00.000Z';
const tables = [...ALL_TABLES, 'sparkify_load'];
const cluster = { identifier: 'sparkify-dwh', status: 'available', managed: true, createdAt: T0 };
const loaded: SparkifyState = {
  version: 1,
  role: { name: 'r', arn: 'arn:r', createdAt: T0 },
  cluster: { identifier: 'sparkify-dwh', createdAt: T0, createTime: T0 },
  tables: { names: [...ALL_TABLES], createdAt: T0 },
  etl: { checks: { ok: true, at: T0, loadId: 'L1' } },
  load: { id: 'L1', startedAt: T0, stage: 'checks', finishedAt: T0, checksOk: true },
};
const facts: WarehouseFacts = { role: { managed: true }, cluster, tables, loadId: 'L1' };

describe('reconcileState', () => {
  it('keeps a finished load the star tables hold: checks', () => {
    const r = reconcileState(loaded, facts);
    expect(r).toMatchObject({ lastStep: 'checks', load: { status: 'complete' }, corrections: [] });
    expect(r.state).toEqual(loaded);
  });

  it('a same-named cluster created later has none of the recorded tables or loads', () => {
    const r = reconcileState(loaded, { ...facts, cluster: { ...cluster, createdAt: T1 }, tables: [] });
    expect(r.lastStep).toBe('up');
    expect(r.state.tables).toBeUndefined();
    expect(r.state.load).toBeUndefined();
    expect(r.state.cluster?.createTime).toBe(T1);
    expect(r.corrections[0]).toMatch(/re-created/);
  });

  it('a deleting or missing cluster takes its tables and loads with it', () => {
    for (const c of [undefined, { ...cluster, status: 'deleting' }]) {
      const r = reconcileState(loaded, { ...facts, cluster: c, tables: undefined });
      expect(r.lastStep).toBeUndefined();
      expect(r.state).toEqual({ version: 1, role: loaded.role });
    }
  });

  it('dropped tables undo the tables step', () => {
    const r = reconcileState(loaded, { ...facts, tables: ['staging_events'] });
    expect(r.lastStep).toBe('up');
    expect(r.state.tables).toBeUndefined();
    expect(r.corrections[0]).toMatch(/tables are missing/);
  });

  it('a finished load the star tables no longer hold is forgotten', () => {
    const r = reconcileState(loaded, { ...facts, loadId: 'L0' });
    expect(r.lastStep).toBe('star');
    expect(r.state.load).toBeUndefined();
  });

  it('a load killed after its star rows committed stopped before the checks', () => {
    const killed: SparkifyState = { ...loaded, etl: {}, load: { id: 'L2', startedAt: T1, stage: 'star' } };
    const r = reconcileState(killed, { ...facts, loadId: 'L2' });
    expect(r).toMatchObject({ lastStep: 'star', load: { status: 'interrupted', stage: 'checks', starTables: 'this load' } });
    expect(describeLoad(r.load!)).toBe('last load interrupted before the quality checks finished; the star tables hold its rows, but they were not checked: run "sparkify etl" to finish it');
  });

  it('a load stopped in its COPYs left the previous star tables', () => {
    const r = reconcileState({ ...loaded, etl: {}, load: { id: 'L2', startedAt: T1, stage: 'staging' } }, facts);
    expect(r).toMatchObject({ lastStep: 'tables', load: { status: 'interrupted', stage: 'staging', starTables: 'the previous load', finishCommand: 'sparkify etl' } });
  });

  it('a role that is gone is no longer claimed', () => {
    expect(reconcileState(loaded, { ...facts, role: undefined }).state.role).toBeUndefined();
  });
});
