// Child: the floor. DuckDB itself reads the same JSON files with read_json into two tables in an
// on-disk database (like the emulator's), typed as the staging tables are: the fastest this machine
// turns these files into rows, with no Redshift semantics, no progress, no checks.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { peakRssBytes, type ChildCost } from './child-process.js';

export interface FloorRun extends ChildCost {
  eventsMs: number;
  songsMs: number;
  totalMs: number;
  rows: number;
}

const LOG_COLUMNS = `{artist: 'VARCHAR', auth: 'VARCHAR', firstName: 'VARCHAR', gender: 'VARCHAR', itemInSession: 'INTEGER',
  lastName: 'VARCHAR', length: 'DOUBLE', level: 'VARCHAR', location: 'VARCHAR', method: 'VARCHAR', page: 'VARCHAR',
  registration: 'DOUBLE', sessionId: 'INTEGER', song: 'VARCHAR', status: 'INTEGER', ts: 'BIGINT', userAgent: 'VARCHAR', userId: 'VARCHAR'}`;
const SONG_COLUMNS = `{num_songs: 'INTEGER', artist_id: 'VARCHAR', artist_latitude: 'DOUBLE', artist_longitude: 'DOUBLE',
  artist_location: 'VARCHAR', artist_name: 'VARCHAR', song_id: 'VARCHAR', title: 'VARCHAR', duration: 'DOUBLE', year: 'INTEGER'}`;

async function main(bucketDir: string): Promise<FloorRun> {
  const dir = mkdtempSync(join(tmpdir(), 'sparkify-bench-floor-'));
  const instance = await DuckDBInstance.create(join(dir, 'floor.duckdb'));
  const conn = await instance.connect();
  try {
    const started = Date.now();
    await conn.run(`CREATE TABLE staging_events AS SELECT * FROM read_json('${bucketDir}/log_data/**/*.json', format = 'newline_delimited', columns = ${LOG_COLUMNS})`);
    const eventsMs = Date.now() - started;
    // One read_json over a 100k-file glob runs DuckDB out of memory (18.8 GiB here), so songs are
    // read in lists of 2,000 files, as the emulator's COPY batches them.
    const songFiles = readdirSync(join(bucketDir, 'song_data'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
    for (let i = 0; i < songFiles.length; i += 2000) {
      const list = songFiles.slice(i, i + 2000).map((f) => `'${f}'`).join(', ');
      const select = `SELECT * FROM read_json([${list}], format = 'newline_delimited', columns = ${SONG_COLUMNS})`;
      await conn.run(i === 0 ? `CREATE TABLE staging_songs AS ${select}` : `INSERT INTO staging_songs ${select}`);
    }
    const totalMs = Date.now() - started;
    const count = await conn.runAndReadAll(`SELECT (SELECT COUNT(*) FROM staging_events) + (SELECT COUNT(*) FROM staging_songs)`);
    return { eventsMs, songsMs: totalMs - eventsMs, totalMs, rows: Number(count.getRows()[0][0]), maxRssBytes: peakRssBytes() };
  } finally {
    conn.closeSync();
    instance.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}

process.stdout.write(JSON.stringify(await main(process.argv[2])) + '\n');
