// What exists, for reconcile.ts: the role, the cluster, its tables and the load the star tables
// hold (sparkify_load) — and the state file checked against them and saved corrected.
import type { AwsClients } from '../services/clients.js';
import { describeCluster } from '../services/cluster.js';
import type { ComputeSummary } from './deployment.js';
import type { SqlRunner } from '../services/data-api.js';
import { findRole } from '../services/iam-role.js';
import { readState, updateState } from '../services/state-file.js';
import { ALL_TABLES, LOAD_TABLE, tableCounts } from './etl.js';
import { reconcileState, type Reconciled } from './reconcile.js';

export interface Found {
  role?: Awaited<ReturnType<typeof findRole>>;
  /** The cluster, or the serverless workgroup seen as one. */
  cluster?: ComputeSummary;
  /** Every table in public; undefined when the cluster cannot be asked (not available, not ours). */
  tables?: string[];
  loadId?: string;
  /** Row counts of the sparkify tables that exist. */
  counts: Record<string, number>;
}

export const isSparkifyTable = (t: string) => ALL_TABLES.includes(t as (typeof ALL_TABLES)[number]);

/**
 * `describeCompute` is the cluster, or the serverless workgroup seen as one (deployment.ts); default the
 * cluster. `counts: false` (what reconciling needs, before a load) leaves the row counts out.
 */
export async function gatherFacts(
  clients: Pick<AwsClients, 'iam' | 'redshift'>,
  sql: SqlRunner,
  names: { iamRoleName: string; clusterIdentifier: string },
  describeCompute: () => Promise<Found['cluster']> = () => describeCluster(clients.redshift, names.clusterIdentifier),
  { counts = true }: { counts?: boolean } = {},
): Promise<Found> {
  const [role, cluster] = await Promise.all([findRole(clients.iam, names.iamRoleName), describeCompute()]);
  // Only a cluster sparkify created is queried: a same-named foreign one may not even have the database.
  if (cluster?.status !== 'available' || !cluster.managed) return { role, cluster, counts: {} };
  // The load id is read beside the listing, not after it: when the listing says there is no
  // sparkify_load, that read's failure means nothing.
  const [listed, load] = await Promise.allSettled([
    sql.execute(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`, { label: 'list tables' }),
    sql.execute(`SELECT load_id FROM ${LOAD_TABLE}`, { label: 'read the load id' }),
  ]);
  if (listed.status === 'rejected') throw listed.reason;
  const tables = listed.value.rows.map((r) => String(r.table_name));
  if (load.status === 'rejected' && tables.includes(LOAD_TABLE)) throw load.reason;
  const id = load.status === 'fulfilled' && tables.includes(LOAD_TABLE) ? load.value.rows[0]?.load_id : undefined;
  const counted = counts ? await tableCounts(sql, tables.filter(isSparkifyTable)) : {};
  return { role, cluster, tables, counts: counted, loadId: typeof id === 'string' ? id : undefined };
}

/** Checks the state file against what was found and saves the corrected file (never in a dry run). */
export async function reconcileWithFacts(stateDir: string, found: Found, { dryRun = false } = {}): Promise<Reconciled> {
  const saved = await readState(stateDir);
  const { cluster } = found;
  const result = reconcileState(saved, {
    role: found.role,
    cluster: cluster && { identifier: cluster.identifier, status: cluster.status, managed: cluster.managed, createdAt: cluster.createdAt?.toISOString() },
    tables: found.tables,
    loadId: found.loadId,
  });
  if (!dryRun && JSON.stringify(result.state) !== JSON.stringify(saved)) await updateState(stateDir, () => result.state);
  return result;
}
