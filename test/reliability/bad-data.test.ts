// Bad and awkward source data, and failing SQL at the explore prompt, on a real emulator and DuckDB.
// Each case says what failed with Redshift's own words and leaves the star tables as they were.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CopyFailedError } from '../../src/workflow/copy-monitor.js';
import { UserError } from '../../src/services/errors.js';
import type { Warehouse } from '../../src/workflow/warehouse.js';
import { createWorkspace, openTestWarehouse, recordEvents, type Workspace } from '../helpers/workspace.js';
import { EXPECTED_WITH_PAID, warehouseCounts } from './faulty-target.js';

const LOG_FILE = 'udacity-dend/log_data/2018/11/2018-11-05-events.json';
const SONG_FILE = 'udacity-dend/song_data/A/B/B/TRABBNP128F932546F.json';
const JSONPATHS = 'udacity-dend/log_json_path.json';

describe('awkward and bad source data', () => {
  let ws: Workspace;
  let warehouse: Warehouse;
  const originals = new Map<string, string>();
  /** Overwrites a sample file for one test; afterEach puts it back. */
  const spoil = (key: string, content: string) => {
    if (!originals.has(key)) originals.set(key, readFileSync(join(ws.s3Root, key), 'utf8'));
    writeFileSync(join(ws.s3Root, key), content);
  };
  const original = (key: string) => originals.get(key) ?? readFileSync(join(ws.s3Root, key), 'utf8');

  beforeAll(async () => {
    ws = createWorkspace({ copySample: true });
    warehouse = await openTestWarehouse(ws);
    await warehouse.ensureCluster(() => {});
    await warehouse.createTables(() => {});
    await warehouse.runEtl(() => {});
  });
  afterEach(() => {
    for (const [key, text] of originals) writeFileSync(join(ws.s3Root, key), text);
    originals.clear();
  });
  afterAll(async () => {
    await warehouse?.close();
    ws?.remove();
  });

  it('an s3:// prefix with no objects fails with Redshift’s error; the star tables keep their rows', async () => {
    // A second warehouse on the same emulator, configured with a prefix under which nothing exists.
    const emptyPrefix = await openTestWarehouse(ws, { emulatorEndpoint: (warehouse as unknown as { opened: { emulator: { endpoint: string } } }).opened.emulator.endpoint });
    try {
      Object.assign(emptyPrefix.config.s3, { logData: 's3://udacity-dend/no_such_prefix' });
      const error = await emptyPrefix.runEtl(() => {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CopyFailedError);
      expect((error as Error).message).toMatch(/COPY into staging_events from s3:\/\/udacity-dend\/no_such_prefix failed: .*The specified S3 prefix 'no_such_prefix' does not exist/);
      expect((error as CopyFailedError).hint).toMatch(/Check the S3 path/);
    } finally {
      await emptyPrefix.close();
    }
    const counts = await warehouseCounts(warehouse);
    expect(counts).toMatchObject({ songplays: 6820, users: 96, songs: 71, artists: 69, time: 6813 });
  });

  it('a jsonpaths file that does not match the table names both sizes', async () => {
    spoil(JSONPATHS, JSON.stringify({ jsonpaths: ["$['artist']", "$['auth']", "$['firstName']"] }));
    const error = await warehouse.runEtl(() => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CopyFailedError);
    expect((error as Error).message).toMatch(/Number of jsonpaths and the number of columns should match\. JSONPath size: 3, Number of columns in table or column list: 18/);
    expect(await warehouseCounts(warehouse)).toMatchObject({ songplays: 6820, users: 96 });
  });

  it('a malformed JSON line is reported from stl_load_errors with file and line', async () => {
    spoil(LOG_FILE, original(LOG_FILE).trimEnd() + '\n{"artist": "Broken", "ts": 15411\n');
    const recorder = recordEvents();
    const error = await warehouse.runEtl(recorder.emit).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CopyFailedError);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).hint).toMatch(/Fix the records listed above/);
    const [report] = recorder.of('load.errors');
    expect(report.errors[0]).toMatchObject({ filename: expect.stringContaining('2018-11-05-events.json'), line: original(LOG_FILE).trimEnd().split('\n').length + 1 });
  });

  it('empty and whitespace-only files and UTF-8 BOMs load as if they were not there', async () => {
    writeFileSync(join(ws.s3Root, 'udacity-dend/log_data/2018/11/2018-11-31-empty.json'), '');
    writeFileSync(join(ws.s3Root, 'udacity-dend/song_data/A/B/B/EMPTY.json'), '\n  \n');
    spoil(LOG_FILE, '\uFEFF' + original(LOG_FILE));
    spoil(SONG_FILE, '\uFEFF' + original(SONG_FILE));
    const summary = await warehouse.runEtl(() => {});
    expect(summary.checks.filter((c) => !c.passed)).toEqual([]);
    expect(await warehouseCounts(warehouse)).toEqual(EXPECTED_WITH_PAID);
  });

  it('very long strings are cut to the column (TRUNCATECOLUMNS) and unicode names survive intact', async () => {
    const song = JSON.parse(original(SONG_FILE)) as Record<string, unknown>;
    const name = 'Björk & Sigur Rós — 東京事変 🎵';
    spoil(SONG_FILE, JSON.stringify({ ...song, title: 'é'.repeat(5000), artist_name: name }));
    const summary = await warehouse.runEtl(() => {});
    expect(summary.ok).toBe(true);
    expect(await warehouseCounts(warehouse)).toEqual(EXPECTED_WITH_PAID);
    const { rows } = await warehouse.query(`SELECT OCTET_LENGTH(title) AS bytes, LENGTH(title) AS chars, artist_name FROM staging_songs WHERE song_id = '${song.song_id as string}'`);
    // VARCHAR(512) holds 512 bytes: 256 two-byte characters, never half of one.
    expect(rows).toEqual([[512, 256, name]]);
    const artist = await warehouse.query(`SELECT name FROM artists WHERE artist_id = '${song.artist_id as string}'`);
    expect(artist.rows).toEqual([[name]]);
  });

  it('SQL typed at the explore prompt that fails shows Redshift’s error and changes nothing', async () => {
    const before = await warehouseCounts(warehouse);
    for (const [sql, why] of [
      ['SELEC * FROM songplays', /syntax error/i],
      ['SELECT nope FROM songplays', /nope/],
      ['SELECT * FROM no_such_table', /no_such_table/],
      ['DELETE FROM songplays; SELECT 1', /cannot insert multiple commands/],
    ] as const) {
      const error = await warehouse.query(sql).catch((e: unknown) => e);
      expect(error, sql).toBeInstanceOf(UserError);
      expect((error as UserError).message, sql).toMatch(/^query failed: ERROR: /);
      expect((error as UserError).message, sql).toMatch(why);
      expect((error as UserError).hint, sql).toContain(sql);
    }
    expect(await warehouseCounts(warehouse)).toEqual(before);
  });
});
