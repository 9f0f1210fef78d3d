// Account profiles: the shapes of real AWS accounts the emulator can stand for, so the failures a
// real user meets (no default VPC, a narrow operator policy, a bucket in another region, a paused
// cluster, slow role propagation) can be rehearsed and tested. `default` is the friendly account.
import type { PolicyDocument } from './policy.js';

export const ACCOUNT_PROFILE_NAMES = [
  'default',
  'no-default-vpc',
  'data-api-managed-policy',
  'no-pass-role',
  'no-simulate',
  'bucket-other-region',
  'paused-cluster',
  'slow-role-propagation',
] as const;
export type AccountProfileName = (typeof ACCOUNT_PROFILE_NAMES)[number];

export interface AccountProfile {
  name: AccountProfileName;
  description: string;
  /** False: CreateCluster without ClusterSubnetGroupName fails, as in an account whose default VPC was deleted. */
  defaultVpc: boolean;
  /** Cluster subnet groups that exist in the account (besides `default` when there is a default VPC). */
  subnetGroups: string[];
  /** The operator's identity-based policy; undefined means an administrator. */
  operatorPolicy?: PolicyDocument;
  /** Region of every bucket, when it differs from the emulator's region. */
  bucketRegion?: string;
  /** A new cluster is paused once it is available (as a pause schedule would). */
  pauseWhenAvailable: boolean;
  /** How long an attached IAM role shows ApplyStatus `adding` before `in-sync`. */
  rolePropagationMs: number;
}

/** The subnet group that exists in the no-default-vpc account, for tests and docs. */
export const PRIVATE_SUBNET_GROUP = 'sparkify-private';

const ADMIN_EXCEPT = (...actions: string[]): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Admin', Effect: 'Allow', Action: '*', Resource: '*' },
    { Sid: 'Denied', Effect: 'Deny', Action: actions, Resource: '*' },
  ],
});

/**
 * An operator with the Redshift, IAM and S3 rights a course would grant, plus AWS's managed
 * AmazonRedshiftDataFullAccess, whose GetClusterCredentials statement (policy v5) allows only the
 * database user redshift_data_api_user: a statement run as any other DbUser is denied.
 */
const DATA_API_MANAGED_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'ClusterAdmin',
      Effect: 'Allow',
      Action: ['redshift:Create*', 'redshift:Delete*', 'redshift:Describe*', 'redshift:Modify*', 'redshift:Pause*', 'redshift:Resume*', 'iam:*', 's3:*', 'secretsmanager:*'],
      Resource: '*',
    },
    {
      Sid: 'DataAPIPermissions',
      Effect: 'Allow',
      Action: [
        'redshift-data:BatchExecuteStatement',
        'redshift-data:ExecuteStatement',
        'redshift-data:CancelStatement',
        'redshift-data:ListStatements',
        'redshift-data:GetStatementResult',
        'redshift-data:DescribeStatement',
        'redshift-data:ListDatabases',
        'redshift-data:ListSchemas',
        'redshift-data:ListTables',
        'redshift-data:DescribeTable',
      ],
      Resource: '*',
    },
    {
      Sid: 'GetCredentialsForAPIUser',
      Effect: 'Allow',
      Action: 'redshift:GetClusterCredentials',
      Resource: ['arn:aws:redshift:*:*:dbname:*/*', 'arn:aws:redshift:*:*:dbuser:*/redshift_data_api_user'],
    },
  ],
};

function profile(name: AccountProfileName, description: string, overrides: Partial<AccountProfile> = {}): AccountProfile {
  return { name, description, defaultVpc: true, subnetGroups: [], pauseWhenAvailable: false, rolePropagationMs: 0, ...overrides };
}

export const ACCOUNT_PROFILES: Record<AccountProfileName, AccountProfile> = {
  default: profile('default', 'an administrator in an account with a default VPC; every bucket in the emulator region'),
  'no-default-vpc': profile('no-default-vpc', `the default VPC was deleted; the subnet group ${PRIVATE_SUBNET_GROUP} exists`, {
    defaultVpc: false,
    subnetGroups: [PRIVATE_SUBNET_GROUP],
  }),
  'data-api-managed-policy': profile(
    'data-api-managed-policy',
    'the operator has AmazonRedshiftDataFullAccess (GetClusterCredentials only for redshift_data_api_user) and Redshift/IAM/S3 rights',
    { operatorPolicy: DATA_API_MANAGED_POLICY },
  ),
  'no-pass-role': profile('no-pass-role', 'an administrator denied iam:PassRole', { operatorPolicy: ADMIN_EXCEPT('iam:PassRole') }),
  'no-simulate': profile('no-simulate', 'an administrator denied iam:SimulatePrincipalPolicy (the doctor cannot check permissions)', {
    operatorPolicy: ADMIN_EXCEPT('iam:SimulatePrincipalPolicy'),
  }),
  'bucket-other-region': profile('bucket-other-region', 'every bucket lives in us-east-1 (COPY needs REGION us-east-1)', { bucketRegion: 'us-east-1' }),
  'paused-cluster': profile('paused-cluster', 'a cluster is paused as soon as it is available (a pause schedule)', { pauseWhenAvailable: true }),
  'slow-role-propagation': profile('slow-role-propagation', "an attached role stays ApplyStatus 'adding' for 1.5 s", { rolePropagationMs: 1500 }),
};

export function findAccountProfile(name: string): AccountProfile | undefined {
  return (ACCOUNT_PROFILE_NAMES as readonly string[]).includes(name) ? ACCOUNT_PROFILES[name as AccountProfileName] : undefined;
}
