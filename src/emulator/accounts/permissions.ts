// Which IAM actions on which resources an emulated request needs, as AWS's Service Authorization
// Reference lists them for the operations sparkify calls. Some calls need more than their own
// action: CreateCluster passes the role (iam:PassRole) and creates a secret for the managed
// password; a Data API statement run as DbUser gets temporary credentials (GetClusterCredentials).
import type { RecordedRequest } from '../contracts.js';

export interface Permission {
  action: string;
  resource: string;
}

export interface ArnContext {
  accountId: string;
  region: string;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const strs = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' && value ? [value] : []);

export function redshiftArn(ctx: ArnContext, kind: 'cluster' | 'dbuser' | 'dbname' | 'snapshot' | 'subnetgroup', name: string): string {
  return `arn:aws:redshift:${ctx.region}:${ctx.accountId}:${kind}:${name}`;
}

/** GetClusterCredentials is authorized against both the user and the database it names. */
export function clusterCredentialPermissions(ctx: ArnContext, cluster: string, dbUser: string, dbName: string): Permission[] {
  const id = cluster.toLowerCase();
  return [
    { action: 'redshift:GetClusterCredentials', resource: redshiftArn(ctx, 'dbuser', `${id}/${dbUser.toLowerCase()}`) },
    { action: 'redshift:GetClusterCredentials', resource: redshiftArn(ctx, 'dbname', `${id}/${dbName.toLowerCase()}`) },
  ];
}

function iamPermissions(ctx: ArnContext, operation: string, params: Record<string, unknown>): Permission[] {
  const roleName = str(params.RoleName);
  const resource = roleName ? `arn:aws:iam::${ctx.accountId}:role/${roleName}` : (str(params.PolicySourceArn) ?? '*');
  const needed = [{ action: `iam:${operation}`, resource }];
  // A role created with tags needs TagRole as well (IAM's "tag on create" rule).
  if (operation === 'CreateRole' && Array.isArray(params.Tags) && params.Tags.length > 0) needed.push({ action: 'iam:TagRole', resource });
  return needed;
}

function redshiftPermissions(ctx: ArnContext, operation: string, params: Record<string, unknown>): Permission[] {
  const cluster = str(params.ClusterIdentifier)?.toLowerCase();
  if (operation === 'GetClusterCredentials' && cluster) {
    return clusterCredentialPermissions(ctx, cluster, str(params.DbUser) ?? '', str(params.DbName) ?? 'dev');
  }
  if (operation === 'DescribeClusterSnapshots') return [{ action: 'redshift:DescribeClusterSnapshots', resource: redshiftArn(ctx, 'snapshot', `${cluster ?? '*'}/${str(params.SnapshotIdentifier)?.toLowerCase() ?? '*'}`) }];
  if (operation === 'DescribeClusterSubnetGroups') return [{ action: 'redshift:DescribeClusterSubnetGroups', resource: redshiftArn(ctx, 'subnetgroup', str(params.ClusterSubnetGroupName)?.toLowerCase() ?? '*') }];
  const needed: Permission[] = [{ action: `redshift:${operation}`, resource: cluster ? redshiftArn(ctx, 'cluster', cluster) : '*' }];
  const finalSnapshot = str(params.FinalClusterSnapshotIdentifier)?.toLowerCase();
  if (operation === 'DeleteCluster' && finalSnapshot) needed.push({ action: 'redshift:CreateClusterSnapshot', resource: redshiftArn(ctx, 'snapshot', `${cluster}/${finalSnapshot}`) });
  if (operation === 'CreateCluster') {
    for (const roleArn of strs(params.IamRoles)) needed.push({ action: 'iam:PassRole', resource: roleArn });
    if (Array.isArray(params.Tags) && params.Tags.length > 0) needed.push({ action: 'redshift:CreateTags', resource: needed[0].resource });
    if (params.ManageMasterPassword === true) {
      needed.push({ action: 'secretsmanager:CreateSecret', resource: `arn:aws:secretsmanager:${ctx.region}:${ctx.accountId}:secret:redshift!${cluster}-*` });
    }
  }
  return needed;
}

const DATA_API_CLUSTER_OPERATIONS = new Set(['ExecuteStatement', 'BatchExecuteStatement', 'ListDatabases', 'ListSchemas', 'ListTables', 'DescribeTable']);

function dataApiPermissions(ctx: ArnContext, operation: string, params: Record<string, unknown>): Permission[] {
  const cluster = str(params.ClusterIdentifier);
  const onCluster = DATA_API_CLUSTER_OPERATIONS.has(operation) && cluster;
  const needed: Permission[] = [{ action: `redshift-data:${operation}`, resource: onCluster ? redshiftArn(ctx, 'cluster', cluster.toLowerCase()) : '*' }];
  const dbUser = str(params.DbUser);
  if (onCluster && dbUser) needed.push(...clusterCredentialPermissions(ctx, cluster, dbUser, str(params.Database) ?? 'dev'));
  return needed;
}

function s3Permissions(operation: string, params: Record<string, unknown>): Permission[] {
  const bucket = str(params.Bucket) ?? '';
  if (operation === 'GetObject' || operation === 'HeadObject') return [{ action: 's3:GetObject', resource: `arn:aws:s3:::${bucket}/${str(params.Key) ?? ''}` }];
  if (operation === 'ListObjectsV2' || operation === 'ListObjects' || operation === 'HeadBucket') return [{ action: 's3:ListBucket', resource: `arn:aws:s3:::${bucket}` }];
  return [{ action: `s3:${operation}`, resource: `arn:aws:s3:::${bucket}` }];
}

export function requiredPermissions(ctx: ArnContext, request: Pick<RecordedRequest, 'service' | 'operation' | 'params'>): Permission[] {
  switch (request.service) {
    case 'iam':
      return iamPermissions(ctx, request.operation, request.params);
    case 'redshift':
      return redshiftPermissions(ctx, request.operation, request.params);
    case 'redshift-data':
      return dataApiPermissions(ctx, request.operation, request.params);
    case 's3':
      return s3Permissions(request.operation, request.params);
    case 'redshift-serverless':
      // Serverless resources are named by id in their ARNs; a name-scoped policy uses `*` here.
      return [{ action: `redshift-serverless:${request.operation}`, resource: '*' }];
    case 'sts':
      return []; // GetCallerIdentity needs no permission
    case 'ec2':
      return [{ action: `ec2:${request.operation}`, resource: '*' }];
    case 'secretsmanager':
      return [{ action: `secretsmanager:${request.operation}`, resource: typeof request.params.SecretId === 'string' ? request.params.SecretId : '*' }];
  }
}
