// An S3 object is the file <s3Root>/<bucket>/<key>; this maps keys to files and files to the
// metadata S3 reports (size, Last-Modified, ETag, Content-Type).
import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { extname } from 'node:path';
import { AwsError } from '../contracts.js';
import type { BucketListingCache } from './bucket-listing.js';
import { objectFile } from './object-paths.js';

export interface ObjectMetadata {
  path: string;
  size: number;
  lastModified: Date;
  etag: string;
}

/**
 * A quoted ETag from size and modification time. Real S3 uses the MD5 of the content; hashing
 * every file of a 100k-object listing would make listing slow, and no client here checks it.
 */
export function etagOf(stats: Stats): string {
  return `"${createHash('md5').update(`${stats.size}:${stats.mtimeMs}`).digest('hex')}"`;
}

export function metadataOf(path: string, stats: Stats): ObjectMetadata {
  return { path, size: stats.size, lastModified: stats.mtime, etag: etagOf(stats) };
}

const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.csv': 'text/csv',
  '.txt': 'text/plain',
  '.parquet': 'application/octet-stream',
};

export function contentTypeOf(key: string): string {
  return CONTENT_TYPES[extname(key).toLowerCase()] ?? 'binary/octet-stream';
}

function noSuchKey(key: string): AwsError {
  return new AwsError('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });
}

/**
 * The object's file and metadata, or NoSuchBucket / NoSuchKey. A name S3 would refuse, a `..`
 * segment or a link out of S3_ROOT gets the same answer as a missing object.
 */
export function findObject(listing: BucketListingCache, bucket: string, key: string): ObjectMetadata {
  if (!listing.bucketExists(bucket)) {
    throw new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket });
  }
  const file = objectFile(listing.s3Root, bucket, key);
  if (!file) throw noSuchKey(key);
  return metadataOf(file.path, file.stats);
}
