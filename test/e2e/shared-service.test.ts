// One local cluster, many clients: with the wizard open in a terminal, `run`, `status`, `query` and
// `etl` from other processes all work through the one shared local service (no DuckDB file lock),
// and the wizard still works afterwards.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseNdjson, runCli } from '../helpers/run-cli.js';
import { TmuxSession } from '../helpers/tmux.js';
import { createWorkspace, PROJECT_ROOT } from '../helpers/workspace.js';
import { stopLocalService } from '../../src/emulator/service/local-service.js';
import { readRecord } from '../../src/emulator/service/service-files.js';
import { psql } from '../emulator/pg/pg-helpers.js';

const SPARKIFY = `node ${join(PROJECT_ROOT, 'bin/sparkify.js')}`;
const SHARED = { SPARKIFY_LOCAL_SERVICE: 'shared' };
const COUNTS = { staging_events: 8056, staging_songs: 71, songplays: 6820, users: 96, songs: 71, artists: 69, time: 6813 };

describe('the wizard and the CLI at once', () => {
  const ws = createWorkspace({ overrides: { CLUSTER_CREATE_SECONDS: '0' } });
  const tmux = TmuxSession.start(SPARKIFY, { cwd: ws.dir, env: SHARED });
  afterAll(async () => {
    tmux.kill();
    await stopLocalService(ws.stateDir);
    ws.remove();
  });

  it('runs status, query and etl from the CLI while the wizard is open', async () => {
    await tmux.waitFor(/1\/7 Plan & config[\s\S]*enter go on/);
    const service = readRecord(ws.stateDir);
    expect(service).toBeDefined(); // the wizard started the shared service

    const run = await runCli(['run', '--yes', '--json'], { cwd: ws.dir, env: SHARED });
    expect(run.code, run.stderr).toBe(0);
    expect(parseNdjson(run.stdout).find((e) => e.type === 'table.counts')?.counts).toEqual(COUNTS);

    const status = await runCli(['status'], { cwd: ws.dir, env: SHARED });
    expect(status.code, status.stderr).toBe(0);
    expect(status.stderr + status.stdout).toMatch(/cluster: sparkify-dwh available/);
    expect(status.stderr + status.stdout).toMatch(/songplays\D+6,?820/);

    const query = await runCli(['query', 'select count(*) from songplays'], { cwd: ws.dir, env: SHARED });
    expect(query.code, query.stderr).toBe(0);
    expect(query.stdout).toMatch(/^count\s*\n-+\s*\n6820\s*\n/);

    const etl = await runCli(['etl', '--yes', '--json'], { cwd: ws.dir, env: SHARED });
    expect(etl.code, etl.stderr).toBe(0);
    expect(parseNdjson(etl.stdout).find((e) => e.type === 'table.counts')?.counts).toEqual(COUNTS);
    for (const out of [run, status, query, etl]) expect(out.stderr + out.stdout).not.toMatch(/in use by another process|lock/i);

    // psql, through the endpoint `emulator connect` names and the password `emulator password` prints.
    const connect = await runCli(['emulator', 'connect'], { cwd: ws.dir, env: SHARED });
    expect(connect.code, connect.stderr).toBe(0);
    const url = /^postgresql:\/\/(\w+)@127\.0\.0\.1:(\d+)\/(\w+)$/m.exec(connect.stdout)!;
    expect(url).not.toBeNull();
    expect(Number(url[2])).toBe(readRecord(ws.stateDir)!.pgPort);
    const password = await runCli(['emulator', 'password'], { cwd: ws.dir, env: SHARED });
    expect(password.code, password.stderr).toBe(0);
    expect(connect.stdout + connect.stderr).not.toContain(password.stdout.trim());
    const count = await psql({ host: '127.0.0.1', port: Number(url[2]), user: url[1], database: url[3], password: password.stdout.trim() }, ['-At', '-c', 'select count(*) from songplays']);
    expect(count.stdout.trim(), count.stderr).toBe('6820');

    // Still the one service, and the wizard, open all along, now sees the role the CLI created.
    expect(readRecord(ws.stateDir)?.pid).toBe(service!.pid);
    tmux.keys('Enter');
    await tmux.waitFor(/2\/7 IAM role[\s\S]*sparkify-redshift-s3-read/);
    expect(tmux.screen()).not.toMatch(/\[exit/);
  });
});
