// The opt-in live smoke test: doctor → up → tables → etl → checks → down on real AWS, under a hard
// time and cost ceiling, with a teardown that always runs (also after a failure, Ctrl-C or the
// deadline). It uses its own cluster and role names (`<name>-smoke`), never the warehouse in dwh.cfg.
//
//   SPARKIFY_SMOKE_AWS=1 npm run smoke:aws -- [--config dwh.cfg] [--max-minutes 60] [--max-usd 2]
//   npm run smoke:aws -- --dry-run          the same steps against the local emulator (what CI runs)
import { parseArgs } from 'node:util';

// Same as the CLI: the SDK's Node 22 notice is noise for a tool that targets Node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { fileURLToPath } from 'node:url';
import { estimateHourlyCost, loadConfig, type SparkifyConfig } from '../src/config/index.js';
import type { AccountProfileName } from '../src/emulator/accounts/index.js';
import { UserError } from '../src/services/errors.js';
import { openWarehouse, type Warehouse } from '../src/workflow/warehouse.js';

export interface SmokeOptions {
  config: string;
  /** Run against the in-process emulator instead of AWS (no account, no cost). */
  dryRun: boolean;
  maxMinutes: number;
  maxUsd: number;
  /** Dry run only: the emulator account profile (to rehearse a failing account). */
  account?: AccountProfileName;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /** Dry run only: emulator delays in ms (tests use 0). */
  emulatorDelays?: { clusterCreateMs?: number; clusterDeleteMs?: number };
}

export interface SmokeStep {
  step: 'doctor' | 'up' | 'tables' | 'etl' | 'checks' | 'down';
  ok: boolean;
  elapsedMs: number;
  detail?: string;
}

export interface SmokeResult {
  ran: boolean;
  ok: boolean;
  steps: SmokeStep[];
  /** Why it did not run (not enabled, over the cost ceiling). */
  skipped?: string;
}

/** The smoke run's own names, so it never touches the warehouse dwh.cfg describes. */
export function smokeConfig(config: SparkifyConfig, dryRun: boolean): SparkifyConfig {
  const smoke = Object.create(Object.getPrototypeOf(config), Object.getOwnPropertyDescriptors(config)) as SparkifyConfig;
  smoke.target = dryRun ? 'local' : 'aws';
  smoke.dwh = { ...config.dwh, clusterIdentifier: `${config.dwh.clusterIdentifier}-smoke`.slice(0, 63), iamRoleName: `${config.dwh.iamRoleName}-smoke`.slice(0, 64) };
  return smoke;
}

export async function runSmoke(options: SmokeOptions): Promise<SmokeResult> {
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const env = options.env ?? process.env;
  if (!options.dryRun && env.SPARKIFY_SMOKE_AWS !== '1') {
    return { ran: false, ok: true, steps: [], skipped: 'SPARKIFY_SMOKE_AWS is not 1: the live smoke test bills a real cluster, so it runs only when asked' };
  }
  const { config: loaded } = loadConfig(options.config);
  const config = smokeConfig(loaded, options.dryRun);
  const cost = estimateHourlyCost(config);
  const ceilingUsd = (cost?.usdPerHour ?? Infinity) * (options.maxMinutes / 60);
  if (!options.dryRun && ceilingUsd > options.maxUsd) {
    return { ran: false, ok: false, steps: [], skipped: `${config.dwh.numNodes} × ${config.dwh.nodeType} for ${options.maxMinutes} min could cost $${ceilingUsd.toFixed(2)}, over --max-usd ${options.maxUsd}` };
  }
  log(`smoke: ${options.dryRun ? 'dry run on the local emulator' : `AWS ${config.aws.region}`}, cluster ${config.dwh.clusterIdentifier}, at most ${options.maxMinutes} min${options.dryRun ? '' : ` (≤ $${ceilingUsd.toFixed(2)}, us-east-1 list price)`}`);

  // The deadline aborts the steps in flight; teardown gets its own signal so it always runs.
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new UserError(`Smoke test over its ${options.maxMinutes}-minute ceiling.`, 'Tearing down.')), options.maxMinutes * 60_000);
  const onSignal = () => deadline.abort(new UserError('Interrupted.', 'Tearing down.'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const steps: SmokeStep[] = [];
  const emit = (event: { type: string; message?: string }) => {
    if (event.type === 'notice' || event.type === 'error') log(`  ${event.message}`);
  };
  let warehouse: Warehouse | undefined;
  const step = async (name: SmokeStep['step'], work: () => Promise<string | undefined>): Promise<void> => {
    const started = Date.now();
    try {
      const detail = await work();
      steps.push({ step: name, ok: true, elapsedMs: Date.now() - started, ...(detail ? { detail } : {}) });
      log(`✔ ${name}${detail ? `: ${detail}` : ''}`);
    } catch (err) {
      const detail = (err as Error).message;
      steps.push({ step: name, ok: false, elapsedMs: Date.now() - started, detail });
      log(`✖ ${name}: ${detail}`);
      throw err;
    }
  };
  try {
    warehouse = await openWarehouse(config, {
      ...(options.dryRun ? { emulatorDelays: options.emulatorDelays ?? {}, emulatorAccount: options.account, clusterPollMs: 50, copyPollMs: 50 } : {}),
    });
    const w = warehouse;
    const signal = deadline.signal;
    await step('doctor', async () => {
      const report = await w.doctor();
      if (!report.ok) throw new UserError(report.checks.filter((c) => c.status === 'fail').map((c) => `${c.title}: ${c.detail}`).join('; '));
      return `${report.checks.length} checks, ${report.checks.filter((c) => c.status === 'warn').length} warnings`;
    });
    await step('up', async () => (await w.ensureCluster(emit, signal)).endpoint);
    await step('tables', async () => void (await w.createTables(emit, signal)));
    const summary = await (async () => {
      let result: Awaited<ReturnType<Warehouse['runEtl']>> | undefined;
      await step('etl', async () => {
        result = await w.runEtl(emit, signal);
        return Object.entries(result.counts).map(([t, n]) => `${t} ${n}`).join(', ');
      });
      return result!;
    })();
    await step('checks', async () => {
      const failed = summary.checks.filter((c) => !c.passed);
      if (failed.length > 0) throw new UserError(`quality checks failed: ${failed.map((c) => c.name).join(', ')}`);
      return `${summary.checks.length} passed`;
    });
  } catch {
    // Reported by the step; the teardown below still runs.
  } finally {
    clearTimeout(timer);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (warehouse) {
      const w = warehouse;
      await step('down', async () => void (await w.teardown({}, emit))).catch(() => {
        log(`  teardown failed: delete cluster ${config.dwh.clusterIdentifier} and role ${config.dwh.iamRoleName} yourself (sparkify down --config <a copy of dwh.cfg with those names>)`);
      });
      await warehouse.close().catch(() => {});
    }
  }
  return { ran: true, ok: steps.length > 0 && steps.every((s) => s.ok), steps };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      config: { type: 'string', default: 'dwh.cfg' },
      'dry-run': { type: 'boolean', default: false },
      'max-minutes': { type: 'string', default: '60' },
      'max-usd': { type: 'string', default: '2' },
    },
  });
  const result = await runSmoke({ config: values.config!, dryRun: values['dry-run']!, maxMinutes: Number(values['max-minutes']), maxUsd: Number(values['max-usd']) });
  if (result.skipped) process.stderr.write(`smoke: skipped: ${result.skipped}\n`);
  process.stdout.write(JSON.stringify(result) + '\n');
  return result.ok ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = await main();
