// The one place that maps S3 names to files under S3_ROOT, for the S3 handlers and COPY alike.
// Names are checked as S3 checks them, and every file is resolved (symlinks included) and must lie
// under the real S3_ROOT: a link that points elsewhere, a `..` segment or a bucket named `..` is no
// object at all, so callers answer it exactly as they answer a missing one.
import { readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, sep } from 'node:path';

/** S3's bucket naming rules (general purpose buckets): 3–63 of a-z 0-9 . -, alphanumeric at both ends. */
export function isBucketName(name: string): boolean {
  return /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) && !name.includes('..') && !/^\d+\.\d+\.\d+\.\d+$/.test(name);
}

const MAX_KEY_BYTES = 1024;

/** A key S3 accepts (≤ 1024 UTF-8 bytes, no NUL) that can also name a file: no empty, `.` or `..` segment. */
export function isFileKey(key: string): boolean {
  if (key === '' || key.includes('\0') || Buffer.byteLength(key) > MAX_KEY_BYTES) return false;
  return key.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/** The fully resolved path, or undefined when it does not exist (or a link in it dangles or loops). */
function realPath(path: string): string | undefined {
  try {
    return realpathSync.native(path);
  } catch {
    return undefined;
  }
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** S3_ROOT's own real path: the boundary every object must stay under. */
export function realRoot(s3Root: string): string | undefined {
  return realPath(s3Root);
}

function isUnder(root: string, path: string): boolean {
  return path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** S3_ROOT's and the bucket's real paths, when the name is valid and it is a folder under S3_ROOT. */
function resolveBucket(s3Root: string, bucket: string): { root: string; dir: string } | undefined {
  if (!isBucketName(bucket)) return undefined;
  const root = realRoot(s3Root);
  const dir = root && realPath(join(root, bucket));
  if (!root || !dir || !isUnder(root, dir) || !statOf(dir)?.isDirectory()) return undefined;
  return { root, dir };
}

/** The real directory of a bucket, when the name is valid and it is a folder under S3_ROOT. */
export function bucketDirectory(s3Root: string, bucket: string): string | undefined {
  return resolveBucket(s3Root, bucket)?.dir;
}

export interface ObjectFile {
  /** The real path: the file to open (it stays under S3_ROOT). */
  path: string;
  stats: Stats;
}

/** The regular file standing for s3://bucket/key, or undefined when there is no such object. */
export function objectFile(s3Root: string, bucket: string, key: string): ObjectFile | undefined {
  const bucketPaths = isFileKey(key) ? resolveBucket(s3Root, bucket) : undefined;
  const path = bucketPaths && realPath(join(bucketPaths.dir, key));
  if (!bucketPaths || !path || !isUnder(bucketPaths.root, path)) return undefined;
  const stats = statOf(path);
  return stats?.isFile() ? { path, stats } : undefined;
}

export interface WalkedObject {
  key: string;
  /** The real path of the file. */
  path: string;
}

/**
 * Every object of the bucket whose key starts with `prefix`. Only the deepest folder the prefix
 * fully names is walked, and in it only the entries the rest of the prefix can match ('log_data'
 * must not walk the 100k files under 'song_data'). Symlinks count only when they resolve under
 * S3_ROOT; each real directory is walked once, real entries before linked ones, so a link loop (or
 * a link to a folder listed anyway) adds no keys. `onDirectory` sees each real directory walked.
 * Keys come back unsorted.
 */
export function walkObjects(s3Root: string, bucket: string, prefix = '', onDirectory?: (dir: string) => void): WalkedObject[] {
  const bucketPaths = resolveBucket(s3Root, bucket);
  if (!bucketPaths) return [];
  const { root, dir: bucketDir } = bucketPaths;
  const cut = prefix.lastIndexOf('/');
  const folder = cut < 0 ? '' : prefix.slice(0, cut);
  const rest = prefix.slice(cut + 1);
  if (folder !== '' && !isFileKey(folder)) return [];
  const start = folder === '' ? bucketDir : realPath(join(bucketDir, folder));
  if (!start || !isUnder(root, start) || !statOf(start)?.isDirectory()) return [];

  const objects: WalkedObject[] = [];
  const visited = new Set<string>();
  const direct: { dir: string; keyPrefix: string; filter?: string }[] = [{ dir: start, keyPrefix: folder === '' ? '' : `${folder}/`, filter: rest }];
  const linked: typeof direct = [];
  while (direct.length > 0 || linked.length > 0) {
    const { dir, keyPrefix, filter } = (direct.length > 0 ? direct.pop() : linked.pop())!;
    if (visited.has(dir)) continue;
    visited.add(dir);
    onDirectory?.(dir);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue; // removed or unreadable since it was found
    }
    for (const entry of entries) {
      if (filter && !entry.name.startsWith(filter)) continue;
      const key = keyPrefix + entry.name;
      const path = dir + sep + entry.name; // dir is real and the name has no separator: join would only normalise (and cost)
      if (entry.isDirectory()) direct.push({ dir: path, keyPrefix: `${key}/` });
      else if (entry.isFile()) objects.push({ key, path });
      else if (entry.isSymbolicLink()) {
        const target = realPath(path);
        if (!target || !isUnder(root, target)) continue; // dangling, looping or outside S3_ROOT: no object
        const stats = statOf(target);
        if (stats?.isDirectory()) linked.push({ dir: target, keyPrefix: `${key}/` });
        else if (stats?.isFile()) objects.push({ key, path: target });
      }
    }
  }
  return objects;
}
