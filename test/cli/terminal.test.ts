// The CLI on a real terminal (tmux): the down question names what it deletes, and the marks are
// coloured on a terminal but not with NO_COLOR.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { TmuxSession } from '../helpers/tmux.js';
import { createWorkspace, PROJECT_ROOT, type Workspace } from '../helpers/workspace.js';

const SPARKIFY = `node ${join(PROJECT_ROOT, 'bin/sparkify.js')}`;

/** The pane with its escape sequences (capture-pane -e), to see colour. */
const screenWithColour = (tmux: TmuxSession) => execFileSync('tmux', ['capture-pane', '-p', '-e', '-t', tmux.name], { encoding: 'utf8' });

describe('the CLI on a terminal', () => {
  let ws: Workspace;
  let tmux: TmuxSession | undefined;
  beforeAll(async () => {
    ws = createWorkspace();
    expect((await runCli(['up', '--yes'], { cwd: ws.dir })).code).toBe(0);
  }, 120_000);
  afterEach(() => tmux?.kill());
  afterAll(() => ws?.remove());

  it('down asks naming the cluster, the role, the target and the region; "n" deletes nothing', async () => {
    tmux = TmuxSession.start(`${SPARKIFY} down`, { cwd: ws.dir, width: 200 });
    await tmux.waitFor(/\[y\/N\]/);
    const screen = tmux.screen();
    expect(screen).toContain('sparkify down deletes cluster sparkify-dwh (and its data) and IAM role sparkify-redshift-s3-read on the local target (emulated us-west-2). Continue? [y/N]');
    tmux.type('n');
    tmux.keys('Enter');
    const after = await tmux.waitFor(/\[exit \d+\]/);
    expect(after).toContain('Cancelled: nothing was changed.');
    expect(after).toContain('[exit 2]');
    const status = await runCli(['status'], { cwd: ws.dir });
    expect(status.stderr).toMatch(/cluster: sparkify-dwh available/);
  });

  it('`sparkify | cat` on a terminal prints the help and asks nothing (stdout is a pipe: no wizard, never run)', async () => {
    tmux = TmuxSession.start(`bash -c '${SPARKIFY} | cat; exit \${PIPESTATUS[0]}'`, { cwd: ws.dir, width: 200, height: 50 });
    const screen = await tmux.waitFor(/\[exit \d+\]/);
    expect(screen).toContain('no command given, and the wizard needs a terminal');
    expect(screen).toContain('Usage: sparkify [command] [options]');
    expect(screen).not.toMatch(/\[y\/N\]|drops and recreates/);
    expect(screen).toContain('[exit 2]');
  });

  it('colours the marks on a terminal', async () => {
    tmux = TmuxSession.start(`${SPARKIFY} status`, { cwd: ws.dir, width: 200 });
    await tmux.waitFor(/\[exit 0\]/);
    expect(screenWithColour(tmux)).toMatch(/\u001b\[32m✔\u001b\[(0|39)m status finished in/);
  });

  it('does not colour them with NO_COLOR', async () => {
    tmux = TmuxSession.start(`${SPARKIFY} status`, { cwd: ws.dir, width: 200, env: { NO_COLOR: '1' } });
    await tmux.waitFor(/\[exit 0\]/);
    const plain = screenWithColour(tmux);
    expect(plain).toMatch(/✔ status finished in/);
    expect(plain).not.toMatch(/\u001b\[32m/);
  });
});
