// The Workflow the wizard and the CLI drive: one object over the services, the state file and the
// ETL. It owns the target (emulator or AWS) and records what it created so a later run resumes.
import type { SparkifyConfig } from '../config/index.js';
import { configuredBuckets } from '../config/index.js';
import { describeCluster } from '../services/cluster.js';
import { createSqlRunner, type SqlRunner } from '../services/data-api.js';
import { UserError } from '../services/errors.js';
import { createRoleIfMissing, createRoleInput, deleteManagedRole, findRole, s3ReadPolicy } from '../services/iam-role.js';
import { updateState } from '../services/state-file.js';
import { ALL_TABLES, copyStatements, createTables, insertStatements, STAR_TABLES, tableStatements, runAnalyticsQueries, runEtlPipeline, type EtlDeps } from './etl.js';
import type { Emit } from './events.js';
import { buildPlan } from './plan.js';
import { doctorRefusal, runDoctor, type DoctorReport } from './doctor.js';
import { verifyCredentials } from '../services/clients.js';
import { bucketOf, findBucketRegion } from '../services/bucket-region.js';
import { pauseOrResumeCluster } from '../services/cluster-pause.js';
import { validateSnapshotIdentifier } from '../services/snapshots.js';
import type { Deployment } from './deployment.js';
import { ProvisionedDeployment } from './deployment-provisioned.js';
import { ServerlessDeployment } from './deployment-serverless.js';
import { LoadRun } from './load-run.js';
import { gatherFacts, isSparkifyTable, reconcileWithFacts, type Found } from './warehouse-facts.js';
import { loadStatements } from './sql-files.js';
import { openTarget, type OpenTarget, type OpenTargetOptions } from './target.js';
import { acquireLoadLock } from './load-lock.js';
import { allInOrder } from './settle.js';
import type { Detected, EtlSummary, Plan, QueryResult, TeardownPlan, Workflow } from './types.js';

export interface WarehouseOptions extends OpenTargetOptions {
  warnings?: string[];
  dryRun?: boolean;
  /** Cluster status polling; real clusters take minutes, the emulator seconds. */
  clusterPollMs?: number;
  copyPollMs?: number;
  /** --verify-sources: count source records by reading every object (one GET each on AWS). */
  verifySources?: boolean;
  /** Run billable steps even when the doctor finds a failing check (--ignore-doctor). */
  ignoreDoctor?: boolean;
}

export async function openWarehouse(config: SparkifyConfig, options: WarehouseOptions = {}): Promise<Warehouse> {
  return new Warehouse(config, await openTarget(config, options), options);
}

export class Warehouse implements Workflow {
  readonly target;
  /** SQL on this cluster through the Data API. */
  readonly sql: SqlRunner;
  /** Where the compute lives: a provisioned cluster or a Redshift Serverless workgroup ([DWH] DEPLOYMENT). */
  readonly deployment: Deployment;
  private readonly stateDir: string;

  constructor(
    readonly config: SparkifyConfig,
    private readonly opened: OpenTarget,
    private readonly options: WarehouseOptions = {},
  ) {
    this.target = config.target;
    this.stateDir = config.local.stateDir;
    const context = { config, clients: opened.clients, pollMs: this.clusterPollMs };
    this.deployment = config.serverless ? new ServerlessDeployment(context, config.serverless) : new ProvisionedDeployment(context);
    // The local DescribeStatement holds its answer until the statement ends (or 100 ms, a long poll),
    // so the local target asks again at once: at AWS's pace a statement would finish up to half a
    // second before we look.
    const polling = this.target === 'local' ? { pollStartMs: 2, pollMaxMs: 10 } : {};
    this.sql = createSqlRunner(opened.clients.redshiftData, { ...this.deployment.sqlTarget, ...polling });
  }

  get clients() {
    return this.opened.clients;
  }

  private get clusterPollMs() {
    return this.options.clusterPollMs ?? (this.target === 'local' ? 250 : 15_000);
  }

  private etlDeps(): EtlDeps {
    return {
      sql: this.sql,
      s3: this.clients.s3,
      // How often a COPY's SYS_LOAD_HISTORY row is read: a query each time, so not at DescribeStatement's pace.
      pollMs: this.options.copyPollMs ?? (this.target === 'local' ? 500 : 1000),
      localS3Root: this.target === 'local' ? this.config.local.s3Root : undefined,
      verifySources: this.options.verifySources,
    };
  }

