// A bad dwh.cfg, as a user would hit it: `sparkify up --yes` must stop with one clear line naming
// the file (and the section and key), exit 1, print no stack, and create nothing at all.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';

let ws: Workspace | undefined;
afterEach(() => {
  ws?.remove();
  ws = undefined;
});

async function upWith(workspace: Workspace, configArg = 'dwh.cfg') {
  const result = await runCli(['up', '--yes', '--config', configArg], { cwd: workspace.dir });
  // Nothing was created: no state folder (emulator state, databases, the tool's state file).
  expect(existsSync(workspace.stateDir)).toBe(false);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr).not.toMatch(/Unexpected error/);
  return result;
}

describe('a dwh.cfg that cannot be used', () => {
  it('missing: names the file and how to create it', async () => {
    ws = createWorkspace();
    const result = await upWith(ws, 'missing.cfg');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/missing\.cfg: file not found/);
    expect(result.stderr).toMatch(/Create it from the committed dwh\.cfg/);
  });

  it('unreadable (a folder where the file should be): names the file, no stack', async () => {
    ws = createWorkspace();
    mkdirSync(join(ws.dir, 'folder.cfg'));
    const result = await upWith(ws, 'folder.cfg');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/folder\.cfg: cannot be read \(EISDIR\)/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('malformed: a file of garbage is said not to be INI, naming the line', async () => {
    ws = createWorkspace();
    writeFileSync(ws.configPath, '[DWH\n\u0000\u0001 not = an ini [file\n');
    const result = await upWith(ws);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/dwh\.cfg: not an INI file: line 1 \("\[DWH"\) is neither a \[SECTION\] header nor KEY = VALUE/);
  });

  it('INI without the settings: lists every missing setting by section and key', async () => {
    ws = createWorkspace();
    writeFileSync(ws.configPath, '[DWH]\nnot = an ini file\n');
    const result = await upWith(ws);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/dwh\.cfg \[DWH\] CLUSTER_IDENTIFIER: missing/);
    expect(result.stderr).toMatch(/dwh\.cfg \[S3\] LOG_DATA: missing/);
  });

  it.each([
    ['NUM_NODES', 'two', /\[DWH\] NUM_NODES: expected a positive integer, got "two"/],
    ['DB_PORT', '70000', /\[DWH\] DB_PORT: expected a port in .*got "70000"/],
    ['NODE_TYPE', 'ra3.huge', /\[DWH\] NODE_TYPE: .*"ra3\.huge"/],
    ['CLUSTER_IDENTIFIER', 'Sparkify--DWH-', /\[DWH\] CLUSTER_IDENTIFIER: expected a cluster identifier/],
    ['LOG_DATA', 'http://udacity-dend/log_data', /\[S3\] LOG_DATA: expected an s3:\/\/ URI/],
    ['CLUSTER_CREATE_SECONDS', '-5', /\[LOCAL\] CLUSTER_CREATE_SECONDS: /],
  ])('%s = %s (wrong type or out of range) is refused, naming section and key', async (key, value, message) => {
    ws = createWorkspace({ overrides: { [key]: value } });
    const before = readFileSync(ws.configPath, 'utf8');
    const result = await upWith(ws);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/Edit dwh\.cfg and run again/);
    expect(readFileSync(ws.configPath, 'utf8')).toBe(before);
  });

  it('NUM_NODES out of range for the node type is refused before any AWS call', async () => {
    ws = createWorkspace({ overrides: { CLUSTER_TYPE: 'multi-node', NUM_NODES: '500' } });
    const result = await upWith(ws);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\[DWH\] NUM_NODES: expected at most 16 nodes for ra3\.large, got "500"/);
  });

  it('a dwh.cfg saved with a UTF-8 BOM and CRLF line ends is read as usual', async () => {
    ws = createWorkspace();
    writeFileSync(ws.configPath, '\uFEFF' + readFileSync(ws.configPath, 'utf8').replace(/\n/g, '\r\n'));
    const result = await runCli(['status'], { cwd: ws.dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/cluster: none/);
  });
});

describe('a state file that cannot be read', () => {
  it('stops with the file named and is left as it was', async () => {
    ws = createWorkspace();
    mkdirSync(ws.stateDir, { recursive: true });
    const stateFile = join(ws.stateDir, 'sparkify-state.json');
    writeFileSync(stateFile, '{"version": 1, "cluster": ');
    chmodSync(stateFile, 0o600);
    const result = await runCli(['status'], { cwd: ws.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/state file .*sparkify-state\.json is unreadable \(not valid JSON/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(stateFile, 'utf8')).toBe('{"version": 1, "cluster": ');
  });
});
