// GetObject and HeadObject: the file's bytes (or a single byte range) with S3's headers.
import { createReadStream } from 'node:fs';
import { AwsError } from '../contracts.js';
import { httpDate } from '../protocols/rest-xml.js';
import { contentTypeOf, findObject, type ObjectMetadata } from './object-files.js';
import type { S3Context, S3Request, S3Response } from './s3-types.js';

interface ByteRange {
  start: number;
  end: number; // inclusive
}

/**
 * Parses a single `bytes=` range (RFC 9110): `a-b`, `a-` or `-n` (the last n bytes). Like S3,
 * a malformed header or a multi-range request is ignored and the whole object is sent; a range
 * starting past the end is unsatisfiable (416 InvalidRange).
 */
export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) throw invalidRange(size);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
    if (match[2] !== '' && Number(match[2]) < start) return undefined;
  }
  if (start >= size) throw invalidRange(size);
  return { start, end };
}

function invalidRange(size: number): AwsError {
  return new AwsError('InvalidRange', 'The requested range is not satisfiable', 416, { ActualObjectSize: size });
}

function objectHeaders(key: string, metadata: ObjectMetadata): Record<string, string | number> {
  return {
    'content-type': contentTypeOf(key),
    'last-modified': httpDate(metadata.lastModified),
    etag: metadata.etag,
    'accept-ranges': 'bytes',
  };
}

function serveObject(ctx: S3Context, request: S3Request, withBody: boolean): S3Response {
  const key = request.key ?? '';
  const metadata = findObject(ctx.listing, request.bucket, key);
  const rangeHeader = request.headers.range;
  const range = parseRange(typeof rangeHeader === 'string' ? rangeHeader : undefined, metadata.size);
  const headers = objectHeaders(key, metadata);
  if (!range) {
    headers['content-length'] = metadata.size;
    return { status: 200, headers, body: withBody ? createReadStream(metadata.path) : undefined };
  }
  headers['content-length'] = range.end - range.start + 1;
  headers['content-range'] = `bytes ${range.start}-${range.end}/${metadata.size}`;
  return {
    status: 206,
    headers,
    body: withBody ? createReadStream(metadata.path, { start: range.start, end: range.end }) : undefined,
  };
}

export function getObject(ctx: S3Context, request: S3Request): S3Response {
  return serveObject(ctx, request, true);
}

export function headObject(ctx: S3Context, request: S3Request): S3Response {
  return serveObject(ctx, request, false);
}

export function headBucket(ctx: S3Context, request: S3Request): S3Response {
  if (!ctx.listing.bucketExists(request.bucket)) {
    throw new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: request.bucket });
  }
  return { status: 200, headers: { 'x-amz-bucket-region': ctx.region } };
}
