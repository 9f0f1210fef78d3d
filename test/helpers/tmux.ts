// Drives a program in a real terminal: tmux runs it in an 80×24 pane, send-keys types, capture-pane reads.
import { execFileSync } from 'node:child_process';

export class TmuxSession {
  private constructor(readonly name: string) {}

  static start(command: string, { cwd, width = 80, height = 24, env = {} }: { cwd: string; width?: number; height?: number; env?: Record<string, string> }): TmuxSession {
    try {
      execFileSync('tmux', ['-V']);
    } catch {
      throw new Error('The end-to-end test needs tmux: apt-get install -y tmux (.ci/run does this).');
    }
    const name = `sparkify-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    // tmux starts the command in its server's environment, not this process's: pass the local-service mode on.
    const mode = Object.fromEntries(['SPARKIFY_LOCAL_SERVICE', 'SPARKIFY_SERVICE_IDLE_MINUTES'].filter((k) => process.env[k]).map((k) => [k, process.env[k]!]));
    const exports = Object.entries({ ...mode, ...env }).map(([k, v]) => `${k}='${v}'`).join(' ');
    // `; sleep` keeps the pane (and its last screen) after the program exits, so the test can read it.
    // CI runners export CI=true, which (rightly) turns the wizard into plain output; a person at this terminal has no CI.
    const shell = `env -u CI -u CONTINUOUS_INTEGRATION ${exports} ${command}; echo "[exit $?]"; sleep 60`;
    execFileSync('tmux', ['new-session', '-d', '-s', name, '-x', String(width), '-y', String(height), '-c', cwd, shell]);
    return new TmuxSession(name);
  }

  screen(): string {
    return execFileSync('tmux', ['capture-pane', '-p', '-t', this.name], { encoding: 'utf8' });
  }

  keys(...keys: string[]): void {
    execFileSync('tmux', ['send-keys', '-t', this.name, ...keys]);
  }

  type(text: string): void {
    execFileSync('tmux', ['send-keys', '-t', this.name, '-l', text]);
  }

  /**
   * Waits for a text input that has just appeared. Ink draws a frame before the new input subscribes to
   * stdin (an effect), so on a loaded machine keys sent the instant it shows can be dropped; a person's
   * first keystroke comes a few hundred milliseconds later, and so does this one.
   */
  async waitForInput(pattern: RegExp): Promise<string> {
    const screen = await this.waitFor(pattern);
    await new Promise((r) => setTimeout(r, 300));
    return screen;
  }

  async waitFor(pattern: RegExp, timeoutMs = 45_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = this.screen();
      if (pattern.test(last)) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`Timed out waiting for ${pattern} on the screen:\n${last}`);
  }

  kill(): void {
    try {
      execFileSync('tmux', ['kill-session', '-t', this.name]);
    } catch {
      // already gone
    }
  }
}
