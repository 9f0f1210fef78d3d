// Redshift Serverless: a namespace (database, admin, role) and a workgroup (compute). SQL runs
// through the Data API on the workgroup; billing is by use (RPU-hours while queries run, plus
// storage), so there is nothing to pause.
import type { ServerlessConfig } from '../config/index.js';
import { UserError } from '../services/errors.js';
import { createNamespaceInput, createServerlessIfMissing, createWorkgroupInput, deleteManagedNamespace, deleteManagedWorkgroup, describeNamespace, describeWorkgroup, type ServerlessOptions } from '../services/serverless.js';
import { waitForServerless } from '../services/serverless-monitor.js';
import type { SqlTarget } from '../services/data-api.js';
import type { ComputeSummary, Deployment, DeploymentContext } from './deployment.js';
import type { Emit } from './events.js';
import type { Plan, PlanResource, ServerlessPlan, TeardownPlan } from './types.js';

/** us-east-1 list prices (2025); other regions differ. An estimate, not a quote. */
export const USD_PER_RPU_HOUR = 0.375;
export const USD_PER_GB_MONTH = 0.024;

/** Active compute minutes a load keeps the workgroup busy: the sample takes minutes, all of song-data over an hour. */
function loadMinutes(songData: string): number {
  return /song-data\/?$/.test(songData) ? 90 : 5;
}

export class ServerlessDeployment implements Deployment {
  readonly kind = 'serverless';
  readonly name: string;
  readonly sqlTarget: SqlTarget;

  constructor(
    private readonly ctx: DeploymentContext,
    private readonly settings: ServerlessConfig,
  ) {
    this.name = settings.workgroupName;
    this.sqlTarget = { workgroupName: settings.workgroupName, database: ctx.config.dwh.dbName };
  }

  private get client() {
    return this.ctx.clients.redshiftServerless;
  }

  private options(iamRoleArn: string): ServerlessOptions {
    const { dwh } = this.ctx.config;
    return { ...this.settings, dbName: dwh.dbName, adminUsername: dwh.dbUser, iamRoleArn };
  }

  async describe(): Promise<ComputeSummary | undefined> {
    const wg = await describeWorkgroup(this.client, this.name);
    return wg && { identifier: wg.name, status: wg.status, endpoint: wg.endpoint, managed: wg.managed, createdAt: wg.createdAt };
  }

  async create(roleArn: string, emit: Emit): Promise<{ compute: ComputeSummary; created: boolean }> {
    const { workgroup: wg, created } = await createServerlessIfMissing(this.client, { ...this.options(roleArn), emit });
    return { compute: { identifier: wg.name, status: wg.status, endpoint: wg.endpoint, managed: wg.managed, createdAt: wg.createdAt }, created };
  }

  async dryRunCreate(roleArn: string, emit: Emit): Promise<{ endpoint?: string; created: boolean }> {
    const [ns, wg] = await Promise.all([describeNamespace(this.client, this.settings.namespaceName), describeWorkgroup(this.client, this.name)]);
    if (!ns) emit({ type: 'dry-run', service: 'redshift-serverless', operation: 'CreateNamespace', params: { ...createNamespaceInput(this.options(roleArn)) } });
    if (!wg) emit({ type: 'dry-run', service: 'redshift-serverless', operation: 'CreateWorkgroup', params: { ...createWorkgroupInput(this.options(roleArn)) } });
    return { endpoint: wg?.endpoint, created: !wg };
  }

  async waitAvailable(emit: Emit, signal?: AbortSignal): Promise<ComputeSummary> {
    const wg = (await waitForServerless(this.client, 'workgroup', this.name, 'available', { emit, pollMs: this.ctx.pollMs, signal }))!;
    return { identifier: wg.name, status: wg.status, endpoint: wg.endpoint, managed: wg.managed, createdAt: wg.createdAt };
  }

  async requireAvailable(): Promise<void> {
    const wg = await describeWorkgroup(this.client, this.name);
    if (!wg) throw new UserError(`Redshift Serverless workgroup ${this.name} does not exist.`, 'Run "sparkify up" first (or "sparkify run" for everything).');
    if (wg.status !== 'available') throw new UserError(`Redshift Serverless workgroup ${this.name} is ${wg.status}, not available.`, 'Wait for it with "sparkify up", then run this again.');
  }

  async waitForRole(): Promise<void> {
    // The namespace's roles are usable once it is AVAILABLE: there is no per-role apply status to wait for.
  }

  async adjustPlan(plan: Plan): Promise<Plan> {
    const [ns, wg] = await Promise.all([
      describeNamespace(this.client, this.settings.namespaceName).catch(() => undefined),
      describeWorkgroup(this.client, this.name).catch(() => undefined),
    ]);
    const { namespaceName, workgroupName, baseCapacity, maxCapacity } = this.settings;
    const compute: PlanResource[] = [
      resource('namespace', namespaceName, ns, `database ${this.ctx.config.dwh.dbName}, admin ${this.ctx.config.dwh.dbUser} with a managed password, the IAM role as default`),
      resource('workgroup', workgroupName, wg, `${baseCapacity} RPUs base${maxCapacity ? `, up to ${maxCapacity}` : ''}, private`),
    ];
    const awsPerHour = Math.round(baseCapacity * USD_PER_RPU_HOUR * 100) / 100;
    const minutes = loadMinutes(this.ctx.config.s3.songData);
    const loadUsd = Math.round(baseCapacity * USD_PER_RPU_HOUR * (minutes / 60) * 100) / 100;
    const local = this.ctx.config.target === 'local';
    const serverless: ServerlessPlan = {
      namespace: namespaceName,
      workgroup: workgroupName,
      baseCapacity,
      ...(maxCapacity ? { maxCapacity } : {}),
      usdPerRpuHour: USD_PER_RPU_HOUR,
      usdPerGbMonth: USD_PER_GB_MONTH,
      estimatedLoadUsd: local ? 0 : loadUsd,
      costModel:
        `by use: $${USD_PER_RPU_HOUR}/RPU-hour while queries run (${baseCapacity} RPUs ≈ $${awsPerHour.toFixed(2)} per busy hour, nothing idle) + $${USD_PER_GB_MONTH}/GB-month storage; ` +
        `this load ≈ ${minutes} min ≈ $${loadUsd.toFixed(2)} (us-east-1 list prices, estimate)` +
        (local ? '; the local target costs nothing' : ''),
    };
    return {
      ...plan,
      cluster: { ...plan.cluster, identifier: workgroupName, nodeType: 'serverless', nodes: baseCapacity, clusterType: 'serverless' },
      resources: plan.resources.flatMap((r) => (r.kind === 'cluster' ? compute : [r])),
      costPerHourUsd: local ? 0 : awsPerHour,
      awsCostPerHourUsd: awsPerHour,
      serverless,
    };
  }

