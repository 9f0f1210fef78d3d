// Redshift Serverless: a namespace (database, admin user, IAM role) and its workgroup (compute).
// Create or reuse only what sparkify tagged; delete the workgroup, then the namespace. Hardened like
// the cluster: not publicly accessible, an admin password managed by Secrets Manager (none stored
// or printed). Waiting lives in serverless-monitor.ts.
import {
  CreateNamespaceCommand,
  type CreateNamespaceCommandInput,
  CreateWorkgroupCommand,
  type CreateWorkgroupCommandInput,
  DeleteNamespaceCommand,
  DeleteWorkgroupCommand,
  GetNamespaceCommand,
  GetWorkgroupCommand,
  ListTagsForResourceCommand,
  type RedshiftServerlessClient,
} from '@aws-sdk/client-redshift-serverless';
import type { Emit } from '../workflow/events.js';
import { isAwsError, toUserError, UserError } from './errors.js';
import { hasManagedTag, MANAGED_TAG_KEY, MANAGED_TAG_VALUE } from './managed-tag.js';

/** Serverless tags are `{key, value}`, Redshift's `{Key, Value}`. */
export const SERVERLESS_MANAGED_TAG = { key: MANAGED_TAG_KEY, value: MANAGED_TAG_VALUE } as const;

export type ServerlessKind = 'namespace' | 'workgroup';

export interface ServerlessResource {
  kind: ServerlessKind;
  name: string;
  /** AWS's status in lower case (available, creating, modifying, deleting), like a cluster's. */
  status: string;
  arn: string;
  managed: boolean;
  createdAt?: Date;
  /** Workgroup only: host:port once it has one, its namespace and capacity. */
  endpoint?: string;
  namespaceName?: string;
  baseCapacity?: number;
  maxCapacity?: number;
  /** Namespace only. */
  dbName?: string;
  adminUsername?: string;
  iamRoles?: string[];
}

async function isManaged(client: RedshiftServerlessClient, arn: string | undefined): Promise<boolean> {
  if (!arn) return false;
  const { tags } = await client.send(new ListTagsForResourceCommand({ resourceArn: arn }));
  return hasManagedTag((tags ?? []).map((t) => ({ Key: t.key, Value: t.value })));
}

/** The namespace, or undefined when AWS says ResourceNotFound. */
export async function describeNamespace(client: RedshiftServerlessClient, name: string): Promise<ServerlessResource | undefined> {
  try {
    const { namespace: ns } = await client.send(new GetNamespaceCommand({ namespaceName: name }));
    if (!ns) return undefined;
    return {
      kind: 'namespace',
      name: ns.namespaceName ?? name,
      status: (ns.status ?? 'unknown').toLowerCase(),
      arn: ns.namespaceArn ?? '',
      managed: await isManaged(client, ns.namespaceArn),
      createdAt: ns.creationDate,
      dbName: ns.dbName,
      adminUsername: ns.adminUsername,
      iamRoles: ns.iamRoles ?? [],
    };
  } catch (err) {
    if (isAwsError(err, 'ResourceNotFoundException')) return undefined;
    throw toUserError(err, `Looking up Redshift Serverless namespace ${name}`);
  }
}

/** The workgroup, or undefined when AWS says ResourceNotFound. */
export async function describeWorkgroup(client: RedshiftServerlessClient, name: string): Promise<ServerlessResource | undefined> {
  try {
    const { workgroup: wg } = await client.send(new GetWorkgroupCommand({ workgroupName: name }));
    if (!wg) return undefined;
    const address = wg.endpoint?.address;
    return {
      kind: 'workgroup',
      name: wg.workgroupName ?? name,
      status: (wg.status ?? 'unknown').toLowerCase(),
      arn: wg.workgroupArn ?? '',
      managed: await isManaged(client, wg.workgroupArn),
      createdAt: wg.creationDate,
      endpoint: address ? `${address}:${wg.endpoint?.port ?? wg.port ?? 5439}` : undefined,
      namespaceName: wg.namespaceName,
      baseCapacity: wg.baseCapacity,
      maxCapacity: wg.maxCapacity,
    };
  } catch (err) {
    if (isAwsError(err, 'ResourceNotFoundException')) return undefined;
    throw toUserError(err, `Looking up Redshift Serverless workgroup ${name}`);
  }
}

export interface ServerlessOptions {
  namespaceName: string;
  workgroupName: string;
  dbName: string;
  adminUsername: string;
  iamRoleArn: string;
  baseCapacity: number;
  maxCapacity?: number;
}

/** What CreateNamespace is sent (also what --dry-run prints): managed admin password, the role as default, tagged. */
export function createNamespaceInput(opts: ServerlessOptions): CreateNamespaceCommandInput {
  return {
    namespaceName: opts.namespaceName,
    adminUsername: opts.adminUsername,
    manageAdminPassword: true,
    dbName: opts.dbName,
    iamRoles: [opts.iamRoleArn],
    // Lets COPY say IAM_ROLE default, should a user run the SQL by hand.
    defaultIamRoleArn: opts.iamRoleArn,
    tags: [{ ...SERVERLESS_MANAGED_TAG }],
  };
}

/** What CreateWorkgroup is sent: private, the configured capacity, tagged. */
export function createWorkgroupInput(opts: ServerlessOptions): CreateWorkgroupCommandInput {
  return {
    workgroupName: opts.workgroupName,
    namespaceName: opts.namespaceName,
    baseCapacity: opts.baseCapacity,
    ...(opts.maxCapacity !== undefined ? { maxCapacity: opts.maxCapacity } : {}),
    publiclyAccessible: false,
    tags: [{ ...SERVERLESS_MANAGED_TAG }],
  };
}

