// The Redshift cluster: create (or reuse one sparkify made), describe, delete. Waiting lives in
// cluster-monitor.ts. Hardened defaults: not publicly accessible (the Data API needs no network
// path), encrypted, and a master password managed by Secrets Manager so none is stored or printed.
import {
  CreateClusterCommand,
  type CreateClusterCommandInput,
  DeleteClusterCommand,
  DescribeClustersCommand,
  type Cluster,
  type RedshiftClient,
} from '@aws-sdk/client-redshift';
import type { Emit } from '../workflow/events.js';
import { isAwsError, toUserError, UserError } from './errors.js';
import { hasManagedTag, MANAGED_TAG } from './managed-tag.js';

import { systemClock, type Clock } from './cluster-monitor.js';
import { retryDependentService } from './dependent-service.js';
import { validateSnapshotIdentifier } from './snapshots.js';

export { waitForClusterDeleted, waitForClusterStatus, systemClock, type Clock, type MonitorOptions } from './cluster-monitor.js';

export interface ClusterSummary {
  identifier: string;
  status: string;
  nodeType?: string;
  numberOfNodes?: number;
  dbName?: string;
  masterUsername?: string;
  /** host:port, once the cluster has one. */
  endpoint?: string;
  iamRoleArns: string[];
  /** Each attached role and whether the cluster can use it yet (ApplyStatus: adding → in-sync). */
  iamRoles: { arn: string; applyStatus: string }[];
  clusterSubnetGroup?: string;
  /** Secrets Manager secret holding the managed master password (never its value). */
  masterPasswordSecretArn?: string;
  managed: boolean;
  createdAt?: Date;
}

export function summarizeCluster(cluster: Cluster): ClusterSummary {
  const address = cluster.Endpoint?.Address;
  return {
    identifier: cluster.ClusterIdentifier!,
    status: cluster.ClusterStatus ?? 'unknown',
    nodeType: cluster.NodeType,
    numberOfNodes: cluster.NumberOfNodes,
    dbName: cluster.DBName,
    masterUsername: cluster.MasterUsername,
    endpoint: address ? `${address}:${cluster.Endpoint?.Port ?? 5439}` : undefined,
    iamRoleArns: (cluster.IamRoles ?? []).map((r) => r.IamRoleArn!).filter(Boolean),
    iamRoles: (cluster.IamRoles ?? []).filter((r) => r.IamRoleArn).map((r) => ({ arn: r.IamRoleArn!, applyStatus: r.ApplyStatus ?? 'in-sync' })),
    clusterSubnetGroup: cluster.ClusterSubnetGroupName,
    masterPasswordSecretArn: cluster.MasterPasswordSecretArn,
    managed: hasManagedTag(cluster.Tags),
    createdAt: cluster.ClusterCreateTime,
  };
}

/** The cluster, or undefined when Redshift says ClusterNotFound. */
export async function describeCluster(redshift: RedshiftClient, clusterIdentifier: string): Promise<ClusterSummary | undefined> {
  try {
    const { Clusters } = await redshift.send(new DescribeClustersCommand({ ClusterIdentifier: clusterIdentifier }));
    const cluster = Clusters?.[0];
    return cluster ? summarizeCluster(cluster) : undefined;
  } catch (err) {
    if (isAwsError(err, 'ClusterNotFound')) return undefined;
    throw toUserError(err, `Looking up cluster ${clusterIdentifier}`);
  }
}

export interface CreateClusterOptions {
  clusterIdentifier: string;
  clusterType: 'single-node' | 'multi-node';
  numNodes: number;
  nodeType: string;
  dbName: string;
  masterUsername: string;
  port: number;
  iamRoleArn: string;
  /** [DWH] CLUSTER_SUBNET_GROUP / VPC_SECURITY_GROUP_IDS: the network, when not the default VPC. */
  clusterSubnetGroup?: string;
  vpcSecurityGroupIds?: string[];
  emit: Emit;
  /**
   * A role created seconds ago may not be visible to Redshift yet (IAM is eventually consistent):
   * CreateCluster then says the role "is not valid". Retried this many times, `roleRetryMs` apart.
   */
  roleRetries?: number;
  roleRetryMs?: number;
  clock?: Clock;
}

