// COPY of CSV and delimited text: DELIMITER, IGNOREHEADER, QUOTE, NULL AS, EMPTYASNULL, GZIP, MANIFEST.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, ROLE, type Harness } from '../redshift-data/data-api-harness.js';

describe('COPY of delimited files', () => {
  let h: Harness;
  beforeAll(async () => {
    h = createHarness();
    expect((await h.run(`CREATE TABLE artists (artist_id VARCHAR(18) NOT NULL, name VARCHAR(64), plays INT, rating FLOAT)`)).Status).toBe('FINISHED');
  });
  afterAll(async () => h.close());
  const reset = (): Promise<unknown> => h.run('TRUNCATE artists');

  it('loads CSV with a header, quoted delimiters and doubled quotes; empty numbers are NULL', async () => {
    await reset();
    h.put('csv/a.csv', 'artist_id,name,plays,rating\nAR1,"Chase, Status",3,4.5\nAR2,"Say ""hi""",,\n');
    h.put('csv/b.csv', 'artist_id,name,plays,rating\nAR3,,7,1\n');
    const d = await h.run(`COPY artists FROM 's3://bucket/csv/' IAM_ROLE '${ROLE}' FORMAT AS CSV IGNOREHEADER 1`);
    expect(d.Status, d.Error).toBe('FINISHED');
    expect(d.ResultRows).toBe(3);
    expect(await h.rows(`SELECT artist_id, name, plays, rating FROM artists ORDER BY 1`)).toEqual([
      { artist_id: 'AR1', name: 'Chase, Status', plays: 3, rating: 4.5 },
      { artist_id: 'AR2', name: 'Say "hi"', plays: null, rating: null },
      { artist_id: 'AR3', name: '', plays: 7, rating: 1 },
    ]);
  });

  it('loads pipe-delimited text (the default format) with NULL AS and EMPTYASNULL, and a custom QUOTE in CSV', async () => {
    await reset();
    h.put('txt/a.txt', 'AR1|\\N|3|1.5\nAR2||4|2\n');
    const d = await h.run(`COPY artists FROM 's3://bucket/txt/a.txt' IAM_ROLE '${ROLE}' DELIMITER '|' NULL AS '\\N' EMPTYASNULL`);
    expect(d.Status, d.Error).toBe('FINISHED');
    expect(await h.rows(`SELECT artist_id, name FROM artists ORDER BY 1`)).toEqual([{ artist_id: 'AR1', name: null }, { artist_id: 'AR2', name: null }]);
    await reset();
    h.put('txt/default.txt', 'AR5|Five|5|5\n');
    const plain = await h.run(`COPY artists FROM 's3://bucket/txt/default' IAM_ROLE '${ROLE}'`);
    expect(plain.Status, plain.Error).toBe('FINISHED');
    expect(await h.rows(`SELECT artist_id, name, plays FROM artists`)).toEqual([{ artist_id: 'AR5', name: 'Five', plays: 5 }]);
    expect((await h.run(`COPY artists FROM 's3://bucket/txt/default' IAM_ROLE '${ROLE}' FIXEDWIDTH 'a:5'`)).Error).toMatch(/does not support FIXEDWIDTH/);
    h.put('q/a.csv', "AR9;'a;b';1;2\n");
    const q = await h.run(`COPY artists FROM 's3://bucket/q/' IAM_ROLE '${ROLE}' CSV QUOTE AS '''' DELIMITER ';'`);
    expect(q.Status, q.Error).toBe('FINISHED');
    expect(await h.rows(`SELECT name FROM artists WHERE artist_id = 'AR9'`)).toEqual([{ name: 'a;b' }]);
  });

  it('reads GZIP input and the files a MANIFEST names', async () => {
    await reset();
    h.put('gz/part1.csv.gz', gzipSync('AR1,One,1,1\nAR2,Two,2,2\n'));
    h.put('gz/part2.csv.gz', gzipSync('AR3,Three,3,3\n'));
    h.put('gz/ignored.csv.gz', gzipSync('AR4,Four,4,4\n'));
    h.put('manifests/m.json', JSON.stringify({ entries: [{ url: 's3://bucket/gz/part1.csv.gz', mandatory: true }, { url: 's3://bucket/gz/part2.csv.gz', mandatory: false }, { url: 's3://bucket/gz/gone.csv.gz', mandatory: false }] }));
    const d = await h.run(`COPY artists FROM 's3://bucket/manifests/m.json' CREDENTIALS 'aws_access_key_id=AKIA;aws_secret_access_key=x' CSV GZIP MANIFEST`);
    expect(d.Status, d.Error).toBe('FINISHED');
    expect(await h.rows(`SELECT artist_id FROM artists ORDER BY 1`)).toEqual([{ artist_id: 'AR1' }, { artist_id: 'AR2' }, { artist_id: 'AR3' }]);
    h.put('manifests/bad.json', JSON.stringify({ entries: [{ url: 's3://bucket/gz/gone.csv.gz', mandatory: true }] }));
    const bad = await h.run(`COPY artists FROM 's3://bucket/manifests/bad.json' IAM_ROLE '${ROLE}' CSV GZIP MANIFEST`);
    expect(bad.Error).toMatch(/Manifest file is mandatory but S3 file does not exist: s3:\/\/bucket\/gz\/gone\.csv\.gz/);
  });

  it('fails the whole COPY on a bad row and loads nothing', async () => {
    await reset();
    h.put('bad/a.csv', 'AR1,One,1,1\nAR2,Two,notanumber,2\n');
    const d = await h.run(`COPY artists FROM 's3://bucket/bad/' IAM_ROLE '${ROLE}' CSV`);
    expect(d.Status).toBe('FAILED');
    expect(await h.rows(`SELECT count(*) AS n FROM artists`)).toEqual([{ n: 0 }]);
  });
});
