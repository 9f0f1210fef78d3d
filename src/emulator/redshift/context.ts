// What every Redshift operation shares: state, account, delays, lookups and ARNs.
import { AwsError, type EmulatorDelays } from '../contracts.js';
import type { QueryParams } from '../protocols/query.js';
import type { Xml } from '../protocols/xml.js';
import type { ClusterRecord, EmulatorState, StateStore } from '../state-store.js';
import type { ClusterLifecycle } from './cluster-lifecycle.js';
import type { FaultInjector } from '../faults/index.js';
import { clusterStatus } from './cluster-status.js';
import type { AccountProfile } from '../accounts/profiles.js';

export interface RedshiftContext {
  state: StateStore;
  accountId: string;
  region: string;
  delays: EmulatorDelays;
  lifecycle: ClusterLifecycle;
  now: () => number;
  /** Fault injection: `fail-create` rules make CreateCluster answer InsufficientClusterCapacity. */
  faults?: FaultInjector;
  /** The account shape being modelled (default VPC, subnet groups, pauses, role propagation). */
  account?: AccountProfile;
  /** Where the clusters' PostgreSQL endpoint listens (the emulator's pg server), when it runs. */
  pgEndpoint?: { address: string; port: number };
}

/** Returns the XML inside <OpResult>, or undefined for operations whose output is empty. */
export type RedshiftHandler = (ctx: RedshiftContext, params: QueryParams) => Xml | undefined | Promise<Xml | undefined>;

/** Redshift stores identifiers in lower case and matches them regardless of case (`dwhCluster` → `dwhcluster`). */
export function normalizeIdentifier(identifier: string): string {
  return identifier.toLowerCase();
}

/** A cluster that exists for the API: not yet gone (deletion finished but not yet reaped counts as gone). */
export function findCluster(state: EmulatorState, identifier: string, now: number): ClusterRecord | undefined {
  const cluster = state.clusters[normalizeIdentifier(identifier)];
  if (!cluster || clusterStatus(cluster, now) === 'gone') return undefined;
  return cluster;
}

export function requireCluster(state: EmulatorState, identifier: string, now: number): ClusterRecord {
  const cluster = findCluster(state, identifier, now);
  if (!cluster) throw new AwsError('ClusterNotFound', `Cluster ${normalizeIdentifier(identifier)} not found.`, 404);
  return cluster;
}

export function clusterArn(ctx: RedshiftContext, identifier: string): string {
  return `arn:aws:redshift:${ctx.region}:${ctx.accountId}:cluster:${identifier}`;
}

export function snapshotArn(ctx: RedshiftContext, clusterIdentifier: string, snapshotIdentifier: string): string {
  return `arn:aws:redshift:${ctx.region}:${ctx.accountId}:snapshot:${clusterIdentifier}/${snapshotIdentifier}`;
}

/** Redshift list pagination: an opaque Marker and MaxRecords (default 100, between 20 and 100). */
export function paginateRecords<T>(items: T[], params: QueryParams): { page: T[]; marker?: string } {
  const maxRecords = params.int('MaxRecords') ?? 100;
  if (maxRecords < 20 || maxRecords > 100) {
    throw new AwsError('InvalidParameterValue', 'MaxRecords must be between 20 and 100.');
  }
  const marker = params.string('Marker');
  const start = marker ? Number(Buffer.from(marker, 'base64url').toString()) : 0;
  if (!Number.isInteger(start) || start < 0) throw new AwsError('InvalidParameterValue', 'Invalid Marker.');
  const end = start + maxRecords;
  return { page: items.slice(start, end), marker: end < items.length ? Buffer.from(String(end)).toString('base64url') : undefined };
}

/** TagKeys/TagValues filters: a resource matches when one of its tags has a listed key and/or value. */
export function matchesTagFilter(tags: { Key: string; Value: string }[], keys: string[], values: string[]): boolean {
  if (keys.length === 0 && values.length === 0) return true;
  return tags.some((tag) => (keys.length === 0 || keys.includes(tag.Key)) && (values.length === 0 || values.includes(tag.Value)));
}
