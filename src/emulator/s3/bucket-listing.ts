// The sorted key listing of a bucket folder, kept for the server's lifetime. A bucket of 100k+
// files is walked once; a later listing re-checks the modification times of its directories
// (adding or removing a file changes its directory's mtime) on its first page only: re-checking
// 13k directories for each of 100 pages cost seconds, and a paginated listing is not a snapshot on S3 either.
import { statSync } from 'node:fs';
import { AwsError } from '../contracts.js';
import { bucketDirectory, walkObjects } from './object-paths.js';

interface CachedListing {
  keys: string[];
  directoryMtimes: Map<string, number>;
}

/** S3 lists keys in UTF-8 byte order; JavaScript compares UTF-16 units, which differ only past U+FFFF. */
export function compareKeys(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate (U+D800–DFFF) stands for a code point above U+FFFF, which sorts after U+E000–FFFF.
    const xSurrogate = x >= 0xd800 && x <= 0xdfff;
    const ySurrogate = y >= 0xd800 && y <= 0xdfff;
    if (xSurrogate !== ySurrogate) return xSurrogate ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** The index of the first key that is ≥ target (or > target when `after`). */
export function lowerBound(keys: string[], target: string, after = false, from = 0): number {
  let low = from;
  let high = keys.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const order = compareKeys(keys[mid], target);
    if (order < 0 || (after && order === 0)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The index of the first key at or after `from` that does not start with `prefix` (keys sharing it are contiguous). */
export function skipPrefix(keys: string[], prefix: string, from: number): number {
  let low = Math.max(from, lowerBound(keys, prefix));
  let high = keys.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (keys[mid].startsWith(prefix)) low = mid + 1;
    else high = mid;
  }
  return low;
}

export class BucketListingCache {
  private readonly listings = new Map<string, CachedListing>();

  constructor(readonly s3Root: string) {}

  bucketExists(bucket: string): boolean {
    return bucketDirectory(this.s3Root, bucket) !== undefined;
  }

  /** Every key of the bucket, sorted as S3 sorts them; `revalidate: false` trusts the cached walk. */
  keys(bucket: string, { revalidate = true }: { revalidate?: boolean } = {}): string[] {
    if (!this.bucketExists(bucket)) {
      this.listings.delete(bucket);
      throw new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket });
    }
    const cached = this.listings.get(bucket);
    if (cached && (!revalidate || this.isFresh(cached))) return cached.keys;
    const listing = this.walk(bucket);
    this.listings.set(bucket, listing);
    return listing.keys;
  }

  private isFresh(listing: CachedListing): boolean {
    for (const [directory, mtime] of listing.directoryMtimes) {
      try {
        if (statSync(directory).mtimeMs !== mtime) return false;
      } catch {
        return false;
      }
    }
    return true;
  }

  private walk(bucket: string): CachedListing {
    const directoryMtimes = new Map<string, number>();
    const objects = walkObjects(this.s3Root, bucket, '', (dir) => {
      try {
        directoryMtimes.set(dir, statSync(dir).mtimeMs);
      } catch {
        directoryMtimes.set(dir, -1); // gone: the next listing walks again
      }
    });
    const keys = objects.map((object) => object.key).sort(compareKeys);
    return { keys, directoryMtimes };
  }
}
