// CreateCluster: validates like Redshift, then records a cluster that is `creating` until
// clusterCreateMs have passed.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { AwsError } from '../contracts.js';
import { el } from '../protocols/xml.js';
import type { ClusterRecord } from '../state-store.js';
import { validateClusterRoles, validateDefaultRole } from './cluster-iam-roles.js';
import { clusterXml } from './cluster-xml.js';
import { resolveClusterSubnetGroup } from './subnet-groups.js';
import { findCluster, normalizeIdentifier, type RedshiftContext, type RedshiftHandler } from './context.js';
import {
  resolveNodeCount,
  validateDbName,
  validateIdentifier,
  validateMasterPassword,
  validateMasterUsername,
  validatePort,
  validateTags,
} from './validation.js';

/** Redshift endpoints look like `<id>.<hash of account and region>.<region>.redshift.amazonaws.com`. */
function endpointAddress(ctx: RedshiftContext, identifier: string): string {
  const hash = createHash('sha256').update(`${ctx.accountId}:${ctx.region}`).digest('hex').slice(0, 12);
  return `${identifier}.c${hash.slice(1)}.${ctx.region}.redshift.amazonaws.com`;
}

function secretSuffix(): string {
  return randomBytes(6).toString('base64url').replace(/[-_]/g, 'x').slice(0, 6);
}

export const createCluster: RedshiftHandler = async (ctx, params) => {
  const identifier = normalizeIdentifier(params.required('ClusterIdentifier'));
  validateIdentifier(identifier, 'ClusterIdentifier');
  const nodeType = params.required('NodeType');
  const numberOfNodes = resolveNodeCount(nodeType, params.string('ClusterType'), params.int('NumberOfNodes'));
  const masterUsername = params.required('MasterUsername');
  validateMasterUsername(masterUsername);
  const password = params.string('MasterUserPassword');
  const managePassword = params.bool('ManageMasterPassword') ?? false;
  if (managePassword && password !== undefined) {
    throw new AwsError('InvalidParameterCombination', 'You can not specify both MasterUserPassword and ManageMasterPassword.');
  }
  if (!managePassword) {
    if (password === undefined) {
      throw new AwsError('InvalidParameterValue', 'You must specify MasterUserPassword or set ManageMasterPassword to true.');
    }
    validateMasterPassword(password);
  }
  const dbName = params.string('DBName') ?? 'dev';
  validateDbName(dbName);
  const port = params.int('Port') ?? 5439;
  validatePort(port);
  const tags = params.tags();
  validateTags(tags);
  const iamRoleArns = params.strings('IamRoles');
  const defaultIamRoleArn = params.string('DefaultIamRoleArn');
  validateDefaultRole(defaultIamRoleArn, iamRoleArns);
  const vpcSecurityGroupIds = params.strings('VpcSecurityGroupIds');
  for (const id of vpcSecurityGroupIds) {
    if (!/^sg-[0-9a-f]+$/.test(id)) throw new AwsError('InvalidParameterValue', `Invalid security group id: ${id}.`);
  }
  // Since 2025 Redshift creates private, encrypted clusters unless told otherwise.
  const publiclyAccessible = params.bool('PubliclyAccessible') ?? false;
  const encrypted = params.bool('Encrypted') ?? true;
  const clusterSubnetGroupName = resolveClusterSubnetGroup(ctx, params.string('ClusterSubnetGroupName'));

  // After validation, as Redshift does: a valid request that finds no capacity creates nothing.
  const injected = ctx.faults?.clusterCreationError(identifier);
  if (injected) throw injected;

  // A cluster whose deletion just finished must release its database before the name is reused.
  await ctx.lifecycle.reapGone();

  const cluster = ctx.state.update((state) => {
    const now = ctx.now();
    if (findCluster(state, identifier, now)) throw new AwsError('ClusterAlreadyExists', 'Cluster already exists');
    validateClusterRoles(state, iamRoleArns);
    const record: ClusterRecord = {
      identifier,
      nodeType,
      numberOfNodes,
      dbName,
      port,
      masterUsername,
      masterPasswordSecretArn: managePassword
        ? `arn:aws:secretsmanager:${ctx.region}:${ctx.accountId}:secret:redshift!${identifier}-${masterUsername}-${secretSuffix()}`
        : undefined,
      iamRoleArns,
      defaultIamRoleArn,
      publiclyAccessible,
      encrypted,
      kmsKeyId: params.string('KmsKeyId'),
      tags,
      vpcSecurityGroupIds: vpcSecurityGroupIds.length > 0 ? vpcSecurityGroupIds : [`sg-${createHash('sha256').update(ctx.accountId).digest('hex').slice(0, 17)}`],
      availabilityZone: params.string('AvailabilityZone') ?? `${ctx.region}a`,
      namespaceId: randomUUID(),
      endpointAddress: endpointAddress(ctx, identifier),
      createdAt: now,
      availableAt: now + ctx.delays.clusterCreateMs,
      ...(clusterSubnetGroupName ? { clusterSubnetGroupName } : {}),
      ...accountShape(ctx, now + ctx.delays.clusterCreateMs),
    };
    state.clusters[identifier] = record;
    return record;
  });
  return el('Cluster', clusterXml(ctx, cluster));
};

/** What the account profile adds to a new cluster: a pause schedule, slow role propagation. */
function accountShape(ctx: RedshiftContext, availableAt: number): Partial<ClusterRecord> {
  const account = ctx.account;
  if (!account) return {};
  return {
    ...(account.pauseWhenAvailable ? { pause: { requestedAt: availableAt, doneAt: availableAt } } : {}),
    ...(account.rolePropagationMs > 0 ? { rolesInSyncAt: availableAt + account.rolePropagationMs } : {}),
  };
}
