import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  paginateListObjectsV2,
} from '@aws-sdk/client-s3';
import { compareKeys } from '../../../src/emulator/s3/bucket-listing.js';
import { rawRequest, signed } from '../../helpers/raw-http.js';
import { rejectionOf, startTestEmulator, type TestEmulator } from './helpers.js';

const BUCKET = 'udacity-dend';
const MANY = 2500;

const rawGet = (port: number, path: string) => rawRequest(port, { path, headers: signed(port) });

function put(s3Root: string, key: string, body: string): void {
  const path = join(s3Root, BUCKET, key);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, body);
}

describe('emulated S3', () => {
  let t: TestEmulator;
  const manyKeys: string[] = [];

  beforeAll(async () => {
    t = await startTestEmulator();
    // Spread over directories so the listing has to merge and sort them like S3 (byte order, not walk order).
    for (let i = 0; i < MANY; i++) {
      const key = `log_data/2018/${String(i % 7).padStart(2, '0')}/event-${i}.json`;
      manyKeys.push(key);
      put(t.dirs.s3Root, key, `{"n":${i}}\n`);
    }
    put(t.dirs.s3Root, 'song_data/A/A/A/TRAAAAK.json', '0123456789abcdef');
    put(t.dirs.s3Root, 'song_data/A/B/C/TRABCXX.json', '{}');
    put(t.dirs.s3Root, 'song_data/B/TRB.json', '{}');
    put(t.dirs.s3Root, 'log_json_path.json', '{"jsonpaths": []}');
    put(t.dirs.s3Root, 'odd keys/a&b <c> "d".json', 'odd');
    manyKeys.sort(compareKeys);
  });
  afterAll(async () => {
    await t.stop();
    t.dirs.remove();
  });

  it('lists more than 1000 keys in pages, in lexicographic order', async () => {
    const first = await t.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'log_data/' }));
    expect(first.KeyCount).toBe(1000);
    expect(first.MaxKeys).toBe(1000);
    expect(first.IsTruncated).toBe(true);
    expect(first.NextContinuationToken).toBeTruthy();
    expect(first.Contents![0]).toMatchObject({ Key: manyKeys[0], Size: statSync(join(t.dirs.s3Root, BUCKET, manyKeys[0])).size, StorageClass: 'STANDARD' });
    expect(first.Contents![0].LastModified).toBeInstanceOf(Date);
    expect(first.Contents![0].ETag).toMatch(/^"[0-9a-f]{32}"$/);

    const listed: string[] = [];
    let pages = 0;
    for await (const page of paginateListObjectsV2({ client: t.s3 }, { Bucket: BUCKET, Prefix: 'log_data/' })) {
      pages++;
      listed.push(...(page.Contents ?? []).map((object) => object.Key!));
    }
    expect(pages).toBe(3);
    expect(listed).toEqual(manyKeys);
  });

  it('caps max-keys at 1000 and honours smaller values and start-after', async () => {
    const capped = await t.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, MaxKeys: 5000 }));
    expect(capped.MaxKeys).toBe(1000);
    expect(capped.KeyCount).toBe(1000);
    const small = await t.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'song_data/', MaxKeys: 2 }));
    expect(small.Contents!.map((object) => object.Key)).toEqual(['song_data/A/A/A/TRAAAAK.json', 'song_data/A/B/C/TRABCXX.json']);
    expect(small.IsTruncated).toBe(true);
    const after = await t.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'song_data/', StartAfter: 'song_data/A/B' }));
    expect(after.Contents!.map((object) => object.Key)).toEqual(['song_data/A/B/C/TRABCXX.json', 'song_data/B/TRB.json']);
    expect(after.StartAfter).toBe('song_data/A/B');
  });

  it('rolls keys up into CommonPrefixes with a delimiter, across pages', async () => {
    const top = await t.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Delimiter: '/' }));
    expect(top.Contents!.map((object) => object.Key)).toEqual(['log_json_path.json']);
    expect(top.CommonPrefixes!.map((prefix) => prefix.Prefix)).toEqual(['log_data/', 'odd keys/', 'song_data/']);
    expect(top.KeyCount).toBe(4);

    const prefixes: string[] = [];
    let token: string | undefined;
    do {
      const page = await t.s3.send(
        new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'log_data/2018/', Delimiter: '/', MaxKeys: 3, ContinuationToken: token }),
      );
      prefixes.push(...(page.CommonPrefixes ?? []).map((prefix) => prefix.Prefix!));
      expect(page.Contents ?? []).toEqual([]);
      token = page.NextContinuationToken;
    } while (token);
    expect(prefixes).toEqual(['00', '01', '02', '03', '04', '05', '06'].map((day) => `log_data/2018/${day}/`));
  });

  it('escapes keys with XML special characters', async () => {
    const listed = await t.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'odd keys/' }));
    expect(listed.Contents!.map((object) => object.Key)).toEqual(['odd keys/a&b <c> "d".json']);
    const object = await t.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'odd keys/a&b <c> "d".json' }));
    expect(await object.Body!.transformToString()).toBe('odd');
  });

  it('gets an object with its length, ETag and Last-Modified', async () => {
    const object = await t.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'song_data/A/A/A/TRAAAAK.json' }));
    expect(await object.Body!.transformToString()).toBe('0123456789abcdef');
    expect(object.ContentLength).toBe(16);
    expect(object.ContentType).toBe('application/json');
    expect(object.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(object.LastModified).toBeInstanceOf(Date);
    const listed = await t.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'song_data/A/A/A/' }));
    expect(listed.Contents![0].ETag).toBe(object.ETag);
  });

  it('serves byte ranges (206 with Content-Range) and rejects unsatisfiable ones (416 InvalidRange)', async () => {
    const key = 'song_data/A/A/A/TRAAAAK.json';
    const middle = await t.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key, Range: 'bytes=2-5' }));
    expect(await middle.Body!.transformToString()).toBe('2345');
    expect(middle.ContentLength).toBe(4);
    expect(middle.ContentRange).toBe('bytes 2-5/16');
    expect(middle.$metadata.httpStatusCode).toBe(206);
    const open = await t.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key, Range: 'bytes=10-' }));
    expect(await open.Body!.transformToString()).toBe('abcdef');
    const suffix = await t.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key, Range: 'bytes=-3' }));
    expect(await suffix.Body!.transformToString()).toBe('def');
    const clamped = await t.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key, Range: 'bytes=14-100' }));
    expect(await clamped.Body!.transformToString()).toBe('ef');
    const error = await rejectionOf(t.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key, Range: 'bytes=16-20' })));
    expect(error.name).toBe('InvalidRange');
    expect(error.$metadata?.httpStatusCode).toBe(416);
  });

  it('answers HeadObject and HeadBucket', async () => {
    const head = await t.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'log_json_path.json' }));
    expect(head.ContentLength).toBe(17);
    expect(head.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    const bucket = await t.s3.send(new HeadBucketCommand({ Bucket: BUCKET }));
    expect(bucket.BucketRegion).toBe('us-west-2');
    const missingObject = await rejectionOf(t.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'nope.json' })));
    expect(missingObject.name).toBe('NotFound');
    expect(missingObject.$metadata?.httpStatusCode).toBe(404);
    const missingBucket = await rejectionOf(t.s3.send(new HeadBucketCommand({ Bucket: 'no-such-bucket' })));
    expect(missingBucket.name).toBe('NotFound');
  });

  it('answers NoSuchKey and NoSuchBucket in S3 error XML', async () => {
    const key = await rejectionOf(t.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'song_data/missing.json' })));
    expect(key.name).toBe('NoSuchKey');
    expect(key.$metadata?.httpStatusCode).toBe(404);
    const bucket = await rejectionOf(t.s3.send(new ListObjectsV2Command({ Bucket: 'no-such-bucket' })));
    expect(bucket.name).toBe('NoSuchBucket');
    const directory = await rejectionOf(t.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'song_data' })));
    expect(directory.name).toBe('NoSuchKey');
  });

  it('never serves a file outside its bucket', async () => {
    writeFileSync(join(t.dirs.s3Root, 'secret.txt'), 'TOP-SECRET-CONTENT');
    // node:http sends the path as written (fetch would resolve the `..` before sending).
    const plain = await rawGet(t.emulator.port, `/${BUCKET}/../secret.txt`);
    expect(plain.status).toBe(404);
    expect(plain.body).toContain('<Code>NoSuchKey</Code>');
    const encoded = await rawGet(t.emulator.port, `/${BUCKET}/%2E%2E/secret.txt`);
    expect(encoded.status).toBe(404);
    expect(encoded.body).toContain('<Code>NoSuchKey</Code>');
    expect(plain.body + encoded.body).not.toContain('TOP-SECRET-CONTENT');
  });

  it('sees files added after the listing was cached', async () => {
    put(t.dirs.s3Root, 'song_data/B/TRB2.json', '{}');
    const listed = await t.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'song_data/B/' }));
    expect(listed.Contents!.map((object) => object.Key)).toEqual(['song_data/B/TRB.json', 'song_data/B/TRB2.json']);
  });

  it('records S3 requests with SDK parameter names', () => {
    const list = t.emulator.requests.find((request) => request.service === 's3' && request.operation === 'ListObjectsV2');
    expect(list?.params).toMatchObject({ Bucket: BUCKET, Prefix: 'log_data/' });
    const ranged = t.emulator.requests.find((request) => request.operation === 'GetObject' && request.params.Range === 'bytes=2-5');
    expect(ranged?.params).toMatchObject({ Bucket: BUCKET, Key: 'song_data/A/A/A/TRAAAAK.json' });
  });
});
