// A destructive subcommand on a real terminal (tmux): it asks first, and "no" or Ctrl-C at the
// question change nothing and end with exit code 2, never a stack trace.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TmuxSession } from '../helpers/tmux.js';
import { createWorkspace, PROJECT_ROOT, type Workspace } from '../helpers/workspace.js';

const SPARKIFY = `node ${join(PROJECT_ROOT, 'bin/sparkify.js')}`;
// The 80-column pane wraps the question, so it is matched across the line end.
const QUESTION = /sparkify tables drops and recreates the warehouse tables \(their data is lost\)\.[\s\S]*\[y\/N\]/;

describe('a destructive subcommand on a terminal', () => {
  let tmux: TmuxSession | undefined;
  let ws: Workspace | undefined;
  afterEach(() => {
    tmux?.kill();
    ws?.remove();
  });

  it('asks, and takes "n" as no', async () => {
    ws = createWorkspace();
    tmux = TmuxSession.start(`${SPARKIFY} tables`, { cwd: ws.dir });
    await tmux.waitFor(QUESTION);
    tmux.type('n');
    await tmux.waitFor(/\[y\/N\] n$/m);
    tmux.keys('Enter');
    const screen = await tmux.waitFor(/\[exit \d+\]/);
    expect(screen).toContain('Cancelled: nothing was changed.');
    expect(screen).toContain('[exit 2]');
  });

  it('takes Ctrl-C at the question as no, without a stack trace', async () => {
    ws = createWorkspace();
    tmux = TmuxSession.start(`${SPARKIFY} tables`, { cwd: ws.dir });
    await tmux.waitFor(QUESTION);
    tmux.keys('C-c');
    const screen = await tmux.waitFor(/\[exit \d+\]/);
    expect(screen).toContain('Cancelled: nothing was changed.');
    expect(screen).not.toMatch(/Unexpected error|at .*\.js:\d+/);
    expect(screen).toContain('[exit 2]');
  });
});
