// The ClusterCatalog the Redshift Data side reads: clusters as the control plane sees them now,
// re-read from the state file so a cluster created by another process is visible too.
import { join } from 'node:path';
import type { ClusterCatalog, ClusterView } from '../contracts.js';
import type { StateStore } from '../state-store.js';
import { clusterStatus } from './cluster-status.js';
import { findCluster } from './context.js';
import { findNamespace, findWorkgroup, serverlessDatabaseKey, workgroupStatus } from '../redshift-serverless/context.js';

const SERVERLESS_PREFIX = 'serverless:';

/**
 * Where a cluster's DuckDB database lives: `<stateDir>/clusters/<identifier>.duckdb`; a serverless
 * namespace's (key `serverless:<namespace>`) is `<stateDir>/namespaces/<namespace>.duckdb`.
 */
export function clusterDatabasePath(stateDir: string, identifier: string): string {
  if (identifier.startsWith(SERVERLESS_PREFIX)) return join(stateDir, 'namespaces', `${identifier.slice(SERVERLESS_PREFIX.length)}.duckdb`);
  return join(stateDir, 'clusters', `${identifier}.duckdb`);
}

export function createClusterCatalog(state: StateStore, now: () => number = Date.now): ClusterCatalog {
  const state0 = () => state.read();
  const stateDir = state.stateDir;
  const workgroupView = (workgroupName: string): ClusterView | undefined => {
    const current = state0();
    const at = now();
    const wg = findWorkgroup(current, workgroupName, at);
    const ns = wg && findNamespace(current, wg.namespaceName, at);
    if (!wg || !ns) return undefined;
    const key = serverlessDatabaseKey(ns.namespaceName);
    const status = workgroupStatus(wg, at);
    return {
      identifier: key,
      workgroupName: wg.workgroupName,
      status: status === 'AVAILABLE' && ns.deleteRequestedAt === undefined ? 'available' : status.toLowerCase(),
      dbName: ns.dbName,
      masterUsername: ns.adminUsername,
      iamRoleArns: [...ns.iamRoles],
      defaultIamRoleArn: ns.defaultIamRoleArn,
      databasePath: clusterDatabasePath(stateDir, key),
    };
  };
  return {
    findCluster(identifier: string): ClusterView | undefined {
      if (identifier.startsWith(SERVERLESS_PREFIX)) {
        const current = state0();
        const wg = Object.values(current.workgroups).find((w) => serverlessDatabaseKey(w.namespaceName) === identifier && findWorkgroup(current, w.workgroupName, now()));
        return wg ? workgroupView(wg.workgroupName) : undefined;
      }
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
    findWorkgroup: workgroupView,
    databasePathOf(identifier: string): string {
      return clusterDatabasePath(state.stateDir, identifier);
    },
    roleArnExists(arn: string): boolean {
      return Object.values(state.read().roles).some((role) => role.arn === arn);
    },
  };
}
