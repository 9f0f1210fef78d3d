// SET search_path is session state that must keep working once DuckDB's configuration is locked
// (ClusterEngine.open locks it): the session keeps the path itself and DuckDB's search_path is a
// session setting lock_configuration leaves settable.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterEngine } from '../../../src/emulator/engine/cluster-engine.js';
import { EngineSession } from '../../../src/emulator/engine/engine-session.js';
import type { ClusterView } from '../../../src/emulator/contracts.js';

describe('search_path under lock_configuration', () => {
  let dir: string;
  let engine: ClusterEngine;
  let session: EngineSession;
  const ctx = { queryId: 1, pid: 1, dbUser: 'dwhuser', signal: new AbortController().signal };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sparkify-lock-'));
    const cluster: ClusterView = { identifier: 'dwh', status: 'available', dbName: 'dwh', masterUsername: 'dwhuser', iamRoleArns: [], databasePath: join(dir, 'dwh.duckdb') };
    engine = await ClusterEngine.open('dwh', cluster.databasePath, { s3Root: dir });
    session = await EngineSession.open({ engine, cluster, catalog: { findCluster: () => cluster, roleArnExists: () => false, databasePathOf: () => cluster.databasePath }, s3Root: dir });
    await session.execute('CREATE SCHEMA sparkify', ctx);
    // ClusterEngine.open has locked the configuration already (after the emulator's own setup).
  });
  afterAll(async () => {
    session.close();
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('still switches schemas for CREATE, INSERT, SELECT and SHOW', async () => {
    await session.execute('SET search_path TO sparkify, public', ctx);
    expect((await session.execute('SHOW search_path', ctx)).rows).toEqual([['sparkify, public']]);
    await session.execute('CREATE TABLE songs (song_id VARCHAR(18))', ctx);
    await session.execute(`INSERT INTO songs VALUES ('S1')`, ctx);
    expect((await session.execute(`SELECT table_schema FROM information_schema.tables WHERE table_name = 'songs'`, ctx)).rows).toEqual([['sparkify']]);
    expect((await session.execute('SELECT count(*) FROM songs', ctx)).rows).toEqual([['1']]); // BIGINT as JSON-safe text
    // DuckDB's own settings stay locked.
    await expect(session.execute('SET memory_limit = 1', ctx)).rejects.toThrow(/unrecognized configuration parameter "memory_limit"/);
    await expect(session.conn.run(`SET memory_limit = '1GB'`)).rejects.toThrow(/locked/);
  });
});
