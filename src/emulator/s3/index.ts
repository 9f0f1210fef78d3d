// S3 (restXml, path-style `/bucket/key`): read-only access to the folder standing for S3.
import { AwsError } from '../contracts.js';
import { getObject, headBucket, headObject } from './get-object.js';
import { listObjectsV2 } from './list-objects-v2.js';
import { getBucketLocation, listBuckets, listObjectsV1 } from './bucket-operations.js';
import type { S3Context, S3Request, S3Response } from './s3-types.js';

export { BucketListingCache } from './bucket-listing.js';
export type { S3Context, S3Request, S3Response };

function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    // `%` not followed by two hex digits, or bytes that are not UTF-8: what S3 answers.
    throw new AwsError('InvalidURI', "Couldn't parse the specified URI.", 400);
  }
}

/** Splits a path-style URL path into bucket and key (percent-decoded). */
export function parseS3Path(pathname: string): { bucket: string; key?: string } {
  const withoutSlash = pathname.replace(/^\//, '');
  const slash = withoutSlash.indexOf('/');
  if (slash < 0) return { bucket: decodePathPart(withoutSlash) };
  const key = decodePathPart(withoutSlash.slice(slash + 1));
  return { bucket: decodePathPart(withoutSlash.slice(0, slash)), key: key === '' ? undefined : key };
}

/** The S3 operation a request stands for, as the SDK names it. */
export function s3OperationName(request: Pick<S3Request, 'method' | 'bucket' | 'key' | 'query'>): string {
  const { method, bucket, key, query } = request;
  if (bucket === '') return method === 'GET' ? 'ListBuckets' : `${method}Service`;
  if (key === undefined) {
    if (method === 'HEAD') return 'HeadBucket';
    if (method === 'GET') return query.has('location') ? 'GetBucketLocation' : query.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects';
    return `${method}Bucket`;
  }
  if (method === 'GET') return 'GetObject';
  if (method === 'HEAD') return 'HeadObject';
  if (method === 'PUT') return 'PutObject';
  return `${method}Object`;
}

const handlers: Record<string, (ctx: S3Context, request: S3Request) => S3Response> = {
  ListObjectsV2: listObjectsV2,
  GetObject: getObject,
  HeadObject: headObject,
  HeadBucket: headBucket,
  ListObjects: listObjectsV1, ListBuckets: listBuckets, GetBucketLocation: getBucketLocation,
};

export function handleS3(ctx: S3Context, operation: string, request: S3Request): S3Response {
  const handler = Object.hasOwn(handlers, operation) ? handlers[operation] : undefined;
  if (!handler) {
    // 501 like S3 for what it does not implement; the emulator's S3 is read-only.
    throw new AwsError('NotImplemented', `The emulator's S3 does not implement ${operation}; it serves ListBuckets, GetBucketLocation, ListObjects, ListObjectsV2, GetObject, HeadObject and HeadBucket.`, 501);
  }
  return handler(ctx, request);
}