export interface CreateClusterResult {
  cluster: ClusterSummary;
  created: boolean;
}

function notOursError(clusterIdentifier: string, action: string): UserError {
  return new UserError(
    `Redshift cluster ${clusterIdentifier} exists but was not created by sparkify (it has no sparkify:managed=true tag), so it will not be ${action}.`,
    'Set [DWH] CLUSTER_IDENTIFIER in dwh.cfg to an identifier not in use.',
  );
}

/**
 * Starts creating the cluster and returns at once (status "creating"); waitForClusterStatus follows
 * it. An existing cluster is reused only when sparkify created it.
 */
export async function createClusterIfMissing(redshift: RedshiftClient, opts: CreateClusterOptions): Promise<CreateClusterResult> {
  const existing = await describeCluster(redshift, opts.clusterIdentifier).catch((err) => {
    throw toUserError(err, `Looking up cluster ${opts.clusterIdentifier}`);
  });
  if (existing) return reuseManagedCluster(existing, opts);
  const { roleRetries = 6, roleRetryMs = 5_000, clock = systemClock } = opts;
  for (let attempt = 0; ; attempt++) {
    try {
      return await sendCreateCluster(redshift, opts);
    } catch (err) {
      if (!isRoleNotYetValid(err)) throw err;
      if (attempt >= roleRetries) {
        throw new UserError(
          `Redshift does not accept the IAM role ${opts.iamRoleArn}: ${(err as Error).message}`,
          'If the role was created just now, IAM may need another minute: run again. Otherwise check that its trust policy lets redshift.amazonaws.com assume it.',
        );
      }
      opts.emit({ type: 'notice', level: 'info', message: `Waiting for IAM to make role ${opts.iamRoleArn} visible to Redshift (attempt ${attempt + 1} of ${roleRetries})` });
      await clock.sleep(roleRetryMs);
    }
  }
}

function isRoleNotYetValid(err: unknown): boolean {
  return isAwsError(err, 'InvalidParameterValue') && /IAM role .* is not valid/i.test((err as Error).message ?? '');
}

/** What CreateCluster is sent (also what --dry-run prints): private, encrypted, managed password, tagged. */
export function createClusterInput(opts: Omit<CreateClusterOptions, 'emit'>): CreateClusterCommandInput {
  return {
    ClusterIdentifier: opts.clusterIdentifier,
    ClusterType: opts.clusterType,
    NodeType: opts.nodeType,
    // Redshift rejects NumberOfNodes for single-node clusters.
    ...(opts.clusterType === 'multi-node' ? { NumberOfNodes: opts.numNodes } : {}),
    DBName: opts.dbName,
    MasterUsername: opts.masterUsername,
    ManageMasterPassword: true,
    Port: opts.port,
    IamRoles: [opts.iamRoleArn],
    // Lets COPY say IAM_ROLE default, should a user run the SQL by hand.
    DefaultIamRoleArn: opts.iamRoleArn,
    ...(opts.clusterSubnetGroup ? { ClusterSubnetGroupName: opts.clusterSubnetGroup } : {}),
    ...(opts.vpcSecurityGroupIds?.length ? { VpcSecurityGroupIds: opts.vpcSecurityGroupIds } : {}),
    PubliclyAccessible: false,
    Encrypted: true,
    Tags: [{ ...MANAGED_TAG }],
  };
}

async function sendCreateCluster(redshift: RedshiftClient, opts: CreateClusterOptions): Promise<CreateClusterResult> {
  try {
    const { Cluster: created } = await retryDependentService(() => redshift.send(new CreateClusterCommand(createClusterInput(opts))), { emit: opts.emit, clock: opts.clock });
    // No cluster.status event here: waitForClusterStatus reports every status, this one included.
    return { cluster: summarizeCluster(created!), created: true };
  } catch (err) {
    if (isAwsError(err, 'ClusterAlreadyExists')) {
      const raced = await describeCluster(redshift, opts.clusterIdentifier);
      if (raced) return reuseManagedCluster(raced, opts);
    }
    if (isRoleNotYetValid(err)) throw err; // the caller retries these
    throw networkError(err, opts) ?? toUserError(err, `Creating cluster ${opts.clusterIdentifier}`);
  }
}

