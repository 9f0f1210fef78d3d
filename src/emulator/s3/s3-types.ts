// What the S3 handlers see of a request and give back: S3 streams object bodies, so handlers
// return a body (text or stream) and headers for the server to write.
import type { Readable } from 'node:stream';
import type { BucketListingCache } from './bucket-listing.js';

export interface S3Request {
  method: string;
  bucket: string;
  /** Undefined for bucket-level requests (`/bucket` or `/bucket/`). */
  key?: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
}

export interface S3Response {
  status: number;
  headers: Record<string, string | number>;
  body?: string | Readable;
}

export interface S3Context {
  listing: BucketListingCache;
  region: string;
}
