// Runs the real sparkify binary in a child process (no TTY), as a script or CI would.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from './workspace.js';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], { cwd, env = {} }: { cwd: string; env?: Record<string, string> }): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin/sparkify.js'), ...args], {
      cwd,
      env: { ...process.env, CI: 'true', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export function parseNdjson(text: string): Array<Record<string, unknown>> {
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line));
}

export interface StoppedRun extends CliRun {
  signal: NodeJS.Signals | null;
  events: Array<Record<string, unknown>>;
}

/**
 * Runs `sparkify <args> --json` and sends it `signal` as soon as an NDJSON event matches `stopWhen`
 * (waits for the event, never for time).
 */
export function runCliAndSignal(
  args: string[],
  stopWhen: (event: Record<string, unknown>) => boolean,
  { cwd, env = {}, signal = 'SIGKILL' }: { cwd: string; env?: Record<string, string>; signal?: NodeJS.Signals },
): Promise<StoppedRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin/sparkify.js'), ...args, '--json'], {
      cwd,
      env: { ...process.env, CI: 'true', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const events: Array<Record<string, unknown>> = [];
    let buffer = '';
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (!line.trim()) continue;
        const event = JSON.parse(line) as Record<string, unknown>;
        events.push(event);
        if (!sent && child.exitCode === null && stopWhen(event)) sent = child.kill(signal);
      }
    });
    child.on('error', reject);
    child.on('close', (code, endedBy) => resolve({ code, signal: endedBy, events, stdout, stderr }));
  });
}
