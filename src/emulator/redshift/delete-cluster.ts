// DeleteCluster: `final-snapshot` (when a final snapshot was asked for) then `deleting`, and gone
// clusterDeleteMs after the request; the final snapshot takes the first half of that time.
import { AwsError } from '../contracts.js';
import { el } from '../protocols/xml.js';
import { clusterStatus } from './cluster-status.js';
import { clusterXml } from './cluster-xml.js';
import { normalizeIdentifier, requireCluster, type RedshiftHandler } from './context.js';
import { validateIdentifier } from './validation.js';

export const deleteCluster: RedshiftHandler = (ctx, params) => {
  const identifier = params.required('ClusterIdentifier');
  const skipFinalSnapshot = params.bool('SkipFinalClusterSnapshot') ?? false;
  const rawSnapshotId = params.string('FinalClusterSnapshotIdentifier');
  if (!skipFinalSnapshot && rawSnapshotId === undefined) {
    throw new AwsError('InvalidParameterCombination', 'FinalClusterSnapshotIdentifier is required unless SkipFinalClusterSnapshot is specified.');
  }
  if (skipFinalSnapshot && rawSnapshotId !== undefined) {
    throw new AwsError('InvalidParameterCombination', 'FinalClusterSnapshotIdentifier must not be specified since SkipFinalClusterSnapshot is true.');
  }
  const snapshotId = rawSnapshotId === undefined ? undefined : normalizeIdentifier(rawSnapshotId);
  if (snapshotId !== undefined) validateIdentifier(snapshotId, 'FinalClusterSnapshotIdentifier', 255);

  const cluster = ctx.state.update((state) => {
    const now = ctx.now();
    const record = requireCluster(state, identifier, now);
    const status = clusterStatus(record, now);
    if (status === 'creating') {
      throw new AwsError('InvalidClusterState', 'There is an operation running on the Cluster. Please try to delete it at a later time.');
    }
    // A paused cluster can be deleted as it is (its final snapshot is taken from the paused state).
    if (status !== 'available' && status !== 'paused') {
      throw new AwsError('InvalidClusterState', `Cluster ${record.identifier} is not in the available state; its status is ${status}.`);
    }
    if (snapshotId !== undefined && state.snapshots[snapshotId]) {
      throw new AwsError('ClusterSnapshotAlreadyExists', `Cannot create the snapshot because a snapshot with the identifier ${snapshotId} already exists.`);
    }
    record.deleteRequestedAt = now;
    record.goneAt = now + ctx.delays.clusterDeleteMs;
    if (snapshotId !== undefined) {
      record.finalSnapshotIdentifier = snapshotId;
      record.finalSnapshotDoneAt = now + Math.floor(ctx.delays.clusterDeleteMs / 2);
      state.snapshots[snapshotId] = {
        identifier: snapshotId,
        clusterIdentifier: record.identifier,
        snapshotType: 'manual',
        createdAt: now,
        availableAt: record.finalSnapshotDoneAt,
        clusterCreatedAt: record.createdAt,
        nodeType: record.nodeType,
        numberOfNodes: record.numberOfNodes,
        dbName: record.dbName,
        port: record.port,
        masterUsername: record.masterUsername,
        encrypted: record.encrypted,
        availabilityZone: record.availabilityZone,
        tags: [...record.tags],
      };
    }
    return record;
  });
  ctx.lifecycle.scheduleReapAt(cluster.goneAt ?? ctx.now());
  return el('Cluster', clusterXml(ctx, cluster, snapshotId !== undefined ? 'final-snapshot' : 'deleting'));
};
