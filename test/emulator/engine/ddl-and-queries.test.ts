import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../redshift-data/data-api-harness.js';

const STAR_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS staging_events (artist VARCHAR, auth VARCHAR, firstName VARCHAR, gender CHAR(1),
     itemInSession INTEGER, lastName VARCHAR, length FLOAT, level VARCHAR, location VARCHAR(MAX), method VARCHAR,
     page VARCHAR, registration BIGINT, sessionId INTEGER, song VARCHAR, status INTEGER, ts BIGINT, userAgent TEXT, userId INTEGER)`,
  `CREATE TABLE IF NOT EXISTS users (user_id INTEGER PRIMARY KEY SORTKEY, first_name VARCHAR(50) NOT NULL ENCODE zstd,
     last_name VARCHAR, gender CHAR(1), level VARCHAR(10)) DISTSTYLE ALL`,
  `CREATE TABLE IF NOT EXISTS songplays (songplay_id BIGINT IDENTITY(0,1) PRIMARY KEY, start_time TIMESTAMP NOT NULL SORTKEY,
     user_id INTEGER NOT NULL REFERENCES users(user_id) DISTKEY, level VARCHAR, song_id VARCHAR, artist_id VARCHAR,
     session_id INTEGER, location VARCHAR, user_agent VARCHAR, FOREIGN KEY (user_id) REFERENCES users (user_id))`,
  `CREATE TABLE time (start_time TIMESTAMP PRIMARY KEY, hour INT4, day INT2, week INT, month INT, year INT8, weekday INT)
     DISTSTYLE KEY DISTKEY(start_time) COMPOUND SORTKEY(start_time, hour) BACKUP NO`,
];

describe('Redshift DDL and query rewrite on DuckDB', () => {
  let h: Harness;
  beforeAll(async () => {
    h = createHarness();
    for (const sql of STAR_SCHEMA) expect(await h.run(sql)).toMatchObject({ Status: "FINISHED", Error: undefined });
  });
  afterAll(async () => h.close());

  it('creates the star schema in public, visible in information_schema', async () => {
    const tables = await h.rows(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`);
    expect(tables.map((r) => r.table_name)).toEqual(['songplays', 'staging_events', 'time', 'users']);
  });

  it('fills IDENTITY columns from a sequence and does not enforce PRIMARY KEY', async () => {
    await h.run(`INSERT INTO users VALUES (1, 'Ann', 'A', 'F', 'free'), (1, 'Ann', 'A', 'F', 'paid')`);
    await h.run(`INSERT INTO songplays (start_time, user_id, level) VALUES ('2018-11-01 10:00:00', 1, 'free'), ('2018-11-01 11:00:00', 1, 'paid')`);
    const rows = await h.rows(`SELECT songplay_id FROM songplays ORDER BY 1`);
    expect(rows).toEqual([{ songplay_id: 0 }, { songplay_id: 1 }]);
    expect(await h.rows(`SELECT count(*) AS n FROM users`)).toEqual([{ n: 2 }]);
  });

  it('enforces VARCHAR byte lengths and NOT NULL with Redshift messages', async () => {
    const long = await h.run(`INSERT INTO users VALUES (2, '${'x'.repeat(51)}', 'B', 'M', 'free')`);
    expect(long.Status).toBe('FAILED');
    expect(long.Error).toBe('ERROR: value too long for type character varying(50)');
    const multibyte = await h.run(`INSERT INTO users (user_id, first_name, gender) VALUES (3, 'Zoë', 'éé')`);
    expect(multibyte.Error).toMatch(/value too long for type character varying\(1\)/);
    const nul = await h.run(`INSERT INTO users (user_id) VALUES (4)`);
    expect(nul.Error).toBe('ERROR: Cannot insert a NULL value into column first_name');
  });

  it('keeps diststyle and sort keys for svv_table_info', async () => {
    const info = await h.rows(`SELECT "table", diststyle, sortkey1 FROM SVV_TABLE_INFO ORDER BY "table"`);
    expect(info).toEqual([
      { table: 'songplays', diststyle: 'KEY(user_id)', sortkey1: 'start_time' },
      { table: 'staging_events', diststyle: 'AUTO(EVEN)', sortkey1: null },
      { table: 'time', diststyle: 'KEY(start_time)', sortkey1: 'start_time' },
      { table: 'users', diststyle: 'ALL', sortkey1: 'user_id' },
    ]);
  });

  it('runs the Redshift functions an ETL uses', async () => {
    const [r] = await h.rows(`SELECT TIMESTAMP 'epoch' + 1541105830796/1000 * INTERVAL '1 second' AS start_time,
        EXTRACT(week FROM TIMESTAMP '2018-11-01 20:57:10') AS wk, EXTRACT(dow FROM TIMESTAMP '2018-11-01 20:57:10') AS dow,
        DATE_PART(hour, TIMESTAMP '2018-11-01 20:57:10') AS hr, DATEADD(day, 3, '2018-11-01'::date) AS plus3,
        DATEDIFF(day, '2018-11-01'::date, '2018-11-30'::date) AS diff, NVL(NULL, 'x') AS nv,
        TO_CHAR(TIMESTAMP '2018-11-01 20:57:10', 'YYYY-MM-DD HH24:MI') AS ch, 7::int4 / 2 AS half, 1.5::float8 AS f,
        GETDATE() IS NOT NULL AS now_ok`);
    expect(r).toEqual({ start_time: '2018-11-01 20:57:10', wk: 44, dow: 4, hr: 20, plus3: '2018-11-04 00:00:00', diff: 29,
      nv: 'x', ch: '2018-11-01 20:57', half: 3, f: 1.5, now_ok: true });
    const [l] = await h.rows(`SELECT LISTAGG(level, ',') WITHIN GROUP (ORDER BY level) AS levels FROM users`);
    expect(l.levels).toBe('free,paid');
  });

  it('converts STRTOL strings in the given base, 2 to 36, as Redshift', async () => {
    const [r] = await h.rows(`SELECT STRTOL('101', 2) AS bin, STRTOL('ff', 16) AS hex, STRTOL('zz', 36) AS b36, STRTOL('ZZ', 36) AS b36_upper,
        STRTOL('0xf', 16) AS ox, STRTOL('1234567', 8) AS oct, STRTOL('1234567', 10) AS dec, STRTOL('  -110101', 2) AS neg,
        STRTOL('abcd1234', 16) AS big, STRTOL('12x9', 10) AS prefix, STRTOL('', 10) AS empty, STRTOL(NULL, 10) AS nul`);
    expect(r).toEqual({ bin: 5, hex: 255, b36: 1295, b36_upper: 1295, ox: 15, oct: 342391, dec: 1234567, neg: -53,
      big: 2882343476, prefix: 12, empty: 0, nul: null });
    // A base that differs row by row, with a NULL among them.
    const rows = await h.rows(`SELECT STRTOL(s, b) AS v FROM (VALUES (1, '101', 2), (2, 'ff', 16), (3, NULL, 3), (4, '+7f', 16), (5, '11', 10)) AS x(i, s, b) ORDER BY i`);
    expect(rows.map((x) => x.v)).toEqual([5, 255, null, 127, 11]);
    expect((await h.run(`SELECT STRTOL('1', 37)`)).Status).toBe('FAILED');
  });

  it('drops tables with their identity sequences and can recreate them', async () => {
    expect((await h.run(`DROP TABLE IF EXISTS songplays, nope`)).Status).toBe('FINISHED');
    expect((await h.run(STAR_SCHEMA[2])).Status).toBe('FINISHED');
    await h.run(`INSERT INTO songplays (start_time, user_id) VALUES ('2018-11-01 10:00:00', 1)`);
    expect(await h.rows(`SELECT songplay_id FROM songplays`)).toEqual([{ songplay_id: 0 }]);
    expect((await h.run(`DROP TABLE nope`)).Error).toBe('ERROR: Table "nope" does not exist');
    expect((await h.run(`CREATE TABLE users (a int)`)).Error).toBe('ERROR: relation "users" already exists');
  });
});