  async plan(): Promise<Plan> {
    const [plan, doctor] = await Promise.all([buildPlan(this.config, this.clients, this.options.warnings ?? []).then((p) => this.deployment.adjustPlan(p)), this.doctor()]);
    const bucketRegion = Object.values(doctor.bucketRegions)[0];
    // The doctor's checks are the plan's preflight checks (the wizard shows failed ones in full, and they block).
    const identityName = this.target === 'local' ? 'local emulator' : 'AWS credentials';
    const checks = doctor.checks.map((c) => ({ name: c.id === 'identity' ? identityName : c.title, status: c.status, detail: c.detail, ...(c.fix ? { fix: c.fix } : {}) }));
    return { ...plan, sources: { ...plan.sources, region: this.config.s3.region ?? bucketRegion ?? plan.sources.region }, doctor, checks };
  }

  doctor(): Promise<DoctorReport> {
    return runDoctor(this.config, this.clients);
  }

  /** Before the first billable call: the doctor's failing checks stop the run unless overridden. */
  private async preflight(emit: Emit): Promise<void> {
    if (this.options.dryRun || this.options.ignoreDoctor) return;
    const report = await this.doctor();
    for (const check of report.checks) {
      if (check.status === 'warn') emit({ type: 'notice', level: 'warn', message: `doctor: ${check.title}: ${check.detail}${check.fix ? ` ${check.fix}` : ''}` });
    }
    if (!report.ok) throw doctorRefusal(report);
  }

  async pauseCluster(action: 'pause' | 'resume', emit: Emit, signal?: AbortSignal): Promise<{ status: string }> {
    const { clusterIdentifier } = this.config.dwh;
    if (this.deployment.kind === 'serverless') {
      throw new UserError(`A Redshift Serverless workgroup cannot be ${action}d: it bills compute only while queries run, so there is nothing to ${action}.`, '"sparkify down" removes the workgroup and namespace when you are done.');
    }
    if (this.options.dryRun) {
      emit({ type: 'dry-run', service: 'redshift', operation: action === 'pause' ? 'PauseCluster' : 'ResumeCluster', params: { ClusterIdentifier: clusterIdentifier } });
      return { status: (await describeCluster(this.clients.redshift, clusterIdentifier))?.status ?? 'none' };
    }
    const cluster = await pauseOrResumeCluster(this.clients.redshift, clusterIdentifier, action, { emit, pollMs: this.clusterPollMs, signal });
    return { status: cluster.status };
  }

  /** COPY's REGION: [S3] REGION when set, otherwise the buckets' own region (HeadBucket), never the cluster's. */
  private async copyRegion(): Promise<string> {
    if (this.config.s3.region) return this.config.s3.region;
    const buckets = [...new Set([this.config.s3.logData, this.config.s3.songData].map(bucketOf))];
    const regions = await Promise.all(buckets.map((bucket) => findBucketRegion(this.clients.s3, bucket)));
    if (new Set(regions).size > 1) {
      throw new UserError(`The source buckets are in different regions (${buckets.map((b, i) => `${b}: ${regions[i]}`).join(', ')}), but both COPYs share one REGION.`, 'Put the sources in buckets of one region and point [S3] at them.');
    }
    return regions[0];
  }

  /** What exists (role, cluster, its tables and the load they hold), and the state file checked against it. */
  async detect(): Promise<Detected> {
    const found = await this.gatherFacts();
    const { lastStep, load, corrections } = await this.reconcile(found);
    const { role, cluster } = found;
    const billing = await this.deployment.billing(cluster);
    return {
      role: role && { name: role.roleName, arn: role.arn, managed: role.managed },
      cluster: cluster && { identifier: cluster.identifier, status: cluster.status, endpoint: cluster.endpoint, managed: cluster.managed, createdAt: cluster.createdAt?.toISOString() },
      ...(this.deployment.kind === 'serverless' ? { deployment: 'serverless' as const } : {}),
      tables: (found.tables ?? []).filter(isSparkifyTable),
      counts: found.counts,
      lastStep,
      ...(load ? { load } : {}),
      ...(corrections.length > 0 ? { corrections } : {}),
      billing,
    };
  }

  private gatherFacts(options?: { counts?: boolean }): Promise<Found> {
    return gatherFacts(this.clients, this.sql, this.config.dwh, () => this.deployment.describe(), options);
  }

  /** Reconciling reads no row counts (only `status` shows them). */
  private async reconcile(found?: Found) {
    return reconcileWithFacts(this.stateDir, found ?? (await this.gatherFacts({ counts: false })), { dryRun: this.options.dryRun });
  }

