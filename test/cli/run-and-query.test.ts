// The "done when", as a user types it: `sparkify run --target local --yes --json` on the
// sample, then `sparkify query` in a second process that finds the same cluster.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseNdjson, runCli, type CliRun } from '../helpers/run-cli.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';

describe('sparkify run / query / status / down in separate processes', () => {
  let ws: Workspace;
  let run: CliRun;

  beforeAll(async () => {
    ws = createWorkspace();
    run = await runCli(['run', '--target', 'local', '--yes', '--json'], { cwd: ws.dir });
  }, 120_000);
  afterAll(() => ws?.remove());

  it('prints NDJSON events only, ending in a successful run', () => {
    expect(run.code).toBe(0);
    const events = parseNdjson(run.stdout);
    expect(events.length).toBeGreaterThan(20);
    expect(events.at(-1)).toMatchObject({ type: 'result', command: 'run', ok: true, exitCode: 0, checks: { passed: 12, failed: [] } });
    expect(events.find((e) => e.type === 'role')).toMatchObject({ action: 'created', roleName: 'sparkify-redshift-s3-read' });
    expect(events.filter((e) => e.type === 'cluster.status').map((e) => e.status)).toContain('available');
    // Nothing but sparkify's own lines on stderr: no Node warnings (e.g. a listener "leak" on the shared signal).
    expect(run.stderr).not.toMatch(/Warning/);
  });

  it('prints the exact counts and passing checks', () => {
    const events = parseNdjson(run.stdout);
    const counts = events.find((e) => e.type === 'table.counts')?.counts;
    expect(counts).toEqual({ staging_events: 8056, staging_songs: 71, songplays: 6820, users: 96, songs: 71, artists: 69, time: 6813 });
    const checks = events.filter((e) => e.type === 'check');
    expect(checks).toHaveLength(12);
    expect(checks.every((c) => c.passed === true)).toBe(true);
  });

  it('answers a query from a second process with 6820 songplays', async () => {
    const query = await runCli(['query', 'select count(*) from songplays'], { cwd: ws.dir });
    expect(query.code).toBe(0);
    expect(query.stdout).toMatch(/^count\s*\n-+\s*\n6820\s*\n\(1 row\)/);
    const json = await runCli(['query', '--json', 'select count(*) as plays from songplays'], { cwd: ws.dir });
    expect(parseNdjson(json.stdout)).toEqual([
      expect.objectContaining({ type: 'query.result', columns: ['plays'], rows: [[6820]] }),
      expect.objectContaining({ type: 'result', command: 'query', ok: true, rowCount: 1 }),
    ]);
  });

  it('shows a failing query as Redshift’s error, with exit code 1 and no stack', async () => {
    const query = await runCli(['query', 'select nope from songplays'], { cwd: ws.dir });
    expect(query.code).toBe(1);
    expect(query.stderr).toMatch(/query failed: ERROR: .*nope/i);
    expect(query.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses to tear down without a terminal or --yes (exit 2), then does with --yes', async () => {
    const refused = await runCli(['down'], { cwd: ws.dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/--yes/);
    const status = await runCli(['status'], { cwd: ws.dir });
    expect(status.stderr).toMatch(/cluster: sparkify-dwh available/);

    const down = await runCli(['down', '--yes'], { cwd: ws.dir });
    expect(down.code).toBe(0);
    expect(down.stderr).toMatch(/cluster sparkify-dwh: deleted/);
    expect(down.stderr).toMatch(/IAM role sparkify-redshift-s3-read deleted/);
    expect(existsSync(join(ws.stateDir, 'clusters', 'sparkify-dwh.duckdb'))).toBe(false);
    const after = await runCli(['status'], { cwd: ws.dir });
    expect(after.stderr).toMatch(/IAM role: none/);
    expect(after.stderr).toMatch(/cluster: none/);
  });
});

describe('sparkify without a terminal', () => {
  let ws: Workspace;
  beforeAll(() => {
    ws = createWorkspace();
  });
  afterAll(() => ws?.remove());

  it('refuses a billable/destructive run without --yes, in one line, exit 2', async () => {
    const result = await runCli(['run'], { cwd: ws.dir });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(/^sparkify run drops and recreates the warehouse tables; refusing without a terminal to confirm\. Re-run with --yes/);
    expect(existsSync(join(ws.stateDir, 'emulator-state.json'))).toBe(false);
  });

  it('--dry-run prints the calls and SQL and creates nothing', async () => {
    const result = await runCli(['run', '--dry-run'], { cwd: ws.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\[dry-run\] iam CreateRole/);
    expect(result.stdout).toMatch(/\[dry-run\] redshift CreateCluster .*"PubliclyAccessible":false/);
    expect(result.stdout).toMatch(/COPY staging_events\s+FROM 's3:\/\/udacity-dend\/log_data'/);
    const status = await runCli(['status'], { cwd: ws.dir });
    expect(status.stderr).toMatch(/IAM role: none/);
    expect(status.stderr).toMatch(/cluster: none/);
  });

  it('names the file, section and key of a bad setting', async () => {
    const bad = createWorkspace({ overrides: { NUM_NODES: 'two' } });
    try {
      const result = await runCli(['status'], { cwd: bad.dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('[DWH] NUM_NODES: expected a positive integer, got "two"');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      bad.remove();
    }
  });

  it('says nothing is listening when the emulator endpoint is down, without a stack', async () => {
    const result = await runCli(['query', 'select 1'], { cwd: ws.dir, env: { SPARKIFY_EMULATOR_ENDPOINT: 'http://127.0.0.1:9' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Looking up cluster sparkify-dwh failed: nothing is listening at the endpoint');
    expect(result.stderr).toContain('the emulator must be running');
    expect(result.stderr).not.toMatch(/Unexpected error|\n\s+at /);
  });

  it('rejects an unknown command with usage hints, exit 2', async () => {
    const result = await runCli(['launch'], { cwd: ws.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Unknown command "launch"/);
  });
});
