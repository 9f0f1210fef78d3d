import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/services/errors.js';
import { listPrefix, parseS3Uri, readObjectText } from '../../src/services/s3-listing.js';
import { startEmulatorFixture, type EmulatorFixture } from './emulator-fixture.js';

let fx: EmulatorFixture;
beforeEach(async () => {
  fx = await startEmulatorFixture();
  const put = (key: string, body: string) => {
    const file = join(fx.s3Root, key);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, body);
  };
  put('udacity-dend/log_json_path.json', '{"jsonpaths": ["$[\'artist\']"]}');
  for (let i = 0; i < 7; i++) put(`udacity-dend/log_data/2018/11/2018-11-0${i + 1}-events.json`, 'x'.repeat(10 * (i + 1)));
  put('udacity-dend/log_data_old/ignored.json', 'old');
  put('udacity-dend/song_data/A/A/A/TRAAAAK128F9318786.json', '{"num_songs": 1}');
});
afterEach(async () => fx.close());

describe('parseS3Uri', () => {
  it('splits bucket and key', () => {
    expect(parseS3Uri('s3://udacity-dend/log_data')).toEqual({ bucket: 'udacity-dend', key: 'log_data' });
    expect(parseS3Uri('s3://udacity-dend')).toEqual({ bucket: 'udacity-dend', key: '' });
    expect(parseS3Uri('s3://udacity-dend/a/b/')).toEqual({ bucket: 'udacity-dend', key: 'a/b/' });
  });

  it('rejects what is not an s3:// URI', () => {
    expect(() => parseS3Uri('udacity-dend/log_data')).toThrow(UserError);
    expect(() => parseS3Uri('https://udacity-dend.s3.amazonaws.com/log_data')).toThrow('Not an S3 URI: "https://udacity-dend.s3.amazonaws.com/log_data"');
  });
});

describe('listPrefix', () => {
  it('lists every key starting with the prefix, as COPY would read them, with sizes', async () => {
    const listing = await listPrefix(fx.clients.s3, 's3://udacity-dend/log_data/');
    expect(listing.count).toBe(7);
    expect(listing.totalBytes).toBe(10 + 20 + 30 + 40 + 50 + 60 + 70);
    expect(listing.objects[0]).toEqual({ key: 'log_data/2018/11/2018-11-01-events.json', size: 10 });
    // Without the slash the prefix also matches log_data_old, exactly like COPY FROM.
    expect((await listPrefix(fx.clients.s3, 's3://udacity-dend/log_data')).count).toBe(8);
  });

  it('follows continuation tokens across pages', async () => {
    const listing = await listPrefix(fx.clients.s3, 's3://udacity-dend/log_data/', { pageSize: 2 });
    expect(listing.count).toBe(7);
    expect(new Set(listing.objects.map((o) => o.key)).size).toBe(7);
    expect(fx.requests.filter((r) => r.operation === 'ListObjectsV2')).toHaveLength(4);
  });

  it('returns an empty listing for a prefix with no objects', async () => {
    expect(await listPrefix(fx.clients.s3, 's3://udacity-dend/nothing-here')).toEqual({ objects: [], totalBytes: 0, count: 0 });
  });

  it('turns a missing bucket into a UserError', async () => {
    const attempt = listPrefix(fx.clients.s3, 's3://no-such-bucket/x');
    await expect(attempt).rejects.toBeInstanceOf(UserError);
    await expect(attempt).rejects.toThrow('Listing s3://no-such-bucket/x failed: the S3 bucket does not exist');
  });
});

describe('readObjectText', () => {
  it('reads an object as text', async () => {
    expect(await readObjectText(fx.clients.s3, 's3://udacity-dend/log_json_path.json')).toBe('{"jsonpaths": ["$[\'artist\']"]}');
  });

  it('turns a missing key into a UserError', async () => {
    await expect(readObjectText(fx.clients.s3, 's3://udacity-dend/missing.json')).rejects.toThrow('Reading s3://udacity-dend/missing.json failed: the S3 object does not exist');
    await expect(readObjectText(fx.clients.s3, 's3://udacity-dend')).rejects.toThrow('names a bucket, not an object');
  });
});
