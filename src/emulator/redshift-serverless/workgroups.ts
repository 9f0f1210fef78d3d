// CreateWorkgroup, GetWorkgroup, DeleteWorkgroup, ListWorkgroups, and GetCredentials. A workgroup is
// the compute over one namespace: CREATING → AVAILABLE after the create delay, DELETING → gone after
// the delete delay. Never publicly accessible unless asked.
import { randomUUID } from 'node:crypto';
import type { WorkgroupRecord } from '../state-store.js';
import {
  conflict, isoTime, findWorkgroup, paginate, requireName, requireNamespace, requireWorkgroup, validation,
  workgroupArn, workgroupStatus, type ServerlessContext,
} from './context.js';
import { readTags } from './tags.js';

/** Base capacity in RPUs: 8 to 512 in steps of 8 (AWS's documented range); max capacity up to 5632. */
function capacity(input: Record<string, unknown>, member: 'baseCapacity' | 'maxCapacity', fallback?: number): number | undefined {
  const value = input[member] ?? fallback;
  if (value === undefined) return undefined;
  const n = Number(value);
  const max = member === 'baseCapacity' ? 512 : 5632;
  if (!Number.isInteger(n) || n < 8 || n > max || n % 8 !== 0) {
    throw validation(`The ${member} ${String(value)} is not valid: use a multiple of 8 from 8 to ${max} RPUs.`);
  }
  return n;
}

/** Workgroup ports: 5431–5455 or 8191–8215 (default 5439). */
function port(input: Record<string, unknown>): number {
  const p = input.port === undefined ? 5439 : Number(input.port);
  if (!Number.isInteger(p) || !((p >= 5431 && p <= 5455) || (p >= 8191 && p <= 8215))) {
    throw validation(`The port ${String(input.port)} is not valid: use 5431–5455 or 8191–8215.`);
  }
  return p;
}

/** `status` overrides the derived one: a DeleteWorkgroup answer says DELETING even when the delete delay is 0. */
export function renderWorkgroup(ctx: ServerlessContext, wg: WorkgroupRecord, status: string = workgroupStatus(wg, ctx.now())): Record<string, unknown> {
  return {
    workgroupId: wg.workgroupId,
    workgroupArn: workgroupArn(ctx, wg.workgroupId),
    workgroupName: wg.workgroupName,
    namespaceName: wg.namespaceName,
    baseCapacity: wg.baseCapacity,
    ...(wg.maxCapacity !== undefined ? { maxCapacity: wg.maxCapacity } : {}),
    enhancedVpcRouting: false,
    configParameters: [],
    securityGroupIds: wg.securityGroupIds,
    subnetIds: wg.subnetIds,
    status,
    ...(status === 'CREATING' ? {} : {
      endpoint: { address: `${wg.workgroupName}.${ctx.accountId}.${ctx.region}.redshift-serverless.amazonaws.com`, port: wg.port, vpcEndpoints: [] },
    }),
    port: wg.port,
    publiclyAccessible: wg.publiclyAccessible,
    creationDate: isoTime(wg.createdAt),
    workgroupVersion: '1.0.93000',
    ipAddressType: 'ipv4',
  };
}

