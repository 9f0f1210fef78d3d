// The whole warehouse under injected faults. For each: the message names what failed and what to
// do, the state file stays true, a re-run ends with the exact sample counts, teardown removes all.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readState } from '../../src/services/state-file.js';
import { UserError } from '../../src/services/errors.js';
import { createWorkspace, recordEvents, type Workspace } from '../helpers/workspace.js';
import { EXPECTED_WITH_PAID, openFaultyTarget, warehouseCounts, type FaultyTarget } from './faulty-target.js';

let ws: Workspace | undefined;
let target: FaultyTarget | undefined;
afterEach(async () => {
  await target?.close();
  ws?.remove();
  ws = target = undefined;
});

/** Teardown with the faults still on, then proof that nothing is left: no role, cluster, database or state. */
async function tearDownCompletely(t: FaultyTarget, workspace: Workspace) {
  await t.warehouse.teardown({}, () => {});
  const detected = await t.warehouse.detect();
  expect(detected.role).toBeUndefined();
  expect(detected.cluster).toBeUndefined();
  // No database left (the clusters/ folder appears only with a cluster's first database).
  const databases = join(workspace.stateDir, 'clusters');
  expect(existsSync(databases) ? readdirSync(databases) : []).toEqual([]);
  const state = await readState(workspace.stateDir);
  expect(state.role).toBeUndefined();
  expect(state.cluster).toBeUndefined();
}

describe('transient throttling and 5xx on every service', () => {
  it('are absorbed by the SDK retries: exact counts, every rule really fired, clean teardown', async () => {
    ws = createWorkspace();
    const spec = [
      // Throttling switches the Data API client to adaptive rate limiting, so a modest share keeps this quick.
      'throttle:redshift-data.DescribeStatement:0.1',
      '5xx:redshift-data.ExecuteStatement:0.2',
      '5xx:redshift-data.GetStatementResult:0.25',
      '5xx:iam.*:2',
      'throttle:redshift.*:0.25',
      '5xx:redshift.CreateCluster:1',
      'throttle:s3.ListObjectsV2:0.5',
      // The local target reads S3 objects through ListObjectsV2 only (the bytes come from the folder).
      '5xx:s3.ListObjectsV2:1',
      '5xx:sts.*:1',
    ].join(',');
    target = await openFaultyTarget(ws, spec);
    const { warehouse } = target;
    await warehouse.plan();
    await warehouse.ensureCluster(() => {});
    await warehouse.createTables(() => {});
    const summary = await warehouse.runEtl(() => {});
    expect(summary.ok).toBe(true);
    expect(await warehouseCounts(warehouse)).toEqual(EXPECTED_WITH_PAID);
    // Each rule fired at least once, or this test would prove nothing.
    const fired = new Set(target.injectedRules());
    for (const rule of spec.split(',')) expect(fired, rule).toContain(rule);
    // Retried submissions did not run twice: one COPY per staging table.
    const copies = target.emulator.requests.filter((r) => r.operation === 'ExecuteStatement' && !r.faults && /^\s*COPY/i.test(String(r.params.Sql)));
    expect(copies).toHaveLength(2);
    expect((await warehouse.detect()).lastStep).toBe('checks');
    await tearDownCompletely(target, ws);
  }, 120_000);

  it('a 5xx that outlasts every retry stops with a clear message; the re-run resumes', async () => {
    ws = createWorkspace();
    target = await openFaultyTarget(ws, '5xx:redshift.CreateCluster:5');
    const error = await target.warehouse.ensureCluster(() => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/^Creating cluster sparkify-dwh failed: the AWS service was unavailable .*ServiceUnavailable/);
    expect((error as UserError).hint).toMatch(/run the same command again/);
    const state = await readState(ws.stateDir);
    expect(state.role?.name).toBe('sparkify-redshift-s3-read');
    expect(state.cluster).toBeUndefined();

    expect((await target.warehouse.ensureCluster(() => {})).created).toBe(true);
    await target.warehouse.createTables(() => {});
    expect((await target.warehouse.runEtl(() => {})).counts).toMatchObject({ songplays: 6820, users: 96 });
    await tearDownCompletely(target, ws);
  });
});

