import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countJsonRecords, folderObjectOpener, JsonRecordCounter } from '../../src/services/s3-records.js';
import type { PrefixListing } from '../../src/services/s3-listing.js';

const count = (...chunks: string[]): number => {
  const counter = new JsonRecordCounter();
  for (const chunk of chunks) counter.push(Buffer.from(chunk));
  return counter.count;
};

describe('JsonRecordCounter', () => {
  const tricky = [
    '{"a":1}\n{"a":2}\r\n',
    '{"b":{"c":[1,{"d":2}]}}{"e":"}{"}',
    '\n{\n  "f": "say \\"{hi}\\"",\n  "g": "back\\\\"\n}\n',
    '{"h":"[unbalanced"} {"i":"\\\\\\"{"}',
  ].join('');

  it('counts top-level objects, newline-delimited, concatenated or spread over lines, not braces inside strings', () => {
    expect(count(tricky)).toBe(7);
    expect(count('')).toBe(0);
    expect(count('[1, 2, {"x": 1}]')).toBe(0);
  });

  it('gives the same count wherever the stream is cut into chunks', () => {
    for (let cut = 0; cut <= tricky.length; cut++) {
      expect(count(tricky.slice(0, cut), tricky.slice(cut)), `cut at ${cut}`).toBe(7);
    }
  });
});

describe('countJsonRecords over the local S3 folder', () => {
  let root: string;
  let listing: PrefixListing;
  const put = (key: string, text: string) => {
    const path = join(root, 'bucket', key);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return { key, size: Buffer.byteLength(text) };
  };

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'sparkify-records-'));
    const objects = Array.from({ length: 3000 }, (_, i) => put(`songs/${i % 7}/s${i}.json`, `{"song_id":"S${i}","title":"{${i}}"}`));
    // Over the whole-read limit (4 MB): streamed in chunks, objects cut across chunk edges.
    const big = Array.from({ length: 60_000 }, (_, i) => JSON.stringify({ ts: i, song: `Song "${i}" {live}`, page: 'NextSong' })).join('\n');
    objects.push(put('logs/big.json', big));
    listing = { objects, count: objects.length, totalBytes: objects.reduce((s, o) => s + o.size, 0) };
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reads every object, small ones whole and big ones streamed, and totals records, files and bytes', async () => {
    const result = await countJsonRecords(listing, folderObjectOpener(root, 'bucket'), { concurrency: 8 });
    expect(result).toEqual({ records: 63_000, files: 3001, bytes: listing.totalBytes });
  });

  it('lets timers run while it reads small files synchronously, and stops when aborted', async () => {
    const small = listing.objects.filter((o) => o.key.startsWith('songs/'));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    await countJsonRecords({ objects: small, count: small.length, totalBytes: 0 }, folderObjectOpener(root, 'bucket'));
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(countJsonRecords(listing, folderObjectOpener(root, 'bucket'), { signal: controller.signal })).rejects.toThrow('stop');
  });
});
