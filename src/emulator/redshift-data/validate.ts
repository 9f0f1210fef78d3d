// Request checks shared by the operations, with the errors real Redshift Data gives.
import { AwsError, type ClusterCatalog, type ClusterView } from '../contracts.js';
import type { StatementRecord } from './statement-store.js';

export const MAX_SQL_BYTES = 100 * 1024;
export const MAX_ACTIVE_PER_CLUSTER = 200;
export const MAX_BATCH_SQLS = 40;

export const validation = (message: string): AwsError => new AwsError('ValidationException', message);

export function requireString(input: Record<string, unknown>, name: string): string {
  const v = input[name];
  if (typeof v !== 'string' || v.length === 0) throw validation(`${name} is required and must be a non-empty string.`);
  return v;
}

/** The cluster a statement or explore call targets; it must exist and be available. */
export function resolveCluster(catalog: ClusterCatalog, input: Record<string, unknown>): ClusterView {
  if (input.WorkgroupName !== undefined) return resolveWorkgroup(catalog, input);
  const id = input.ClusterIdentifier;
  if (typeof id !== 'string' || !id) throw validation('Either ClusterIdentifier or WorkgroupName must be specified.');
  if (typeof input.Database !== 'string' || !input.Database) throw validation('Database is required when connecting to a cluster.');
  const cluster = catalog.findCluster(id);
  if (!cluster) throw validation("Redshift endpoint doesn't exist in this region.");
  if (cluster.status !== 'available') {
    throw validation(`Cluster ${id} is not available: its status is ${cluster.status}. Wait until the cluster is available.`);
  }
  return cluster;
}

/** Statement ids (with an optional `:n` for a batch part) and session ids, as the service model's pattern. */
export const STATEMENT_ID_PATTERN = /^[a-z0-9]{8}(-[a-z0-9]{4}){3}-[a-z0-9]{12}(:\d{0,2})?$/;
export const SESSION_ID_PATTERN = STATEMENT_ID_PATTERN;

/** A string member checked against its model pattern, failing with AWS's validation wording. */
export function checkPattern(input: Record<string, unknown>, name: string, wireName: string, pattern: RegExp): string {
  const v = requireString(input, name);
  if (!pattern.test(v)) {
    const source = pattern.source.replace(/^\^/, '').replace(/\$$/, '');
    throw validation(`1 validation error detected: Value '${v}' at '${wireName}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${source}`);
  }
  return v;
}

export function checkEnum(input: Record<string, unknown>, name: string, wireName: string, values: string[]): string {
  const v = input[name];
  if (typeof v !== 'string' || !values.includes(v)) {
    throw validation(`1 validation error detected: Value '${String(v)}' at '${wireName}' failed to satisfy constraint: Member must satisfy enum value set: [${values.join(', ')}]`);
  }
  return v;
}

/** WorkgroupName + Database (Redshift Serverless): no DbUser, the caller's IAM identity is the user. */
function resolveWorkgroup(catalog: ClusterCatalog, input: Record<string, unknown>): ClusterView {
  const name = input.WorkgroupName;
  if (typeof name !== 'string' || !name) throw validation('WorkgroupName must be a non-empty string.');
  if (input.ClusterIdentifier !== undefined) throw validation('Specify either ClusterIdentifier or WorkgroupName, not both.');
  if (input.DbUser !== undefined) throw validation('DbUser is not supported with WorkgroupName: the Data API connects as your IAM identity.');
  if (typeof input.Database !== 'string' || !input.Database) throw validation('Database is required when connecting to a workgroup.');
  const workgroup = catalog.findWorkgroup?.(name);
  if (!workgroup) throw validation(`Workgroup ${name} doesn't exist in this region.`);
  if (workgroup.status !== 'available') throw validation(`Workgroup ${name} is not available: its status is ${workgroup.status.toUpperCase()}.`);
  return workgroup;
}

export function lookupStatement(store: { get(id: string): StatementRecord | undefined }, input: Record<string, unknown>): StatementRecord {
  const id = checkPattern(input, 'Id', 'id', STATEMENT_ID_PATTERN);
  const s = store.get(id);
  if (!s) throw new AwsError('ResourceNotFoundException', 'Query does not exist.', 400, { ResourceId: id });
  return s;
}

/** Epoch seconds with milliseconds, the number the SDK parses as a date. */
export const epochSeconds = (ms: number): number => Math.round(ms) / 1000;
