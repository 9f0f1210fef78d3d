// The CLI's conventions, through the real process (no terminal): --version, per-command help,
// rejected arguments, exit codes, the help instead of the wizard, config messages, no colour in a pipe.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_SPECS } from '../../src/cli/args.js';
import { runCli } from '../helpers/run-cli.js';
import { createWorkspace, PROJECT_ROOT, type Workspace } from '../helpers/workspace.js';

describe('sparkify conventions', () => {
  let ws: Workspace;
  beforeAll(() => {
    ws = createWorkspace();
  });
  afterAll(() => ws?.remove());

  it('--version prints the version from package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
    const result = await runCli(['--version'], { cwd: ws.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`sparkify ${version}\n`);
  });

  it('prints each command’s own help, exit 0, without SQL or config', async () => {
    const commands = COMMAND_SPECS.filter((c) => !('hidden' in c) && !('ownParser' in c) && c.name !== 'help').map((c) => c.name);
    expect(commands).toEqual(expect.arrayContaining(['up', 'tables', 'etl', 'run', 'status', 'query', 'down', 'emulator']));
    for (const name of commands) {
      const result = await runCli([name, '--help', '--config', 'does-not-exist.cfg'], { cwd: ws.dir });
      expect(result.code, name).toBe(0);
      expect(result.stdout, name).toMatch(new RegExp(`^Usage: sparkify ${name}\\b`));
      expect(result.stdout, name).toContain('--config <path>');
    }
    const down = await runCli(['help', 'down'], { cwd: ws.dir });
    expect(down.stdout).toMatch(/^Usage: sparkify down \[options\]/);
    expect(down.stdout).toContain('--final-snapshot <id>');
    expect(down.stdout).not.toContain('--port');
    const generate = await runCli(['help', 'generate'], { cwd: ws.dir });
    expect(generate.code).toBe(0);
    expect(generate.stdout + generate.stderr).toContain('usage: sparkify generate --songs N --events M');
  });

  it('rejects arguments a command does not take, exit 2, naming them', async () => {
    const extra = await runCli(['status', 'extra-arg'], { cwd: ws.dir });
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain('"sparkify status" takes no arguments; unexpected "extra-arg"');
    expect(extra.stderr).toContain('sparkify status --help');
    const flag = await runCli(['etl', '--port', '4566'], { cwd: ws.dir });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('--port applies only to "sparkify emulator", not to "sparkify etl"');
    const unknown = await runCli(['status', '--colour'], { cwd: ws.dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--colour'/);
    const typo = await runCli(['stauts'], { cwd: ws.dir });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('Did you mean "status"?');
    const noSql = await runCli(['query'], { cwd: ws.dir });
    expect(noSql.code).toBe(2);
    expect(noSql.stderr).toContain('needs the SQL argument');
  });

  it('says what is wrong with --config "" and exits 2 for every configuration error', async () => {
    const empty = await runCli(['status', '--config', ''], { cwd: ws.dir });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('--config needs a file path, but was given an empty string.');
    const missing = await runCli(['status', '--config', 'missing.cfg'], { cwd: ws.dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing.cfg: file not found');
    const notIni = join(ws.dir, 'config.json');
    writeFileSync(notIni, '{"DWH": {"NODE_TYPE": "ra3.large"}}\n');
    const json = await runCli(['status', '--config', notIni], { cwd: ws.dir });
    expect(json.code).toBe(2);
    expect(json.stderr).toContain('not an INI file: line 1');
    expect(json.stderr).not.toMatch(/\n\s+at /);
  });

  it('with no command and no terminal prints the help (exit 2) and never runs anything', async () => {
    const result = await runCli([], { cwd: ws.dir });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('no command given, and the wizard needs a terminal');
    expect(result.stderr).toContain('Usage: sparkify [command] [options]');
    expect(result.stderr).not.toMatch(/refusing|drops and recreates/);
    // `sparkify --yes | tee log` must not become `run --yes`: --yes needs a command to answer for.
    const yes = await runCli(['--yes'], { cwd: ws.dir });
    expect(yes.code).toBe(2);
    expect(yes.stderr).toContain('--yes applies only to "sparkify up", "sparkify tables", "sparkify etl", "sparkify run", "sparkify down", "sparkify pause", "sparkify resume", not without a command.');
    expect(existsSync(join(ws.stateDir, 'emulator-state.json'))).toBe(false);
    const help = await runCli(['--help'], { cwd: ws.dir });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes: 0 done, 1 failed, 2 bad usage');
  });

  it('suggests the key a misspelt dwh.cfg key was meant to be', async () => {
    const typo = createWorkspace();
    try {
      writeFileSync(typo.configPath, readFileSync(typo.configPath, 'utf8').replace(/^NODE_TYPE\s*=/m, 'NODE_TPYE ='));
      const result = await runCli(['status'], { cwd: typo.dir });
      expect(result.code).toBe(0);
      expect(result.stderr).toContain('[DWH] NODE_TPYE: unknown key, ignored; did you mean NODE_TYPE?');
    } finally {
      typo.remove();
    }
  });

  it('writes no colour codes into a pipe, even with FORCE_COLOR unset and NO_COLOR unset', async () => {
    const result = await runCli(['status'], { cwd: ws.dir, env: { NO_COLOR: '' } });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/✔ status finished in/);
    expect(result.stderr).not.toContain('\u001b[');
  });
});
