// Child: the naive peer — the classic Python ETL's way: open each file, parse each record, and send one
// INSERT per row (as psycopg2's cursor.execute per row does: a statement parsed and planned per call,
// autocommit), here against DuckDB on disk. Only the staging records; the star tables are not built,
// so this flatters the naive peer. It stops after `limit` records of each kind and reports the rates,
// so the parent can extrapolate when the full run would take minutes.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { peakRssBytes, type ChildCost } from './child-process.js';

export interface NaiveRun extends ChildCost {
  eventRows: number;
  eventsMs: number;
  songRows: number;
  songsMs: number;
}

const LOG_KEYS = ['artist', 'auth', 'firstName', 'gender', 'itemInSession', 'lastName', 'length', 'level', 'location', 'method', 'page', 'registration', 'sessionId', 'song', 'status', 'ts', 'userAgent', 'userId'];
const SONG_KEYS = ['num_songs', 'artist_id', 'artist_latitude', 'artist_longitude', 'artist_location', 'artist_name', 'song_id', 'title', 'duration', 'year'];

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();

type Value = string | number | null;

async function insertRows(conn: DuckDBConnection, table: string, keys: string[], files: string[], split: (text: string) => string[], limit: number): Promise<{ rows: number; ms: number }> {
  const sql = `INSERT INTO ${table} VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')})`;
  const started = Date.now();
  let rows = 0;
  for (const file of files) {
    for (const text of split(readFileSync(file, 'utf8'))) {
      if (rows >= limit) return { rows, ms: Date.now() - started };
      const record = JSON.parse(text) as Record<string, Value>;
      await conn.run(sql, keys.map((k) => record[k] ?? null));
      rows++;
    }
  }
  return { rows, ms: Date.now() - started };
}

async function main(bucketDir: string, limit: number): Promise<NaiveRun> {
  const dir = mkdtempSync(join(tmpdir(), 'sparkify-bench-naive-'));
  const instance = await DuckDBInstance.create(join(dir, 'naive.duckdb'));
  const conn = await instance.connect();
  try {
    await conn.run(`CREATE TABLE staging_events (artist VARCHAR, auth VARCHAR, first_name VARCHAR, gender VARCHAR, item_in_session INTEGER, last_name VARCHAR,
      length DOUBLE, level VARCHAR, location VARCHAR, method VARCHAR, page VARCHAR, registration DOUBLE, session_id INTEGER, song VARCHAR,
      status INTEGER, ts BIGINT, user_agent VARCHAR, user_id VARCHAR)`);
    await conn.run(`CREATE TABLE staging_songs (num_songs INTEGER, artist_id VARCHAR, artist_latitude DOUBLE, artist_longitude DOUBLE,
      artist_location VARCHAR, artist_name VARCHAR, song_id VARCHAR, title VARCHAR, duration DOUBLE, year INTEGER)`);
    const logFiles = filesUnder(join(bucketDir, 'log_data'));
    const songFiles = filesUnder(join(bucketDir, 'song_data'));
    const events = await insertRows(conn, 'staging_events', LOG_KEYS, logFiles, (t) => t.split('\n').filter((l) => l.trim() !== ''), limit);
    const songs = await insertRows(conn, 'staging_songs', SONG_KEYS, songFiles, (t) => [t], limit);
    return { eventRows: events.rows, eventsMs: events.ms, songRows: songs.rows, songsMs: songs.ms, maxRssBytes: peakRssBytes() };
  } finally {
    conn.closeSync();
    instance.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}

process.stdout.write(JSON.stringify(await main(process.argv[2], Number(process.argv[3]))) + '\n');
