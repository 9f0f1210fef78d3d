// Final snapshots: validated before DeleteCluster is sent (a bad name would fail only after the
// confirmation), and found again afterwards, because a kept snapshot is billed as backup storage.
import { DescribeClusterSnapshotsCommand, type RedshiftClient } from '@aws-sdk/client-redshift';
import { isAwsError, toUserError, UserError } from './errors.js';

/** Redshift's rule for snapshot identifiers: 1–255 letters, digits or hyphens, a letter first, no "--", no trailing hyphen. */
export function validateSnapshotIdentifier(id: string): void {
  if (!/^[a-zA-Z](?:[a-zA-Z0-9-]{0,253}[a-zA-Z0-9])?$/.test(id) || id.includes('--')) {
    throw new UserError(
      `"${id}" is not a valid snapshot identifier.`,
      'Use 1–255 letters, digits or hyphens, starting with a letter, without "--" or a trailing hyphen, e.g. --final-snapshot sparkify-final-2026-12-03.',
    );
  }
}

export interface KeptSnapshot {
  identifier: string;
  status: string;
  createdAt?: Date;
  /** Size in MB, when Redshift reports it. */
  sizeMb?: number;
}

/** The manual snapshots of a cluster (gone or not); each is billed as backup storage until deleted. */
export async function findKeptSnapshots(redshift: RedshiftClient, clusterIdentifier: string): Promise<KeptSnapshot[]> {
  try {
    const { Snapshots } = await redshift.send(new DescribeClusterSnapshotsCommand({ ClusterIdentifier: clusterIdentifier, SnapshotType: 'manual' }));
    return (Snapshots ?? []).map((s) => ({
      identifier: s.SnapshotIdentifier ?? '',
      status: s.Status ?? 'unknown',
      createdAt: s.SnapshotCreateTime,
      ...(s.TotalBackupSizeInMegaBytes !== undefined ? { sizeMb: s.TotalBackupSizeInMegaBytes } : {}),
    }));
  } catch (err) {
    if (isAwsError(err, 'ClusterNotFound', 'ClusterSnapshotNotFound')) return [];
    throw toUserError(err, `Listing the snapshots of cluster ${clusterIdentifier}`);
  }
}

export function snapshotBillingNote(snapshot: KeptSnapshot): string {
  return `final snapshot ${snapshot.identifier} (${snapshot.status}) is kept and billed as backup storage until you delete it: aws redshift delete-cluster-snapshot --snapshot-identifier ${snapshot.identifier}`;
}
