// Two kinds of error: a UserError is something the operator can fix (config, credentials, quota, a
// failed COPY) and is shown as message + hint without a stack; anything else is a bug.

export class UserError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError;
}

interface AwsErrorHint {
  /** What went wrong in words an operator understands. */
  summary: string;
  hint: string;
}

// Keyed by the bare wire code. The SDK names its exception classes after the code, sometimes with a
// Fault/Exception suffix (ClusterNotFound → ClusterNotFoundFault); lookup strips those suffixes.
const AWS_ERROR_HINTS: Record<string, AwsErrorHint> = {
  ExpiredToken: {
    summary: 'the AWS session token has expired',
    hint: 'Refresh your credentials (e.g. `aws sso login` or a new `aws sts get-session-token`) and run again.',
  },
  AccessDenied: {
    summary: 'AWS denied access',
    hint: 'The credentials in use lack a permission this step needs (IAM, Redshift, Redshift Data, S3). "sparkify doctor" checks them all; "sparkify policy" prints the policy to attach. Note that AmazonRedshiftDataFullAccess alone is not enough: it allows GetClusterCredentials only for the database user redshift_data_api_user.',
  },
  UnauthorizedOperation: {
    summary: 'AWS denied access',
    hint: 'The credentials in use lack a permission this step needs. Check the policy attached to your user or role.',
  },
  UnrecognizedClient: {
    summary: 'AWS does not recognise the access key',
    hint: 'The access key id is wrong or was deleted. Run `aws configure` (or set AWS_PROFILE) with a valid key.',
  },
  InvalidClientTokenId: {
    summary: 'AWS does not recognise the access key',
    hint: 'The access key id is wrong or was deleted. Run `aws configure` (or set AWS_PROFILE) with a valid key.',
  },
  SignatureDoesNotMatch: {
    summary: 'the AWS secret access key does not match the access key id',
    hint: 'Re-enter the key pair with `aws configure`.',
  },
  CredentialsProviderError: {
    summary: 'no AWS credentials were found',
    hint: 'Run `aws configure` (or `aws sso login`), set AWS_PROFILE, or set [AWS] PROFILE in dwh.cfg. For a local run set [TARGET] NAME = local.',
  },
  ClusterQuotaExceeded: {
    summary: 'the account has reached its Redshift cluster quota',
    hint: 'Delete an unused cluster or ask AWS Support for a higher quota in this region.',
  },
  NumberOfNodesQuotaExceeded: {
    summary: 'the account has reached its Redshift node quota',
    hint: 'Use fewer nodes ([DWH] NUM_NODES) or ask AWS Support for a higher quota.',
  },
  InsufficientClusterCapacity: {
    summary: 'AWS has no capacity for this node type right now',
    hint: 'Try another node type ([DWH] NODE_TYPE), another region ([AWS] REGION), or try again later.',
  },
  ClusterNotFound: {
    summary: 'the cluster does not exist',
    hint: 'Check [DWH] CLUSTER_IDENTIFIER and [AWS] REGION, or create the cluster first.',
  },
  InvalidParameterValue: {
    summary: 'AWS rejected a parameter',
    hint: 'Check the [DWH] values in dwh.cfg against the message.',
  },
  InvalidParameterCombination: {
    summary: 'AWS rejected a combination of parameters',
    hint: 'Check CLUSTER_TYPE, NUM_NODES and NODE_TYPE in the [DWH] section of dwh.cfg against the message.',
  },
  ClusterAlreadyExists: {
    summary: 'a cluster with this identifier already exists',
    hint: 'Choose another [DWH] CLUSTER_IDENTIFIER.',
  },
  InvalidClusterState: {
    summary: 'the cluster is busy with another change',
    hint: 'Wait until its status is "available" (or it is gone) and run again.',
  },
  NoSuchEntity: {
    summary: 'the IAM entity does not exist',
    hint: 'Check [DWH] IAM_ROLE_NAME.',
  },
  LimitExceeded: {
    summary: 'an IAM limit was reached',
    hint: 'Delete unused roles or policies in the account and run again.',
  },
  // Redshift's LimitExceededFault is not IAM's LimitExceeded: it is the KMS key's grant limit.
  LimitExceededFault: {
    summary: 'the KMS key that encrypts the cluster has reached its grant limit',
    hint: 'Retire unused grants on the key (aws kms list-grants / retire-grant) or use another key, then run again.',
  },
  DependentServiceRequestThrottlingFault: {
    summary: 'a service Redshift depends on (KMS, Secrets Manager, EC2) kept throttling (sparkify retried and gave up)',
    hint: 'Wait a few minutes and run the same command again: it resumes where it stopped.',
  },
  DependentServiceUnavailableFault: {
    summary: 'a service Redshift depends on (KMS, Secrets Manager, EC2) was unavailable (sparkify retried and gave up)',
    hint: 'Check https://health.aws.amazon.com for the region, then run the same command again.',
  },
  DependentServiceAccessDeniedFault: {
    summary: 'Redshift was denied access to a service it depends on (KMS, Secrets Manager, EC2)',
    hint: 'The operator needs the Secrets Manager rights of "sparkify policy" for the managed master password; check them with "sparkify doctor".',
  },
  InvalidVPCNetworkStateFault: {
    summary: 'Redshift has no usable network for the cluster',
    hint: 'Set [DWH] CLUSTER_SUBNET_GROUP to a cluster subnet group of your VPC (and optionally VPC_SECURITY_GROUP_IDS), or recreate the default VPC.',
  },
  ClusterSubnetGroupNotFoundFault: {
    summary: 'the cluster subnet group does not exist',
    hint: 'Check [DWH] CLUSTER_SUBNET_GROUP against aws redshift describe-cluster-subnet-groups in this region.',
  },
  NoSuchBucket: {
    summary: 'the S3 bucket does not exist',
    hint: 'Check the s3:// URIs in the [S3] section (and, for a local run, [LOCAL] S3_ROOT).',
  },
  NoSuchKey: {
    summary: 'the S3 object does not exist',
    hint: 'Check the s3:// URIs in the [S3] section (and, for a local run, [LOCAL] S3_ROOT).',
  },
  ActiveStatementsExceeded: {
    summary: 'too many SQL statements are running on the cluster',
    hint: 'Wait for running statements to finish and run again.',
  },
  // Throttling and 5xx are retried by the SDK; these hints are for the ones that outlast every retry.
  Throttling: {
    summary: 'AWS kept throttling the requests (the SDK retried them and gave up)',
    hint: 'Wait a minute and run the same command again: it resumes where it stopped.',
  },
  ThrottlingException: {
    summary: 'AWS kept throttling the requests (the SDK retried them and gave up)',
    hint: 'Wait a minute and run the same command again: it resumes where it stopped.',
  },
  SlowDown: {
    summary: 'S3 kept asking to slow down (the SDK retried and gave up)',
    hint: 'Wait a minute and run the same command again: it resumes where it stopped.',
  },
  ServiceUnavailable: {
    summary: 'the AWS service was unavailable (the SDK retried and gave up)',
    hint: 'Check https://health.aws.amazon.com for the region, then run the same command again: it resumes where it stopped.',
  },
  InternalServerException: {
    summary: 'the AWS service failed internally (the SDK retried and gave up)',
    hint: 'Check https://health.aws.amazon.com for the region, then run the same command again: it resumes where it stopped.',
  },
  InternalError: {
    summary: 'the AWS service failed internally (the SDK retried and gave up)',
    hint: 'Check https://health.aws.amazon.com for the region, then run the same command again: it resumes where it stopped.',
  },
  ClusterSnapshotAlreadyExists: {
    summary: 'a snapshot with this identifier already exists',
    hint: 'Give another name with --final-snapshot <id> (or delete the old snapshot in the Redshift console), then run `sparkify down` again.',
  },
  ClusterSnapshotQuotaExceeded: {
    summary: 'the account has reached its Redshift snapshot quota',
    hint: 'Delete old manual snapshots, or tear down without a final snapshot.',
  },
  ENOTFOUND: {
    summary: 'the AWS endpoint could not be resolved',
    hint: 'Check your network connection and [AWS] REGION in dwh.cfg.',
  },
  ECONNREFUSED: {
    summary: 'nothing is listening at the endpoint',
    hint: 'For a local run the emulator must be running; for AWS check your network and [AWS] REGION.',
  },
};

