import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, ROLE, type Harness } from '../redshift-data/data-api-harness.js';

const T = `CREATE TABLE t (id INTEGER NOT NULL, name VARCHAR(5), score FLOAT, ts TIMESTAMP)`;
const copy = (from: string, opts = `FORMAT AS JSON 'auto'`) => `COPY t FROM 's3://bucket/${from}' IAM_ROLE '${ROLE}' ${opts} REGION 'us-west-2'`;

describe('COPY … FORMAT JSON', () => {
  let h: Harness;
  beforeEach(async () => { h = createHarness(); await h.run(T); });
  afterEach(async () => h.close());

  it("loads every key under the prefix, concatenated and multi-line objects, BOM, missing fields with 'auto'", async () => {
    h.put('in/a.json', '{"id":1,"name":"a","score":1.5}\n{"id":2,"name":"b"}');
    h.put('in/b.json', '\uFEFF{"id":3,\n "name":"c"} {"id":4, "NAME":"ignored"}');
    h.put('other/c.json', '{"id":99}');
    const d = await h.run(copy('in/'));
    expect(d).toMatchObject({ Status: 'FINISHED', ResultRows: 4 });
    expect(await h.rows('SELECT id, name, score FROM t ORDER BY id')).toEqual([
      { id: 1, name: 'a', score: 1.5 }, { id: 2, name: 'b', score: null }, { id: 3, name: 'c', score: null }, { id: 4, name: null, score: null }]);
  });

  it('reads a prefix as written, without a slash: sibling keys that start with it, nothing else; one commit row per file', async () => {
    h.put('logs/2018/a.json', '{"id":1}\n{"id":2}');
    h.put('logs_old/b.json', '{"id":3}');
    h.put('logs.json', '{"id":4}');
    h.put('other/logs/c.json', '{"id":99}');
    const d = await h.run(copy('logs'));
    expect(d).toMatchObject({ Status: 'FINISHED', ResultRows: 4 });
    // STL tables number queries apart from the SYS views' query_id (RedshiftQueryId), as on a provisioned cluster.
    const [{ stl }] = await h.rows(`SELECT max(query) AS stl FROM stl_load_commits`);
    expect(stl).not.toBe(d.RedshiftQueryId);
    expect(await h.rows(`SELECT count(*) AS n FROM stl_load_commits WHERE query = ${d.RedshiftQueryId}`)).toEqual([{ n: 0 }]);
    expect(await h.rows(`SELECT filename, lines_scanned FROM stl_load_commits WHERE query = ${stl} ORDER BY filename`)).toEqual([
      { filename: 's3://bucket/logs.json', lines_scanned: 1 },
      { filename: 's3://bucket/logs/2018/a.json', lines_scanned: 2 },
      { filename: 's3://bucket/logs_old/b.json', lines_scanned: 1 },
    ]);
    expect(await h.rows(`SELECT file_name, bytes_scanned, lines_scanned, errors FROM sys_load_detail WHERE query_id = ${d.RedshiftQueryId} ORDER BY file_name`)).toEqual([
      { file_name: 's3://bucket/logs.json', bytes_scanned: 8, lines_scanned: 1, errors: 0 },
      { file_name: 's3://bucket/logs/2018/a.json', bytes_scanned: 17, lines_scanned: 2, errors: 0 },
      { file_name: 's3://bucket/logs_old/b.json', bytes_scanned: 8, lines_scanned: 1, errors: 0 },
    ]);
  });

  it("matches keys case-insensitively with 'auto ignorecase' and converts epoch millis", async () => {
    h.put('in/a.json', '{"ID":1,"Name":"a","ts":1541105830796}');
    const d = await h.run(copy('in/', `FORMAT AS JSON 'auto ignorecase' TIMEFORMAT AS 'epochmillisecs'`));
    expect(d.Status).toBe('FINISHED');
    expect(await h.rows('SELECT id, name, ts FROM t')).toEqual([{ id: 1, name: 'a', ts: '2018-11-01 20:57:10.796' }]);
  });

  it('maps jsonpaths by position and rejects a count mismatch', async () => {
    h.put('paths.json', JSON.stringify({ jsonpaths: ["$['a']", '$.b.c', '$.s', "$['t']"] }));
    h.put('in/a.json', '{"a":7,"b":{"c":"deep"},"s":2.5}');
    expect((await h.run(copy('in/', `JSON 's3://bucket/paths.json'`))).Status).toBe('FINISHED');
    expect(await h.rows('SELECT id, name, score, ts FROM t')).toEqual([{ id: 7, name: 'deep', score: 2.5, ts: null }]);
    h.put('short.json', JSON.stringify({ jsonpaths: ["$['a']"] }));
    const bad = await h.run(copy('in/', `FORMAT JSON 's3://bucket/short.json'`));
    expect(bad.Error).toBe('ERROR: Number of jsonpaths and the number of columns should match. JSONPath size: 1, Number of columns in table or column list: 4');
  });

  it('fails atomically on a bad record with MAXERROR 0 and records it in stl_load_errors', async () => {
    h.put('in/a.json', '{"id":1,"name":"ok"}\n{"id":"abc","name":"x"}\n{"id":2, oops}\n');
    const d = await h.run(copy('in/'));
    expect(d.Status).toBe('FAILED');
    expect(d.Error).toBe("ERROR: Load into table 't' failed.  Check 'stl_load_errors' system table for details.");
    expect(await h.rows('SELECT count(*) AS n FROM t')).toEqual([{ n: 0 }]);
    const errors = await h.rows(`SELECT query, filename, line_number, colname, err_code, trim(err_reason) AS reason, raw_field_value FROM STL_LOAD_ERRORS ORDER BY line_number`);
    expect(errors[0]).toMatchObject({ filename: 's3://bucket/in/a.json', line_number: 2, colname: 'id', err_code: 1207, raw_field_value: 'abc' });
    expect(errors[0].query).not.toBe(d.RedshiftQueryId);
    expect(errors[0].reason).toContain("Invalid digit, Value 'a', Pos 0, Type: Integer");
    // The SYS view is the one keyed by DescribeStatement's RedshiftQueryId.
    expect(await h.rows(`SELECT trim(file_name) AS file_name, line_number, trim(column_name) AS column_name, column_type, error_code, trim(error_message) AS error_message
      FROM SYS_LOAD_ERROR_DETAIL WHERE query_id = ${d.RedshiftQueryId}`)).toEqual([{
      file_name: 's3://bucket/in/a.json', line_number: 2, column_name: 'id', column_type: 'integer', error_code: 1207, error_message: expect.stringContaining("Invalid digit, Value 'a'") }]);
  });

  it('skips up to MAXERROR bad records (malformed JSON, NOT NULL, too long) and loads the rest', async () => {
    h.put('in/a.json', '{"id":1,"name":"ok"}\n{"id":2, oops}\n{"name":"nul"}\n{"id":3,"name":"toolong"}\n{"id":4}');
    const d = await h.run(copy('in/', `FORMAT AS JSON 'auto' MAXERROR 10`));
    expect(d).toMatchObject({ Status: 'FINISHED', ResultRows: 2 });
    const errors = await h.rows(`select line_number, colname, err_code from stl_load_errors order by line_number`);
    expect(errors).toEqual([
      { line_number: 2, colname: '', err_code: 1216 },
      { line_number: 3, colname: 'id', err_code: 1213 },
      { line_number: 4, colname: 'name', err_code: 1204 },
    ]);
    const [hist] = await h.rows(`SELECT status, loaded_rows, error_count, source_file_count FROM sys_load_history WHERE query_id = ${d.RedshiftQueryId}`);
    expect(hist).toEqual({ status: 'completed', loaded_rows: 2, error_count: 3, source_file_count: 1 });
  });

  it('truncates with TRUNCATECOLUMNS and nulls empty strings with EMPTYASNULL', async () => {
    h.put('in/a.json', '{"id":1,"name":"toolong"}\n{"id":2,"name":""}');
    expect((await h.run(copy('in/', `FORMAT AS JSON 'auto' TRUNCATECOLUMNS EMPTYASNULL COMPUPDATE OFF STATUPDATE OFF`))).Status).toBe('FINISHED');
    expect(await h.rows('SELECT id, name FROM t ORDER BY id')).toEqual([{ id: 1, name: 'toolo' }, { id: 2, name: null }]);
  });

  it('fails like Redshift for an unknown or unattached IAM role, an empty prefix and a missing bucket', async () => {
    h.put('in/a.json', '{"id":1}');
    const role = await h.run(`COPY t FROM 's3://bucket/in/' IAM_ROLE 'arn:aws:iam::123456789012:role/nope' FORMAT AS JSON 'auto'`);
    expect(role.Error).toMatch(/^ERROR: User arn:aws:redshift:us-east-1:123456789012:dbuser:dwh\/dwhuser is not authorized to assume IAM Role arn:aws:iam::123456789012:role\/nope/);
    const empty = await h.run(copy('nothing/here'));
    expect(empty.Error).toMatch(/^ERROR: The specified S3 prefix 'nothing\/here' does not exist/);
    const bucket = await h.run(`COPY t FROM 's3://nobucket/x' CREDENTIALS 'aws_iam_role=${ROLE}' FORMAT AS JSON 'auto'`);
    expect(bucket.Error).toMatch(/The specified bucket does not exist/);
  });

  it("resolves IAM_ROLE default to the cluster's default IAM role, and still checks that role", async () => {
    h.put('in/a.json', '{"id":1}');
    const byDefault = (kw = 'default') => `COPY t FROM 's3://bucket/in/' IAM_ROLE ${kw} FORMAT AS JSON 'auto' REGION 'us-west-2'`;
    const unset = await h.run(byDefault());
    expect(unset.Status).toBe('FAILED');
    expect(unset.Error).toMatch(/^ERROR: Default IAM role is not set for cluster dwh/);
    h.cluster.defaultIamRoleArn = ROLE;
    expect(await h.run(byDefault())).toMatchObject({ Status: 'FINISHED', ResultRows: 1 });
    expect(await h.run(byDefault('DEFAULT'))).toMatchObject({ Status: 'FINISHED', ResultRows: 1 });
    expect(await h.rows('SELECT count(*) AS n FROM t')).toEqual([{ n: 2 }]);
    // The default role is assumed like a named one: it must still exist in IAM.
    h.roles.delete(ROLE);
    expect((await h.run(byDefault())).Error).toMatch(/^ERROR: User arn:aws:redshift:us-west-2:123456789012:dbuser:dwh\/dwhuser is not authorized to assume IAM Role arn:aws:iam::123456789012:role\/dwhRole/);
  });
});

