// The region a bucket lives in. COPY must name it (REGION) when it differs from the cluster's,
// so it is looked up, never assumed: HeadBucket answers it in x-amz-bucket-region, also on the
// 301/403 answers a bucket in another region or without list rights gives.
import { HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { isAwsError, toUserError, UserError } from './errors.js';

export interface BucketRegionResult {
  bucket: string;
  region: string;
}

function regionHeader(err: unknown): string | undefined {
  const headers = (err as { $response?: { headers?: Record<string, string | undefined> } } | null)?.$response?.headers;
  return headers?.['x-amz-bucket-region'];
}

export async function findBucketRegion(s3: S3Client, bucket: string): Promise<string> {
  try {
    const answer = await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    if (answer.BucketRegion) return answer.BucketRegion;
  } catch (err) {
    const fromHeader = regionHeader(err);
    if (fromHeader) return fromHeader;
    if (isAwsError(err, 'NotFound', 'NoSuchBucket')) {
      throw new UserError(`S3 bucket ${bucket} does not exist.`, 'Check the s3:// URIs in the [S3] section of dwh.cfg (and, for a local run, [LOCAL] S3_ROOT).');
    }
    throw toUserError(err, `Finding the region of S3 bucket ${bucket}`);
  }
  throw new UserError(`S3 did not say which region bucket ${bucket} is in.`, `Set [S3] REGION in dwh.cfg to the bucket's region (aws s3api get-bucket-location --bucket ${bucket}).`);
}

/** The bucket of an s3:// URI. */
export function bucketOf(uri: string): string {
  return /^s3:\/\/([^/]+)/.exec(uri)?.[1] ?? '';
}