const KEY_OF: Record<ServerlessKind, string> = { namespace: 'NAMESPACE_NAME', workgroup: 'WORKGROUP_NAME' };

export function notOursError(kind: ServerlessKind, name: string, action: string): UserError {
  return new UserError(
    `Redshift Serverless ${kind} ${name} exists but was not created by sparkify (it has no sparkify:managed=true tag), so it will not be ${action}.`,
    `Set [DWH] ${KEY_OF[kind]} in dwh.cfg to a name not in use.`,
  );
}

function beingDeleted(resource: ServerlessResource): UserError {
  return new UserError(
    `Redshift Serverless ${resource.kind} ${resource.name} is being deleted (status ${resource.status}).`,
    'Wait until the deletion finishes, then run again to create a fresh one.',
  );
}

export interface ServerlessResult {
  namespace: ServerlessResource;
  workgroup: ServerlessResource;
  /** True when this call created the workgroup (a new workgroup has an empty or new database). */
  created: boolean;
}

/**
 * Creates the namespace and the workgroup unless sparkify's own already exist, and returns at once
 * (the workgroup may be "creating"; waitForServerless follows it). Untagged same-named ones are refused.
 */
export async function createServerlessIfMissing(client: RedshiftServerlessClient, opts: ServerlessOptions & { emit: Emit }): Promise<ServerlessResult> {
  const namespace = await ensureOne('namespace', opts, () => describeNamespace(client, opts.namespaceName), async () => {
    await client.send(new CreateNamespaceCommand(createNamespaceInput(opts)));
  });
  if (!namespace.resource.iamRoles?.some((arn) => arn === opts.iamRoleArn)) {
    opts.emit({ type: 'notice', level: 'warn', message: `Namespace ${opts.namespaceName} does not have the role ${opts.iamRoleArn}; COPY will fail until it is added (aws redshift-serverless update-namespace --iam-roles).` });
  }
  const workgroup = await ensureOne('workgroup', opts, () => describeWorkgroup(client, opts.workgroupName), async () => {
    await client.send(new CreateWorkgroupCommand(createWorkgroupInput(opts)));
  });
  if (workgroup.resource.namespaceName && workgroup.resource.namespaceName !== opts.namespaceName) {
    throw new UserError(
      `Redshift Serverless workgroup ${opts.workgroupName} belongs to namespace ${workgroup.resource.namespaceName}, not ${opts.namespaceName}.`,
      'Set [DWH] NAMESPACE_NAME to its namespace, or WORKGROUP_NAME to a name not in use.',
    );
  }
  return { namespace: namespace.resource, workgroup: workgroup.resource, created: workgroup.created };
}

async function ensureOne(
  kind: ServerlessKind,
  opts: ServerlessOptions & { emit: Emit },
  find: () => Promise<ServerlessResource | undefined>,
  create: () => Promise<void>,
): Promise<{ resource: ServerlessResource; created: boolean }> {
  const name = kind === 'namespace' ? opts.namespaceName : opts.workgroupName;
  const existing = await find();
  if (existing) return { resource: reuse(existing, opts.emit), created: false };
  try {
    await create();
  } catch (err) {
    // Someone created it between our Get and Create: judge that one like any existing one.
    if (isAwsError(err, 'ConflictException')) {
      const raced = await find();
      if (raced) return { resource: reuse(raced, opts.emit), created: false };
    }
    throw toUserError(err, `Creating Redshift Serverless ${kind} ${name}`);
  }
  const created = await find();
  if (!created) throw new UserError(`Redshift Serverless ${kind} ${name} was created but cannot be found.`, 'Run again; if it persists, check the Redshift Serverless console.');
  return { resource: created, created: true };
}

function reuse(resource: ServerlessResource, emit: Emit): ServerlessResource {
  if (!resource.managed) throw notOursError(resource.kind, resource.name, 'used');
  if (resource.status === 'deleting') throw beingDeleted(resource);
  emit({ type: 'notice', level: 'info', message: `Reusing ${resource.kind} ${resource.name} (status ${resource.status}), created earlier by sparkify.` });
  return resource;
}

/** Starts deleting the workgroup; false when there is none. Refuses an untagged one. */
export async function deleteManagedWorkgroup(client: RedshiftServerlessClient, name: string): Promise<boolean> {
  const workgroup = await describeWorkgroup(client, name);
  if (!workgroup) return false;
  if (!workgroup.managed) throw notOursError('workgroup', name, 'deleted');
  if (workgroup.status === 'deleting') return true;
  try {
    await client.send(new DeleteWorkgroupCommand({ workgroupName: name }));
  } catch (err) {
    if (isAwsError(err, 'ResourceNotFoundException')) return false;
    throw toUserError(err, `Deleting Redshift Serverless workgroup ${name}`);
  }
  return true;
}

/** Starts deleting the namespace (and its data; a final snapshot keeps a copy); false when there is none. */
export async function deleteManagedNamespace(client: RedshiftServerlessClient, name: string, { finalSnapshotName }: { finalSnapshotName?: string } = {}): Promise<boolean> {
  const namespace = await describeNamespace(client, name);
  if (!namespace) return false;
  if (!namespace.managed) throw notOursError('namespace', name, 'deleted');
  if (namespace.status === 'deleting') return true;
  try {
    await client.send(new DeleteNamespaceCommand({ namespaceName: name, ...(finalSnapshotName ? { finalSnapshotName } : {}) }));
  } catch (err) {
    if (isAwsError(err, 'ResourceNotFoundException')) return false;
    throw toUserError(err, `Deleting Redshift Serverless namespace ${name}`);
  }
  return true;
}
