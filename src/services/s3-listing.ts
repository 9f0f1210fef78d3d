// What is under an s3:// prefix (the COPY's file and byte totals) and reading one object (the
// JSONPaths file). COPY FROM 's3://b/prefix' loads every key starting with that string, so the
// listing uses the prefix as written, without adding a slash.
import { GetObjectCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import { toUserError, UserError } from './errors.js';

export interface S3Location {
  bucket: string;
  /** Key or key prefix; '' for the whole bucket. */
  key: string;
}

export function parseS3Uri(uri: string): S3Location {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(uri.trim());
  if (!match) throw new UserError(`Not an S3 URI: "${uri}"`, 'Write S3 locations as s3://bucket/prefix, e.g. s3://udacity-dend/log_data.');
  return { bucket: match[1], key: match[2] ?? '' };
}

export interface S3ObjectSummary {
  key: string;
  size: number;
}

export interface PrefixListing {
  objects: S3ObjectSummary[];
  totalBytes: number;
  count: number;
}

/** Every object under the prefix, following continuation tokens (`pageSize` keys per request). */
export async function listPrefix(s3: S3Client, uri: string, { signal, pageSize = 1000 }: { signal?: AbortSignal; pageSize?: number } = {}): Promise<PrefixListing> {
  const { bucket, key } = parseS3Uri(uri);
  const objects: S3ObjectSummary[] = [];
  try {
    const pages = paginateListObjectsV2({ client: s3, pageSize }, { Bucket: bucket, Prefix: key || undefined });
    for await (const page of pages) {
      signal?.throwIfAborted();
      for (const object of page.Contents ?? []) {
        // "Folder" placeholder keys (ending in /) are not files COPY would read.
        if (object.Key && !object.Key.endsWith('/')) objects.push({ key: object.Key, size: object.Size ?? 0 });
      }
    }
  } catch (err) {
    if (signal?.aborted) throw err;
    throw toUserError(err, `Listing ${uri}`);
  }
  const totalBytes = objects.reduce((sum, o) => sum + o.size, 0);
  return { objects, totalBytes, count: objects.length };
}

/** The object's content as UTF-8 text. */
export async function readObjectText(s3: S3Client, uri: string, { signal }: { signal?: AbortSignal } = {}): Promise<string> {
  const { bucket, key } = parseS3Uri(uri);
  if (!key) throw new UserError(`"${uri}" names a bucket, not an object.`, 'Give the full key, e.g. s3://udacity-dend/log_json_path.json.');
  try {
    const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
    return await response.Body!.transformToString('utf-8');
  } catch (err) {
    if (signal?.aborted) throw err;
    throw toUserError(err, `Reading ${uri}`);
  }
}