/** The error's codes, and those of the AWS error a UserError wraps (its cause), so callers can still tell them apart. */
function errorCodes(err: unknown): string[] {
  const e = err as { name?: unknown; Code?: unknown; code?: unknown; cause?: unknown } | null;
  if (!e || typeof e !== 'object') return [];
  const codes: string[] = [];
  for (const key of [e.name, e.Code, e.code]) {
    if (typeof key !== 'string') continue;
    codes.push(key, key.replace(/(Fault|Exception)$/, ''));
  }
  if (err instanceof UserError && e.cause) codes.push(...errorCodes(e.cause));
  return codes;
}

export function hintForAwsError(err: unknown): AwsErrorHint | undefined {
  const code = errorCodes(err).find((c) => Object.hasOwn(AWS_ERROR_HINTS, c));
  return code ? AWS_ERROR_HINTS[code] : undefined;
}

/** An error AWS answered with (the SDK marks those with $fault), as opposed to one in our own code. */
function isAwsServiceError(err: unknown): boolean {
  const fault = (err as { $fault?: unknown } | null)?.$fault;
  return fault === 'client' || fault === 'server';
}

const UNLISTED_AWS_ERROR: AwsErrorHint = {
  summary: 'AWS refused the request',
  hint: 'The message above is AWS’s own; fix what it names and run the same command again.',
};

/**
 * Turns an AWS failure into a UserError ("Creating cluster sparkify-dwh failed: the account has
 * reached its Redshift cluster quota (ClusterQuotaExceeded: …)"): with a tailored hint when the code
 * is known, AWS's own words otherwise. UserErrors pass through unchanged; errors that did not come
 * from AWS are returned as they are, so they surface as bugs with their stack.
 */
export function toUserError(err: unknown, context: string): unknown {
  if (err instanceof UserError) return err;
  const known = hintForAwsError(err) ?? (isAwsServiceError(err) ? UNLISTED_AWS_ERROR : undefined);
  if (!known) return err;
  const e = err as { name?: string; message?: string };
  const detail = e.message && e.message !== e.name ? `${e.name}: ${e.message}` : e.name;
  const error = new UserError(`${context} failed: ${known.summary} (${detail})`, known.hint);
  (error as { cause?: unknown }).cause = err;
  return error;
}

/** True when an SDK error is the given AWS error code (exception name or wire code). */
export function isAwsError(err: unknown, ...codes: string[]): boolean {
  const seen = errorCodes(err);
  return codes.some((code) => seen.includes(code));
}