describe('a cluster that fails to create', () => {
  it('names the cluster and the cause, records no cluster, and the re-run creates it', async () => {
    ws = createWorkspace();
    target = await openFaultyTarget(ws, 'fail-create:sparkify-dwh');
    const error = await target.warehouse.ensureCluster(() => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/Creating cluster sparkify-dwh failed: AWS has no capacity for this node type right now \(InsufficientClusterCapacity/);
    expect((error as UserError).hint).toMatch(/NODE_TYPE|try again later/);
    const state = await readState(ws.stateDir);
    expect(state.cluster).toBeUndefined();
    expect(state.role).toBeDefined();
    expect((await target.warehouse.detect()).cluster).toBeUndefined();

    await target.warehouse.ensureCluster(() => {});
    await target.warehouse.createTables(() => {});
    await target.warehouse.runEtl(() => {});
    expect(await warehouseCounts(target.warehouse)).toEqual(EXPECTED_WITH_PAID);
    await tearDownCompletely(target, ws);
  });

  it('teardown right after the failure removes the role it did create', async () => {
    ws = createWorkspace();
    target = await openFaultyTarget(ws, 'fail-create:sparkify-dwh:*');
    await expect(target.warehouse.ensureCluster(() => {})).rejects.toThrow(/InsufficientClusterCapacity/);
    await tearDownCompletely(target, ws);
  });
});

describe('a statement that FAILS mid-ETL', () => {
  it('stops the ETL naming the statement and the re-run, keeps the state true, and re-runs without duplicates', async () => {
    ws = createWorkspace();
    target = await openFaultyTarget(ws);
    const { warehouse, emulator } = target;
    await warehouse.ensureCluster(() => {});
    await warehouse.createTables(() => {});
    await warehouse.runEtl(() => {});

    emulator.faults.set('fail-sql:/INSERT INTO songplays/');
    const recorder = recordEvents();
    const error = await warehouse.runEtl(recorder.emit).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/^ETL stopped: INSERT songplays failed: ERROR: Query was terminated/);
    expect((error as UserError).hint).toMatch(/all of them still hold the previous load, unchanged/);
    expect((error as UserError).hint).toMatch(/run "sparkify etl" again/);
    expect((error as UserError).hint).toMatch(/INSERT INTO songplays/);
    expect(recorder.of('step').find((e) => e.id === 'insert:songplays' && e.status === 'failed')).toBeDefined();

    // The failed batch rolled back: songplays keeps the previous run's rows, nothing doubled.
    expect(await warehouseCounts(warehouse)).toEqual(EXPECTED_WITH_PAID);
    const state = await readState(ws.stateDir);
    expect(state.etl?.etl).toMatchObject({ ok: false, detail: expect.stringMatching(/INSERT songplays/) });
    expect(state.etl?.checks).toBeUndefined();
    // Staging holds the new load; the star tables the previous one: the load is failed, not done.
    const found = await warehouse.detect();
    expect(found.lastStep).toBe('staging');
    expect(found.load).toMatchObject({ status: 'failed', stage: 'star', starTables: 'the previous load', finishCommand: 'sparkify etl' });

    // The rule hit once; two more runs end with the exact counts (no duplicates from re-running).
    for (let run = 0; run < 2; run++) {
      const summary = await warehouse.runEtl(() => {});
      expect(summary.ok).toBe(true);
      expect(await warehouseCounts(warehouse)).toEqual(EXPECTED_WITH_PAID);
    }
    expect((await warehouse.detect()).lastStep).toBe('checks');
    await tearDownCompletely(target, ws);
  });
});

describe('a slow Data API', () => {
  it('still loads the exact counts and reports COPY progress; teardown works', async () => {
    ws = createWorkspace();
    target = await openFaultyTarget(ws);
    const { warehouse, emulator } = target;
    await warehouse.ensureCluster(() => {});
    await warehouse.createTables(() => {});
    emulator.faults.set('slow:redshift-data:120ms');
    const recorder = recordEvents();
    const started = Date.now();
    const summary = await warehouse.runEtl(recorder.emit);
    expect(summary.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThan(1000);
    expect(recorder.of('copy.progress').filter((e) => e.status === 'done').map((e) => e.table).sort()).toEqual(['staging_events', 'staging_songs']);
    expect(await warehouseCounts(warehouse)).toEqual(EXPECTED_WITH_PAID);
    expect(emulator.faults.injected.length).toBeGreaterThan(20);
    await tearDownCompletely(target, ws);
    expect(existsSync(join(ws.stateDir, 'clusters', 'sparkify-dwh.duckdb'))).toBe(false);
  });
});
