// ListObjectsV2: prefix, delimiter (CommonPrefixes), start-after, max-keys (≤ 1000) and an opaque
// continuation token, over the cached sorted listing, statting only the keys on the page.
import { AwsError } from '../contracts.js';
import { S3_NAMESPACE, s3UrlEncode } from '../protocols/rest-xml.js';
import { document, el, seq, type Xml } from '../protocols/xml.js';
import { lowerBound, skipPrefix } from './bucket-listing.js';
import { metadataOf } from './object-files.js';
import { objectFile } from './object-paths.js';
import type { S3Context, S3Request, S3Response } from './s3-types.js';

const MAX_KEYS = 1000;

/** Where the next page resumes: after a key, or after every key under a common prefix. */
interface ContinuationPoint {
  after: string;
  skipPrefix: boolean;
}

function encodeToken(point: ContinuationPoint): string {
  return Buffer.from(JSON.stringify(point)).toString('base64');
}

function decodeToken(token: string): ContinuationPoint {
  try {
    const point = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as ContinuationPoint;
    if (typeof point.after === 'string' && typeof point.skipPrefix === 'boolean') return point;
  } catch {
    // fall through to the error S3 gives
  }
  throw new AwsError('InvalidArgument', 'The continuation token provided is incorrect', 400, {
    ArgumentName: 'continuation-token',
  });
}

function parseMaxKeys(value: string | null): number {
  if (value === null) return MAX_KEYS;
  if (!/^\d+$/.test(value)) {
    throw new AwsError('InvalidArgument', 'Provided max-keys not an integer or within integer range', 400, {
      ArgumentName: 'max-keys',
      ArgumentValue: value,
    });
  }
  return Math.min(Number(value), MAX_KEYS);
}

export function listObjectsV2(ctx: S3Context, request: S3Request): S3Response {
  const { bucket, query } = request;
  const token = query.get('continuation-token') ?? undefined;
  const keys = ctx.listing.keys(bucket, { revalidate: token === undefined });
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') || undefined;
  const maxKeys = parseMaxKeys(query.get('max-keys'));
  const startAfter = query.get('start-after') ?? undefined;
  const urlEncoded = query.get('encoding-type') === 'url';
  const encode = (value: string): string => (urlEncoded ? s3UrlEncode(value) : value);

  let index = lowerBound(keys, prefix);
  if (token !== undefined) {
    const point = decodeToken(token);
    index = point.skipPrefix ? skipPrefix(keys, point.after, index) : Math.max(index, lowerBound(keys, point.after, true));
  } else if (startAfter !== undefined) {
    index = Math.max(index, lowerBound(keys, startAfter, true));
  }

  const contents: string[] = [];
  const commonPrefixes: string[] = [];
  let last: ContinuationPoint | undefined;
  let truncated = false;
  while (index < keys.length && keys[index].startsWith(prefix)) {
    if (contents.length + commonPrefixes.length >= maxKeys) {
      truncated = maxKeys > 0; // max-keys=0 asks for no keys, not for a next page
      break;
    }
    const key = keys[index];
    const cut = delimiter === undefined ? -1 : key.indexOf(delimiter, prefix.length);
    if (cut >= 0) {
      const commonPrefix = key.slice(0, cut + delimiter!.length);
      commonPrefixes.push(commonPrefix);
      last = { after: commonPrefix, skipPrefix: true };
      index = skipPrefix(keys, commonPrefix, index);
    } else {
      contents.push(key);
      last = { after: key, skipPrefix: false };
      index++;
    }
  }

  const contentsXml: Xml[] = [];
  for (const key of contents) {
    const file = objectFile(ctx.listing.s3Root, bucket, key);
    if (!file) continue; // removed (or re-linked out of S3_ROOT) since the listing was cached
    const metadata = metadataOf(key, file.stats);
    contentsXml.push(
      el(
        'Contents',
        seq(
          el('Key', encode(key)),
          el('LastModified', metadata.lastModified),
          el('ETag', metadata.etag),
          el('Size', metadata.size),
          el('StorageClass', 'STANDARD'),
        ),
      ),
    );
  }

  const body = seq(
    el('Name', bucket),
    el('Prefix', encode(prefix)),
    el('Delimiter', delimiter === undefined ? undefined : encode(delimiter)),
    el('MaxKeys', maxKeys),
    el('EncodingType', urlEncoded ? 'url' : undefined),
    el('KeyCount', contentsXml.length + commonPrefixes.length),
    el('IsTruncated', truncated),
    el('ContinuationToken', token),
    el('NextContinuationToken', truncated && last ? encodeToken(last) : undefined),
    el('StartAfter', startAfter === undefined ? undefined : encode(startAfter)),
    seq(...contentsXml),
    seq(...commonPrefixes.map((commonPrefix) => el('CommonPrefixes', el('Prefix', encode(commonPrefix))))),
  );
  return {
    status: 200,
    headers: { 'content-type': 'application/xml' },
    body: document('ListBucketResult', S3_NAMESPACE, body),
  };
}
