// COPY input that is not clean JSON: Redshift's answer for each (a failed record with its file and
// line in stl_load_errors and SYS_LOAD_ERROR_DETAIL), never a broken SQL statement or a silent row.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { createHarness, ROLE, type Harness } from '../redshift-data/data-api-harness.js';

const T = `CREATE TABLE t (id INTEGER NOT NULL, name VARCHAR(5), score FLOAT)`;
const copy = (from: string, opts = '') => `COPY t FROM 's3://bucket/${from}' IAM_ROLE '${ROLE}' FORMAT AS JSON 'auto' ${opts} REGION 'us-west-2'`;
const errorsOf = (h: Harness, queryId: number) =>
  h.rows(`SELECT trim(file_name) AS file, line_number AS line, trim(column_name) AS col, error_code AS code, trim(error_message) AS message
    FROM sys_load_error_detail WHERE query_id = ${queryId} ORDER BY line_number`);

describe('COPY of bad input', () => {
  let h: Harness;
  beforeEach(async () => { h = createHarness(); await h.run(T); });
  afterEach(async () => h.close());

  it.each([
    ['a NUL byte', Buffer.from('{"id":1,"name":"a"}\n{"id":2,"name":"b\u0000"}\n')],
    ['binary garbage', Buffer.concat([Buffer.from('{"id":1}\n'), Buffer.from([0xff, 0xfe, 0x27, 0x00, 0x80, 0x27, 0x5c, 0x0a])])],
    ['a gzip file named .json', gzipSync(Buffer.from('{"id":1,"name":"a"}\n'.repeat(50)))],
  ])('%s fails the load naming the file and line, with the rows in stl_load_errors', async (_what, body) => {
    h.put('in/bad.json', body);
    const d = await h.run(copy('in/'));
    expect(d.Status).toBe('FAILED');
    expect(d.Error).toBe("ERROR: Load into table 't' failed.  Check 'stl_load_errors' system table for details.");
    const errors = await errorsOf(h, d.RedshiftQueryId);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatchObject({ file: 's3://bucket/in/bad.json', line: expect.any(Number) });
    expect(Number(errors[0].line)).toBeGreaterThan(0);
    const [stl] = await h.rows(`SELECT trim(filename) AS file, line_number, err_code FROM stl_load_errors`);
    expect(stl).toMatchObject({ file: 's3://bucket/in/bad.json', line_number: errors[0].line });
    expect(await h.rows('SELECT count(*) AS n FROM t')).toEqual([{ n: 0 }]);
  });

  it('rejects NaN and Infinity (not JSON) as Redshift does, loading the good records with MAXERROR', async () => {
    h.put('in/a.json', '{"id":1,"score":1.5}\n{"id":2,"score":NaN}\n{"id":3,"score":-Infinity}\n{"id":4,"name":"NaN"}\n');
    const d = await h.run(copy('in/', 'MAXERROR 5'));
    expect(d).toMatchObject({ Status: 'FINISHED', ResultRows: 2 });
    expect(await h.rows('SELECT id, name, score FROM t ORDER BY id')).toEqual([{ id: 1, name: null, score: 1.5 }, { id: 4, name: 'NaN', score: null }]);
    expect((await errorsOf(h, d.RedshiftQueryId)).map((e) => [e.line, e.code])).toEqual([[2, 1216], [3, 1216]]);
  });

  it('fails a top-level JSON array as a record instead of loading an all-NULL row', async () => {
    h.put('in/a.json', '[{"id":1,"name":"a"}]\n');
    const d = await h.run(copy('in/'));
    expect(d.Status).toBe('FAILED');
    expect(await errorsOf(h, d.RedshiftQueryId)).toEqual([expect.objectContaining({ file: 's3://bucket/in/a.json', line: 1, code: 1216 })]);
    h.put('in/a.json', '{"id":1}\n[{"id":2}]\n{"id":3}\n');
    const again = await h.run(copy('in/', 'MAXERROR 1'));
    expect(again).toMatchObject({ Status: 'FINISHED', ResultRows: 2 });
  });

  it('fails invalid UTF-8 unless ACCEPTINVCHARS, which replaces each bad byte as Redshift does', async () => {
    h.put('in/a.json', Buffer.concat([Buffer.from('{"id":1,"name":"a'), Buffer.from([0xff, 0xfe]), Buffer.from('"}\n{"id":2,"name":"é"}\n')]));
    const d = await h.run(copy('in/'));
    expect(d.Status).toBe('FAILED');
    const [e] = await errorsOf(h, d.RedshiftQueryId);
    expect(e).toMatchObject({ line: 1, code: 1220 });
    expect(e.message).toContain('Bad UTF8 hex sequence: ff');
    expect((await h.run(copy('in/', 'ACCEPTINVCHARS'))).Status).toBe('FINISHED');
    expect(await h.rows('SELECT id, name FROM t ORDER BY id')).toEqual([{ id: 1, name: 'a??' }, { id: 2, name: 'é' }]);
    await h.run('DELETE FROM t');
    expect((await h.run(copy('in/', `ACCEPTINVCHARS AS '^'`))).Status).toBe('FINISHED');
    expect(await h.rows('SELECT name FROM t WHERE id = 1')).toEqual([{ name: 'a^^' }]);
  });

  it('large files (read straight into the table) with a load error and a malformed record restart the careful way, exactly', async () => {
    const good = (from: number, n: number) => Array.from({ length: n }, (_, k) => JSON.stringify({ id: from + k, name: 'n', score: k / 2 })).join('\n');
    h.put('big/a.json', `${good(0, 3000)}\n{"id":"x1"}\n${good(3000, 3000)}\n`);
    h.put('big/b.json', `${good(10_000, 3000)}\n{"id": oops}\n${good(13_000, 10)}\n`);
    h.put('big/c.json', `${good(20_000, 4000)}\n`);
    const d = await h.run(copy('big/', 'MAXERROR 2'));
    expect(d).toMatchObject({ Status: 'FINISHED', ResultRows: 13_010 });
    expect(await h.rows('SELECT count(*) AS n, count(DISTINCT id) AS ids FROM t')).toEqual([{ n: 13_010, ids: 13_010 }]);
    expect((await errorsOf(h, d.RedshiftQueryId)).map((e) => [e.file, e.line, e.code])).toEqual([
      ['s3://bucket/big/a.json', 3001, 1207], ['s3://bucket/big/b.json', 3001, 1216]]);
    expect(await h.rows(`SELECT file_name, lines_scanned, errors FROM sys_load_detail WHERE query_id = ${d.RedshiftQueryId} ORDER BY file_name`)).toEqual([
      { file_name: 's3://bucket/big/a.json', lines_scanned: 6001, errors: 1 },
      { file_name: 's3://bucket/big/b.json', lines_scanned: 3011, errors: 1 },
      { file_name: 's3://bucket/big/c.json', lines_scanned: 4000, errors: 0 },
    ]);
    await h.run('DELETE FROM t');
    const clean = await h.run(copy('big/c.json'));
    expect(clean).toMatchObject({ Status: 'FINISHED', ResultRows: 4000 });
    expect(await h.rows(`SELECT lines_scanned FROM sys_load_detail WHERE query_id = ${clean.RedshiftQueryId}`)).toEqual([{ lines_scanned: 4000 }]);
  });

  it('removes stage files a killed process left behind when the next engine opens, and keeps a live one’s', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const leftover = join(tmpdir(), `sparkify-copy-${dead}-1001-1.parquet`);
    const live = join(tmpdir(), `sparkify-copy-${process.pid}-999999-1.ndjson`);
    writeFileSync(leftover, 'x');
    writeFileSync(live, 'x');
    try {
      await h.close();
      h = createHarness(); // the next start: its engine opens at the first statement
      await h.run(T);
      h.put('in/a.json', '{"id":1}');
      expect((await h.run(copy('in/'))).Status).toBe('FINISHED');
      expect(existsSync(leftover)).toBe(false);
      expect(existsSync(live)).toBe(true);
    } finally {
      spawnSync('rm', ['-f', leftover, live]);
    }
  });
});

describe('COPY of a 300 MB single-line file with one broken record', () => {
  it('streams the detailed path: peak RSS under 1 GiB, the broken record named by file and line, the rest loaded', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'big-copy-child.ts'), String(300)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    const code = await new Promise((r) => child.on('close', r));
    expect(code, err).toBe(0);
    const result = JSON.parse(out.trim().split('\n').pop()!) as { status: string; rows: number; records: number; errors: unknown[]; maxRssBytes: number; bytes: number };
    expect(result.bytes).toBeGreaterThan(300e6);
    expect(result).toMatchObject({ status: 'FINISHED', rows: result.records - 1 });
    expect(result.errors).toEqual([{ file: 's3://bucket/big/one-line.json', line: 1, code: 1216 }]);
    expect(result.maxRssBytes).toBeLessThan(2 ** 30);
  }, 240_000);
});