  async ensureRole(emit: Emit): Promise<{ arn: string; created: boolean }> {
    const { iamRoleName } = this.config.dwh;
    if (this.options.dryRun) {
      const existing = await findRole(this.clients.iam, iamRoleName);
      if (existing) return { arn: existing.arn, created: false };
      emit({ type: 'dry-run', service: 'iam', operation: 'CreateRole', params: { ...createRoleInput(iamRoleName) } });
      emit({ type: 'dry-run', service: 'iam', operation: 'PutRolePolicy', params: { RoleName: iamRoleName, PolicyDocument: s3ReadPolicy(configuredBuckets(this.config)) } });
      return { arn: `arn:aws:iam::<account>:role/${iamRoleName}`, created: true };
    }
    // The account scopes the trust policy (aws:SourceAccount); without it the role still works.
    const accountId = await verifyCredentials(this.clients.sts).then((id) => id.account || undefined, () => undefined);
    const { arn, created } = await createRoleIfMissing(this.clients.iam, { roleName: iamRoleName, buckets: configuredBuckets(this.config), emit, accountId });
    await updateState(this.stateDir, (s) => {
      s.target = this.target;
      s.region = this.config.aws.region;
      s.role = { name: iamRoleName, arn, createdAt: s.role?.createdAt ?? new Date().toISOString() };
    });
    return { arn, created };
  }

  async ensureCluster(emit: Emit, signal?: AbortSignal): Promise<{ endpoint?: string; created: boolean }> {
    await this.preflight(emit);
    const { arn } = await this.ensureRole(emit);
    if (this.options.dryRun) return this.deployment.dryRunCreate(arn, emit);
    const { compute: cluster, created } = await this.deployment.create(arn, emit);
    const createTime = cluster.createdAt?.toISOString();
    await updateState(this.stateDir, (s) => {
      // Tables and loads belong to the cluster they were made on; a new one with the same name has none.
      const another = created || (s.cluster?.createTime !== undefined && createTime !== undefined && s.cluster.createTime !== createTime);
      if (another) {
        delete s.tables;
        delete s.etl;
        delete s.load;
      }
      s.cluster = { identifier: cluster.identifier, createdAt: another ? new Date().toISOString() : (s.cluster?.createdAt ?? new Date().toISOString()), createTime: createTime ?? s.cluster?.createTime };
    });
    const ready = await this.deployment.waitAvailable(emit, signal);
    await updateState(this.stateDir, (s) => {
      s.cluster = { ...s.cluster!, endpoint: ready.endpoint, availableAt: s.cluster?.availableAt ?? new Date().toISOString() };
    });
    return { endpoint: ready.endpoint, created };
  }

  private async roleArn(): Promise<string> {
    const role = await findRole(this.clients.iam, this.config.dwh.iamRoleName);
    if (!role) throw new UserError(`IAM role ${this.config.dwh.iamRoleName} does not exist, so COPY cannot read S3.`, 'Run "sparkify up" first.');
    return role.arn;
  }

  private requireAvailableCluster(): Promise<void> {
    return this.deployment.requireAvailable();
  }

  async createTables(emit: Emit, signal?: AbortSignal): Promise<void> {
    if (this.options.dryRun) {
      for (const { sql } of tableStatements()) emit({ type: 'dry-run', service: 'redshift-data', operation: 'ExecuteStatement', sql });
      return;
    }
    await this.requireAvailableCluster();
    const release = await acquireLoadLock(this.stateDir, this.deployment.name, 'table creation', emit, signal);
    try {
      // The old load's record goes before its tables do, so a kill in between cannot leave it claimed.
      await updateState(this.stateDir, (s) => {
        delete s.tables;
        delete s.etl;
        delete s.load;
      });
      await createTables(this.etlDeps(), emit, signal);
    } finally {
      release();
    }
    await updateState(this.stateDir, (s) => {
      s.tables = { names: [...ALL_TABLES], createdAt: new Date().toISOString() };
    });
  }

