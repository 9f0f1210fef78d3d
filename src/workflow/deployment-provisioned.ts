// A provisioned Redshift cluster: the deployment sparkify always had. The code here is what the
// warehouse did inline before the Deployment seam; its behaviour is unchanged.
import { createClusterIfMissing, createClusterInput, deleteManagedCluster, type CreateClusterOptions, type ClusterSummary, describeCluster, waitForClusterDeleted, waitForClusterStatus } from '../services/cluster.js';
import { waitForRoleInSync } from '../services/cluster-roles.js';
import { UserError } from '../services/errors.js';
import { findKeptSnapshots, snapshotBillingNote } from '../services/snapshots.js';
import type { SqlTarget } from '../services/data-api.js';
import { describeBilling } from './billing.js';
import type { ComputeSummary, Deployment, DeploymentContext } from './deployment.js';
import type { Emit } from './events.js';
import type { Plan, TeardownPlan } from './types.js';

export class ProvisionedDeployment implements Deployment {
  readonly kind = 'provisioned';
  readonly name: string;
  readonly sqlTarget: SqlTarget;

  constructor(private readonly ctx: DeploymentContext) {
    const { dwh } = ctx.config;
    this.name = dwh.clusterIdentifier;
    this.sqlTarget = { clusterIdentifier: dwh.clusterIdentifier, database: dwh.dbName, dbUser: dwh.dbUser };
  }

  private get redshift() {
    return this.ctx.clients.redshift;
  }

  describe(): Promise<ClusterSummary | undefined> {
    return describeCluster(this.redshift, this.name);
  }

  async create(roleArn: string, emit: Emit): Promise<{ compute: ComputeSummary; created: boolean }> {
    const { cluster, created } = await createClusterIfMissing(this.redshift, { ...this.clusterOptions(roleArn), emit });
    return { compute: cluster, created };
  }

  async dryRunCreate(roleArn: string, emit: Emit): Promise<{ endpoint?: string; created: boolean }> {
    const existing = await describeCluster(this.redshift, this.name);
    if (!existing) {
      emit({ type: 'dry-run', service: 'redshift', operation: 'CreateCluster', params: { ...createClusterInput(this.clusterOptions(roleArn)) } });
    }
    return { endpoint: existing?.endpoint, created: !existing };
  }

  waitAvailable(emit: Emit, signal?: AbortSignal): Promise<ComputeSummary> {
    return waitForClusterStatus(this.redshift, this.name, 'available', { emit, pollMs: this.ctx.pollMs, signal });
  }

  private clusterOptions(iamRoleArn: string): Omit<CreateClusterOptions, 'emit'> {
    const { dwh } = this.ctx.config;
    return {
      clusterIdentifier: dwh.clusterIdentifier,
      clusterType: dwh.clusterType,
      numNodes: dwh.numNodes,
      nodeType: dwh.nodeType,
      dbName: dwh.dbName,
      masterUsername: dwh.dbUser,
      port: dwh.dbPort,
      iamRoleArn,
      ...(dwh.clusterSubnetGroup ? { clusterSubnetGroup: dwh.clusterSubnetGroup } : {}),
      ...(dwh.vpcSecurityGroupIds ? { vpcSecurityGroupIds: dwh.vpcSecurityGroupIds } : {}),
    };
  }

  async requireAvailable(): Promise<void> {
    const cluster = await describeCluster(this.redshift, this.name);
    if (!cluster) throw new UserError(`Cluster ${this.name} does not exist.`, 'Run "sparkify up" first (or "sparkify run" for everything).');
    if (cluster.status !== 'available') throw new UserError(`Cluster ${cluster.identifier} is ${cluster.status}, not available.`, 'Wait for it with "sparkify up" (it resumes), then run this again.');
  }

  waitForRole(roleArn: string, emit: Emit, signal?: AbortSignal): Promise<void> {
    return waitForRoleInSync(this.redshift, this.name, roleArn, { emit, pollMs: this.ctx.pollMs, signal }).then(() => undefined);
  }

  async adjustPlan(plan: Plan): Promise<Plan> {
    return plan; // buildPlan describes a cluster already
  }

  async billing(found: ComputeSummary | undefined): Promise<string[]> {
    const snapshots = await findKeptSnapshots(this.redshift, this.name).catch(() => []);
    // describe() returned it, so it is the full ClusterSummary (node type and count price it).
    return describeBilling(this.ctx.config, found as ClusterSummary | undefined, snapshots);
  }

  async teardownPlan(): Promise<Pick<TeardownPlan, 'cluster'> & { untouched: string[] }> {
    const cluster = await describeCluster(this.redshift, this.name);
    return {
      cluster: cluster?.managed ? { identifier: cluster.identifier, status: cluster.status } : undefined,
      untouched: cluster && !cluster.managed ? [`cluster ${cluster.identifier} (not created by sparkify)`] : [],
    };
  }

  dryRunTeardown(plan: TeardownPlan, finalSnapshotId: string | undefined, emit: Emit): void {
    if (plan.cluster) emit({ type: 'dry-run', service: 'redshift', operation: 'DeleteCluster', params: { ClusterIdentifier: plan.cluster.identifier, SkipFinalClusterSnapshot: !finalSnapshotId, FinalClusterSnapshotIdentifier: finalSnapshotId } });
  }

  async teardown(plan: TeardownPlan, finalSnapshotId: string | undefined, emit: Emit, signal?: AbortSignal): Promise<void> {
    if (!plan.cluster) return;
    const pollMs = this.ctx.pollMs;
    if (plan.cluster.status === 'creating') {
      emit({ type: 'notice', level: 'info', message: `Cluster ${plan.cluster.identifier} is still creating; Redshift deletes it once it is available.` });
      await waitForClusterStatus(this.redshift, this.name, 'available', { emit, pollMs, signal });
    }
    await deleteManagedCluster(this.redshift, this.name, { finalSnapshotId });
    await waitForClusterDeleted(this.redshift, this.name, { emit, pollMs, signal });
    if (finalSnapshotId) {
      const kept = (await findKeptSnapshots(this.redshift, this.name).catch(() => [])).find((s) => s.identifier === finalSnapshotId.toLowerCase());
      emit({ type: 'notice', level: 'warn', message: snapshotBillingNote(kept ?? { identifier: finalSnapshotId.toLowerCase(), status: 'available' }) });
    }
  }
}
