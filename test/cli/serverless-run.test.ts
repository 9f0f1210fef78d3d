// The "done when" for Redshift Serverless, as a user types it: with [DWH] DEPLOYMENT =
// serverless, `sparkify run --yes` loads the sample with the cluster's counts and `sparkify down
// --yes` (a second process, sharing the state folder) removes the workgroup, then the namespace.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseNdjson, runCli, type CliRun } from '../helpers/run-cli.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';

describe('sparkify run / down with DEPLOYMENT = serverless', () => {
  let ws: Workspace;
  let run: CliRun;

  beforeAll(async () => {
    ws = createWorkspace();
    writeFileSync(ws.configPath, readFileSync(ws.configPath, 'utf8').replace('[DWH]\n', '[DWH]\nDEPLOYMENT = serverless\n'));
    run = await runCli(['run', '--yes', '--json'], { cwd: ws.dir });
  }, 120_000);
  afterAll(() => ws?.remove());

  it('loads the sample with the same counts as the cluster, on the workgroup', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const events = parseNdjson(run.stdout);
    expect(events.at(-1)).toMatchObject({ type: 'result', command: 'run', ok: true, exitCode: 0, checks: { passed: 12, failed: [] } });
    expect(events.find((e) => e.type === 'table.counts')?.counts).toEqual({ staging_events: 8056, staging_songs: 71, songplays: 6820, users: 96, songs: 71, artists: 69, time: 6813 });
    const statuses = events.filter((e) => e.type === 'cluster.status');
    expect(statuses).toContainEqual(expect.objectContaining({ clusterId: 'sparkify-wg', resource: 'workgroup', status: 'available' }));
    // The database is the namespace's, not a cluster's.
    expect(existsSync(join(ws.stateDir, 'namespaces', 'sparkify-ns.duckdb'))).toBe(true);
    expect(existsSync(join(ws.stateDir, 'clusters', 'sparkify-dwh.duckdb'))).toBe(false);
  });

  it('answers a query from a second process, then tears down the workgroup and the namespace', async () => {
    const query = await runCli(['query', 'select count(*) from songplays'], { cwd: ws.dir });
    expect(query.code).toBe(0);
    expect(query.stdout).toMatch(/6820/);

    const status = await runCli(['status'], { cwd: ws.dir });
    expect(status.stderr).toMatch(/workgroup: sparkify-wg available at sparkify-wg\.\d{12}\.us-west-2\.redshift-serverless\.amazonaws\.com:5439/);
    expect(status.stderr).toMatch(/billing: workgroup sparkify-wg \(available\) bills \$0\.375\/RPU-hour only while queries run/);
    const dry = await runCli(['down', '--dry-run'], { cwd: ws.dir });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/\[dry-run\] redshift-serverless DeleteWorkgroup/);
    expect(dry.stdout).toMatch(/\[dry-run\] redshift-serverless DeleteNamespace/);
    expect(dry.stderr).toMatch(/Would delete workgroup sparkify-wg and namespace sparkify-ns and IAM role sparkify-redshift-s3-read; nothing was deleted/);

    const down = await runCli(['down', '--yes'], { cwd: ws.dir });
    expect(down.code).toBe(0);
    const wgGone = down.stderr.indexOf('workgroup sparkify-wg: deleted');
    const nsGone = down.stderr.indexOf('namespace sparkify-ns: deleted');
    expect(wgGone).toBeGreaterThanOrEqual(0);
    expect(nsGone).toBeGreaterThan(wgGone);
    expect(down.stderr).toMatch(/IAM role sparkify-redshift-s3-read deleted/);
    expect(existsSync(join(ws.stateDir, 'namespaces', 'sparkify-ns.duckdb'))).toBe(false);

    const after = await runCli(['down', '--yes', '--json'], { cwd: ws.dir });
    expect(after.code).toBe(0);
    expect(parseNdjson(after.stdout).at(-1)).toMatchObject({ type: 'result', command: 'down', ok: true, cluster: null, role: null });
  });
});
