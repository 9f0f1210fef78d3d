// Child: the honest floor. The fastest load of the same files this machine does with DuckDB's own
// typed JSON reader: every log file in one read_json pass, every song file in another, straight
// into typed staging tables, then the same five star tables from the same sql/insert_*.sql (DuckDB
// runs that Redshift SQL as written once `/` truncates on integers, as the emulator sets). Same
// process model (a child), the emulator's engine settings (memory cap, insertion order, checkpoints), same
// counts asserted by the parent. No Redshift conversions, no progress, no checks.
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { engineSettings, lockDown } from '../src/emulator/engine/cluster-engine.js';
import { loadStatements } from '../src/workflow/sql-files.js';
import { peakRssBytes, type ChildCost } from './child-process.js';
import { STAR_TABLES } from './star-tables.js';

export interface FloorRun extends ChildCost {
  eventsMs: number;
  songsMs: number;
  starMs: number;
  totalMs: number;
  counts: Record<string, number>;
}

/** JSON key → staging column and type, in log_json_path.json order (COPY maps by position). */
const LOG_FIELDS: Array<[string, string, string]> = [
  ['artist', 'artist', 'VARCHAR'], ['auth', 'auth', 'VARCHAR'], ['firstName', 'first_name', 'VARCHAR'], ['gender', 'gender', 'VARCHAR'],
  ['itemInSession', 'item_in_session', 'INTEGER'], ['lastName', 'last_name', 'VARCHAR'], ['length', 'length', 'DOUBLE'], ['level', 'level', 'VARCHAR'],
  ['location', 'location', 'VARCHAR'], ['method', 'method', 'VARCHAR'], ['page', 'page', 'VARCHAR'], ['registration', 'registration', 'DOUBLE'],
  ['sessionId', 'session_id', 'INTEGER'], ['song', 'song', 'VARCHAR'], ['status', 'status', 'INTEGER'], ['ts', 'ts', 'BIGINT'],
  ['userAgent', 'user_agent', 'VARCHAR'], ['userId', 'user_id', 'VARCHAR'],
];
const SONG_FIELDS: Array<[string, string, string]> = [
  ['num_songs', 'num_songs', 'INTEGER'], ['artist_id', 'artist_id', 'VARCHAR'], ['artist_latitude', 'artist_latitude', 'DOUBLE'],
  ['artist_longitude', 'artist_longitude', 'DOUBLE'], ['artist_location', 'artist_location', 'VARCHAR'], ['artist_name', 'artist_name', 'VARCHAR'],
  ['song_id', 'song_id', 'VARCHAR'], ['title', 'title', 'VARCHAR'], ['duration', 'duration', 'DOUBLE'], ['year', 'year', 'INTEGER'],
];

const STAR_DDL = [
  `CREATE SEQUENCE songplay_seq START 0 MINVALUE 0`,
  `CREATE TABLE songplays (songplay_id BIGINT DEFAULT nextval('songplay_seq') PRIMARY KEY, start_time TIMESTAMP NOT NULL, user_id INTEGER NOT NULL,
     level VARCHAR, song_id VARCHAR, artist_id VARCHAR, session_id INTEGER, location VARCHAR, user_agent VARCHAR)`,
  `CREATE TABLE users (user_id INTEGER NOT NULL PRIMARY KEY, first_name VARCHAR, last_name VARCHAR, gender VARCHAR, level VARCHAR)`,
  `CREATE TABLE songs (song_id VARCHAR NOT NULL PRIMARY KEY, title VARCHAR, artist_id VARCHAR, year INTEGER, duration DOUBLE)`,
  `CREATE TABLE artists (artist_id VARCHAR NOT NULL PRIMARY KEY, name VARCHAR, location VARCHAR, latitude DOUBLE, longitude DOUBLE)`,
  `CREATE TABLE time (start_time TIMESTAMP NOT NULL PRIMARY KEY, hour SMALLINT, day SMALLINT, week SMALLINT, month SMALLINT, year SMALLINT, weekday SMALLINT)`,
];

const staging = (table: string, fields: Array<[string, string, string]>) =>
  `CREATE TABLE ${table} (${fields.map(([, col, type]) => `${col} ${type}`).join(', ')})`;

/** INSERT … SELECT straight from read_json with explicit columns: no sampling, no JSON objects in between. */
const loadJson = (table: string, glob: string, fields: Array<[string, string, string]>) =>
  `INSERT INTO ${table} SELECT ${fields.map(([key, col]) => `"${key}" AS ${col}`).join(', ')}
   FROM read_json('${glob}', format = 'newline_delimited', columns = {${fields.map(([key, , type]) => `"${key}": '${type}'`).join(', ')}})`;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = Date.now();
  await work();
  return Date.now() - started;
}

async function inTransaction(conn: DuckDBConnection, statements: string[]): Promise<void> {
  await conn.run('BEGIN');
  for (const sql of statements) await conn.run(sql);
  await conn.run('COMMIT');
}

async function main(bucketDir: string, locked: boolean): Promise<FloorRun> {
  const dir = mkdtempSync(join(tmpdir(), 'sparkify-bench-floor-'));
  // The emulator's own engine settings (memory cap, insertion order, checkpoint threshold).
  const instance = await DuckDBInstance.create(join(dir, 'floor.duckdb'), engineSettings());
  const setup = await instance.connect();
  await setup.run('SET GLOBAL integer_division = true');
  // --locked (a diagnostic): the emulator's lockdown on this instance, to see what it costs DuckDB's reader.
  if (locked) await lockDown(setup, [realpathSync(bucketDir), realpathSync(dir)]);
  const connect = () => instance.connect();
  const conns = await Promise.all(STAR_TABLES.map(connect));
  try {
    const [conn] = conns;
    await conn.run(staging('staging_events', LOG_FIELDS));
    await conn.run(staging('staging_songs', SONG_FIELDS));
    for (const sql of STAR_DDL) await conn.run(sql);
    const started = Date.now();
    // Both staging loads at once, as the ETL's two COPYs run.
    const [eventsMs, songsMs] = await Promise.all([
      timed(() => conns[0].run(loadJson('staging_events', `${bucketDir}/log_data/**/*.json`, LOG_FIELDS))),
      timed(() => conns[1].run(loadJson('staging_songs', `${bucketDir}/song_data/**/*.json`, SONG_FIELDS))),
    ]);
    const starStarted = Date.now();
    await Promise.all(STAR_TABLES.map((table, k) => inTransaction(conns[k], loadStatements(`insert_${table}.sql`).map((s) => s.sql))));
    const starMs = Date.now() - starStarted;
    const totalMs = Date.now() - started;
    const counts: Record<string, number> = {};
    for (const table of ['staging_events', 'staging_songs', ...STAR_TABLES]) {
      counts[table] = Number((await conn.runAndReadAll(`SELECT COUNT(*) FROM ${table}`)).getRows()[0][0]);
    }
    return { eventsMs, songsMs, starMs, totalMs, counts, maxRssBytes: peakRssBytes() };
  } finally {
    for (const c of [setup, ...conns]) c.closeSync();
    instance.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}

process.stdout.write(JSON.stringify(await main(process.argv[2], process.argv[3] === '--locked')) + '\n');
