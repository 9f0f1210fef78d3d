// ListBuckets (`aws s3 ls`), GetBucketLocation and ListObjects v1 (boto3's `Bucket.objects.filter`),
// read-only over the S3 folder like the other operations: every top-level directory is a bucket.
import { readdirSync, statSync } from 'node:fs';
import { AwsError } from '../contracts.js';
import { S3_NAMESPACE, s3UrlEncode } from '../protocols/rest-xml.js';
import { document, el, escapeXml, seq, Xml } from '../protocols/xml.js';
import { lowerBound, skipPrefix } from './bucket-listing.js';
import { bucketDirectory, isBucketName, objectFile, realRoot } from './object-paths.js';
import { metadataOf } from './object-files.js';
import type { S3Context, S3Request, S3Response } from './s3-types.js';

const OWNER = seq(el('ID', '0'.repeat(64)), el('DisplayName', 'sparkify-emulator'));
const xmlResponse = (root: string, body: Xml): S3Response => ({ status: 200, headers: { 'content-type': 'application/xml' }, body: document(root, S3_NAMESPACE, body) });

export function listBuckets(ctx: S3Context): S3Response {
  const root = realRoot(ctx.listing.s3Root);
  // Only folders that are buckets by S3's rules and resolve under S3_ROOT (object-paths.ts).
  const names = root ? readdirSync(root).filter((name) => isBucketName(name) && ctx.listing.bucketExists(name)).sort() : [];
  const buckets = names.map((name) => el('Bucket', seq(el('Name', name), el('CreationDate', statSync(bucketDirectory(ctx.listing.s3Root, name)!).birthtime), el('BucketRegion', ctx.region))));
  return xmlResponse('ListAllMyBucketsResult', seq(el('Owner', OWNER), el('Buckets', buckets)));
}

export function getBucketLocation(ctx: S3Context, request: S3Request): S3Response {
  if (!ctx.listing.bucketExists(request.bucket)) {
    throw new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: request.bucket });
  }
  // us-east-1 is the empty constraint in S3's answer.
  return xmlResponse('LocationConstraint', ctx.region === 'us-east-1' ? seq() : new Xml(escapeXml(ctx.region)));
}

function maxKeysOf(value: string | null): number {
  if (value === null) return 1000;
  if (!/^\d+$/.test(value)) throw new AwsError('InvalidArgument', 'Provided max-keys not an integer or within integer range', 400, { ArgumentName: 'max-keys', ArgumentValue: value });
  return Math.min(Number(value), 1000);
}

/** ListObjects (v1): Marker instead of a continuation token; NextMarker only with a delimiter, as S3 does. */
export function listObjectsV1(ctx: S3Context, request: S3Request): S3Response {
  const { bucket, query } = request;
  const keys = ctx.listing.keys(bucket);
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') || undefined;
  const marker = query.get('marker') ?? '';
  const maxKeys = maxKeysOf(query.get('max-keys'));
  const urlEncoded = query.get('encoding-type') === 'url';
  const encode = (value: string): string => (urlEncoded ? s3UrlEncode(value) : value);
  let index = Math.max(lowerBound(keys, prefix), marker ? lowerBound(keys, marker, true) : 0);
  const contents: string[] = [];
  const commonPrefixes: string[] = [];
  let last = '';
  let truncated = false;
  while (index < keys.length && keys[index].startsWith(prefix)) {
    if (contents.length + commonPrefixes.length >= maxKeys) { truncated = maxKeys > 0; break; }
    const key = keys[index];
    const cut = delimiter === undefined ? -1 : key.indexOf(delimiter, prefix.length);
    if (cut >= 0) {
      const common = key.slice(0, cut + delimiter!.length);
      if (common > marker) commonPrefixes.push(common);
      last = common;
      index = skipPrefix(keys, common, index);
    } else {
      contents.push(key);
      last = key;
      index++;
    }
  }
  const contentsXml = contents.flatMap((key) => {
    const file = objectFile(ctx.listing.s3Root, bucket, key);
    if (!file) return []; // removed since the listing was cached
    const m = metadataOf(key, file.stats);
    return [el('Contents', seq(el('Key', encode(key)), el('LastModified', m.lastModified), el('ETag', m.etag), el('Size', m.size), el('Owner', OWNER), el('StorageClass', 'STANDARD')))];
  });
  return xmlResponse('ListBucketResult', seq(
    el('Name', bucket), el('Prefix', encode(prefix)), el('Marker', encode(marker)),
    el('NextMarker', truncated && delimiter !== undefined ? encode(last) : undefined),
    el('MaxKeys', maxKeys), el('Delimiter', delimiter === undefined ? undefined : encode(delimiter)),
    el('EncodingType', urlEncoded ? 'url' : undefined), el('IsTruncated', truncated),
    seq(...contentsXml), seq(...commonPrefixes.map((p) => el('CommonPrefixes', el('Prefix', encode(p))))),
  ));
}
