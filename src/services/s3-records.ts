// Counts the JSON records under an S3 prefix by reading the objects themselves, so the ETL can
// check its staging tables against the source without trusting the loader's own accounting.
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import { listPrefix, parseS3Uri } from './s3-listing.js';

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

/** Reads every object under the prefix, `concurrency` at a time. */
export async function countJsonRecords(
  s3: S3Client,
  uri: string,
  { concurrency = 16, signal }: { concurrency?: number; signal?: AbortSignal } = {},
): Promise<SourceRecordCount> {
  const { bucket } = parseS3Uri(uri);
  const listing = await listPrefix(s3, uri);
  let next = 0;
  let records = 0;
  const worker = async () => {
    while (next < listing.objects.length) {
      // Checked per object rather than handed to every request: a signal shared by many concurrent
      // requests trips Node's listener-leak warning.
      signal?.throwIfAborted();
      const { key } = listing.objects[next++];
      const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const counter = new JsonRecordCounter();
      for await (const chunk of response.Body as Readable) counter.push(chunk as Uint8Array);
      records += counter.count;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, listing.objects.length) }, worker));
  return { records, files: listing.count, bytes: listing.totalBytes };
}