describe('COPY of the real Sparkify sample', () => {
  it('loads 8056 events via log_json_path.json and 71 songs via auto', async () => {
    const h = createHarness();
    try {
      const src = '/work/main/data/s3/udacity-dend';
      const { cpSync } = await import('node:fs');
      cpSync(src, `${h.s3Root}/udacity-dend`, { recursive: true });
      const ddl = readFileSync(new URL('./sparkify-staging.sql', import.meta.url), 'utf8');
      const r = await h.service.handle('BatchExecuteStatement', { ClusterIdentifier: 'dwh', Database: 'dwh', DbUser: 'dwhuser', Sqls: ddl.split(';').filter((s) => s.trim()) }) as { Id: string };
      expect((await h.wait(r.Id)).Status).toBe('FINISHED');
      const events = h.start(`COPY staging_events FROM 's3://udacity-dend/log_data' IAM_ROLE '${ROLE}' FORMAT AS JSON 's3://udacity-dend/log_json_path.json' REGION 'us-west-2'`);
      const songs = h.start(`COPY staging_songs FROM 's3://udacity-dend/song_data' IAM_ROLE '${ROLE}' FORMAT AS JSON 'auto' REGION 'us-west-2'`);
      const [e, s] = await Promise.all([h.wait(await events), h.wait(await songs)]);
      expect(e).toMatchObject({ Status: 'FINISHED', Error: undefined, ResultRows: 8056 });
      expect(s).toMatchObject({ Status: 'FINISHED', ResultRows: 71 });
      expect(await h.rows('SELECT count(*) AS n FROM staging_events')).toEqual([{ n: 8056 }]);
      expect(await h.rows('SELECT count(*) AS n, count(artist_id) AS a FROM staging_songs')).toEqual([{ n: 71, a: 71 }]);
      const [hist] = await h.rows(`SELECT status, source_file_count, file_count_scanned, loaded_rows FROM SYS_LOAD_HISTORY WHERE query_id = ${e.RedshiftQueryId}`);
      expect(hist).toEqual({ status: 'completed', source_file_count: 30, file_count_scanned: 30, loaded_rows: 8056 });
      expect(await h.rows(`SELECT count(*) AS n FROM stl_load_commits WHERE filename LIKE '%/song_data/%'`)).toEqual([{ n: 71 }]);
    } finally {
      await h.close();
    }
  });
});
