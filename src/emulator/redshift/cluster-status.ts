// A cluster's status is never stored: it is derived from persisted timestamps, so a cluster created
// by one sparkify process becomes available (or finishes deleting) even while no process is running.
import type { ClusterRecord, SnapshotRecord } from '../state-store.js';

export type ClusterStatus = 'creating' | 'available' | 'final-snapshot' | 'deleting' | 'gone' | 'pausing' | 'paused' | 'resuming';

export function clusterStatus(cluster: ClusterRecord, now: number): ClusterStatus {
  if (cluster.deleteRequestedAt !== undefined) {
    if (now >= (cluster.goneAt ?? cluster.deleteRequestedAt)) return 'gone';
    if (cluster.finalSnapshotDoneAt !== undefined && now < cluster.finalSnapshotDoneAt) return 'final-snapshot';
    return 'deleting';
  }
  if (now < cluster.availableAt) return 'creating';
  if (cluster.pause && now >= cluster.pause.requestedAt) return now < cluster.pause.doneAt ? 'pausing' : 'paused';
  if (cluster.resume && now < cluster.resume.doneAt) return 'resuming';
  return 'available';
}

/** Redshift's ClusterAvailabilityStatus: whether the cluster can take queries. */
export function availabilityStatus(status: ClusterStatus): string {
  if (status === 'paused') return 'Paused';
  return status === 'available' ? 'Available' : status === 'pausing' || status === 'resuming' ? 'Modifying' : 'Unavailable';
}

export function snapshotStatus(snapshot: SnapshotRecord, now: number): 'creating' | 'available' {
  return now < snapshot.availableAt ? 'creating' : 'available';
}
