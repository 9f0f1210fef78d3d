// `npm run smoke:aws -- --dry-run`: the live smoke test's steps against the local emulator, as CI
// runs them; the live run stays off unless SPARKIFY_SMOKE_AWS=1, and teardown runs after a failure.
import { afterEach, describe, expect, it } from 'vitest';
import { runSmoke } from '../../bench/smoke-aws.js';
import { startEmulator } from '../../src/emulator/index.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';
import { loadConfig } from '../../src/config/index.js';
import { smokeConfig } from '../../bench/smoke-aws.js';
import { describeCluster } from '../../src/services/cluster.js';
import { createAwsClients, destroyAwsClients } from '../../src/services/clients.js';

let ws: Workspace | undefined;
afterEach(() => {
  ws?.remove();
  ws = undefined;
});

const quiet = () => {};

describe('the AWS smoke test', () => {
  it('does not run against AWS unless SPARKIFY_SMOKE_AWS=1', async () => {
    ws = createWorkspace();
    const result = await runSmoke({ config: ws.configPath, dryRun: false, maxMinutes: 60, maxUsd: 2, env: {}, log: quiet });
    expect(result).toMatchObject({ ran: false, ok: true, steps: [] });
    expect(result.skipped).toMatch(/SPARKIFY_SMOKE_AWS/);
  });

  it('refuses a run whose cost ceiling exceeds --max-usd, before anything is created', async () => {
    ws = createWorkspace();
    const result = await runSmoke({ config: ws.configPath, dryRun: false, maxMinutes: 600, maxUsd: 1, env: { SPARKIFY_SMOKE_AWS: '1' }, log: quiet });
    expect(result).toMatchObject({ ran: false, ok: false });
    expect(result.skipped).toMatch(/over --max-usd 1/);
  });

  it('--dry-run runs doctor → up → tables → etl → checks → down on the emulator, under its own names', async () => {
    ws = createWorkspace();
    const result = await runSmoke({ config: ws.configPath, dryRun: true, maxMinutes: 10, maxUsd: 0, log: quiet, emulatorDelays: { clusterCreateMs: 0, clusterDeleteMs: 0 } });
    expect(result.steps.map((s) => [s.step, s.ok])).toEqual([['doctor', true], ['up', true], ['tables', true], ['etl', true], ['checks', true], ['down', true]]);
    expect(result.steps.find((s) => s.step === 'etl')?.detail).toContain('songplays 6820');
    expect(result.ok).toBe(true);
  }, 120_000);

  it('tears down even when a step fails (a paused cluster), leaving nothing behind', async () => {
    ws = createWorkspace();
    const result = await runSmoke({ config: ws.configPath, dryRun: true, account: 'paused-cluster', maxMinutes: 10, maxUsd: 0, log: quiet, emulatorDelays: { clusterCreateMs: 0, clusterDeleteMs: 0 } });
    expect(result.ok).toBe(false);
    expect(result.steps.map((s) => [s.step, s.ok])).toEqual([['doctor', true], ['up', false], ['down', true]]);
    // The state the emulator persisted shows the smoke cluster gone.
    const config = smokeConfig(loadConfig(ws.configPath).config, true);
    const emulator = await startEmulator({ stateDir: config.local.stateDir, s3Root: config.local.s3Root });
    const clients = createAwsClients(config, { endpoint: emulator.endpoint });
    try {
      expect(await describeCluster(clients.redshift, config.dwh.clusterIdentifier)).toBeUndefined();
    } finally {
      destroyAwsClients(clients);
      await emulator.close();
    }
  }, 120_000);
});
