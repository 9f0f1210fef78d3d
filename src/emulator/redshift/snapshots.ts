// DescribeClusterSnapshots and DeleteClusterSnapshot (snapshots come from DeleteCluster's final snapshot).
import { AwsError } from '../contracts.js';
import { el, list, seq } from '../protocols/xml.js';
import type { SnapshotRecord } from '../state-store.js';
import { snapshotStatus } from './cluster-status.js';
import { snapshotXml } from './cluster-xml.js';
import { matchesTagFilter, normalizeIdentifier, paginateRecords, type RedshiftHandler } from './context.js';

function notFound(identifier: string): AwsError {
  return new AwsError('ClusterSnapshotNotFound', `Snapshot ${identifier} not found.`, 404);
}

export const describeClusterSnapshots: RedshiftHandler = (ctx, params) => {
  const state = ctx.state.read();
  const snapshotId = params.string('SnapshotIdentifier');
  const clusterId = params.string('ClusterIdentifier');
  const snapshotType = params.string('SnapshotType');
  const tagKeys = params.strings('TagKeys');
  const tagValues = params.strings('TagValues');
  let snapshots: SnapshotRecord[];
  if (snapshotId !== undefined) {
    const snapshot = state.snapshots[normalizeIdentifier(snapshotId)];
    if (!snapshot) throw notFound(snapshotId);
    snapshots = [snapshot];
  } else {
    snapshots = Object.values(state.snapshots);
  }
  snapshots = snapshots
    .filter((snapshot) => clusterId === undefined || snapshot.clusterIdentifier === normalizeIdentifier(clusterId))
    .filter((snapshot) => snapshotType === undefined || snapshot.snapshotType === snapshotType)
    .filter((snapshot) => matchesTagFilter(snapshot.tags, tagKeys, tagValues))
    .sort((a, b) => a.createdAt - b.createdAt);
  const { page, marker } = paginateRecords(snapshots, params);
  return seq(list('Snapshots', 'Snapshot', page, (snapshot) => snapshotXml(ctx, snapshot)), el('Marker', marker));
};

export const deleteClusterSnapshot: RedshiftHandler = (ctx, params) => {
  const snapshotId = normalizeIdentifier(params.required('SnapshotIdentifier'));
  const deleted = ctx.state.update((state) => {
    const snapshot = state.snapshots[snapshotId];
    if (!snapshot) throw notFound(snapshotId);
    if (snapshotStatus(snapshot, ctx.now()) !== 'available') {
      throw new AwsError('InvalidClusterSnapshotState', `Cannot delete the snapshot ${snapshotId} because only available snapshots may be deleted.`);
    }
    delete state.snapshots[snapshotId];
    return snapshot;
  });
  return el('Snapshot', snapshotXml(ctx, deleted, 'deleted'));
};