export function createWorkgroup(ctx: ServerlessContext, input: Record<string, unknown>): Record<string, unknown> {
  const name = requireName(input, 'workgroupName');
  const namespaceName = requireName(input, 'namespaceName');
  const baseCapacity = capacity(input, 'baseCapacity', 128)!;
  const maxCapacity = capacity(input, 'maxCapacity');
  if (maxCapacity !== undefined && maxCapacity < baseCapacity) throw validation('The maxCapacity must be at least the baseCapacity.');
  const tags = readTags(input.tags);
  const workgroup = ctx.state.update((state) => {
    const now = ctx.now();
    requireNamespace(state, namespaceName, now);
    if (findWorkgroup(state, name, now)) throw conflict(`Workgroup ${name} already exists.`);
    const sibling = Object.values(state.workgroups).find((wg) => wg.namespaceName === namespaceName && workgroupStatus(wg, now) !== 'gone');
    if (sibling) throw conflict(`Namespace ${namespaceName} already has the workgroup ${sibling.workgroupName}; a namespace has at most one workgroup.`);
    const record: WorkgroupRecord = {
      workgroupName: name, workgroupId: randomUUID(), namespaceName, baseCapacity, maxCapacity, port: port(input),
      publiclyAccessible: input.publiclyAccessible === true,
      securityGroupIds: Array.isArray(input.securityGroupIds) ? input.securityGroupIds.map(String) : ['sg-0emulator0default'],
      subnetIds: Array.isArray(input.subnetIds) ? input.subnetIds.map(String) : ['subnet-0emulator0a', 'subnet-0emulator0b', 'subnet-0emulator0c'],
      tags, createdAt: now, availableAt: now + ctx.delays.clusterCreateMs,
    };
    state.workgroups[name] = record;
    return record;
  });
  return { workgroup: renderWorkgroup(ctx, workgroup) };
}

export function getWorkgroup(ctx: ServerlessContext, input: Record<string, unknown>): Record<string, unknown> {
  const name = requireName(input, 'workgroupName');
  return { workgroup: renderWorkgroup(ctx, requireWorkgroup(ctx.state.read(), name, ctx.now())) };
}

export function deleteWorkgroup(ctx: ServerlessContext, input: Record<string, unknown>): Record<string, unknown> {
  const name = requireName(input, 'workgroupName');
  const workgroup = ctx.state.update((state) => {
    const now = ctx.now();
    const wg = requireWorkgroup(state, name, now);
    const status = workgroupStatus(wg, now);
    if (status !== 'AVAILABLE') throw conflict(`Workgroup ${name} is ${status}; it can be deleted once it is AVAILABLE.`);
    wg.deleteRequestedAt = now;
    wg.goneAt = now + Math.max(1, ctx.delays.clusterDeleteMs);
    return wg;
  });
  return { workgroup: renderWorkgroup(ctx, workgroup, 'DELETING') };
}

export function listWorkgroups(ctx: ServerlessContext, input: Record<string, unknown>): Record<string, unknown> {
  const now = ctx.now();
  const all = Object.values(ctx.state.read().workgroups)
    .filter((wg) => workgroupStatus(wg, now) !== 'gone')
    .sort((a, b) => a.createdAt - b.createdAt);
  const { page, nextToken } = paginate(all, input);
  return { workgroups: page.map((wg) => renderWorkgroup(ctx, wg)), ...(nextToken ? { nextToken } : {}) };
}

/** Temporary database credentials for the caller (the Data API gets these itself). */
export function getCredentials(ctx: ServerlessContext, input: Record<string, unknown>): Record<string, unknown> {
  if (typeof input.workgroupName !== 'string' && typeof input.customDomainName !== 'string') {
    throw validation('Either workgroupName or customDomainName must be specified.');
  }
  if (typeof input.customDomainName === 'string') throw validation('Custom domain names are not emulated; use workgroupName.');
  const name = requireName(input, 'workgroupName');
  const duration = input.durationSeconds === undefined ? 900 : Number(input.durationSeconds);
  if (!Number.isInteger(duration) || duration < 900 || duration > 3600) throw validation('durationSeconds must be between 900 and 3600.');
  const state = ctx.state.read();
  const now = ctx.now();
  const wg = requireWorkgroup(state, name, now);
  if (workgroupStatus(wg, now) !== 'AVAILABLE') throw conflict(`Workgroup ${name} is not available yet.`);
  const ns = requireNamespace(state, wg.namespaceName, now);
  if (typeof input.dbName === 'string' && input.dbName !== ns.dbName) throw validation(`Database ${input.dbName} does not exist in namespace ${ns.namespaceName}.`);
  return {
    dbUser: 'IAM:sparkify-emulator',
    dbPassword: `emulator-${randomUUID()}`,
    // These two are epoch-second numbers in the model (unlike creationDate, an RFC 3339 string).
    expiration: Math.round(now / 1000) + duration,
    nextRefreshTime: Math.round(now / 1000) + Math.round(duration / 2),
  };
}
