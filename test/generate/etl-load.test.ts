// Generated data goes through the real ETL (emulator, COPY, star inserts, checks), and the warehouse
// holds what the generator says it wrote — counts computed while generating, not from the warehouse.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset, type DatasetSummary } from '../../src/generate/dataset.js';
import type { Warehouse } from '../../src/workflow/warehouse.js';
import { createWorkspace, openWarehouseWithTables, type Workspace } from '../helpers/workspace.js';

describe('generated data through the ETL', () => {
  let dataDir: string;
  let ws: Workspace;
  let warehouse: Warehouse;
  let summary: DatasetSummary;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sparkify-gen-etl-'));
    summary = await generateDataset({ songs: 400, events: 5000, out: dataDir, seed: 11, matchShare: 0.7 });
    ws = createWorkspace({ overrides: { S3_ROOT: dataDir } });
    warehouse = await openWarehouseWithTables(ws);
  });
  afterAll(async () => {
    await warehouse?.close();
    ws?.remove();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads with every quality check passing and the generator’s counts', async () => {
    const result = await warehouse.runEtl(() => {});
    expect(result.checks.filter((c) => !c.passed)).toEqual([]);
    expect(result.counts).toEqual({
      staging_events: summary.events,
      staging_songs: summary.songFiles,
      songplays: summary.nextSongEvents,
      users: summary.listeners,
      songs: summary.songFiles,
      artists: summary.artists,
      time: summary.distinctStartTimes,
    });
    const { rows } = await warehouse.query(`SELECT COUNT(song_id) AS matched, (SELECT COUNT(*) FROM users WHERE level = 'paid') AS paid FROM songplays`);
    expect(rows[0]).toEqual([summary.matchedNextSong, summary.paidListeners]);
  });
});