  async billing(found: ComputeSummary | undefined): Promise<string[]> {
    const ns = await describeNamespace(this.client, this.settings.namespaceName).catch(() => undefined);
    const local = this.ctx.config.target === 'local' ? ' (on AWS; the local target costs nothing)' : '';
    const lines: string[] = [];
    if (found) lines.push(`workgroup ${found.identifier} (${found.status}) bills $${USD_PER_RPU_HOUR}/RPU-hour only while queries run, nothing while idle${local}; "sparkify down" removes it`);
    if (ns) lines.push(`namespace ${ns.name} bills its managed storage ($${USD_PER_GB_MONTH}/GB-month)${local} until "sparkify down" deletes it`);
    if (lines.length === 0) lines.push(`nothing is billing: no workgroup ${this.name} and no namespace ${this.settings.namespaceName}`);
    return lines;
  }

  async teardownPlan(): Promise<Pick<TeardownPlan, 'cluster' | 'serverless'> & { untouched: string[] }> {
    const [ns, wg] = await Promise.all([describeNamespace(this.client, this.settings.namespaceName), describeWorkgroup(this.client, this.name)]);
    const untouched = [wg, ns].filter((r) => r && !r.managed).map((r) => `${r!.kind} ${r!.name} (not created by sparkify)`);
    const workgroup = wg?.managed ? { name: wg.name, status: wg.status } : undefined;
    // A workgroup sparkify did not create may run on sparkify's namespace: deleting that would take its data.
    const usedByForeign = !!wg && !wg.managed && wg.namespaceName === ns?.name;
    if (ns?.managed && usedByForeign) untouched.push(`namespace ${ns.name} (workgroup ${wg.name}, not created by sparkify, uses it)`);
    const namespace = ns?.managed && !usedByForeign ? { name: ns.name, status: ns.status } : undefined;
    return {
      cluster: workgroup && { identifier: workgroup.name, status: workgroup.status },
      ...(workgroup || namespace ? { serverless: { ...(workgroup ? { workgroup } : {}), ...(namespace ? { namespace } : {}) } } : {}),
      untouched,
    };
  }

  dryRunTeardown(plan: TeardownPlan, finalSnapshotId: string | undefined, emit: Emit): void {
    const { workgroup, namespace } = plan.serverless ?? {};
    if (workgroup) emit({ type: 'dry-run', service: 'redshift-serverless', operation: 'DeleteWorkgroup', params: { workgroupName: workgroup.name } });
    if (namespace) emit({ type: 'dry-run', service: 'redshift-serverless', operation: 'DeleteNamespace', params: { namespaceName: namespace.name, ...(finalSnapshotId ? { finalSnapshotName: finalSnapshotId } : {}) } });
  }

  async teardown(plan: TeardownPlan, finalSnapshotId: string | undefined, emit: Emit, signal?: AbortSignal): Promise<void> {
    const { workgroup, namespace } = plan.serverless ?? {};
    const monitor = { emit, pollMs: this.ctx.pollMs, signal };
    if (workgroup) {
      // DeleteWorkgroup is refused (ConflictException) until a new workgroup is AVAILABLE.
      if (workgroup.status === 'creating' || workgroup.status === 'modifying') {
        emit({ type: 'notice', level: 'info', message: `Workgroup ${workgroup.name} is still ${workgroup.status}; it can be deleted once it is available.` });
        await waitForServerless(this.client, 'workgroup', workgroup.name, 'available', monitor);
      }
      await deleteManagedWorkgroup(this.client, workgroup.name);
      await waitForServerless(this.client, 'workgroup', workgroup.name, 'gone', monitor);
    }
    if (namespace) {
      await deleteManagedNamespace(this.client, namespace.name, { finalSnapshotName: finalSnapshotId });
      await waitForServerless(this.client, 'namespace', namespace.name, 'gone', monitor);
      if (finalSnapshotId) emit({ type: 'notice', level: 'warn', message: `Snapshot ${finalSnapshotId} of namespace ${namespace.name} is kept and billed as backup storage until you delete it (aws redshift-serverless delete-snapshot).` });
    }
  }
}

function resource(kind: 'namespace' | 'workgroup', name: string, found: { managed: boolean; status: string } | undefined, detail: string): PlanResource {
  if (!found) return { kind, name, action: 'create', detail };
  return { kind, name, action: found.managed ? 'reuse' : 'exists', detail: `${found.status}${found.managed ? '' : ' — not tagged sparkify:managed, the tool will refuse to use it'}` };
}
