// A scripted Workflow for UI tests: each method emits a realistic event sequence; a method can be
// held open (to look at the waiting state or press Ctrl-C mid-way) or made to fail once with a
// UserError-shaped error (message + hint). The real workflow is tested elsewhere.
import { UserError } from '../../src/services/errors.js';
import type { Emit } from '../../src/workflow/events.js';
import type { Detected, EtlSummary, Plan, QueryResult, TeardownPlan, Workflow } from '../../src/workflow/types.js';
import * as fx from './fixtures.js';

type Method = 'plan' | 'detect' | 'ensureRole' | 'ensureCluster' | 'createTables' | 'runEtl' | 'runAnalytics' | 'query' | 'teardownPlan' | 'teardown';

export class FakeWorkflow implements Workflow {
  readonly target = 'aws' as const;
  readonly calls: string[] = [];
  readonly failures = new Map<Method, Error>();
  private holds = new Map<Method, { release: () => void; promise: Promise<void> }>();
  aborted: Method[] = [];
  closed = 0;
  teardownOptions?: { finalSnapshotId?: string };
  /** What exists on the pretend target: what detect() found, then what the steps created or deleted. */
  existing: { cluster?: string; role?: boolean };

  constructor(
    public planValue: Plan = fx.plan,
    public detected: Detected = fx.nothingDetected,
  ) {
    this.existing = { cluster: detected.cluster?.status, role: detected.role !== undefined };
  }

  /** The next call of `method` waits until `release(method)` (or its abort signal). */
  hold(method: Method): void {
    let release!: () => void;
    const promise = new Promise<void>((resolve) => (release = resolve));
    this.holds.set(method, { release, promise });
  }

  release(method: Method): void {
    this.holds.get(method)?.release();
    this.holds.delete(method);
  }

  failOnce(method: Method, message: string, hint?: string): void {
    this.failures.set(method, new UserError(message, hint));
  }

  private async step(method: Method, signal?: AbortSignal): Promise<void> {
    this.calls.push(method);
    const held = this.holds.get(method);
    if (held) {
      await new Promise<void>((resolve, reject) => {
        held.promise.then(resolve);
        signal?.addEventListener('abort', () => {
          this.aborted.push(method);
          reject(new Error('aborted'));
        });
      });
    }
    const failure = this.failures.get(method);
    if (failure) {
      this.failures.delete(method);
      throw failure;
    }
  }

  async plan(): Promise<Plan> {
    await this.step('plan');
    return this.planValue;
  }

  async detect(): Promise<Detected> {
    await this.step('detect');
    return this.detected;
  }

  async ensureRole(emit: Emit) {
    emit(fx.roleEvents[0]);
    await this.step('ensureRole');
    fx.roleEvents.slice(1).forEach(emit);
    this.existing.role = true;
    return { arn: 'arn:aws:iam::123456789012:role/sparkifyRedshiftRole', created: true };
  }

  async ensureCluster(emit: Emit, signal?: AbortSignal) {
    fx.clusterCreating.forEach(emit);
    this.existing.cluster = 'creating';
    await this.step('ensureCluster', signal);
    this.existing.cluster = 'available';
    fx.clusterAvailable.forEach(emit);
    return { endpoint: 'sparkify-dwh.abc.us-west-2.redshift.amazonaws.com', created: true };
  }

  async createTables(emit: Emit) {
    fx.tableEvents.slice(0, 5).forEach(emit);
    await this.step('createTables');
    fx.tableEvents.slice(5).forEach(emit);
  }

  async runEtl(emit: Emit, signal?: AbortSignal): Promise<EtlSummary> {
    fx.copyEvents.forEach(emit);
    await this.step('runEtl', signal);
    fx.copyDoneEvents.forEach(emit);
    return { counts: { songplays: 333 }, checks: [], ok: true, elapsedMs: 6000 };
  }

  async runAnalytics(emit: Emit) {
    emit(fx.analyticsEvents[0]);
    await this.step('runAnalytics');
    fx.analyticsEvents.slice(1).forEach(emit);
  }

  async query(sql: string, signal?: AbortSignal): Promise<QueryResult> {
    this.calls.push(`query:${sql}`);
    if (this.holds.has('query')) await this.step('query', signal);
    if (/nosuchtable/i.test(sql)) throw new UserError('relation "nosuchtable" does not exist', 'Check the table name; the star tables are songplays, users, songs, artists, time.');
    return { columns: ['level', 'n'], rows: [['paid', 5591], ['free', 1229]] };
  }

  async teardownPlan(): Promise<TeardownPlan> {
    await this.step('teardownPlan');
    return {
      cluster: this.existing.cluster ? { identifier: 'sparkify-dwh', status: this.existing.cluster } : undefined,
      role: this.existing.role ? { name: 'sparkifyRedshiftRole', arn: 'arn:aws:iam::123456789012:role/sparkifyRedshiftRole' } : undefined,
      untouched: [],
    };
  }

  async teardown(options: { finalSnapshotId?: string }, emit: Emit, signal?: AbortSignal) {
    this.teardownOptions = options;
    emit({ type: 'step', step: 'teardown', id: 'teardown', status: 'running', label: 'Teardown' });
    emit({ type: 'cluster.status', clusterId: 'sparkify-dwh', status: 'deleting', elapsedMs: 0 });
    await this.step('teardown', signal);
    emit({ type: 'cluster.status', clusterId: 'sparkify-dwh', status: 'deleted', elapsedMs: 60_000 });
    this.existing = {};
    emit({ type: 'role', action: 'deleted', roleName: 'sparkifyRedshiftRole' });
    emit({ type: 'step', step: 'teardown', id: 'teardown', status: 'done', label: 'Teardown', elapsedMs: 60_000, detail: 'nothing left' });
  }

  async close() {
    this.closed += 1;
  }
}
