// The star schema is never a mix of two loads: the five inserts commit together or not at all, a
// failure names the first real error (not the rollback of its siblings), and nothing is left running.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readState } from '../../src/services/state-file.js';
import { UserError } from '../../src/services/errors.js';
import { insertStarTables, insertStatements, STAR_TABLES } from '../../src/workflow/etl.js';
import type { Warehouse } from '../../src/workflow/warehouse.js';
import { parseNdjson, runCli } from '../helpers/run-cli.js';
import { createWorkspace, openTestWarehouse, openWarehouseWithTables, recordEvents, type Workspace } from '../helpers/workspace.js';

/** One more NextSong event, at a timestamp no other event has, so a committed time insert would show (6813 → 6814). */
const OVERFLOW_EVENT =
  JSON.stringify({
    artist: 'Nobody', auth: 'Logged In', firstName: 'Big', gender: 'M', itemInSession: 0, lastName: 'Number', length: 200.5,
    level: 'free', location: 'Nowhere', method: 'PUT', page: 'NextSong', registration: 1540991795796.0, sessionId: 1,
    song: 'Overflow', status: 200, ts: 1500000000000, userAgent: 'test', userId: '99999999999999999999',
  }) + '\n';

const STAR_COUNTS = { songplays: 6820, users: 96, songs: 71, artists: 69, time: 6813 };

async function starCounts(warehouse: Warehouse): Promise<Record<string, number>> {
  const union = STAR_TABLES.map((t) => `SELECT '${t}' AS t, COUNT(*) AS n FROM ${t}`).join(' UNION ALL ');
  const { rows } = await warehouse.query(union);
  return Object.fromEntries(rows.map(([t, n]) => [String(t), Number(n)]));
}

describe('a source record whose userId overflows INTEGER (99999999999999999999)', () => {
  let ws: Workspace;
  let warehouse: Warehouse;
  let error: unknown;
  const recorder = recordEvents();

  beforeAll(async () => {
    ws = createWorkspace({ copySample: true });
    warehouse = await openTestWarehouse(ws);
    await warehouse.ensureCluster(() => {});
    await warehouse.createTables(() => {});
    expect((await warehouse.runEtl(() => {})).ok).toBe(true);
    writeFileSync(join(ws.s3Root, 'udacity-dend/log_data/2018/11/2018-11-31-overflow.json'), OVERFLOW_EVENT);
    error = await warehouse.runEtl(recorder.emit).catch((e: unknown) => e);
  }, 120_000);
  afterAll(async () => {
    await warehouse?.close();
    ws?.remove();
  });

  it('leaves every star table exactly as the previous load left it', async () => {
    expect(error).toBeInstanceOf(UserError);
    expect(await starCounts(warehouse)).toEqual(STAR_COUNTS);
    // Staging holds the new load (8,057 events); the star tables are none of it.
    expect((await warehouse.query('SELECT COUNT(*) FROM staging_events')).rows).toEqual([[8057]]);
    expect((await warehouse.query(`SELECT COUNT(*) FROM time WHERE start_time < '2018-01-01'`)).rows).toEqual([[0]]);
  });

  it('reports the first real error only, with a hint that is true', () => {
    const { message, hint } = error as UserError;
    expect(message).toMatch(/^ETL stopped: INSERT songplays failed: .*invalid input syntax for (type )?integer/i);
    expect(message).not.toMatch(/cancel|abort|ECONNREFUSED/i);
    expect(hint).toMatch(/all of them still hold the previous load, unchanged/);
    expect(hint).not.toMatch(/kept its previous rows/);
    const failed = recorder.of('step').filter((e) => e.step === 'insert' && e.status === 'failed');
    expect(failed.map((e) => e.id).sort()).toEqual(STAR_TABLES.map((t) => `insert:${t}`).sort());
    expect(failed.find((e) => e.id === 'insert:songplays')?.detail).toMatch(/invalid input syntax/i);
    expect(failed.filter((e) => e.id !== 'insert:songplays').every((e) => e.detail === 'rolled back: INSERT songplays failed')).toBe(true);
    expect(recorder.of('insert.done')).toEqual([]);
  });

  it('records the load as failed, not done, and the star tables as the previous load', async () => {
    const state = await readState(ws.stateDir);
    expect(state.load).toMatchObject({ stage: 'star', error: expect.stringMatching(/INSERT songplays/) });
    expect(state.load?.finishedAt).toBeUndefined();
    const found = await warehouse.detect();
    expect(found.load).toMatchObject({ status: 'failed', stage: 'star', starTables: 'the previous load', finishCommand: 'sparkify etl' });
    expect(found.lastStep).toBe('staging');
  });
});

