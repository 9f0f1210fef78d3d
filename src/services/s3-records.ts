// Counts the JSON records under an S3 prefix by reading the objects themselves, so the ETL can
// check its staging tables against the source without trusting the loader's own accounting.
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { toUserError } from './errors.js';
import type { PrefixListing, S3ObjectSummary } from './s3-listing.js';

/**
 * Counts top-level JSON objects in a byte stream: newline-delimited or concatenated, as COPY reads them.
 * Hand-written because a streaming JSON parser would build every object only to throw it away.
 */
export class JsonRecordCounter {
  private depth = 0;
  private inString = false;
  private escaped = false;
  count = 0;

  push(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (byte === 0x5c) this.escaped = true; // backslash
        else if (byte === 0x22) this.inString = false;
        continue;
      }
      if (byte === 0x22) this.inString = true;
      else if (byte === 0x7b || byte === 0x5b) {
        if (this.depth === 0 && byte === 0x7b) this.count++;
        this.depth++;
      } else if ((byte === 0x7d || byte === 0x5d) && this.depth > 0) this.depth--;
    }
  }
}

export interface SourceRecordCount {
  records: number;
  files: number;
  bytes: number;
}

/** Opens one object of the listing for reading. */
export type ObjectOpener = (object: S3ObjectSummary) => Promise<AsyncIterable<Uint8Array> | Iterable<Uint8Array>>;

export function s3ObjectOpener(s3: S3Client, bucket: string): ObjectOpener {
  return async ({ key }) => {
    try {
      return (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body as Readable;
    } catch (err) {
      throw toUserError(err, `Reading s3://${bucket}/${key}`);
    }
  };
}

/** Above this, a local object is streamed rather than read whole (a day of logs can be many MB). */
const WHOLE_READ_MAX_BYTES = 4 * 1024 * 1024;

/**
 * The local target's folder standing for S3 (<root>/<bucket>/<key>), read directly: the same bytes
 * the emulator serves, without an HTTP round trip per object (100k song files cost ~90 s over HTTP).
 * Small files are read whole and synchronously: a stream per file costs ~9× more than the read, and
 * fs.promises' four thread-pool hops per file (open, fstat, read, close) cost 8 s of main thread for
 * 100k files; countJsonRecords yields to the event loop between reads.
 */
export function folderObjectOpener(root: string, bucket: string): ObjectOpener {
  return async ({ key, size }) => {
    const path = join(root, bucket, key);
    return size <= WHOLE_READ_MAX_BYTES ? [readFileSync(path)] : createReadStream(path, { highWaterMark: 1 << 20 });
  };
}

/** How long the counting may hold the event loop before letting the emulator and the progress polls run. */
const MAX_TURN_MS = 10;

/** Reads every object of a listing, `concurrency` at a time, and counts the JSON records in them. */
export async function countJsonRecords(
  listing: PrefixListing,
  open: ObjectOpener,
  { concurrency = 32, signal }: { concurrency?: number; signal?: AbortSignal } = {},
): Promise<SourceRecordCount> {
  let next = 0;
  let records = 0;
  let turnStarted = Date.now();
  const worker = async () => {
    while (next < listing.objects.length) {
      signal?.throwIfAborted();
      const object = listing.objects[next++];
      const counter = new JsonRecordCounter();
      for await (const chunk of await open(object)) counter.push(chunk);
      records += counter.count;
      if (Date.now() - turnStarted > MAX_TURN_MS) {
        await nextTurn();
        turnStarted = Date.now();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, listing.objects.length) }, worker));
  return { records, files: listing.count, bytes: listing.totalBytes };
}
