// The wizard's Workflow: it reads dwh.cfg when the plan is made, so a config error is shown on the
// Config screen with its fix, and pressing retry after editing the file reads it again.
import { loadConfig } from '../config/index.js';
import type { Emit } from './events.js';
import type { Workflow } from './types.js';
import { openWarehouse, type Warehouse, type WarehouseOptions } from './warehouse.js';

export class ReloadingWorkflow implements Workflow {
  /** The warehouse of the latest plan; every other call waits for it (the wizard asks for a plan and detect() at once). */
  private opening?: Promise<Warehouse>;
  private opened?: Warehouse;
  private deployment?: 'provisioned' | 'serverless';

  constructor(
    private readonly configPath: string,
    private readonly options: WarehouseOptions & { targetOverride?: 'local' | 'aws' } = {},
  ) {}

  get target() {
    return this.opened?.target ?? this.options.targetOverride ?? 'local';
  }

  private async warehouse(): Promise<Warehouse> {
    if (!this.opening) throw new Error('the wizard asked for work before a plan was made');
    return this.opening;
  }

  async plan() {
    const previous = this.opening;
    this.opening = (async () => {
      await previous?.then((w) => w.close()).catch(() => {});
      const { config, warnings } = loadConfig(this.configPath, {
        ...(this.options.targetOverride ? { target: this.options.targetOverride } : {}),
        ...(this.deployment ? { deployment: this.deployment } : {}),
      });
      if (this.options.targetOverride) config.target = this.options.targetOverride;
      this.opened = await openWarehouse(config, { ...this.options, warnings });
      return this.opened;
    })();
    return (await this.opening).plan();
  }

  chooseDeployment(deployment: 'provisioned' | 'serverless') {
    this.deployment = deployment;
  }

  async detect() {
    // When the config cannot be read, plan() reports it; nothing can be detected without it.
    const warehouse = await this.warehouse().catch(() => undefined);
    return warehouse ? warehouse.detect() : { tables: [], counts: {} };
  }
  async ensureRole(emit: Emit) {
    return (await this.warehouse()).ensureRole(emit);
  }
  async ensureCluster(emit: Emit, signal?: AbortSignal) {
    return (await this.warehouse()).ensureCluster(emit, signal);
  }
  async createTables(emit: Emit, signal?: AbortSignal) {
    return (await this.warehouse()).createTables(emit, signal);
  }
  async runEtl(emit: Emit, signal?: AbortSignal) {
    return (await this.warehouse()).runEtl(emit, signal);
  }
  async runAnalytics(emit: Emit, signal?: AbortSignal) {
    return (await this.warehouse()).runAnalytics(emit, signal);
  }
  async query(sql: string, signal?: AbortSignal) {
    return (await this.warehouse()).query(sql, signal);
  }
  async teardownPlan() {
    return (await this.warehouse()).teardownPlan();
  }
  async teardown(options: { finalSnapshotId?: string }, emit: Emit, signal?: AbortSignal) {
    return (await this.warehouse()).teardown(options, emit, signal);
  }
  async doctor() {
    return (await this.warehouse()).doctor();
  }
  async pauseCluster(action: 'pause' | 'resume', emit: Emit, signal?: AbortSignal) {
    return (await this.warehouse()).pauseCluster(action, emit, signal);
  }
  async close() {
    await this.opening?.then((w) => w.close()).catch(() => {});
    this.opening = undefined;
    this.opened = undefined;
  }
}
