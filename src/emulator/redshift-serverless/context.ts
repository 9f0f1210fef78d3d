// What every Redshift Serverless operation shares: state, account, delays, and the status of a
// namespace or workgroup, derived (like a cluster's) from persisted timestamps so it moves on across
// processes and while no emulator runs.
import { AwsError, type EmulatorDelays } from '../contracts.js';
import type { EmulatorState, NamespaceRecord, StateStore, WorkgroupRecord } from '../state-store.js';

export interface ServerlessContext {
  state: StateStore;
  accountId: string;
  region: string;
  delays: EmulatorDelays;
  now: () => number;
  /** Drops a namespace's database once the namespace is gone (key `serverless:<namespace>`). */
  destroyDatabase(key: string): Promise<void>;
}

export type ServerlessHandler = (ctx: ServerlessContext, input: Record<string, unknown>) => unknown | Promise<unknown>;

export type NamespaceStatus = 'AVAILABLE' | 'MODIFYING' | 'DELETING' | 'gone';
export type WorkgroupStatus = 'CREATING' | 'AVAILABLE' | 'MODIFYING' | 'DELETING' | 'gone';

export function namespaceStatus(ns: NamespaceRecord, now: number): NamespaceStatus {
  if (ns.deleteRequestedAt !== undefined) return now >= ns.goneAt! ? 'gone' : 'DELETING';
  return 'AVAILABLE';
}

export function workgroupStatus(wg: WorkgroupRecord, now: number): WorkgroupStatus {
  if (wg.deleteRequestedAt !== undefined) return now >= wg.goneAt! ? 'gone' : 'DELETING';
  return now < wg.availableAt ? 'CREATING' : 'AVAILABLE';
}

/** The key the Data API and the engines use for a namespace's database. */
export const serverlessDatabaseKey = (namespaceName: string): string => `serverless:${namespaceName}`;

export const validation = (message: string): AwsError => new AwsError('ValidationException', message);
export const conflict = (message: string): AwsError => new AwsError('ConflictException', message, 409);
export const notFound = (message: string): AwsError => new AwsError('ResourceNotFoundException', message, 404);

export function requireName(input: Record<string, unknown>, member: string): string {
  const value = input[member];
  if (typeof value !== 'string' || value === '') throw validation(`1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must not be null`);
  // Namespace and workgroup names: 3–64 lower-case letters, digits and hyphens.
  if (!/^[a-z0-9-]{3,64}$/.test(value)) {
    throw validation(`1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9-]+$ and have length between 3 and 64`);
  }
  return value;
}

export function findNamespace(state: EmulatorState, name: string, now: number): NamespaceRecord | undefined {
  const ns = state.namespaces[name];
  return ns && namespaceStatus(ns, now) !== 'gone' ? ns : undefined;
}

export function findWorkgroup(state: EmulatorState, name: string, now: number): WorkgroupRecord | undefined {
  const wg = state.workgroups[name];
  return wg && workgroupStatus(wg, now) !== 'gone' ? wg : undefined;
}

export function requireNamespace(state: EmulatorState, name: string, now: number): NamespaceRecord {
  const ns = findNamespace(state, name, now);
  if (!ns) throw notFound(`Namespace ${name} does not exist.`);
  return ns;
}

export function requireWorkgroup(state: EmulatorState, name: string, now: number): WorkgroupRecord {
  const wg = findWorkgroup(state, name, now);
  if (!wg) throw notFound(`Workgroup ${name} does not exist.`);
  return wg;
}

export const namespaceArn = (ctx: ServerlessContext, id: string): string => `arn:aws:redshift-serverless:${ctx.region}:${ctx.accountId}:namespace/${id}`;
export const workgroupArn = (ctx: ServerlessContext, id: string): string => `arn:aws:redshift-serverless:${ctx.region}:${ctx.accountId}:workgroup/${id}`;

/** Serverless lists page with nextToken/maxResults (1–100). */
export function paginate<T>(items: T[], input: Record<string, unknown>): { page: T[]; nextToken?: string } {
  const max = input.maxResults === undefined ? 100 : Number(input.maxResults);
  if (!Number.isInteger(max) || max < 1 || max > 100) throw validation('maxResults must be between 1 and 100.');
  const token = input.nextToken;
  const start = typeof token === 'string' && token ? Number(Buffer.from(token, 'base64url').toString()) : 0;
  if (!Number.isInteger(start) || start < 0) throw validation('The nextToken is not valid.');
  const end = start + max;
  return { page: items.slice(start, end), ...(end < items.length ? { nextToken: Buffer.from(String(end)).toString('base64url') } : {}) };
}

/** Redshift Serverless's model marks its timestamps date-time: RFC 3339 strings, not epoch numbers. */
export const isoTime = (ms: number): string => new Date(ms).toISOString();