  async runEtl(emit: Emit, signal?: AbortSignal): Promise<EtlSummary> {
    const sources = { ...this.config.s3, s3Region: this.config.s3.region ?? '', roleArn: '' };
    if (this.options.dryRun) {
      sources.s3Region = await this.copyRegion().catch(() => this.config.s3.region ?? '<bucket region>');
      sources.roleArn = (await findRole(this.clients.iam, this.config.dwh.iamRoleName))?.arn ?? `arn:aws:iam::<account>:role/${this.config.dwh.iamRoleName}`;
      // The star inserts and the load record run as one BatchExecuteStatement (one transaction).
      const inserts = [...STAR_TABLES.flatMap((table) => insertStatements(table)), ...loadStatements('record_load.sql', { LOAD_ID: '<load id>' })];
      for (const { sql } of [...loadStatements('truncate_staging.sql'), ...copyStatements(sources), ...inserts]) emit({ type: 'dry-run', service: 'redshift-data', operation: 'ExecuteStatement', sql });
      return { counts: {}, checks: [], ok: true, elapsedMs: 0 };
    }
    // Three independent look-ups at once; a failure is reported in this order, as if they ran in turn.
    [, sources.roleArn, sources.s3Region] = await allInOrder([this.requireAvailableCluster(), this.roleArn(), this.copyRegion()] as const);
    await this.deployment.waitForRole(sources.roleArn, emit, signal);
    // One load per cluster at a time (load-lock.ts): a second `etl` waits for the first.
    const release = await acquireLoadLock(this.stateDir, this.deployment.name, 'load (etl)', emit, signal);
    try {
      return await this.runEtlLocked(sources, emit, signal);
    } finally {
      release();
    }
  }

  private async runEtlLocked(sources: Parameters<typeof runEtlPipeline>[1], emit: Emit, signal?: AbortSignal): Promise<EtlSummary> {
    await this.reconcile();
    const load = await LoadRun.start(this.stateDir);
    try {
      const summary = await runEtlPipeline(this.etlDeps(), sources, emit, signal, { loadId: load.id, onStage: (stage) => load.reach(stage) });
      await load.finish(summary);
      return summary;
    } catch (err) {
      throw await load.stop(err, signal?.aborted === true);
    }
  }

  async runAnalytics(emit: Emit, signal?: AbortSignal): Promise<void> {
    await runAnalyticsQueries(this.etlDeps(), emit, signal);
  }

  async query(sql: string, signal?: AbortSignal): Promise<QueryResult> {
    if (this.options.dryRun) return { columns: [], rows: [] };
    await this.requireAvailableCluster();
    const result = await this.sql.execute(sql, { label: 'query', signal });
    return { columns: result.columns, rows: result.rows.map((r) => result.columns.map((c) => toQueryCell(r[c]))) };
  }

  async teardownPlan(): Promise<TeardownPlan> {
    const [role, compute] = await Promise.all([findRole(this.clients.iam, this.config.dwh.iamRoleName), this.deployment.teardownPlan()]);
    const untouched: string[] = [];
    if (role && !role.managed) untouched.push(`IAM role ${role.roleName} (not created by sparkify)`);
    untouched.push(...compute.untouched);
    return {
      cluster: compute.cluster,
      ...(compute.serverless ? { serverless: compute.serverless } : {}),
      role: role?.managed ? { name: role.roleName, arn: role.arn } : undefined,
      untouched,
    };
  }

  async teardown({ finalSnapshotId }: { finalSnapshotId?: string }, emit: Emit, signal?: AbortSignal): Promise<void> {
    if (finalSnapshotId !== undefined) validateSnapshotIdentifier(finalSnapshotId);
    const plan = await this.teardownPlan();
    if (this.options.dryRun) {
      this.deployment.dryRunTeardown(plan, finalSnapshotId, emit);
      if (plan.role) emit({ type: 'dry-run', service: 'iam', operation: 'DeleteRolePolicy+DeleteRole', params: { RoleName: plan.role.name } });
      return;
    }
    for (const what of plan.untouched) emit({ type: 'notice', level: 'warn', message: `Leaving ${what} alone.` });
    await this.deployment.teardown(plan, finalSnapshotId, emit, signal);
    // Also when there was no cluster to delete (a `down` killed while it was deleting, run again):
    // whatever the file still says about tables and loads went with the cluster.
    await updateState(this.stateDir, (s) => {
      delete s.cluster;
      delete s.tables;
      delete s.etl;
      delete s.load;
    });
    if (plan.role) {
      await deleteManagedRole(this.clients.iam, plan.role.name, emit);
      await updateState(this.stateDir, (s) => {
        delete s.role;
      });
    }
  }

  close(): Promise<void> {
    return this.opened.close();
  }
}

function toQueryCell(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value); // NaN, Infinity: JSON has no such numbers, every output prints the word
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}
