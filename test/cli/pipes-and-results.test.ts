// A warehouse built once, then what scripts and pipes see: the `result` object of each command,
// closing lines that name the command, quiet closed pipes, a run that survives `| head`, the down
// dry run that says "would", and the source check that stops `up` before it creates anything.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseNdjson, runCli } from '../helpers/run-cli.js';
import { createWorkspace, PROJECT_ROOT, type Workspace } from '../helpers/workspace.js';

const BIN = join(PROJECT_ROOT, 'bin/sparkify.js');

/** A shell pipeline, as a user types it; PIPESTATUS gives sparkify's own exit code. */
function pipeline(cwd: string, sparkifyArgs: string, rest: string): { output: string; code: number } {
  const script = `node ${BIN} ${sparkifyArgs} ${rest}; echo "[sparkify exit \${PIPESTATUS[0]}]" >&2`;
  const run = spawnSync('bash', ['-c', script], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1' }, timeout: 120_000 });
  const match = /\[sparkify exit (\d+)\]/.exec(run.stderr);
  return { output: run.stdout + run.stderr, code: match ? Number(match[1]) : -1 };
}

const resultOf = (stdout: string) => {
  const events = parseNdjson(stdout);
  expect(events.filter((e) => e.type === 'result')).toHaveLength(1);
  expect(events.at(-1)?.type).toBe('result');
  return events.at(-1)!;
};

describe('results and pipes', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = createWorkspace();
    const up = await runCli(['up', '--yes'], { cwd: ws.dir });
    expect(up.code).toBe(0);
    expect(up.stderr).toMatch(/✔ up finished in \S+\n$/);
  }, 120_000);
  afterAll(() => ws?.remove());

  it('run keeps working when its reader goes away (2>&1 | head -3), and exits with its own code', () => {
    const { output, code } = pipeline(ws.dir, 'run --yes', '2>&1 | head -3');
    expect(code).toBe(0);
    expect(output).not.toMatch(/EPIPE|\n\s+at /);
    // The run finished: the state file records the last step, the checks.
    const state = JSON.parse(readFileSync(join(ws.stateDir, 'sparkify-state.json'), 'utf8')) as { etl?: { checks?: { ok?: boolean } } };
    expect(state.etl?.checks?.ok).toBe(true);
  }, 120_000);

  it('a query into `head -2` ends quietly, in plain text and in --json', () => {
    const plain = pipeline(ws.dir, 'query "select * from songplays"', '| head -2');
    expect(plain.code).toBe(0);
    expect(plain.output.split('\n')[0]).toMatch(/^songplay_id\s+start_time/);
    expect(plain.output).not.toMatch(/EPIPE|Error|\n\s+at /);
    const json = pipeline(ws.dir, 'query --json "select * from songplays"', '| head -c 100');
    expect(json.code).toBe(0);
    expect(json.output).not.toMatch(/EPIPE|Error|\n\s+at /);
  }, 60_000);

  it('status --json ends in a result object with the cluster, role, tables and counts as fields', async () => {
    const status = await runCli(['status', '--json'], { cwd: ws.dir });
    expect(status.code).toBe(0);
    const result = resultOf(status.stdout);
    expect(result).toMatchObject({
      type: 'result',
      command: 'status',
      ok: true,
      exitCode: 0,
      dryRun: false,
      target: 'local',
      region: 'us-west-2',
      cluster: { identifier: 'sparkify-dwh', status: 'available', endpoint: expect.stringMatching(/^127\.0\.0\.1:\d+$/), managed: true },
      role: { name: 'sparkify-redshift-s3-read', managed: true },
      counts: { songplays: 6820, users: 96 },
      lastStep: 'checks',
    });
    expect(result.tables).toContain('songplays');
    expect(typeof result.elapsedMs).toBe('number');
  });

  it('query --json ends in a result with the columns and the row count; a failed query in a result with the error', async () => {
    const ok = await runCli(['query', '--json', 'select count(*) as n from users'], { cwd: ws.dir });
    expect(resultOf(ok.stdout)).toMatchObject({ command: 'query', ok: true, exitCode: 0, columns: ['n'], rowCount: 1 });
    const bad = await runCli(['query', '--json', 'select nope from users'], { cwd: ws.dir });
    expect(bad.code).toBe(1);
    expect(resultOf(bad.stdout)).toMatchObject({ command: 'query', ok: false, exitCode: 1, error: { message: expect.stringMatching(/nope/) } });
  });

  it('down --dry-run says what it would delete and never that a teardown finished', async () => {
    const dry = await runCli(['down', '--dry-run'], { cwd: ws.dir });
    expect(dry.code).toBe(0);
    expect(dry.stderr).toContain('Would delete cluster sparkify-dwh and IAM role sparkify-redshift-s3-read; nothing was deleted.');
    expect(dry.stderr).toMatch(/✔ down --dry-run ended in \S+: nothing was changed/);
    expect(dry.stderr).not.toMatch(/teardown finished|down finished/);
    const json = await runCli(['down', '--dry-run', '--json'], { cwd: ws.dir });
    expect(resultOf(json.stdout)).toMatchObject({ command: 'down', ok: true, dryRun: true, deleted: [], wouldDelete: ['cluster sparkify-dwh', 'IAM role sparkify-redshift-s3-read'] });
    const status = await runCli(['status'], { cwd: ws.dir });
    expect(status.stderr).toMatch(/cluster: sparkify-dwh available/);
  });

  it('--verbose logs each request and the SQL sent', async () => {
    const result = await runCli(['query', '--verbose', 'select 42 as answer'], { cwd: ws.dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/» RedshiftData ExecuteStatement \{"ClusterIdentifier":"sparkify-dwh".*\} → 200\n\s+select 42 as answer/);
    expect(result.stderr).toMatch(/» Redshift DescribeClusters/);
    const quiet = await runCli(['query', 'select 42 as answer'], { cwd: ws.dir });
    expect(quiet.stderr).not.toContain('»');
  });

  it('down --json writes its result: what was deleted', async () => {
    const down = await runCli(['down', '--yes', '--json'], { cwd: ws.dir });
    expect(down.code).toBe(0);
    expect(resultOf(down.stdout)).toMatchObject({ command: 'down', ok: true, deleted: ['cluster sparkify-dwh', 'IAM role sparkify-redshift-s3-read'] });
  }, 60_000);
});

