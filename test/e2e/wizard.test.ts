// The real wizard in a real terminal (tmux, 80×24) against the local target: every screen from the
// plan to teardown, then a re-opened wizard that resumes, and Ctrl-C that says what is left; the AWS
// target without credentials (a failed check on the plan, nothing sent beyond 127.0.0.1); charts
// that scroll and follow a resize; the SQL prompt's editing and history.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { TmuxSession } from '../helpers/tmux.js';
import { createWorkspace, PROJECT_ROOT, type Workspace } from '../helpers/workspace.js';

const SPARKIFY = `node ${join(PROJECT_ROOT, 'bin/sparkify.js')}`;

function expectFits(screen: string, width = 80, height = 24) {
  const lines = screen.replace(/\n$/, '').split('\n');
  expect(lines.length).toBeLessThanOrEqual(height);
  for (const line of lines) expect([...line].length).toBeLessThanOrEqual(width);
}

/** The pane's lines that hold a chart bar. */
const barLines = (screen: string) => screen.split('\n').filter((l) => l.includes('▇'));

/** Polls the pane until `ok` holds; fails with the last screen. */
async function settle(t: TmuxSession, ok: (screen: string) => boolean, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let screen = t.screen();
  while (!ok(screen)) {
    if (Date.now() > deadline) throw new Error(`The screen did not settle:\n${screen}`);
    await new Promise((r) => setTimeout(r, 100));
    screen = t.screen();
  }
  return screen;
}

