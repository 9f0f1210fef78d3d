// Redshift behaviours public Sparkify projects rely on (issue 15), each checked through the Data API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../redshift-data/data-api-harness.js';

describe('Redshift SQL fidelity', () => {
  let h: Harness;
  beforeAll(() => { h = createHarness(); });
  afterAll(async () => h.close());

  const fails = async (sql: string): Promise<string> => {
    const d = await h.run(sql);
    expect(d.Status, sql).toBe('FAILED');
    return d.Error as string;
  };

  it('interval arithmetic on epoch milliseconds, in either order', async () => {
    const [r] = await h.rows(`SELECT timestamp 'epoch' + 1541105830796 * interval '1 second' / 1000 AS a,
        TIMESTAMP 'epoch' + (1541105830796 / 1000) * INTERVAL '1 second' AS b,
        timestamp 'epoch' + interval '1 second' * 1541105830796 / 1000 AS c,
        '1970-01-01'::timestamp + 1541105830796 * '1 millisecond'::interval AS d,
        date_add('ms', 1541105830796, '1970-01-01') AS e`);
    expect(r).toEqual({ a: '2018-11-01 20:57:10.796', b: '2018-11-01 20:57:10', c: '2018-11-01 20:57:10.796', d: '2018-11-01 20:57:10.796', e: '2018-11-01 20:57:10.796' });
  });

  it('to_char pads and cases day and month names as Redshift does', async () => {
    const [r] = await h.rows(`SELECT to_char(TIMESTAMP '2018-11-05 13:04:05.123', 'Day') AS d1, to_char(TIMESTAMP '2018-11-05', 'DAY') AS d2,
        to_char(TIMESTAMP '2018-11-05', 'day') AS d3, to_char(TIMESTAMP '2018-11-05', 'FMDay') AS d4, to_char(TIMESTAMP '2018-11-05', 'Dy DY dy') AS d5,
        to_char(TIMESTAMP '2018-05-05', 'Month|MONTH|Mon|MON') AS m, to_char(TIMESTAMP '2018-11-05 13:04:05.123', 'YYYY-MM-DD HH24:MI:SS.MS') AS ts,
        to_char(TIMESTAMP '2018-11-05 00:04:05', 'HH12 HH AM pm') AS h12, to_char(TIMESTAMP '2018-11-04', 'D ID Q WW IW DDD CC YY') AS nums,
        to_char(TIMESTAMP '2018-11-05', '"week "IW') AS quoted, to_char(NULL::timestamp, 'Day') AS nul, to_char(TIMESTAMP '2018-11-05', 'DD')`);
    expect(r).toEqual({
      d1: 'Monday   ', d2: 'MONDAY   ', d3: 'monday   ', d4: 'Monday', d5: 'Mon MON mon', m: 'May      |MAY      |May|MAY',
      ts: '2018-11-05 13:04:05.123', h12: '12 12 AM am', nums: '1 7 4 44 44 308 21 18', quoted: 'week 45', nul: null, to_char: '05',
    });
  });

  it('division by zero is an error, integer division truncates', async () => {
    expect(await fails(`SELECT 1/0`)).toBe('ERROR: division by zero');
    expect(await fails(`SELECT x / y FROM (VALUES (4, 2), (1, 0)) AS t(x, y)`)).toBe('ERROR: division by zero');
    expect(await fails(`SELECT 5 % 0`)).toBe('ERROR: division by zero');
    expect(await h.rows(`SELECT 7 / 2 AS a, 7.0 / 2 AS b, -7 / 2 AS c, (3 + 4) / (1 + 1) AS d`)).toEqual([{ a: 3, b: 3.5, c: -3, d: 3 }]);
  });

  it('an explicit cast to varchar(n) truncates; an INSERT of a longer value fails', async () => {
    expect(await h.rows(`SELECT 'abc'::varchar(2) AS a, CAST('abcdef' AS VARCHAR(3)) AS b, 'abc'::character varying(1) AS c, 'ab'::varchar(10) AS d`))
      .toEqual([{ a: 'ab', b: 'abc', c: 'a', d: 'ab' }]);
    expect((await h.run(`CREATE TABLE short_text (s VARCHAR(2))`)).Status).toBe('FINISHED');
    expect(await fails(`INSERT INTO short_text VALUES ('abc')`)).toBe('ERROR: value too long for type character varying(2)');
    expect((await h.run(`INSERT INTO short_text VALUES ('abc'::varchar(2))`)).Status).toBe('FINISHED');
  });

  it('session functions answer as Redshift, and unaliased columns are named as Redshift names them', async () => {
    const d = await h.run(`SELECT current_user, current_database(), version(), EXTRACT(hour FROM TIMESTAMP '2018-11-05 13:00'), 'abc'::varchar(2), to_char(TIMESTAMP '2018-11-05', 'YYYY')`);
    const r = (await h.service.handle('GetStatementResult', { Id: d.Id })) as Record<string, any>;
    expect(r.ColumnMetadata.map((c: any) => c.name)).toEqual(['current_user', 'current_database', 'version', 'date_part', 'varchar', 'to_char']);
    const values = r.Records[0].map((f: any) => Object.values(f)[0]);
    expect(values.slice(0, 2)).toEqual(['dwhuser', 'dwh']);
    expect(values[2]).toMatch(/^PostgreSQL 8\.0\.2 on i686-pc-linux-gnu, compiled by GCC .* Redshift 1\.0\.\d+$/);
    expect(values[3]).toBe(13);
  });

  it('SET search_path decides where CREATE, DROP, INSERT, SELECT and COPY go; SHOW reports it', async () => {
    expect(await h.rows(`SHOW search_path`)).toEqual([{ search_path: '$user, public' }]);
    for (const sql of [`CREATE SCHEMA IF NOT EXISTS sparkify`, `SET search_path TO sparkify`]) expect((await h.run(sql)).Status).toBe('FINISHED');
    // Each Data API statement is its own session: the path has to be set in the same batch.
    const batch = (await h.service.handle('BatchExecuteStatement', { ClusterIdentifier: 'dwh', Database: 'dwh', DbUser: 'dwhuser', Sqls: [
      `SET search_path TO sparkify`, `CREATE TABLE staging_events (artist VARCHAR(256), ts BIGINT)`, `INSERT INTO staging_events VALUES ('a', 1)`,
      `CREATE TABLE IF NOT EXISTS users (user_id INT)`, `DROP TABLE users`, `SHOW search_path`,
    ] })) as { Id: string };
    const done = await h.wait(batch.Id);
    expect(done.Status, JSON.stringify(done.SubStatements?.map((s: any) => s.Error))).toBe('FINISHED');
    expect(await h.rows(`SELECT table_schema, table_name FROM information_schema.tables WHERE table_name IN ('staging_events', 'users') ORDER BY 1`))
      .toEqual([{ table_schema: 'sparkify', table_name: 'staging_events' }]);
    const show = (await h.service.handle('GetStatementResult', { Id: `${batch.Id}:6` })) as Record<string, any>;
    expect(show.Records).toEqual([[{ stringValue: 'sparkify' }]]);
    expect(await fails(`SET no_such_parameter TO 1`)).toBe('ERROR: unrecognized configuration parameter "no_such_parameter"');
    expect(await fails(`SHOW TABLES FROM SCHEMA dwh.public`)).toMatch(/does not support SHOW TABLES: query information_schema/);
    expect(await h.rows(`SHOW datestyle`)).toEqual([{ datestyle: 'ISO, MDY' }]);
  });

  it('rejects what Redshift rejects in CREATE TABLE', async () => {
    expect(await fails(`CREATE TABLE t_comma (a INT, b INT,)`)).toBe('ERROR: syntax error at or near ")"');
    expect(await fails(`CREATE TABLE t_ident (id INT IDENTITY, b INT)`)).toBe('ERROR: syntax error at or near ","');
    expect(await fails(`CREATE TABLE t_ident (id INT IDENTITY(1), b INT)`)).toBe('ERROR: syntax error at or near ")"');
    expect((await h.run(`CREATE TABLE t_ident (id INT IDENTITY(-1, 2), b INT)`)).Status).toBe('FINISHED');
  });

  it('CREATE TABLE … LIKE copies columns, NOT NULL, encodings, dist and sort keys; pg_table_def shows them', async () => {
    expect((await h.run(`CREATE TABLE parent_t (id INT NOT NULL ENCODE az64 DISTKEY, name VARCHAR(20) DEFAULT 'x', at TIMESTAMP SORTKEY)`)).Status).toBe('FINISHED');
    expect((await h.run(`CREATE TABLE child_t (LIKE parent_t)`)).Status).toBe('FINISHED');
    expect((await h.run(`CREATE TABLE child_d (LIKE public.parent_t INCLUDING DEFAULTS)`)).Status).toBe('FINISHED');
    expect(await h.rows(`SELECT "column", type, encoding, distkey, sortkey, "notnull" FROM pg_table_def WHERE tablename = 'child_t' ORDER BY "column"`)).toEqual([
      { column: 'at', type: 'timestamp without time zone', encoding: 'none', distkey: false, sortkey: 1, notnull: false },
      { column: 'id', type: 'integer', encoding: 'az64', distkey: true, sortkey: 0, notnull: true },
      { column: 'name', type: 'character varying(20)', encoding: 'none', distkey: false, sortkey: 0, notnull: false },
    ]);
    await h.run(`INSERT INTO child_d (id) VALUES (1)`);
    await h.run(`INSERT INTO child_t (id) VALUES (1)`);
    expect(await h.rows(`SELECT (SELECT name FROM child_d) AS d, (SELECT name FROM child_t) AS t`)).toEqual([{ d: 'x', t: null }]);
    expect(await fails(`INSERT INTO child_t (id, name) VALUES (2, '${'y'.repeat(21)}')`)).toBe('ERROR: value too long for type character varying(20)');
    expect(await fails(`CREATE TABLE orphan (LIKE no_such_table)`)).toBe('ERROR: relation "no_such_table" does not exist');
    expect(await h.rows(`SELECT DISTINCT schemaname FROM pg_table_def`)).toEqual([{ schemaname: 'public' }]);
  });

  it('svv_table_info has Redshift\'s columns', async () => {
    const d = await h.run(`SELECT * FROM svv_table_info WHERE "table" = 'parent_t'`);
    const r = (await h.service.handle('GetStatementResult', { Id: d.Id })) as Record<string, any>;
    expect(r.ColumnMetadata.map((c: any) => c.name)).toEqual(['database', 'schema', 'table_id', 'table', 'encoded', 'diststyle', 'sortkey1',
      'max_varchar', 'sortkey1_enc', 'sortkey_num', 'size', 'pct_used', 'empty', 'unsorted', 'stats_off', 'tbl_rows', 'skew_sortkey1',
      'skew_rows', 'estimated_visible_rows', 'risk_event', 'vacuum_sort_benefit', 'create_time']);
  });
});
