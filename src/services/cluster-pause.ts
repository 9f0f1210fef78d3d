// Pausing and resuming a cluster sparkify created: a paused RA3 cluster bills only its managed
// storage, and resuming brings it back with its data. The monitor follows either to its end.
import { PauseClusterCommand, ResumeClusterCommand, type RedshiftClient } from '@aws-sdk/client-redshift';
import { describeCluster, type ClusterSummary } from './cluster.js';
import { waitForClusterStatus, type MonitorOptions } from './cluster-monitor.js';
import { retryDependentService } from './dependent-service.js';
import { toUserError, UserError } from './errors.js';

export type PauseAction = 'pause' | 'resume';

function requireManaged(cluster: ClusterSummary | undefined, clusterIdentifier: string, action: PauseAction): ClusterSummary {
  if (!cluster) throw new UserError(`Cluster ${clusterIdentifier} does not exist, so there is nothing to ${action}.`, 'Run "sparkify up" to create it.');
  if (!cluster.managed) {
    throw new UserError(
      `Redshift cluster ${clusterIdentifier} exists but was not created by sparkify (it has no sparkify:managed=true tag), so it will not be ${action === 'pause' ? 'paused' : 'resumed'}.`,
      'Set [DWH] CLUSTER_IDENTIFIER in dwh.cfg to the cluster sparkify created.',
    );
  }
  return cluster;
}

/** Pauses (available → paused) or resumes (paused → available) and waits; returns the final status. */
export async function pauseOrResumeCluster(redshift: RedshiftClient, clusterIdentifier: string, action: PauseAction, monitor: MonitorOptions): Promise<ClusterSummary> {
  const cluster = requireManaged(await describeCluster(redshift, clusterIdentifier), clusterIdentifier, action);
  const [from, via, to] = action === 'pause' ? ['available', 'pausing', 'paused'] : ['paused', 'resuming', 'available'];
  if (cluster.status === to) {
    monitor.emit({ type: 'notice', level: 'info', message: `Cluster ${clusterIdentifier} is already ${to}.` });
    return cluster;
  }
  if (cluster.status !== from && cluster.status !== via) {
    throw new UserError(
      `Cluster ${clusterIdentifier} is ${cluster.status}; only ${action === 'pause' ? 'an available' : 'a paused'} cluster can be ${action === 'pause' ? 'paused' : 'resumed'}.`,
      action === 'pause' ? 'Wait until it is available ("sparkify status"), then run "sparkify pause" again.' : 'Wait until it is paused ("sparkify status"), then run "sparkify resume" again.',
    );
  }
  if (cluster.status === from) {
    const Command = action === 'pause' ? PauseClusterCommand : ResumeClusterCommand;
    try {
      await retryDependentService(() => redshift.send(new Command({ ClusterIdentifier: clusterIdentifier })), monitor);
    } catch (err) {
      throw toUserError(err, `${action === 'pause' ? 'Pausing' : 'Resuming'} cluster ${clusterIdentifier}`);
    }
  }
  return waitForClusterStatus(redshift, clusterIdentifier, to, monitor);
}
