// The real wizard in a real terminal (tmux, 80×24) on the local target, switched to Redshift
// Serverless on the plan screen with `d`: role, workgroup, tables, the sample load with the
// cluster's counts, and a teardown that removes the workgroup and the namespace.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { TmuxSession } from '../helpers/tmux.js';
import { createWorkspace, PROJECT_ROOT, type Workspace } from '../helpers/workspace.js';

const SPARKIFY = `node ${join(PROJECT_ROOT, 'bin/sparkify.js')}`;

describe('the wizard, serverless', () => {
  let tmux: TmuxSession | undefined;
  let ws: Workspace | undefined;
  afterEach(() => {
    tmux?.kill();
    ws?.remove();
  });

  it('offers the choice on the plan screen and walks a serverless run to a teardown that leaves nothing', async () => {
    ws = createWorkspace({ overrides: { CLUSTER_CREATE_SECONDS: '1' } });
    tmux = TmuxSession.start(SPARKIFY, { cwd: ws.dir });
    const t = tmux;

    let screen = await t.waitFor(/1\/7 Plan & config[\s\S]*d use Redshift Serverless/);
    expect(screen).toMatch(/\+ cluster sparkify-dwh \(create\)/);
    t.keys('d');
    screen = await t.waitFor(/\+ workgroup sparkify-wg \(create\)[\s\S]*d use a provisioned cluster/);
    expect(screen).toMatch(/Serverless workgroup sparkify-wg \(8 RPUs\) · namespace sparkify-ns/);
    expect(screen).toMatch(/\$0\.375\/RPU-hour while queries run/);
    expect(screen).not.toMatch(/cluster sparkify-dwh/);
    t.keys('Enter');

    await t.waitFor(/2\/7 IAM role/);
    t.keys('Enter');
    await t.waitFor(/Role sparkify-redshift-s3-read created/);
    t.keys('Enter');

    await t.waitFor(/3\/7 Cluster[\s\S]*sparkify-wg/);
    t.keys('Enter');
    await t.waitFor(/sparkify-wg available/);
    t.keys('Enter');

    await t.waitFor(/4\/7 Tables/);
    t.keys('Enter');
    await t.waitFor(/\d+ statements done/);
    t.keys('Enter');

    await t.waitFor(/5\/7 Load \(ETL\)/);
    t.keys('Enter');
    screen = await t.waitFor(/Loaded 6,820 songplays in [\d.]+m?s; 12\/12 checks passed/, 60_000);
    expect(screen.replace(/\s+/g, ' ')).toContain('staging_events 8,056 · staging_songs 71 · songplays 6,820 · users 96 · songs 71 · artists 69 · time 6,813');
    t.keys('Enter');

    await t.waitFor(/6\/7 Explore/);
    t.keys('s');

    screen = await t.waitForInput(/7\/7 Teardown[\s\S]*Type sparkify-wg to confirm/);
    t.type('sparkify-wg');
    await t.waitFor(/›\s*sparkify-wg/);
    t.keys('Enter');
    await t.waitFor(/final snapshot/);
    t.keys('n');
    screen = await t.waitFor(/Nothing sparkify created is left/, 30_000);
    t.keys('Enter');
    await t.waitFor(/\[exit 0\]/);

    expect(existsSync(join(ws.stateDir, 'namespaces', 'sparkify-ns.duckdb'))).toBe(false);
    // The file still says provisioned: the choice was the wizard's, and what it made is gone.
    const status = await runCli(['status'], { cwd: ws.dir });
    expect(status.stderr).toMatch(/IAM role: none/);
  }, 180_000);
});
