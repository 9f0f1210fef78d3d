// The engine runs with checkpoint_threshold at 1 GB so that no commit pays for a checkpoint; the
// WAL must still be folded into the database file once the engine is idle, or a long-lived service
// would hold every load since start-up in its WAL and memory.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ClusterEngine } from '../../../src/emulator/engine/cluster-engine.js';
import { EngineSession } from '../../../src/emulator/engine/engine-session.js';
import type { ClusterView } from '../../../src/emulator/contracts.js';

describe('idle checkpoint', () => {
  let dir: string;
  let cluster: ClusterView;
  let engine: ClusterEngine;
  const ctx = { queryId: 1, pid: 1, dbUser: 'dwhuser', signal: new AbortController().signal };
  const openSession = () => EngineSession.open({ engine, cluster, catalog: { findCluster: () => cluster, roleArnExists: () => false, databasePathOf: () => cluster.databasePath }, s3Root: dir });
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sparkify-checkpoint-'));
    cluster = { identifier: 'dwh', status: 'available', dbName: 'dwh', masterUsername: 'dwhuser', iamRoleArns: [], databasePath: join(dir, 'clusters', 'dwh.duckdb') };
    engine = await ClusterEngine.open('dwh', cluster.databasePath, { s3Root: dir });
  });
  afterAll(async () => {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('folds the WAL into the database file once no statement runs', async () => {
    const writer = await openSession();
    await writer.execute('CREATE TABLE plays (id INT, song VARCHAR(40))', ctx);
    await writer.execute(`INSERT INTO plays SELECT range, 'song ' || range FROM range(50000)`, ctx);
    expect(engine.walBytes()).toBeGreaterThan(0);
    const fileBefore = statSync(cluster.databasePath).size;
    await vi.waitFor(() => expect(engine.walBytes()).toBe(0), { timeout: 30_000, interval: 50 });
    expect(statSync(cluster.databasePath).size).toBeGreaterThan(fileBefore);
    expect((await writer.execute('SELECT count(*) FROM plays', ctx)).rows).toEqual([['50000']]);
    writer.close();
  });

  it('spills beyond memory_limit into the cluster\'s private scratch folder, not beside the database file', () => {
    expect(existsSync(`${cluster.databasePath}.tmp`)).toBe(false);
    expect(statSync(join(dir, 'tmp', 'dwh')).mode & 0o777).toBe(0o700);
  });
});