function resize(t: TmuxSession, width: number, height: number) {
  execFileSync('tmux', ['resize-window', '-t', t.name, '-x', String(width), '-y', String(height)]);
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
    screen = await t.waitFor(/sparkify-dwh available[\s\S]*Endpoint 127\.0\.0\.1:\d+/);
    t.keys('Enter');

    await t.waitFor(/4\/7 Tables/);
    t.keys('Enter');
    screen = await t.waitFor(/15 statements done/); // 8 drops (7 tables and sparkify_load) and 7 creates
    expectFits(screen);
    t.keys('Enter');

    await t.waitFor(/5\/7 Load \(ETL\)/);
    t.keys('Enter');
    screen = await t.waitFor(/Loaded 6,820 songplays in [\d.]+m?s; 12\/12 checks passed/, 60_000);
    expect(screen).toMatch(/✔ staging_events rows equal the log records in S3/);
    expect(screen).toMatch(/ℹ share of songplays matched to a song \(%\): \d/);
    expect(screen.replace(/\s+/g, ' ')).toContain('staging_events 8,056 · staging_songs 71 · songplays 6,820 · users 96 · songs 71 · artists 69 · time 6,813');
    expect(screen).not.toMatch(/\b8056 rows/);
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
    expect(screen).toMatch(/- cluster sparkify-dwh \(available\) — local emulator, no charge/);
    expect(screen).toMatch(/- IAM role sparkify-redshift-s3-read — no charge/);
    expect(screen).toMatch(/To delete: npx sparkify down/);
    expect(screen).toMatch(/To resume: npx sparkify\b/);
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

  it('--target aws without credentials: the plan fits 80×24, the failed check is ✖ in full with its fix, and blocks', async () => {
    ws = createWorkspace();
    const empty = join(ws.dir, 'empty');
    writeFileSync(empty, '');
    // No credentials anywhere, no instance metadata, and every AWS endpoint on a closed loopback port:
    // the SDK's chain fails fast and nothing leaves 127.0.0.1.
    const unset = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'SPARKIFY_EMULATOR_ENDPOINT']
      .map((v) => `-u ${v}`)
      .join(' ');
    const env = { AWS_CONFIG_FILE: empty, AWS_SHARED_CREDENTIALS_FILE: empty, AWS_EC2_METADATA_DISABLED: 'true', AWS_ENDPOINT_URL: 'http://127.0.0.1:9' };
    tmux = TmuxSession.start(`env ${unset} ${SPARKIFY} --target aws`, { cwd: ws.dir, env });
    const t = tmux;
    const screen = await t.waitFor(/r check again/);
    expectFits(screen);
    const lines = screen.split('\n').filter((l) => l.trim() !== '');
    expect(lines[0]).toMatch(/^1\/7 Plan & config +✖ 1 check failed$/);
    const flat = screen.replace(/\s+/g, ' ');
    expect(flat).toMatch(/✖ AWS credentials: Checking the AWS credentials failed: no AWS credentials were found/);
    expect(flat).toContain('→ Run `aws configure` (or `aws sso login`), set AWS_PROFILE, or set [AWS] PROFILE in dwh.cfg.');
    expect(screen).toMatch(/^Target +AWS · us-west-2$/m);
    expect(screen).not.toContain('enter go on');
    expect(screen).not.toMatch(/✔ Plan & config/);
    t.keys('Enter');
    t.keys('r');
    await t.waitFor(/r check again/);
    expect(t.screen()).not.toMatch(/2\/7 IAM role/);
    t.keys('q');
    const last = await t.waitFor(/\[exit 0\]/);
    expect(last).toMatch(/Bye\./);
    expect(last).not.toMatch(/Nothing sparkify created/);
  }, 60_000);

  it('charts use the room a 120×40 terminal has, follow a resize to 80×24 and 60×20, scroll, and the prompt edits and remembers', async () => {
    ws = createWorkspace();
    const run = await runCli(['run', '--yes'], { cwd: ws.dir });
    expect(run.code).toBe(0);
    tmux = TmuxSession.start(SPARKIFY, { cwd: ws.dir, width: 120, height: 40 });
    const t = tmux;
    await t.waitFor(/enter resume at Explore/);
    t.keys('Enter');
    await t.waitFor(/6\/7 Explore[\s\S]*enter run analytics/);
    t.keys('Enter');
    let screen = await t.waitFor(/Plays per hour of day \(UTC\) \(1\/5 · bars: plays\)[\s\S]*enter next: teardown/);
    // All 24 hours at 120×40: no "more rows", no scrolling needed.
    expect(barLines(screen)).toHaveLength(24);
    expect(screen).not.toMatch(/more rows|rows \d+–\d+ of/);

    resize(t, 80, 24);
    screen = await t.waitFor(/rows 1–14 of 24 · ↑\/↓ PgUp\/PgDn scroll/);
    // Only the new frame's bars are on screen, none left over from the wider one (polled: the
    // terminal re-wraps the old frame for a moment before the new one is drawn).
    screen = await settle(t, (s) => barLines(s).length === 14 && s.split('\n').every((l) => [...l].length <= 80));
    expectFits(screen);
    t.keys('Down');
    await t.waitFor(/rows 2–15 of 24/);
    t.keys('NPage');
    screen = await t.waitFor(/rows 11–24 of 24/);
    expect(screen).toMatch(/^23 +▇+ +\d/m);
    t.keys('PPage');
    await t.waitFor(/rows 1–14 of 24/);

    // Plays by subscription level: the bar is plays (the number beside it), users a note.
    t.keys('Right');
    screen = await t.waitFor(/Plays by subscription level \(2\/5 · bars: plays\)/);
    const paid = screen.split('\n').find((l) => l.startsWith('paid'))!;
    const free = screen.split('\n').find((l) => l.startsWith('free'))!;
    expect(paid).toMatch(/▇ +5,591 {2}22 users$/);
    expect(free).toMatch(/▇ +1,229 {2}\d+ users$/);
    expect(paid.split('▇').length).toBeGreaterThan(free.split('▇').length * 3);

    t.keys('/');
    await t.waitForInput(/enter run SQL/);
    t.type('select 1 as first');
    await t.waitFor(/SQL› select 1 as first/);
    t.keys('Enter');
    await t.waitFor(/first\s*\n─+/);
    // Ctrl-U clears the line (it does not insert "u"); three Backspaces in one write all apply.
    t.keys('C-u');
    await t.waitFor(/SQL› SELECT … \(enter runs it\)/);
    t.type('xyz');
    await t.waitFor(/SQL› xyz/);
    t.keys('BSpace', 'BSpace', 'BSpace');
    t.type('select 2 as second');
    await t.waitFor(/SQL› select 2 as second/);
    t.keys('Enter');
    screen = await t.waitFor(/second\s*\n─+/);
    expect(screen).not.toMatch(/xyz|syntax error/);
    t.keys('Up');
    await t.waitFor(/SQL› select 2 as second/);
    t.keys('Up');
    await t.waitFor(/SQL› select 1 as first/);
    t.keys('Escape');
    await t.waitFor(/enter next: teardown/);

    resize(t, 60, 20);
    // Wait for the frame drawn for 60 columns (the one before it is re-wrapped by the terminal).
    screen = await t.waitFor(/^6\/7 Explore\n[\s\S]*^paid ▇+ +5,591 {2}22 users\n[\s\S]*\/ SQL prompt/m);
    expectFits(screen, 60, 20);

    t.keys('q');
    screen = await t.waitFor(/\[exit 0\]/);
    expect(screen).toMatch(/- cluster sparkify-dwh \(available\)/);
    expect(screen).toMatch(/To delete: npx sparkify down/);
    const down = await runCli(['down', '--yes'], { cwd: ws.dir });
    expect(down.code).toBe(0);
  }, 180_000);
});
