// The state file tells the truth after every kind of interruption, through real CLI processes:
// a Ctrl-C in the COPYs of a re-run, `down` killed while the cluster deletes (then `down` and `up`
// again), and a plain `down`. `status` and the wizard's resume point come from reconciled facts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readState } from '../../src/services/state-file.js';
import { resumeScreen } from '../../src/state/wizard.js';
import { parseNdjson, runCli, runCliAndSignal, type StoppedRun } from '../helpers/run-cli.js';
import { createWorkspace, openTestWarehouse, type Workspace } from '../helpers/workspace.js';
import { EXPECTED_COUNTS } from './faulty-target.js';

/** What the wizard would offer, from the same detect() it calls, in this process (the CLI has exited). */
async function wizardResume(ws: Workspace) {
  const warehouse = await openTestWarehouse(ws);
  try {
    const detected = await warehouse.detect();
    return { detected, resumeTo: resumeScreen(detected) };
  } finally {
    await warehouse.close();
  }
}

describe('Ctrl-C during the COPYs of a re-run', () => {
  let ws: Workspace;
  let stopped: StoppedRun;

  beforeAll(async () => {
    ws = createWorkspace();
    expect((await runCli(['run', '--yes', '--json'], { cwd: ws.dir })).code).toBe(0);
    stopped = await runCliAndSignal(['etl', '--yes'], (e) => e.type === 'copy.progress' && e.status === 'running', { cwd: ws.dir, signal: 'SIGINT' });
  }, 120_000);
  afterAll(() => ws?.remove());

  it('stopped in the COPYs', () => {
    expect(stopped.code).toBe(130);
    expect(stopped.events.some((e) => e.type === 'step' && e.step === 'insert')).toBe(false);
  });

  it('status shows the load as interrupted, with the command that finishes it', async () => {
    const status = await runCli(['status'], { cwd: ws.dir });
    expect(status.code).toBe(0);
    expect(status.stderr).toMatch(/last completed step: tables/);
    expect(status.stderr).toMatch(/last load interrupted during the staging COPYs; the star tables still hold the previous load, unchanged: run "sparkify etl" to finish it/);
    expect(status.stderr).not.toMatch(/last completed step: checks/);
  });

  it('the wizard resumes at the load, not at Explore with the previous songplays', async () => {
    const { detected, resumeTo } = await wizardResume(ws);
    expect(detected.counts.songplays).toBe(EXPECTED_COUNTS.songplays);
    expect(detected.load).toMatchObject({ status: 'interrupted', stage: 'staging', finishCommand: 'sparkify etl' });
    expect(resumeTo).toBe('etl');
  });

  it('`sparkify etl` finishes it: exact counts, and the load is complete', async () => {
    const rerun = await runCli(['etl', '--yes', '--json'], { cwd: ws.dir });
    expect(rerun.code).toBe(0);
    expect(parseNdjson(rerun.stdout).find((e) => e.type === 'table.counts')?.counts).toEqual(EXPECTED_COUNTS);
    const status = await runCli(['status'], { cwd: ws.dir });
    expect(status.stderr).toMatch(/last completed step: checks/);
    expect(status.stderr).toMatch(/last load: complete/);
    expect((await wizardResume(ws)).resumeTo).toBe('explore');
  });
});

describe('`down` killed (SIGKILL) while the cluster is deleting, then `down` again, then `up`', () => {
  let ws: Workspace;
  let killed: StoppedRun;

  beforeAll(async () => {
    // A cluster that takes a moment to delete, so the kill lands while it is "deleting".
    ws = createWorkspace({ overrides: { CLUSTER_CREATE_SECONDS: '2' } });
    expect((await runCli(['run', '--yes', '--json'], { cwd: ws.dir })).code).toBe(0);
    killed = await runCliAndSignal(['down', '--yes'], (e) => e.type === 'cluster.status' && e.status === 'deleting', { cwd: ws.dir });
  }, 120_000);
  afterAll(() => ws?.remove());

  it('was killed while deleting', () => {
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.events.some((e) => e.type === 'cluster.status' && e.status === 'deleting')).toBe(true);
  });

  it('`down` again ends with exit 0 and a state file without tables or loads', async () => {
    const again = await runCli(['down', '--yes'], { cwd: ws.dir });
    expect(again.code).toBe(0);
    const state = await readState(ws.stateDir);
    expect(state.cluster).toBeUndefined();
    expect(state.tables).toBeUndefined();
    expect(state.etl).toBeUndefined();
    expect(state.load).toBeUndefined();
  }, 60_000);

  it('`up` then: no stale tables or checks, status and the wizard start at the tables', async () => {
    expect((await runCli(['up', '--yes', '--json'], { cwd: ws.dir })).code).toBe(0);
    const status = await runCli(['status'], { cwd: ws.dir });
    expect(status.stderr).toMatch(/cluster: sparkify-dwh available/);
    expect(status.stderr).toMatch(/no tables yet/);
    expect(status.stderr).not.toMatch(/last completed step: (tables|staging|star|checks)/);
    const { detected, resumeTo } = await wizardResume(ws);
    expect(detected.tables).toEqual([]);
    expect(detected.lastStep).toBe('up');
    expect(resumeTo).toBe('tables');
  }, 60_000);
});

describe('a state file that outlived its cluster', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = createWorkspace({ overrides: { CLUSTER_CREATE_SECONDS: '2' } });
    expect((await runCli(['run', '--yes', '--json'], { cwd: ws.dir })).code).toBe(0);
  }, 120_000);
  afterAll(() => ws?.remove());

  it('after `down`, status never prints "cluster: none" beside a last completed step', async () => {
    expect((await runCli(['down', '--yes'], { cwd: ws.dir })).code).toBe(0);
    const status = await runCli(['status'], { cwd: ws.dir });
    expect(status.stderr).toMatch(/cluster: none/);
    expect(status.stderr).not.toMatch(/last completed step/);
  }, 60_000);

  it('a stale file (a cluster that is gone) is corrected by status, saying what it claimed', async () => {
    // The file as an older sparkify, or a killed teardown, could leave it: tables and checks on a cluster that is gone.
    const { writeState } = await import('../../src/services/state-file.js');
    await writeState(ws.stateDir, {
      version: 1,
      cluster: { identifier: 'sparkify-dwh', createdAt: '2026-01-01T00:00:00.000Z' },
      tables: { names: ['songplays'], createdAt: '2026-01-01T00:00:00.000Z' },
      etl: { checks: { ok: true, at: '2026-01-01T00:00:00.000Z' } },
    });
    const status = await runCli(['status'], { cwd: ws.dir });
    expect(status.stderr).toMatch(/state file corrected: the cluster no longer exists/);
    expect(status.stderr).not.toMatch(/last completed step/);
    const state = await readState(ws.stateDir);
    expect(state.etl).toBeUndefined();
    expect(state.tables).toBeUndefined();
  });
});
