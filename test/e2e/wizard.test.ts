// The real wizard in a real terminal (tmux, 80×24) against the local target: every screen from the
// plan to teardown, then a re-opened wizard that resumes, and Ctrl-C that says what is left.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { TmuxSession } from '../helpers/tmux.js';
import { createWorkspace, PROJECT_ROOT, type Workspace } from '../helpers/workspace.js';

const SPARKIFY = `node ${join(PROJECT_ROOT, 'bin/sparkify.js')}`;

function expectFits(screen: string) {
  const lines = screen.replace(/\n$/, '').split('\n');
  expect(lines.length).toBeLessThanOrEqual(24);
  for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
}

describe('the wizard in a real terminal', () => {
  let tmux: TmuxSession | undefined;
  let ws: Workspace | undefined;
  afterEach(() => {
    tmux?.kill();
    ws?.remove();
  });

  it('goes through every screen, from the plan to a teardown that leaves nothing', async () => {
    ws = createWorkspace({ overrides: { CLUSTER_CREATE_SECONDS: '2' } });
    tmux = TmuxSession.start(SPARKIFY, { cwd: ws.dir });
    const t = tmux;

    let screen = await t.waitFor(/1\/7 Plan & config[\s\S]*enter go on/);
    expect(screen).toMatch(/\+ iam-role sparkify-redshift-s3-read \(create\)/);
    expect(screen).toMatch(/\+ cluster sparkify-dwh \(create\)/);
    expect(screen).toMatch(/Cost\s+free here \(local emulator\); on AWS est\. \$0\.54\/h/);
    expect(screen).toMatch(/enter go on/);
    expectFits(screen);
    t.keys('Enter');

    await t.waitFor(/2\/7 IAM role[\s\S]*Will create IAM role sparkify-redshift-s3-read/);
    t.keys('Enter');
    screen = await t.waitFor(/Role sparkify-redshift-s3-read created/);
    expect(screen).toMatch(/arn:aws:iam::\d{12}:role\/sparkify-redshift-s3-read/);
    t.keys('Enter');

    await t.waitFor(/3\/7 Cluster[\s\S]*Will create cluster sparkify-dwh/);
    t.keys('Enter');
    screen = await t.waitFor(/creating/);
    expectFits(screen);
    screen = await t.waitFor(/sparkify-dwh available[\s\S]*Endpoint sparkify-dwh\./);
    t.keys('Enter');

    await t.waitFor(/4\/7 Tables/);
    t.keys('Enter');
    screen = await t.waitFor(/15 statements done/);  // 8 drops (7 tables and sparkify_load) and 7 creates
    expectFits(screen);
    t.keys('Enter');

    await t.waitFor(/5\/7 Load \(ETL\)/);
    t.keys('Enter');
    screen = await t.waitFor(/Loaded 6,820 songplays; 12\/12 checks passed/, 60_000);
    expect(screen).toMatch(/✔ staging_events rows equal the log records in S3/);
    expectFits(screen);
    t.keys('Enter');

    await t.waitFor(/6\/7 Explore/);
    t.keys('Enter');
    screen = await t.waitFor(/Plays per hour of day/);
    expectFits(screen);
    t.keys('/');
    await t.waitForInput(/enter run SQL/);
    // Like a person, wait until the typed text shows before pressing Enter: a pty may otherwise
    // deliver text and Enter in one read, which a prompt takes as pasted text.
    t.type('select count(*) as plays from songplays');
    await t.waitFor(/from songplays\s*$/m);
    t.keys('Enter');
    screen = await t.waitFor(/6,?820/);
    t.type(' where nope');
    await t.waitFor(/where nope/);
    t.keys('Enter');
    screen = await t.waitFor(/ERROR/);
    t.keys('Escape');
    await t.waitFor(/enter next: teardown/);
    t.keys('Enter');

    screen = await t.waitForInput(/7\/7 Teardown[\s\S]*Type sparkify-dwh to confirm/);
    expect(screen).toMatch(/cluster sparkify-dwh \(available\)/);
    expect(screen).toMatch(/IAM role sparkify-redshift-s3-read/);
    t.type('sparkify-dwh');
    await t.waitFor(/›\s*sparkify-dwh/);
    t.keys('Enter');
    await t.waitFor(/final snapshot/);
    t.keys('n');
    screen = await t.waitFor(/Nothing sparkify created is left/, 30_000);
    expect(screen).toMatch(/✔ cluster sparkify-dwh deleted/);
    t.keys('Enter');
    await t.waitFor(/\[exit 0\]/);

    const status = await runCli(['status'], { cwd: ws.dir });
    expect(status.stderr).toMatch(/IAM role: none/);
    expect(status.stderr).toMatch(/cluster: none/);
    expect(existsSync(join(ws.stateDir, 'clusters', 'sparkify-dwh.duckdb'))).toBe(false);
  }, 180_000);

  it('resumes where it stopped, and Ctrl-C says what is still running and how to remove it', async () => {
    ws = createWorkspace();
    const up = await runCli(['up', '--yes'], { cwd: ws.dir });
    expect(up.code).toBe(0);
    tmux = TmuxSession.start(SPARKIFY, { cwd: ws.dir });
    const t = tmux;

    let screen = await t.waitFor(/1\/7 Plan & config[\s\S]*enter /);
    expect(screen).toMatch(/reuse/);
    expect(screen).toMatch(/resume/i);
    t.keys('Enter');
    screen = await t.waitFor(/4\/7 Tables/);
    t.keys('C-c');
    screen = await t.waitFor(/\[exit \d+\]/);
    expect(screen).toMatch(/cluster sparkify-dwh/);
    expect(screen).toMatch(/npx sparkify down/);
    expect(screen).not.toMatch(/\n\s+at /);

    const status = await runCli(['status'], { cwd: ws.dir });
    expect(status.stderr).toMatch(/cluster: sparkify-dwh available/);
    const down = await runCli(['down', '--yes'], { cwd: ws.dir });
    expect(down.code).toBe(0);
  }, 120_000);

  it('shows a bad dwh.cfg on the Config screen with its fix, and reads it again on retry', async () => {
    ws = createWorkspace({ overrides: { NUM_NODES: 'two' } });
    tmux = TmuxSession.start(SPARKIFY, { cwd: ws.dir });
    const t = tmux;
    let screen = await t.waitFor(/r retry/);
    expect(screen).toMatch(/dwh\.cfg \[DWH\] NUM_NODES: expected a positive integer, got "two"/);
    expect(screen).not.toMatch(/\n\s+at /);
    writeFileSync(ws.configPath, readFileSync(ws.configPath, 'utf8').replace('NUM_NODES = two', 'NUM_NODES = 1'));
    t.keys('r');
    screen = await t.waitFor(/\+ cluster sparkify-dwh \(create\)[\s\S]*enter go on/);
    t.keys('q');
    await t.waitFor(/\[exit 0\]/);
  }, 60_000);
});
