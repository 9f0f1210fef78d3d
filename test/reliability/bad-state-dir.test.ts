// STATE_DIR values that cannot hold sparkify's state get the config error format (file, section,
// key, what is wrong, how to fix it) — never "Unexpected error: ENOTDIR … This is a bug" — and a
// --dry-run writes nothing at all, not even the state folder.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';

let ws: Workspace | undefined;
afterEach(() => {
  ws?.remove();
  ws = undefined;
});

function withStateDir(value: string): Workspace {
  ws = createWorkspace({ overrides: { STATE_DIR: value } });
  return ws;
}

function expectConfigError(result: { code: number | null; stderr: string }, problem: RegExp) {
  expect(result.code).toBe(2); // a config error is bad usage (README, exit codes)
  expect(result.stderr).toMatch(/dwh\.cfg \[LOCAL\] STATE_DIR: /);
  expect(result.stderr).toMatch(problem);
  expect(result.stderr).toMatch(/Set STATE_DIR to a folder of its own/);
  expect(result.stderr).not.toMatch(/Unexpected error|This is a bug|ENOTDIR/);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('a STATE_DIR that cannot hold the state', () => {
  it('a file: named as a file, for every command', async () => {
    const w = withStateDir('state-file');
    writeFileSync(join(w.dir, 'state-file'), 'not a folder');
    for (const command of [['status'], ['up', '--yes'], ['query', 'select 1']]) {
      expectConfigError(await runCli(command, { cwd: w.dir }), /is a file \(.*state-file\), not a folder, got "state-file"/);
    }
  });

  it('under a file: names the file in the way', async () => {
    const w = withStateDir('blocker/state');
    writeFileSync(join(w.dir, 'blocker'), 'x');
    expectConfigError(await runCli(['status'], { cwd: w.dir }), /cannot be created: .*blocker is a file, not a folder/);
  });

  it('the root of the filesystem', async () => {
    expectConfigError(await runCli(['status'], { cwd: withStateDir('/').dir }), /is the root of the filesystem/);
  });

  it('the S3 folder itself', async () => {
    const w = withStateDir('s3');
    writeFileSync(w.configPath, readConfig(w).replace(/^S3_ROOT\s*=.*$/m, 'S3_ROOT = s3'));
    mkdirSync(join(w.dir, 's3'));
    expectConfigError(await runCli(['status'], { cwd: w.dir }), /is the same folder as \[LOCAL\] S3_ROOT/);
  });
});

function readConfig(w: Workspace): string {
  return readFileSync(w.configPath, 'utf8');
}

describe('--dry-run', () => {
  it('writes nothing: no state folder, no emulator state, no databases', async () => {
    const w = createWorkspace();
    ws = w;
    for (const command of ['run', 'up', 'tables', 'etl', 'down']) {
      const result = await runCli([command, '--dry-run', '--yes', '--json'], { cwd: w.dir });
      expect(result.code, `${command}: ${result.stderr}`).toBe(0);
      expect(result.stdout).toMatch(/"type":"dry-run"|"type":"result"/);
    }
    expect(existsSync(w.stateDir)).toBe(false);
    expect(readdirSync(w.dir).sort()).toEqual(['dwh.cfg']);
  }, 60_000);
});
