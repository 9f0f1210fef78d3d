// "What is billing now", for `sparkify status`: compute while the cluster runs, storage only while a
// RA3 cluster is paused, and every kept snapshot (backup storage) until it is deleted.
import { estimateHourlyCost, type SparkifyConfig } from '../config/index.js';
import type { ClusterSummary } from '../services/cluster.js';
import { snapshotBillingNote, type KeptSnapshot } from '../services/snapshots.js';

export function describeBilling(config: SparkifyConfig, cluster: ClusterSummary | undefined, snapshots: KeptSnapshot[]): string[] {
  const local = config.target === 'local' ? ' (on AWS; the local target costs nothing)' : '';
  const lines: string[] = [];
  if (cluster) {
    const cost = estimateHourlyCost({ dwh: { nodeType: cluster.nodeType ?? config.dwh.nodeType, numNodes: cluster.numberOfNodes ?? config.dwh.numNodes } });
    const price = cost ? `about $${cost.usdPerHour.toFixed(2)}/hour, us-east-1 list price${config.aws.region === 'us-east-1' ? '' : `; ${config.aws.region} may differ`}` : 'see AWS pricing';
    if (cluster.status === 'paused') lines.push(`cluster ${cluster.identifier} is paused: only its managed storage is billed${local}; "sparkify resume" restarts compute billing`);
    else if (cluster.status === 'deleting' || cluster.status === 'final-snapshot') lines.push(`cluster ${cluster.identifier} is being deleted; billing stops when it is gone`);
    else lines.push(`cluster ${cluster.identifier} (${cluster.status}) bills compute: ${price}${local}; "sparkify pause" stops compute billing, "sparkify down" all of it`);
  }
  for (const snapshot of snapshots) lines.push(snapshotBillingNote(snapshot) + local);
  if (lines.length === 0) lines.push(`nothing is billing: no cluster and no kept snapshot of ${config.dwh.clusterIdentifier}`);
  return lines;
}
