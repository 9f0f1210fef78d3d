// The whole job on the bundled sample through the real services, SDK clients and emulator:
// role, cluster, tables, COPY, star inserts, checks, analytics, query, teardown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readState } from '../../src/services/state-file.js';
import type { Warehouse } from '../../src/workflow/warehouse.js';
import type { EtlSummary } from '../../src/workflow/types.js';
import { createWorkspace, openTestWarehouse, recordEvents, type Workspace } from '../helpers/workspace.js';

const EXPECTED_COUNTS = {
  staging_events: 8056,
  staging_songs: 71,
  songplays: 6820,
  users: 96,
  songs: 71,
  artists: 69,
  time: 6813,
};

describe('the warehouse on the bundled sample', () => {
  let ws: Workspace;
  let warehouse: Warehouse;
  let first: EtlSummary;
  const recorder = recordEvents();

  beforeAll(async () => {
    ws = createWorkspace();
    warehouse = await openTestWarehouse(ws);
    await warehouse.ensureCluster(recorder.emit);
    await warehouse.createTables(recorder.emit);
    first = await warehouse.runEtl(recorder.emit);
  });
  afterAll(async () => {
    await warehouse?.close();
    ws?.remove();
  });

  it('loads the exact counts into every table', () => {
    expect(first.counts).toEqual(EXPECTED_COUNTS);
  });

  it('passes every quality check, with the expected values it was given', () => {
    expect(first.ok).toBe(true);
    const byName = Object.fromEntries(first.checks.map((c) => [c.name, c]));
    expect(first.checks.every((c) => c.passed)).toBe(true);
    expect(byName['staging_events rows equal the log records in S3']).toMatchObject({ expected: '8056', actual: '8056' });
    expect(byName['staging_songs rows equal the song records in S3']).toMatchObject({ expected: '71', actual: '71' });
    expect(byName['songplays rows equal the NextSong events']).toMatchObject({ expected: '6820', actual: '6820' });
    expect(Number(byName['share of songplays matched to a song (%)'].actual)).toBeCloseTo(100 / 6820, 2);
    expect(first.checks.filter((c) => c.name.includes('unique'))).toHaveLength(5);
  });

  it('keeps the level of each user’s latest event and leaves unmatched songs NULL', async () => {
    const levels = await warehouse.query('SELECT level, COUNT(*) AS n FROM users GROUP BY level ORDER BY level');
    expect(levels.rows).toEqual([['free', 74], ['paid', 22]]);
    const matched = await warehouse.query('SELECT COUNT(song_id) AS with_song, COUNT(*) - COUNT(song_id) AS without_song FROM songplays');
    expect(matched.rows).toEqual([[1, 6819]]);
  });

  it('reports live COPY progress from SYS_LOAD_HISTORY, ending with every file and row', () => {
    const final = recorder.of('copy.progress').filter((e) => e.status === 'done');
    expect(final.map((e) => [e.table, e.filesDone, e.filesTotal, e.rows]).sort()).toEqual([
      ['staging_events', 30, 30, 8056],
      ['staging_songs', 71, 71, 71],
    ]);
    const events = final.find((e) => e.table === 'staging_events')!;
    expect(events.bytesDone).toBe(events.bytesTotal);
    expect(events.bytesTotal).toBeGreaterThan(3_000_000);
  });

  it('says up front how many files it loads, without the AWS load-time hint for a local folder', () => {
    expect(recorder.of('notice').map((n) => n.message)).toContain('Loading 30 log files and 71 song files');
  });

  it('reports each insert with its row count', () => {
    const inserts = Object.fromEntries(recorder.of('insert.done').map((e) => [e.table, e.rows]));
    expect(inserts).toEqual({ songplays: 6820, users: 96, songs: 71, artists: 69, time: 6813 });
  });

  it('gives the same counts when the ETL runs again (no duplicates)', async () => {
    const again = await warehouse.runEtl(() => {});
    expect(again.counts).toEqual(EXPECTED_COUNTS);
    expect(again.ok).toBe(true);
  });

  it('runs the analytics queries', async () => {
    const analytics = recordEvents();
    await warehouse.runAnalytics(analytics.emit);
    const byName = Object.fromEntries(analytics.of('analytics').map((e) => [e.name, e]));
    expect(Object.keys(byName).sort()).toEqual(['busiest_hours', 'paid_vs_free', 'plays_per_weekday', 'top_locations', 'top_songs']);
    const hours = byName.busiest_hours.rows.reduce((sum, row) => sum + Number(row[1]), 0);
    expect(hours).toBe(6820);
    expect(byName.paid_vs_free.rows.reduce((sum, row) => sum + Number(row[1]), 0)).toBe(6820);
    expect(byName.top_songs.rows).toHaveLength(1);
  });

  it('records what it did in the state file and detects it for a resume', async () => {
    const state = await readState(ws.stateDir);
    expect(state.role?.name).toBe('sparkify-redshift-s3-read');
    expect(state.cluster?.identifier).toBe('sparkify-dwh');
    const found = await warehouse.detect();
    expect(found.lastStep).toBe('checks');
    expect(found.cluster).toMatchObject({ status: 'available', managed: true });
    expect(found.counts).toMatchObject(EXPECTED_COUNTS);
  });

  it('fails a quality check when a key is duplicated, and says which', async () => {
    await warehouse.query("INSERT INTO users (user_id, first_name, last_name, gender, level) SELECT user_id, first_name, last_name, gender, level FROM users WHERE user_id = 49");
    const { runQualityChecks } = await import('../../src/workflow/etl.js');
    const checks = recordEvents();
    const results = await runQualityChecks(
      { sql: warehouse.sql, s3: warehouse.clients.s3 },
      { staging_events: { records: 8056, files: 30, bytes: 0 }, staging_songs: { records: 71, files: 71, bytes: 0 } },
      checks.emit,
    );
    const failed = results.filter((r) => !r.passed);
    expect(failed.map((f) => [f.name, f.expected, f.actual])).toEqual([['users has unique user_id', '0', '1']]);
    expect(checks.of('notice').some((n) => n.message === '1 quality check(s) failed')).toBe(true);
  });

  it('tears down only what it created, and nothing is left', async () => {
    const teardown = recordEvents();
    await warehouse.teardown({}, teardown.emit);
    expect(teardown.of('cluster.status').at(-1)?.status).toBe('deleted');
    expect(teardown.of('role').map((r) => r.action)).toContain('deleted');
    const found = await warehouse.detect();
    expect(found.cluster).toBeUndefined();
    expect(found.role).toBeUndefined();
    const state = await readState(ws.stateDir);
    expect(state.cluster).toBeUndefined();
    expect(state.role).toBeUndefined();
  });
});