/**
 * Without a subnet group Redshift puts the cluster in the region's default VPC; many organisations
 * delete it, and a named group may not exist or lack subnets. These need a network setting, not a retry.
 */
function networkError(err: unknown, opts: CreateClusterOptions): UserError | undefined {
  if (!isAwsError(err, 'InvalidVPCNetworkStateFault', 'ClusterSubnetGroupNotFoundFault', 'InvalidSubnet', 'InvalidClusterSubnetGroupStateFault')) return undefined;
  const where = opts.clusterSubnetGroup ? `the cluster subnet group ${opts.clusterSubnetGroup}` : 'the default VPC (no [DWH] CLUSTER_SUBNET_GROUP is set)';
  const error = new UserError(
    `Creating cluster ${opts.clusterIdentifier} failed: Redshift has no usable network in ${where} (${(err as Error).name}: ${(err as Error).message})`,
    opts.clusterSubnetGroup
      ? `Check that cluster subnet group ${opts.clusterSubnetGroup} exists in this region (aws redshift describe-cluster-subnet-groups) and has subnets, or fix [DWH] CLUSTER_SUBNET_GROUP.`
      : 'Create a cluster subnet group in one of your VPCs (aws redshift create-cluster-subnet-group) and set [DWH] CLUSTER_SUBNET_GROUP (and optionally VPC_SECURITY_GROUP_IDS) in dwh.cfg, or recreate the default VPC (aws ec2 create-default-vpc).',
  );
  (error as { cause?: unknown }).cause = err;
  return error;
}

function reuseManagedCluster(cluster: ClusterSummary, opts: CreateClusterOptions): CreateClusterResult {
  if (!cluster.managed) throw notOursError(cluster.identifier, 'used');
  if (cluster.status === 'deleting' || cluster.status === 'final-snapshot') {
    throw new UserError(
      `Redshift cluster ${cluster.identifier} is being deleted (status ${cluster.status}).`,
      'Wait until the deletion finishes, then run again to create a fresh cluster.',
    );
  }
  if (!cluster.iamRoleArns.includes(opts.iamRoleArn)) {
    opts.emit({
      type: 'notice',
      level: 'warn',
      message: `Cluster ${cluster.identifier} does not have the role ${opts.iamRoleArn} attached; COPY will fail until it is (aws redshift modify-cluster-iam-roles).`,
    });
  }
  opts.emit({ type: 'notice', level: 'info', message: `Reusing cluster ${cluster.identifier} (status ${cluster.status}), created earlier by sparkify.` });
  return { cluster, created: false };
}

export interface DeleteClusterOptions {
  /** Take a final snapshot under this id; without it the data is gone with the cluster. */
  finalSnapshotId?: string;
}

/**
 * Starts deleting a cluster sparkify created (waitForClusterDeleted follows it and reports the
 * statuses). Returns false when there was no such cluster. A cluster still "creating" is refused by
 * Redshift (InvalidClusterState): wait for it to become available first.
 */
export async function deleteManagedCluster(redshift: RedshiftClient, clusterIdentifier: string, { finalSnapshotId }: DeleteClusterOptions = {}): Promise<boolean> {
  if (finalSnapshotId !== undefined) validateSnapshotIdentifier(finalSnapshotId);
  const cluster = await describeCluster(redshift, clusterIdentifier).catch((err) => {
    throw toUserError(err, `Looking up cluster ${clusterIdentifier}`);
  });
  if (!cluster) return false;
  if (!cluster.managed) throw notOursError(clusterIdentifier, 'deleted');
  if (cluster.status === 'deleting' || cluster.status === 'final-snapshot') return true; // already on its way
  try {
    const command = new DeleteClusterCommand({
      ClusterIdentifier: clusterIdentifier,
      SkipFinalClusterSnapshot: !finalSnapshotId,
      ...(finalSnapshotId ? { FinalClusterSnapshotIdentifier: finalSnapshotId } : {}),
    });
    await retryDependentService(() => redshift.send(command), { emit: () => {} });
  } catch (err) {
    if (isAwsError(err, 'ClusterNotFound')) return false;
    throw toUserError(err, `Deleting cluster ${clusterIdentifier}`);
  }
  return true;
}
