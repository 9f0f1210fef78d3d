// S3 stays inside S3_ROOT for GET, LIST, COPY and jsonpaths alike: `..` in a bucket or key, a
// traversal in the jsonpaths argument, a symlink out of the folder and a symlink loop. Every
// out-of-bounds name is answered exactly as a missing one, whether or not the file exists.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, signed } from '../helpers/raw-http.js';
import { openAttackTarget, type AttackTarget } from './attack-kit.js';

const SECRET = 'OUTSIDE-SECRET-51c2';
const BUCKET = 'songs';

describe('S3 stays inside S3_ROOT', () => {
  let t: AttackTarget;
  let outside: string;
  const get = (path: string) => rawRequest(t.emulator.port, { path, headers: signed(t.emulator.port) });
  const copy = (from: string, format = `'auto'`) => t.sql(`COPY loaded FROM '${from}' IAM_ROLE '${t.roleArn}' FORMAT AS JSON ${format} MAXERROR 1000`);

  beforeAll(async () => {
    t = await openAttackTarget();
    // Beside S3_ROOT (its parent holds the state folder too): a secret, a JSON file and a folder.
    outside = join(t.dirs.root, 'secret');
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, 'creds.json'), `not json: ${SECRET}\n`);
    writeFileSync(join(outside, 'paths.json'), JSON.stringify({ jsonpaths: ['$.n'] }));
    const bucket = join(t.dirs.s3Root, BUCKET);
    mkdirSync(join(bucket, 'data', 'a'), { recursive: true });
    writeFileSync(join(bucket, 'data', 'a', 'one.json'), '{"n": 1}\n');
    writeFileSync(join(bucket, 'data', 'two.json'), '{"n": 2}\n');
    symlinkSync(join(outside, 'creds.json'), join(bucket, 'data', 'creds-link.json'));
    symlinkSync(outside, join(bucket, 'data', 'secret-dir'));
    symlinkSync(join(bucket, 'data'), join(bucket, 'data', 'a', 'loop')); // data/a/loop → data
    symlinkSync(outside, join(t.dirs.s3Root, 'linked-bucket'));
    expect((await t.sql('CREATE TABLE loaded (n INTEGER)')).Status).toBe('FINISHED');
  });
  afterAll(async () => {
    await t.stop();
    t.dirs.remove();
  });

  it('GetObject and ListObjectsV2: `..` in the bucket or key is NoSuchBucket / NoSuchKey, as for a missing one', async () => {
    const traversals = [`/../secret/creds.json`, `/%2E%2E/secret/creds.json`, `/${BUCKET}/../../secret/creds.json`, `/${BUCKET}/%2E%2E/%2E%2E/secret/creds.json`, `/${BUCKET}/data/../../../secret/creds.json`];
    for (const path of traversals) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(response.body, path).toMatch(/<Code>NoSuch(Bucket|Key)<\/Code>/);
      expect(response.body).not.toContain(SECRET);
    }
    const missing = await get(`/${BUCKET}/../../secret/nothing-here.json`);
    const present = await get(`/${BUCKET}/../../secret/creds.json`);
    expect(present.status).toBe(missing.status);
    expect(present.body.replace(/creds\.json/g, 'X').replace(/<RequestId>.*<\/RequestId>/, '')).toBe(missing.body.replace(/nothing-here\.json/g, 'X').replace(/<RequestId>.*<\/RequestId>/, ''));
    const list = await get(`/%2E%2E?list-type=2`);
    expect(list.status).toBe(404);
    expect(list.body).toContain('<Code>NoSuchBucket</Code>');
  });

  it('a symlink out of S3_ROOT is no object: not served, not listed, not a bucket', async () => {
    const file = await get(`/${BUCKET}/data/creds-link.json`);
    expect(file.status).toBe(404);
    expect(file.body).toContain('<Code>NoSuchKey</Code>');
    expect(file.body).not.toContain(SECRET);
    const inDir = await get(`/${BUCKET}/data/secret-dir/creds.json`);
    expect(inDir.status).toBe(404);
    const bucket = await get(`/linked-bucket?list-type=2`);
    expect(bucket.status).toBe(404);
    expect(bucket.body).toContain('<Code>NoSuchBucket</Code>');
  });

  it('a symlink loop adds no keys to a listing', async () => {
    const list = await get(`/${BUCKET}?list-type=2`);
    expect(list.status).toBe(200);
    const keys = [...list.body.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => m[1]);
    expect(keys).toEqual(['data/a/one.json', 'data/two.json']);
  });

  it('COPY from a bucket `..` fails as for a missing bucket, and nothing of the file reaches stl_load_errors', async () => {
    const present = await copy('s3://../secret/creds.json');
    const missing = await copy('s3://../secret/none.json');
    expect(present.Status).toBe('FAILED');
    expect(present.Error).toMatch(/The specified bucket does not exist/);
    expect(present.Error!.replace(/creds\.json/g, 'X')).toBe(missing.Error!.replace(/none\.json/g, 'X'));
    const traversal = await copy(`s3://${BUCKET}/../../secret/creds.json`);
    expect(traversal.Status).toBe('FAILED');
    expect(traversal.Error).toMatch(/The specified S3 prefix '\.\.\/\.\.\/secret\/creds\.json' does not exist/);
    const errors = await t.sql(`select raw_line from stl_load_errors`);
    expect(JSON.stringify(errors.rows)).not.toContain(SECRET);
  });

  it('COPY follows no symlink out of S3_ROOT and loads a looped folder once', async () => {
    const link = await copy(`s3://${BUCKET}/data/creds-link.json`);
    expect(link.Status).toBe('FAILED');
    expect(link.Error).toMatch(/The specified S3 prefix 'data\/creds-link\.json' does not exist/);
    const folder = await copy(`s3://${BUCKET}/data/secret-dir`);
    expect(folder.Error).toMatch(/The specified S3 prefix 'data\/secret-dir' does not exist/);
    expect((await copy(`s3://${BUCKET}/data`)).Status).toBe('FINISHED');
    expect((await t.sql('select n from loaded order by n')).rows).toEqual([[1], [2]]);
  });

  it('the jsonpaths argument opens nothing outside S3_ROOT, and its error does not tell whether the file exists', async () => {
    const present = await copy(`s3://${BUCKET}/data`, `'s3://${BUCKET}/../../secret/paths.json'`);
    const passwd = await copy(`s3://${BUCKET}/data`, `'s3://${BUCKET}/../../../../../../etc/passwd'`);
    const missing = await copy(`s3://${BUCKET}/data`, `'s3://${BUCKET}/../../secret/none.json'`);
    for (const outcome of [present, passwd, missing]) {
      expect(outcome.Status).toBe('FAILED');
      expect(outcome.Error).toMatch(/^ERROR: The specified S3 prefix '.*' does not exist$/);
    }
    const link = await copy(`s3://${BUCKET}/data`, `'s3://${BUCKET}/data/creds-link.json'`);
    expect(link.Error).toBe("ERROR: The specified S3 prefix 'data/creds-link.json' does not exist");
  });
});