describe('the same failure through `sparkify etl` (a real CLI process)', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = createWorkspace({ copySample: true });
    expect((await runCli(['run', '--yes', '--json'], { cwd: ws.dir })).code).toBe(0);
    writeFileSync(join(ws.s3Root, 'udacity-dend/log_data/2018/11/2018-11-31-overflow.json'), OVERFLOW_EVENT);
  }, 120_000);
  afterAll(() => ws?.remove());

  it('reports one error, the real one, and nothing from closing the emulator under running work', async () => {
    const etl = await runCli(['etl', '--yes', '--json'], { cwd: ws.dir });
    expect(etl.code).toBe(1);
    const errors = parseNdjson(etl.stdout).filter((e) => e.type === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/^ETL stopped: INSERT songplays failed: .*invalid input syntax/i);
    expect(etl.stdout + etl.stderr).not.toMatch(/ECONNREFUSED|nothing is listening|Unexpected error/);
    const counts = await runCli(['query', '--json', `select (select count(*) from songplays) as songplays, (select count(*) from users) as users, (select count(*) from time) as time`], { cwd: ws.dir });
    expect(parseNdjson(counts.stdout)[0]).toMatchObject({ rows: [[6820, 96, 6813]] });
  }, 60_000);
});

describe('songplays numbers the events once', () => {
  let ws: Workspace;
  let warehouse: Warehouse;
  beforeAll(async () => {
    ws = createWorkspace();
    warehouse = await openWarehouseWithTables(ws);
  }, 60_000);
  afterAll(async () => {
    await warehouse?.close();
    ws?.remove();
  });

  it('numbers staging_events in one place, so tied events cannot be paired with each other', () => {
    const insert = insertStatements('songplays').map((s) => s.sql).join('\n');
    expect(insert.match(/ROW_NUMBER\(\)\s+OVER\s*\(\s*ORDER BY/gi)).toHaveLength(1);
    expect(insert.match(/FROM staging_events/gi)).toHaveLength(1);
  });

  it('gives each of many tied events its own song match', async () => {
    // 400 pairs tied on every ORDER BY column; in each pair only the event in 'matched' plays a catalogued song.
    const pairs = Array.from({ length: 400 }, (_, i) => i);
    const events = pairs.flatMap((i) => [
      `('Artist ${i}', 'Song ${i}', 100.0, 'NextSong', 1, 0, 1541000000000, 'matched', '${i + 1}')`,
      `('Artist ${i}', 'Other ${i}', 100.0, 'NextSong', 1, 0, 1541000000000, 'unmatched', '${i + 1}')`,
    ]);
    await warehouse.sql.execute(`INSERT INTO staging_events (artist, song, length, page, session_id, item_in_session, ts, location, user_id) VALUES ${events.join(', ')}`);
    const songs = pairs.map((i) => `('A${i}', 'Artist ${i}', 'S${i}', 'Song ${i}', 100.0)`);
    await warehouse.sql.execute(`INSERT INTO staging_songs (artist_id, artist_name, song_id, title, duration) VALUES ${songs.join(', ')}`);
    const counts = await insertStarTables({ sql: warehouse.sql, s3: warehouse.clients.s3 }, () => {});
    expect(counts.songplays).toBe(800);
    const { rows } = await warehouse.query(`SELECT location, COUNT(song_id) AS with_song, COUNT(*) AS n FROM songplays GROUP BY location ORDER BY location`);
    expect(rows).toEqual([['matched', 400, 400], ['unmatched', 0, 400]]);
  });
});
