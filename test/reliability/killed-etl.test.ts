// The process killed in the middle of an ETL (SIGKILL: no cleanup, no signal handler runs). The
// in-process emulator dies with it, releasing the DuckDB file lock; the next processes must find a
// consistent state, resume to the exact counts and tear everything down.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readState } from '../../src/services/state-file.js';
import { parseNdjson, runCli } from '../helpers/run-cli.js';
import { createWorkspace, PROJECT_ROOT, type Workspace } from '../helpers/workspace.js';
import { EXPECTED_COUNTS } from './faulty-target.js';

interface KilledRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  events: Array<Record<string, unknown>>;
  stderr: string;
}

/** Runs `sparkify etl --yes --json` and sends it `signal` as soon as an event matches `killWhen`. */
function runEtlAndKill(cwd: string, killWhen: (event: Record<string, unknown>) => boolean, signal: NodeJS.Signals = 'SIGKILL'): Promise<KilledRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin/sparkify.js'), 'etl', '--yes', '--json'], {
      cwd,
      env: { ...process.env, CI: 'true', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const events: Array<Record<string, unknown>> = [];
    let buffer = '';
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (!line.trim()) continue;
        const event = JSON.parse(line) as Record<string, unknown>;
        events.push(event);
        if (killWhen(event) && child.exitCode === null && !sent) sent = child.kill(signal);
      }
    });
    child.on('error', reject);
    child.on('close', (code, endedBy) => resolve({ code, signal: endedBy, events, stderr }));
  });
}

/**
 * When to kill, and what status must then say: the last step done for this load, and where it
 * stopped. A kill during the star inserts lands before their transaction commits, or (on a loaded
 * machine) just after: either way status says which, and never that the load completed.
 */
const KILL_POINTS: Array<[string, (e: Record<string, unknown>) => boolean, RegExp, RegExp]> = [
  ['while the staging COPY is under way', (e) => e.type === 'copy.progress' && e.table === 'staging_events' && e.status === 'running', /last completed step: tables\n/, /interrupted during the staging COPYs; the star tables still hold the previous load, unchanged: run "sparkify etl" to finish it/],
  [
    'while the star tables are being inserted',
    (e) => e.type === 'step' && e.id === 'insert:songplays' && e.status === 'running',
    /last completed step: (staging|star)\n/,
    /interrupted (during the star inserts; the star tables still hold the previous load, unchanged|before the quality checks finished; the star tables hold its rows, but they were not checked): run "sparkify etl" to finish it/,
  ],
];

describe.each(KILL_POINTS)('sparkify etl killed %s', (_when, killWhen, lastStep, stoppedWhere) => {
  let ws: Workspace;
  let killed: KilledRun;

  beforeAll(async () => {
    ws = createWorkspace();
    // A completed run first, so a stale "checks passed" could mislead status after the kill.
    const first = await runCli(['run', '--yes', '--json'], { cwd: ws.dir });
    expect(first.code).toBe(0);
    killed = await runEtlAndKill(ws.dir, killWhen);
  }, 120_000);
  afterAll(() => ws?.remove());

  it('was killed mid-ETL, before it finished', () => {
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.events.some(killWhen)).toBe(true);
    expect(killed.events.find((e) => e.type === 'result')).toBeUndefined();
    expect(killed.events.find((e) => e.type === 'table.counts')).toBeUndefined();
  });

  it('leaves a state file that parses and no longer claims the ETL completed', async () => {
    const state = await readState(ws.stateDir);
    expect(state.cluster?.identifier).toBe('sparkify-dwh');
    expect(state.tables?.names).toContain('songplays');
    expect(state.etl?.checks).toBeUndefined();
    const status = await runCli(['status'], { cwd: ws.dir });
    expect(status.code).toBe(0);
    expect(status.stderr).toMatch(/cluster: sparkify-dwh available/);
    expect(status.stderr).toMatch(lastStep);
    expect(status.stderr).toMatch(stoppedWhere);
    // The database opens again (the lock died with the process) and every table answers.
    expect(status.stdout).toMatch(/songplays\s+\d+/);
  });

  it('resumes with `sparkify etl --yes` to the exact counts, without duplicates', async () => {
    const rerun = await runCli(['etl', '--yes', '--json'], { cwd: ws.dir });
    expect(rerun.code).toBe(0);
    const counts = parseNdjson(rerun.stdout).find((e) => e.type === 'table.counts')?.counts;
    expect(counts).toEqual(EXPECTED_COUNTS);
    const paid = await runCli(['query', '--json', "select count(*) as paid from users where level = 'paid'"], { cwd: ws.dir });
    expect(parseNdjson(paid.stdout)[0]).toMatchObject({ rows: [[22]] });
    const status = await runCli(['status'], { cwd: ws.dir });
    expect(status.stderr).toMatch(/last completed step: checks/);
  });

  it('tears everything down with `sparkify down --yes`', async () => {
    const down = await runCli(['down', '--yes'], { cwd: ws.dir });
    expect(down.code).toBe(0);
    expect(readdirSync(join(ws.stateDir, 'clusters'))).toEqual([]);
    const after = await runCli(['status'], { cwd: ws.dir });
    expect(after.stderr).toMatch(/IAM role: none/);
    expect(after.stderr).toMatch(/cluster: none/);
  });
});

describe('sparkify etl interrupted with Ctrl-C (SIGINT) during the star inserts', () => {
  let ws: Workspace;
  let interrupted: KilledRun;

  beforeAll(async () => {
    ws = createWorkspace();
    expect((await runCli(['run', '--yes', '--json'], { cwd: ws.dir })).code).toBe(0);
    interrupted = await runEtlAndKill(ws.dir, KILL_POINTS[1][1], 'SIGINT');
  }, 120_000);
  afterAll(() => ws?.remove());

  it('stops there and says so, with exit code 130 and no stack', () => {
    expect(interrupted.code).toBe(130);
    expect(interrupted.events.find((e) => e.type === 'table.counts')).toBeUndefined();
    expect(interrupted.events.some((e) => e.type === 'check')).toBe(false);
    expect(interrupted.events.at(-2)).toMatchObject({ type: 'error', message: 'Interrupted.' });
    expect(interrupted.events.at(-1)).toMatchObject({ type: 'result', command: 'etl', ok: false, exitCode: 130, error: { message: 'Interrupted.' } });
    expect(interrupted.stderr).not.toMatch(/\n\s+at /);
  });

  it('resumes with `sparkify etl --yes` to the exact counts', async () => {
    const rerun = await runCli(['etl', '--yes', '--json'], { cwd: ws.dir });
    expect(rerun.code).toBe(0);
    expect(parseNdjson(rerun.stdout).find((e) => e.type === 'table.counts')?.counts).toEqual(EXPECTED_COUNTS);
  });
});
