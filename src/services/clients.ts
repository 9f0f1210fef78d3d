// Endpoint + credentials → the real SDK v3 clients. The same clients talk to AWS or to the local
// emulator; only endpoint, credentials and S3 addressing differ.
import { IAMClient } from '@aws-sdk/client-iam';
import { RedshiftClient } from '@aws-sdk/client-redshift';
import { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import { S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { SparkifyConfig } from '../config/dwh-config.js';
import { toUserError, UserError } from './errors.js';

export interface AwsClients {
  iam: IAMClient;
  redshift: RedshiftClient;
  redshiftData: RedshiftDataClient;
  /** Redshift Serverless ([DWH] DEPLOYMENT = serverless): namespaces and workgroups. */
  redshiftServerless: RedshiftServerlessClient;
  s3: S3Client;
  sts: STSClient;
}

export interface CreateAwsClientsOptions {
  /** The emulator's endpoint (http://127.0.0.1:PORT); required for the local target. */
  endpoint?: string;
  /** The local service's access key id (its per-service secret); the emulator's fixed one otherwise. */
  localAccessKeyId?: string;
}

/** The emulator checks no signatures, but the SDK insists on some credentials to sign with. */
const EMULATOR_CREDENTIALS = { accessKeyId: 'sparkify-local', secretAccessKey: 'sparkify-local' };

// Retries per service (standard mode retries throttling, 5xx and connection resets):
// - Redshift Data is polled every few hundred ms during long COPYs, so it gets adaptive mode (client
//   side rate limiting after throttling) and 5 attempts: a dropped poll must not fail a 10-minute load.
// - Redshift's DescribeClusters is polled by the status monitor: same reasoning.
// - Redshift Serverless's GetWorkgroup/GetNamespace are polled the same way while they change status.
// - IAM is low volume but eventually consistent and rate limited account-wide: 5 attempts.
// - S3 listing and STS keep the SDK default of 3.
const RETRY = {
  iam: { maxAttempts: 5 },
  redshift: { maxAttempts: 5, retryMode: 'adaptive' },
  redshiftData: { maxAttempts: 5, retryMode: 'adaptive' },
  redshiftServerless: { maxAttempts: 5, retryMode: 'adaptive' },
  s3: { maxAttempts: 3 },
  sts: { maxAttempts: 3 },
} as const;

type ConfigForClients = Pick<SparkifyConfig, 'target' | 'aws' | 's3' | 'secrets'>;

/** The SDK's logger interface: its logger middleware reports each call (input filtered of secrets). */
export interface RequestLogger {
  debug(...content: unknown[]): void;
  info(...content: unknown[]): void;
  warn(...content: unknown[]): void;
  error(...content: unknown[]): void;
}

let requestLogger: RequestLogger | undefined;

/** `sparkify --verbose`: every client created afterwards logs each request through this. */
export function setRequestLogger(logger: RequestLogger | undefined): void {
  requestLogger = logger;
}

export function createAwsClients(config: ConfigForClients, { endpoint, localAccessKeyId }: CreateAwsClientsOptions = {}): AwsClients {
  const base = { ...connectionSettings(config, endpoint, localAccessKeyId), ...(requestLogger ? { logger: requestLogger } : {}) };
  return {
    iam: new IAMClient({ ...base, ...RETRY.iam }),
    redshift: new RedshiftClient({ ...base, ...RETRY.redshift }),
    redshiftData: new RedshiftDataClient({ ...base, ...RETRY.redshiftData }),
    redshiftServerless: new RedshiftServerlessClient({ ...base, ...RETRY.redshiftServerless }),
    // The bucket may live in another region than the cluster (the course bucket is in us-west-2):
    // without [S3] REGION the client starts from the cluster's and follows S3's region redirects.
    // Path-style addressing because the emulator answers on 127.0.0.1, not bucket.127.0.0.1.
    s3: new S3Client({ ...base, region: config.s3.region ?? config.aws.region, followRegionRedirects: true, forcePathStyle: config.target === 'local', ...RETRY.s3 }),
    sts: new STSClient({ ...base, ...RETRY.sts }),
  };
}

function connectionSettings(config: ConfigForClients, endpoint: string | undefined, localAccessKeyId?: string) {
  const region = config.aws.region;
  if (config.target === 'local') {
    if (!endpoint) {
      throw new UserError('The local target needs the emulator endpoint, but none was given.', 'Start the emulator first (the CLI does this for [TARGET] NAME = local).');
    }
    return { region, endpoint, credentials: localAccessKeyId ? { ...EMULATOR_CREDENTIALS, accessKeyId: localAccessKeyId } : EMULATOR_CREDENTIALS };
  }
  // AWS target: an explicit endpoint is still honoured (VPC endpoints, testing against a proxy).
  const settings: { region: string; endpoint?: string; profile?: string; credentials?: { accessKeyId: string; secretAccessKey: string } } = { region };
  if (endpoint) settings.endpoint = endpoint;
  if (config.aws.credentials === 'profile' && config.aws.profile) settings.profile = config.aws.profile;
  // Keys from dwh.cfg only when the loader found no better source (it warned about them).
  const { accessKeyId, secretAccessKey } = config.secrets ?? {};
  if (config.aws.credentials === 'config-file' && accessKeyId && secretAccessKey) settings.credentials = { accessKeyId, secretAccessKey };
  return settings;
}

/** Closes the clients' HTTP agents so a finished process can exit promptly. */
export function destroyAwsClients(clients: AwsClients): void {
  for (const client of Object.values(clients)) client.destroy();
}

export interface CallerIdentity {
  account: string;
  arn: string;
}

/**
 * Who the credentials belong to. The cheapest call that proves credentials work (it needs no
 * permission), so a run fails on bad credentials before it creates anything.
 */
export async function verifyCredentials(sts: STSClient): Promise<CallerIdentity> {
  try {
    const { Account, Arn } = await sts.send(new GetCallerIdentityCommand({}));
    return { account: Account ?? '', arn: Arn ?? '' };
  } catch (err) {
    throw toUserError(err, 'Checking the AWS credentials');
  }
}
