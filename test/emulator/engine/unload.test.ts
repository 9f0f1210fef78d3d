// UNLOAD into the emulated S3 folder, COPY with key-based credentials (redacted), pg_last_copy_*.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, ROLE, type Harness } from '../redshift-data/data-api-harness.js';

describe('UNLOAD and key-based COPY credentials', () => {
  let h: Harness;
  const bucketDir = (): string => join(h.s3Root, 'bucket');
  beforeAll(async () => {
    h = createHarness();
    h.put('songs/a.json', '{"song_id":"S1","title":"One, two","year":2001}\n{"song_id":"S2","title":"Say \\"hi\\"","year":null}\n');
    h.put('songs/b.json', '{"song_id":"S3","title":"Three","year":2003}\n');
    expect((await h.run(`CREATE TABLE songs (song_id VARCHAR(18), title VARCHAR(256), year INT)`)).Status).toBe('FINISHED');
  });
  afterAll(async () => h.close());

  it('COPY accepts CREDENTIALS with access keys and ACCESS_KEY_ID … SECRET_ACCESS_KEY …, and never shows the secret', async () => {
    const a = await h.run(`COPY songs FROM 's3://bucket/songs/a' CREDENTIALS 'aws_access_key_id=AKIAEXAMPLE;aws_secret_access_key=wJalrSECRET' FORMAT AS JSON 'auto'`);
    expect(a.Status, a.Error).toBe('FINISHED');
    expect(a.ResultRows).toBe(2);
    expect(a.QueryString).not.toMatch(/wJalrSECRET|AKIAEXAMPLE/);
    const b = await h.run(`COPY songs FROM 's3://bucket/songs/b' ACCESS_KEY_ID 'AKIAEXAMPLE' SECRET_ACCESS_KEY 'wJalrSECRET' SESSION_TOKEN 'tok123' JSON 'auto'`);
    expect(b.Status, b.Error).toBe('FINISHED');
    expect(b.QueryString).not.toMatch(/wJalrSECRET|AKIAEXAMPLE|tok123/);
    const listed = (await h.service.handle('ListStatements', {})) as { Statements: { QueryString?: string }[] };
    expect(JSON.stringify(listed)).not.toMatch(/wJalrSECRET|tok123/);
    const bad = await h.run(`COPY songs FROM 's3://bucket/songs/b' CREDENTIALS 'nonsense' JSON 'auto'`);
    expect(bad.Error).toMatch(/Invalid credentials/);
  });

  it('pg_last_copy_count() and pg_last_copy_id() describe the session\'s last COPY', async () => {
    const batch = (await h.service.handle('BatchExecuteStatement', { ClusterIdentifier: 'dwh', Database: 'dwh', DbUser: 'dwhuser', Sqls: [
      `SELECT pg_last_copy_count() AS n, pg_last_copy_id() AS id`,
      `COPY songs FROM 's3://bucket/songs/' IAM_ROLE '${ROLE}' JSON 'auto'`,
      `SELECT pg_last_copy_count(), pg_last_copy_id()`,
    ] })) as { Id: string };
    const done = await h.wait(batch.Id);
    expect(done.Status).toBe('FINISHED');
    const before = (await h.service.handle('GetStatementResult', { Id: `${batch.Id}:1` })) as Record<string, any>;
    expect(before.Records).toEqual([[{ longValue: 0 }, { longValue: -1 }]]);
    const after = (await h.service.handle('GetStatementResult', { Id: `${batch.Id}:3` })) as Record<string, any>;
    expect(after.ColumnMetadata.map((c: any) => c.name)).toEqual(['pg_last_copy_count', 'pg_last_copy_id']);
    expect(after.Records[0][0]).toEqual({ longValue: 3 });
    expect(after.Records[0][1]).toEqual({ longValue: done.SubStatements[1].RedshiftQueryId });
  });

  it('writes CSV with a header and a manifest, named <prefix>0000_part_00, and refuses to overwrite without ALLOWOVERWRITE', async () => {
    const sql = `UNLOAD ('SELECT song_id, title, year FROM songs WHERE song_id <> \\'S9\\' ORDER BY song_id') TO 's3://bucket/out/songs_' IAM_ROLE '${ROLE}' FORMAT AS CSV HEADER MANIFEST`;
    const d = await h.run(sql);
    expect(d.Status, d.Error).toBe('FINISHED');
    expect(readdirSync(join(bucketDir(), 'out')).sort()).toEqual(['songs_0000_part_00', 'songs_manifest']);
    const csv = readFileSync(join(bucketDir(), 'out', 'songs_0000_part_00'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('song_id,title,year');
    expect(csv.length).toBe(7);
    expect(csv).toContain('S1,"One, two",2001');
    expect(csv).toContain('S2,"Say ""hi""",');
    const manifest = JSON.parse(readFileSync(join(bucketDir(), 'out', 'songs_manifest'), 'utf8'));
    expect(manifest).toEqual({ entries: [{ url: 's3://bucket/out/songs_0000_part_00' }] });
    const again = await h.run(sql);
    expect(again.Error).toMatch(/Specified unload destination on S3 is not empty.*ALLOWOVERWRITE/);
    expect((await h.run(`${sql} ALLOWOVERWRITE`)).Status).toBe('FINISHED');
  });

  it('writes JSON lines and Parquet, serially with PARALLEL OFF', async () => {
    const j = await h.run(`UNLOAD ('SELECT DISTINCT song_id, year FROM songs ORDER BY 1') TO 's3://bucket/json/' IAM_ROLE '${ROLE}' FORMAT JSON PARALLEL OFF`);
    expect(j.Status, j.Error).toBe('FINISHED');
    const lines = readFileSync(join(bucketDir(), 'json', '000'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([{ song_id: 'S1', year: 2001 }, { song_id: 'S2', year: null }, { song_id: 'S3', year: 2003 }]);
    const p = await h.run(`UNLOAD ('SELECT * FROM songs') TO 's3://bucket/pq/songs_' IAM_ROLE '${ROLE}' FORMAT AS PARQUET MANIFEST VERBOSE`);
    expect(p.Status, p.Error).toBe('FINISHED');
    const file = join(bucketDir(), 'pq', 'songs_0000_part_00.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    const n = await conn.runAndReadAll(`SELECT count(*)::INT FROM read_parquet('${file}')`);
    expect(n.getRows()[0][0]).toBe(6);
    conn.closeSync();
    const verbose = JSON.parse(readFileSync(join(bucketDir(), 'pq', 'songs_manifest'), 'utf8'));
    expect(verbose.entries[0].meta.record_count).toBe(6);
    expect(verbose.schema.elements.map((e: any) => e.name)).toEqual(['song_id', 'title', 'year']);
  });

  it('checks the role and keeps writes inside the S3 folder', async () => {
    const role = await h.run(`UNLOAD ('SELECT 1') TO 's3://bucket/x/' IAM_ROLE 'arn:aws:iam::123456789012:role/other'`);
    expect(role.Error).toMatch(/not authorized to assume IAM Role/);
    const escape = await h.run(`UNLOAD ('SELECT 1') TO 's3://bucket/../../escape_' IAM_ROLE '${ROLE}'`);
    expect(escape.Status).toBe('FAILED');
    expect(existsSync(join(h.s3Root, '..', 'escape_0000_part_00'))).toBe(false);
    const noBucket = await h.run(`UNLOAD ('SELECT 1') TO 's3://nobucket/x/' IAM_ROLE '${ROLE}'`);
    expect(noBucket.Error).toMatch(/bucket does not exist/);
  });
});
