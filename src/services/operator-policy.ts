// The least-privilege IAM policy the operator running sparkify needs: exactly the calls the tool
// makes, scoped to the names in dwh.cfg. `sparkify policy` prints it; `sparkify doctor` simulates
// each statement against the operator's real policy (iam:SimulatePrincipalPolicy).
import { configuredBuckets, type SparkifyConfig } from '../config/index.js';
import { simulatablePrincipal } from './preflight-permissions.js';
import { CLUSTER_ONLY_SIDS, serverlessStatements } from './operator-policy-serverless.js';

export interface OperatorStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string[];
  /** Why the tool needs it (not part of the IAM document). */
  why: string;
}

type PolicyConfig = Pick<SparkifyConfig, 'aws' | 'dwh' | 's3' | 'serverless'>;

/** `account` and `callerArn` narrow the ARNs further when known (from STS); `*` otherwise. */
export function operatorStatements(config: PolicyConfig, scope: { account?: string; callerArn?: string } = {}): OperatorStatement[] {
  const statements = clusterStatements(config, scope);
  if (!config.serverless) return statements;
  // Serverless: the same role, sources and statement calls; a namespace and workgroup instead of the cluster.
  const shared = statements.filter((s) => !CLUSTER_ONLY_SIDS.has(s.Sid));
  const passRole = shared.findIndex((s) => s.Sid === 'SparkifyPassRoleToRedshift');
  shared[passRole] = { ...shared[passRole], why: 'give that role to the namespace at CreateNamespace (iamRoles, defaultIamRoleArn)' };
  return [...shared.slice(0, passRole + 1), ...serverlessStatements(config, scope.account ?? '*'), ...shared.slice(passRole + 1)];
}

function clusterStatements(config: PolicyConfig, { account = '*', callerArn }: { account?: string; callerArn?: string }): OperatorStatement[] {
  const { region } = config.aws;
  const { clusterIdentifier: cluster, dbUser, dbName, iamRoleName } = config.dwh;
  const roleArn = `arn:aws:iam::${account}:role/${iamRoleName}`;
  const redshift = (kind: string, name: string) => `arn:aws:redshift:${region}:${account}:${kind}:${name}`;
  const buckets = configuredBuckets(config);
  return [
    {
      // sts:GetCallerIdentity needs no permission, so it is not listed.
      Sid: 'SparkifyDoctorSimulation',
      Effect: 'Allow',
      Action: ['iam:SimulatePrincipalPolicy'],
      Resource: [(callerArn && simulatablePrincipal(callerArn)) ?? '*'],
      why: 'the doctor asks IAM whether this policy is in place',
    },
    {
      Sid: 'SparkifyS3ReadRole',
      Effect: 'Allow',
      Action: ['iam:GetRole', 'iam:CreateRole', 'iam:TagRole', 'iam:ListRoleTags', 'iam:PutRolePolicy', 'iam:ListRolePolicies', 'iam:ListAttachedRolePolicies', 'iam:DeleteRolePolicy', 'iam:DetachRolePolicy', 'iam:DeleteRole'],
      Resource: [roleArn],
      why: `create, reuse and delete the tagged role ${iamRoleName} that COPY uses to read S3`,
    },
    {
      Sid: 'SparkifyPassRoleToRedshift',
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: [roleArn],
      why: 'attach that role to the cluster at CreateCluster',
    },
    {
      Sid: 'SparkifyCluster',
      Effect: 'Allow',
      Action: ['redshift:CreateCluster', 'redshift:DescribeClusters', 'redshift:CreateTags', 'redshift:DeleteCluster', 'redshift:PauseCluster', 'redshift:ResumeCluster'],
      Resource: [redshift('cluster', cluster)],
      why: `create, follow, pause, resume and delete cluster ${cluster}`,
    },
    {
      Sid: 'SparkifySnapshots',
      Effect: 'Allow',
      Action: ['redshift:CreateClusterSnapshot', 'redshift:DescribeClusterSnapshots'],
      Resource: [redshift('snapshot', `${cluster}/*`)],
      why: 'a final snapshot at teardown (--final-snapshot), and finding kept snapshots (billed storage)',
    },
    {
      Sid: 'SparkifyNetwork',
      Effect: 'Allow',
      Action: ['redshift:DescribeClusterSubnetGroups'],
      Resource: [redshift('subnetgroup', '*')],
      why: 'the doctor checks the cluster subnet group (or the default VPC\'s) exists',
    },
    {
      Sid: 'SparkifyDatabaseUser',
      Effect: 'Allow',
      Action: ['redshift:GetClusterCredentials'],
      Resource: [redshift('dbuser', `${cluster}/${dbUser}`), redshift('dbname', `${cluster}/${dbName}`)],
      why: `every SQL statement runs through the Data API as ${dbUser} on ${dbName} (AmazonRedshiftDataFullAccess allows only redshift_data_api_user)`,
    },
    {
      Sid: 'SparkifyDataApiOnCluster',
      Effect: 'Allow',
      Action: ['redshift-data:ExecuteStatement', 'redshift-data:BatchExecuteStatement'],
      Resource: [redshift('cluster', cluster)],
      why: 'run SQL on the cluster',
    },
    {
      Sid: 'SparkifyDataApiStatements',
      Effect: 'Allow',
      Action: ['redshift-data:DescribeStatement', 'redshift-data:GetStatementResult', 'redshift-data:CancelStatement', 'redshift-data:ListStatements'],
      Resource: ['*'],
      why: 'follow, read and cancel your own statements (these actions take no resource)',
    },
    {
      Sid: 'SparkifyManagedMasterPassword',
      Effect: 'Allow',
      Action: ['secretsmanager:CreateSecret', 'secretsmanager:TagResource', 'secretsmanager:DescribeSecret', 'secretsmanager:RotateSecret', 'secretsmanager:UpdateSecret', 'secretsmanager:DeleteSecret'],
      Resource: [`arn:aws:secretsmanager:${region}:${account}:secret:redshift!${cluster}-*`],
      why: 'ManageMasterPassword: Redshift keeps the master password in Secrets Manager, so none is stored or printed',
    },
    {
      Sid: 'SparkifyRandomPassword',
      Effect: 'Allow',
      Action: ['secretsmanager:GetRandomPassword'],
      Resource: ['*'],
      why: 'Redshift generates the managed master password (this action takes no resource)',
    },
    {
      Sid: 'SparkifySourceBuckets',
      Effect: 'Allow',
      Action: ['s3:ListBucket', 's3:GetBucketLocation'],
      Resource: buckets.map((b) => `arn:aws:s3:::${b}`),
      why: 'the doctor checks the sources exist and finds their region; the tool lists them for COPY progress',
    },
    {
      Sid: 'SparkifySourceObjects',
      Effect: 'Allow',
      Action: ['s3:GetObject'],
      Resource: buckets.map((b) => `arn:aws:s3:::${b}/*`),
      why: 'the doctor reads the JSONPaths file; --verify-sources counts source records',
    },
  ];
}

/** The IAM policy document: valid JSON IAM accepts (the `why` notes are left out). */
export function operatorPolicyDocument(config: PolicyConfig, scope: { account?: string; callerArn?: string } = {}): { Version: '2012-10-17'; Statement: Omit<OperatorStatement, 'why'>[] } {
  return {
    Version: '2012-10-17',
    Statement: operatorStatements(config, scope).map(({ why: _why, ...statement }) => statement),
  };
}