describe('the S3 sources are checked before anything is created', () => {
  let ws: Workspace;
  beforeAll(() => {
    ws = createWorkspace();
  });
  afterAll(() => ws?.remove());

  it('a missing LOG_DATA prefix stops up before the role or cluster exist, said once, the hint naming --config', async () => {
    const cfg = join(ws.dir, 'missing.cfg');
    writeFileSync(cfg, readFileSync(ws.configPath, 'utf8').replace(/^LOG_DATA\s*=.*$/m, 'LOG_DATA = s3://udacity-dend/log_data_missing'));
    const result = await runCli(['up', '--yes', '--config', cfg], { cwd: ws.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('[S3] LOG_DATA: no objects under s3://udacity-dend/log_data_missing');
    expect(result.stderr.match(/log_data_missing/g)).toHaveLength(1);
    expect(result.stderr).toContain(`then run the command again with --config ${cfg}`);
    expect(result.stderr).not.toMatch(/IAM role .* created|Loading/);
    expect(result.stderr).toMatch(/✖ up failed in/);
    const status = await runCli(['status', '--json', '--config', cfg], { cwd: ws.dir });
    expect(resultOf(status.stdout)).toMatchObject({ role: null, cluster: null });
    expect(existsSync(join(ws.stateDir, 'sparkify-state.json'))).toBe(false);
  });

  it('a missing JSONPaths object is caught too', async () => {
    const cfg = join(ws.dir, 'nojsonpaths.cfg');
    writeFileSync(cfg, readFileSync(ws.configPath, 'utf8').replace(/^LOG_JSONPATH\s*=.*$/m, 'LOG_JSONPATH = s3://udacity-dend/no_such_paths.json'));
    const result = await runCli(['run', '--yes', '--json', '--config', cfg], { cwd: ws.dir });
    expect(result.code).toBe(1);
    expect(resultOf(result.stdout)).toMatchObject({ command: 'run', ok: false, target: 'local', region: 'us-west-2', error: { message: expect.stringContaining('[S3] LOG_JSONPATH: s3://udacity-dend/no_such_paths.json does not exist') } });
  });
});
