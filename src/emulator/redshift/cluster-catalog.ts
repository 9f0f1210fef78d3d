// The ClusterCatalog the Redshift Data side reads: clusters as the control plane sees them now,
// re-read from the state file so a cluster created by another process is visible too.
import { join } from 'node:path';
import type { ClusterCatalog, ClusterView } from '../contracts.js';
import type { StateStore } from '../state-store.js';
import { clusterStatus } from './cluster-status.js';
import { findCluster } from './context.js';

/** Where a cluster's DuckDB database lives: `<stateDir>/clusters/<identifier>.duckdb`. */
export function clusterDatabasePath(stateDir: string, identifier: string): string {
  return join(stateDir, 'clusters', `${identifier}.duckdb`);
}

export function createClusterCatalog(state: StateStore, now: () => number = Date.now): ClusterCatalog {
  return {
    findCluster(identifier: string): ClusterView | undefined {
      const cluster = findCluster(state.read(), identifier, now());
      if (!cluster) return undefined;
      return {
        identifier: cluster.identifier,
        status: clusterStatus(cluster, now()),
        dbName: cluster.dbName,
        masterUsername: cluster.masterUsername,
        // A role still `adding` (IAM propagation) cannot be assumed yet: COPY is refused as on Redshift.
        iamRoleArns: now() < (cluster.rolesInSyncAt ?? 0) ? [] : [...cluster.iamRoleArns],
        defaultIamRoleArn: cluster.defaultIamRoleArn,
        databasePath: clusterDatabasePath(state.stateDir, cluster.identifier),
      };
    },
    databasePathOf(identifier: string): string {
      return clusterDatabasePath(state.stateDir, identifier);
    },
    roleArnExists(arn: string): boolean {
      return Object.values(state.read().roles).some((role) => role.arn === arn);
    },
  };
}
