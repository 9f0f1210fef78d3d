// Where a COPY reads from: the emulated S3 folder (s3://bucket/key ↔ <s3Root>/bucket/key), the IAM
// role check, and the jsonpaths file.
import { readFileSync, statSync } from 'node:fs';
import type { ClusterCatalog, ClusterView } from '../contracts.js';
import { bucketDirectory, objectFile, walkObjects } from '../s3/object-paths.js';
import { RedshiftSqlError } from './sql-errors.js';

export interface SourceFile {
  key: string;
  /** s3://bucket/key, as stl_load_errors and sys_load_detail name it. */
  uri: string;
  path: string;
  bytes: number;
}

export function parseS3Uri(uri: string): { bucket: string; key: string } {
  const m = uri.match(/^s3:\/\/([^/]+)\/?(.*)$/);
  if (!m) throw new RedshiftSqlError(`Invalid S3 path '${uri}': it must start with s3://bucket/`);
  return { bucket: m[1], key: m[2] };
}

/** The bucket's real folder; an invalid name or one outside S3_ROOT is as missing as an absent bucket. */
function bucketDir(s3Root: string, bucket: string, uri: string): string {
  const dir = bucketDirectory(s3Root, bucket);
  if (!dir) {
    throw new RedshiftSqlError(
      `S3ServiceException:The specified bucket does not exist,Status 404,Error NoSuchBucket,Rid EMULATOR,CanRetry 1\n` +
        `  Detail: error: S3ServiceException:The specified bucket does not exist (bucket ${bucket}, from ${uri})`,
    );
  }
  return dir;
}

const missingPrefix = (prefix: string, bucket: string): RedshiftSqlError =>
  new RedshiftSqlError(`The specified S3 prefix '${prefix}' does not exist\n  Detail: error: The specified S3 prefix '${prefix}' does not exist (code 8001, bucket ${bucket})`);

/**
 * Every object whose key starts with the prefix, in S3's lexicographic key order: exactly the
 * objects ListObjectsV2 shows (object-paths), each with its real path under S3_ROOT.
 */
export async function listSourceFiles(s3Root: string, uri: string): Promise<SourceFile[]> {
  const { bucket, key: prefix } = parseS3Uri(uri);
  bucketDir(s3Root, bucket, uri);
  const files: SourceFile[] = [];
  for (const { key, path } of walkObjects(s3Root, bucket, prefix)) {
    if (key.startsWith(prefix)) files.push({ key, uri: `s3://${bucket}/${key}`, path, bytes: 0 });
  }
  if (files.length === 0) throw missingPrefix(prefix, bucket);
  files.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const f of files) f.bytes = statSync(f.path).size;
  return files;
}

/**
 * `IAM_ROLE default` stands for the cluster's default IAM role (its DefaultIamRoleArn); without one
 * Redshift refuses the COPY rather than guess among the attached roles.
 */
export function defaultCopyRole(cluster: ClusterView): string {
  if (!cluster.defaultIamRoleArn) {
    throw new RedshiftSqlError(
      `Default IAM role is not set for cluster ${cluster.identifier}: name the role's ARN after IAM_ROLE, or make it the cluster's default IAM role (DefaultIamRoleArn)`,
    );
  }
  return cluster.defaultIamRoleArn;
}

/** The IAM_ROLE must exist and be associated with the cluster, as Redshift checks when it assumes it. */
export function checkCopyRole(catalog: ClusterCatalog, cluster: ClusterView, roleArn: string, dbUser: string, region: string): void {
  const account = roleArn.match(/^arn:aws[^:]*:iam::(\d+):role\//)?.[1] ?? '000000000000';
  if (!catalog.roleArnExists(roleArn) || !cluster.iamRoleArns.includes(roleArn)) {
    throw new RedshiftSqlError(
      `User arn:aws:redshift:${region}:${account}:dbuser:${cluster.identifier}/${dbUser} is not authorized to assume IAM Role ${roleArn}\n` +
        `  Detail: error: Not authorized to get credentials of role ${roleArn} (code 30000, context: IAM Role=${roleArn})`,
    );
  }
}

/** Read a jsonpaths file from emulated S3 and translate each path to DuckDB's JSONPath syntax. */
export function readJsonPaths(s3Root: string, uri: string): string[] {
  const { bucket, key } = parseS3Uri(uri);
  bucketDir(s3Root, bucket, uri);
  // A traversal, a link out of S3_ROOT and a missing file all get the missing-object answer.
  const file = objectFile(s3Root, bucket, key);
  if (!file) throw new RedshiftSqlError(`The specified S3 prefix '${key}' does not exist`);
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file.path, 'utf8').replace(/^\uFEFF/, ''));
  } catch {
    throw new RedshiftSqlError(`Manifest file is not in correct json format: ${uri}`);
  }
  const paths = (doc as { jsonpaths?: unknown }).jsonpaths;
  if (!Array.isArray(paths)) throw new RedshiftSqlError(`Invalid JSONPath format: the jsonpaths file ${uri} has no "jsonpaths" array`);
  return paths.map((p) => toDuckDbJsonPath(String(p)));
}

/** $['a']['b'][0] / $.a.b[0] → $."a"."b"[0] */
export function toDuckDbJsonPath(path: string): string {
  if (!path.startsWith('$')) throw new RedshiftSqlError(`Invalid JSONPath format: ${path}`);
  let out = '$';
  const re = /\.([^.[\]]+)|\[\s*'((?:[^'\\]|\\.)*)'\s*\]|\[\s*"((?:[^"\\]|\\.)*)"\s*\]|\[\s*(\d+)\s*\]/y;
  re.lastIndex = 1;
  while (re.lastIndex < path.length) {
    const m = re.exec(path);
    if (!m) throw new RedshiftSqlError(`Invalid JSONPath format: ${path}`);
    const member = m[1] ?? m[2] ?? m[3];
    out += member !== undefined ? `."${member.replace(/"/g, '\\"')}"` : `[${m[4]}]`;
  }
  return out;
}

/**
 * COPY reads the bucket from the region its REGION names (the cluster's when there is none); a
 * bucket elsewhere answers S3's PermanentRedirect, which Redshift reports as the COPY's error.
 */
export function checkCopyRegion(catalog: ClusterCatalog, source: string, region: string | undefined): void {
  const bucketRegion = catalog.bucketRegion?.(parseS3Uri(source).bucket);
  if (bucketRegion === undefined || region === bucketRegion) return;
  throw new RedshiftSqlError(
    'S3ServiceException:The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.,Status 301,Error PermanentRedirect,CanRetry 1\n' +
      `  Detail: error: the bucket is in ${bucketRegion}; add REGION '${bucketRegion}' to the COPY (code 8001, context: S3ServiceException)`,
  );
}
