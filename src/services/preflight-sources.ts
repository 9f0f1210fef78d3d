// Do the S3 sources exist, can the operator read them, and which region are they in? COPY needs
// the bucket's region (REGION), which is looked up, never taken from the cluster's.
import { HeadObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { bucketOf, findBucketRegion } from './bucket-region.js';
import { isAwsError, isUserError } from './errors.js';
import { describeError, fail, pass, warn, type PreflightCheck } from './preflight.js';

export interface SourceConfig {
  logData: string;
  logJsonPath: string;
  songData: string;
  /** [S3] REGION when set. */
  region?: string;
}

export interface SourceChecks {
  checks: PreflightCheck[];
  /** bucket → region, for the buckets whose region was found. */
  bucketRegions: Record<string, string>;
}

const keyOf = (uri: string) => uri.replace(/^s3:\/\/[^/]+\/?/, '');

async function checkPrefix(s3: S3Client, uri: string): Promise<string | PreflightCheck> {
  try {
    const answer = await s3.send(new ListObjectsV2Command({ Bucket: bucketOf(uri), Prefix: keyOf(uri), MaxKeys: 1 }));
    if ((answer.KeyCount ?? answer.Contents?.length ?? 0) === 0) {
      return fail('sources', 'S3 sources', `${uri} holds no objects, so COPY would load nothing.`, 'Check the s3:// URIs in the [S3] section of dwh.cfg (and, for a local run, [LOCAL] S3_ROOT).');
    }
    return `${uri} has objects`;
  } catch (err) {
    if (isAwsError(err, 'NoSuchBucket')) return fail('sources', 'S3 sources', `the bucket of ${uri} does not exist.`, 'Check the s3:// URIs in the [S3] section of dwh.cfg.');
    if (isAwsError(err, 'AccessDenied')) {
      return warn('sources', 'S3 sources', `could not check ${uri}: the operator may not list it (${describeError(err)}). COPY reads with the cluster's role, so the run may still work.`, 'Allow s3:ListBucket on the source buckets (in "sparkify policy") to let the doctor check them.');
    }
    return warn('sources', 'S3 sources', `could not check ${uri}: ${describeError(err)}.`, 'Run "sparkify doctor" again.');
  }
}

async function checkObject(s3: S3Client, uri: string): Promise<string | PreflightCheck> {
  if (!uri.startsWith('s3://')) return `JSON paths: ${uri}`;
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucketOf(uri), Key: keyOf(uri) }));
    return `${uri} exists`;
  } catch (err) {
    if (isAwsError(err, 'NotFound', 'NoSuchKey', 'NoSuchBucket')) return fail('sources', 'S3 sources', `the JSONPaths file ${uri} does not exist.`, 'Fix [S3] LOG_JSONPATH in dwh.cfg (or set it to auto).');
    return warn('sources', 'S3 sources', `could not check ${uri}: ${describeError(err)}.`, 'Allow s3:GetObject on the source buckets (in "sparkify policy") to let the doctor check it.');
  }
}

async function checkRegions(s3: S3Client, sources: SourceConfig): Promise<SourceChecks> {
  const buckets = [...new Set([sources.logData, sources.logJsonPath, sources.songData].filter((u) => u.startsWith('s3://')).map(bucketOf))];
  const bucketRegions: Record<string, string> = {};
  const problems: PreflightCheck[] = [];
  for (const bucket of buckets) {
    try {
      bucketRegions[bucket] = await findBucketRegion(s3, bucket);
    } catch (err) {
      if (isUserError(err) && /does not exist/.test(err.message)) problems.push(fail('source-region', 'S3 bucket region', err.message, err.hint ?? ''));
      else problems.push(warn('source-region', 'S3 bucket region', `could not find the region of bucket ${bucket}: ${describeError(err)}.`, `Set [S3] REGION in dwh.cfg to the bucket's region (aws s3api get-bucket-location --bucket ${bucket}).`));
    }
  }
  if (problems.length > 0) return { checks: problems, bucketRegions };
  const regions = [...new Set(Object.values(bucketRegions))];
  const found = Object.entries(bucketRegions).map(([b, r]) => `${b} is in ${r}`).join(', ');
  if (regions.length > 1) {
    return { checks: [fail('source-region', 'S3 bucket region', `the source buckets are in different regions (${found}), but both COPYs share one REGION.`, 'Copy the sources into buckets of one region and point [S3] at them.')], bucketRegions };
  }
  if (sources.region && sources.region !== regions[0]) {
    return {
      checks: [fail('source-region', 'S3 bucket region', `[S3] REGION is ${sources.region}, but ${found}: COPY would fail with S3's PermanentRedirect.`, `Set [S3] REGION = ${regions[0]} in dwh.cfg, or remove it to use the bucket's own region.`)],
      bucketRegions,
    };
  }
  const how = sources.region ? '[S3] REGION agrees' : 'no [S3] REGION is set, so COPY uses the bucket\'s region';
  return { checks: [pass('source-region', 'S3 bucket region', `${found}; ${how}: REGION '${regions[0]}'.`)], bucketRegions };
}

export async function checkSources(s3: S3Client, sources: SourceConfig): Promise<SourceChecks> {
  const [regions, ...reads] = await Promise.all([checkRegions(s3, sources), checkPrefix(s3, sources.logData), checkPrefix(s3, sources.songData), checkObject(s3, sources.logJsonPath)]);
  const problem = reads.find((r): r is PreflightCheck => typeof r !== 'string' && r.status === 'fail') ?? reads.find((r): r is PreflightCheck => typeof r !== 'string');
  const sourceCheck = problem ?? pass('sources', 'S3 sources', `${(reads as string[]).join('; ')}.`);
  return { checks: [sourceCheck, ...regions.checks], bucketRegions: regions.bucketRegions };
}
