// CreateNamespace, GetNamespace, DeleteNamespace, ListNamespaces. A namespace holds the database
// (one DuckDB file, like a cluster's); it is AVAILABLE at once and DELETING for a while after delete.
import { randomUUID } from 'node:crypto';
import type { NamespaceRecord } from '../state-store.js';
import {
  conflict, isoTime, findNamespace, namespaceArn, namespaceStatus, paginate, requireName, requireNamespace, serverlessDatabaseKey,
  validation, workgroupStatus, type ServerlessContext,
} from './context.js';
import { readTags } from './tags.js';

const RESERVED_USERS = new Set(['rdsadmin', 'public', 'aws', 'redshift']);

export function renderNamespace(ctx: ServerlessContext, ns: NamespaceRecord, status: string = namespaceStatus(ns, ctx.now())): Record<string, unknown> {
  return {
    namespaceArn: namespaceArn(ctx, ns.namespaceId),
    namespaceId: ns.namespaceId,
    namespaceName: ns.namespaceName,
    adminUsername: ns.adminUsername,
    dbName: ns.dbName,
    defaultIamRoleArn: ns.defaultIamRoleArn,
    iamRoles: ns.iamRoles,
    logExports: [],
    status,
    creationDate: isoTime(ns.createdAt),
    ...(ns.adminPasswordSecretArn ? { adminPasswordSecretArn: ns.adminPasswordSecretArn } : {}),
    kmsKeyId: 'AWS_OWNED_KMS_KEY',
  };
}

export function createNamespace(ctx: ServerlessContext, input: Record<string, unknown>): Record<string, unknown> {
  const name = requireName(input, 'namespaceName');
  const adminUsername = typeof input.adminUsername === 'string' ? input.adminUsername : 'admin';
  if (!/^[a-zA-Z][a-zA-Z0-9_+.@-]{0,127}$/.test(adminUsername) || RESERVED_USERS.has(adminUsername.toLowerCase())) {
    throw validation(`The admin user name ${adminUsername} is not valid: start with a letter, at most 128 letters, digits or _+.@-, not a reserved word.`);
  }
  if (input.adminUserPassword !== undefined && input.manageAdminPassword === true) {
    throw validation('You can not specify both adminUserPassword and manageAdminPassword.');
  }
  const dbName = typeof input.dbName === 'string' ? input.dbName : 'dev';
  if (!/^[a-z_][a-z0-9_$]{0,63}$/.test(dbName)) throw validation(`The database name ${dbName} is not valid.`);
  const iamRoles = Array.isArray(input.iamRoles) ? input.iamRoles.filter((r): r is string => typeof r === 'string') : [];
  const defaultIamRoleArn = typeof input.defaultIamRoleArn === 'string' ? input.defaultIamRoleArn : undefined;
  if (defaultIamRoleArn && !iamRoles.includes(defaultIamRoleArn)) throw validation('The default IAM role must be one of the namespace\'s IAM roles.');
  const tags = readTags(input.tags);
  const namespace = ctx.state.update((state) => {
    const now = ctx.now();
    if (findNamespace(state, name, now)) throw conflict(`Namespace ${name} already exists.`);
    for (const arn of iamRoles) {
      if (!Object.values(state.roles).some((role) => role.arn === arn)) throw validation(`The IAM role ${arn} is not valid.`);
    }
    const namespaceId = randomUUID();
    const record: NamespaceRecord = {
      namespaceName: name, namespaceId, adminUsername, dbName, iamRoles, defaultIamRoleArn, tags, createdAt: now,
      ...(input.manageAdminPassword === true
        ? { adminPasswordSecretArn: `arn:aws:secretsmanager:${ctx.region}:${ctx.accountId}:secret:redshift!${name}-${adminUsername}-${namespaceId.slice(0, 6)}` }
        : {}),
    };
    state.namespaces[name] = record;
    return record;
  });
  return { namespace: renderNamespace(ctx, namespace) };
}

export function getNamespace(ctx: ServerlessContext, input: Record<string, unknown>): Record<string, unknown> {
  const name = requireName(input, 'namespaceName');
  return { namespace: renderNamespace(ctx, requireNamespace(ctx.state.read(), name, ctx.now())) };
}

export function deleteNamespace(ctx: ServerlessContext, input: Record<string, unknown>): Record<string, unknown> {
  const name = requireName(input, 'namespaceName');
  const namespace = ctx.state.update((state) => {
    const now = ctx.now();
    const ns = requireNamespace(state, name, now);
    if (ns.deleteRequestedAt !== undefined) throw conflict(`Namespace ${name} is already being deleted.`);
    const workgroup = Object.values(state.workgroups).find((wg) => wg.namespaceName === name && workgroupStatus(wg, now) !== 'gone');
    if (workgroup) throw conflict(`Namespace ${name} has the workgroup ${workgroup.workgroupName}; delete the workgroup first.`);
    if (typeof input.finalSnapshotName === 'string') {
      if (!/^[a-z][a-z0-9-]{0,254}$/.test(input.finalSnapshotName)) throw validation(`The snapshot name ${input.finalSnapshotName} is not valid.`);
      ns.finalSnapshotName = input.finalSnapshotName;
    }
    ns.deleteRequestedAt = now;
    ns.goneAt = now + Math.max(1, Math.round(ctx.delays.clusterDeleteMs / 2));
    return ns;
  });
  return { namespace: renderNamespace(ctx, namespace, 'DELETING') };
}

export function listNamespaces(ctx: ServerlessContext, input: Record<string, unknown>): Record<string, unknown> {
  const now = ctx.now();
  const all = Object.values(ctx.state.read().namespaces)
    .filter((ns) => namespaceStatus(ns, now) !== 'gone')
    .sort((a, b) => a.createdAt - b.createdAt);
  const { page, nextToken } = paginate(all, input);
  return { namespaces: page.map((ns) => renderNamespace(ctx, ns)), ...(nextToken ? { nextToken } : {}) };
}

/** Removes namespaces whose deletion has ended, and drops their databases. */
export async function reapGoneNamespaces(ctx: ServerlessContext): Promise<void> {
  const now = ctx.now();
  const gone = Object.values(ctx.state.read().namespaces).filter((ns) => namespaceStatus(ns, now) === 'gone');
  const goneWorkgroups = Object.values(ctx.state.read().workgroups).filter((wg) => workgroupStatus(wg, now) === 'gone');
  if (gone.length === 0 && goneWorkgroups.length === 0) return;
  ctx.state.update((state) => {
    for (const ns of gone) delete state.namespaces[ns.namespaceName];
    for (const wg of goneWorkgroups) delete state.workgroups[wg.workgroupName];
  });
  for (const ns of gone) await ctx.destroyDatabase(serverlessDatabaseKey(ns.namespaceName));
}
