// The shared local service: started by the first process that needs it, found by the next ones,
// private to its secret, replaced when stale, one service when two start at once, stopped on
// request or when idle — and never left behind by this test (afterEach stops it).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { statSync, writeFileSync } from 'node:fs';
import { DescribeClustersCommand, RedshiftClient } from '@aws-sdk/client-redshift';
import { createWorkspace, type Workspace } from '../../helpers/workspace.js';
import { runCli } from '../../helpers/run-cli.js';
import { ensureLocalService, findLocalService, stopLocalService } from '../../../src/emulator/service/local-service.js';
import { readRecord, recordPath, serviceDir } from '../../../src/emulator/service/service-files.js';
import { processAlive } from '../../../src/emulator/service/service-files.js';
import { serviceIdleMsFor } from '../../../src/workflow/target.js';
import { appendFileSync } from 'node:fs';

const SHARED = { SPARKIFY_LOCAL_SERVICE: 'shared' };

async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the local service', () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = createWorkspace({ overrides: { CLUSTER_CREATE_SECONDS: '0' } });
  });
  afterEach(async () => {
    await stopLocalService(ws.stateDir);
    ws.remove();
  });

  it('is started by the first command, outlives it, is found by the next one and by emulator status, and stops on emulator stop', async () => {
    const first = await runCli(['status', '--config', ws.configPath], { cwd: ws.dir, env: SHARED });
    expect(first.code, first.stderr).toBe(0);
    const record = readRecord(ws.stateDir)!;
    expect(record).toBeDefined();
    expect(processAlive(record.pid)).toBe(true); // the CLI has exited; the service has not
    expect(statSync(recordPath(ws.stateDir)).mode & 0o777).toBe(0o600);
    expect(statSync(serviceDir(ws.stateDir)).mode & 0o777).toBe(0o700);

    const second = await runCli(['status', '--config', ws.configPath], { cwd: ws.dir, env: SHARED });
    expect(second.code, second.stderr).toBe(0);
    expect(readRecord(ws.stateDir)!.pid).toBe(record.pid);

    const status = await runCli(['emulator', 'status', '--config', ws.configPath], { cwd: ws.dir, env: SHARED });
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`http://127.0.0.1:${record.port}`);
    expect(status.stderr + status.stdout).toContain(`pid ${record.pid}`);
    expect(status.stderr + status.stdout).not.toContain(record.secret);

    const stop = await runCli(['emulator', 'stop', '--config', ws.configPath], { cwd: ws.dir, env: SHARED });
    expect(stop.code).toBe(0);
    expect(stop.stderr + stop.stdout).toContain(`Stopped the local service (pid ${record.pid})`);
    expect(processAlive(record.pid)).toBe(false);
    expect(readRecord(ws.stateDir)).toBeUndefined();
  });

  it('`sparkify emulator` finds (or starts) the service, shows it until Ctrl-C, and leaves it running', async () => {
    const { spawn } = await import('node:child_process');
    const { PROJECT_ROOT } = await import('../../helpers/workspace.js');
    const child = spawn(process.execPath, [`${PROJECT_ROOT}/bin/sparkify.js`, 'emulator', '--config', ws.configPath], { cwd: ws.dir, env: { ...process.env, ...SHARED, CI: 'true' } });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await waitUntil(() => /http:\/\/127\.0\.0\.1:\d+/.test(stdout));
    const record = readRecord(ws.stateDir)!;
    expect(stdout).toContain(`http://127.0.0.1:${record.port}`);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect((await findLocalService(ws.stateDir))?.record.pid).toBe(record.pid);
  });

  it('serves only clients holding its secret', async () => {
    const service = await ensureLocalService({ stateDir: ws.stateDir, s3Root: ws.s3Root, region: 'us-west-2', idleMs: 120_000 });
    const stranger = new RedshiftClient({ region: 'us-west-2', endpoint: service.endpoint, credentials: { accessKeyId: 'sparkify-local', secretAccessKey: 'x' }, maxAttempts: 1 });
    await expect(stranger.send(new DescribeClustersCommand({}))).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
    const member = new RedshiftClient({ region: 'us-west-2', endpoint: service.endpoint, credentials: { accessKeyId: service.secret, secretAccessKey: 'x' } });
    await expect(member.send(new DescribeClustersCommand({}))).resolves.toMatchObject({ Clusters: [] });
    stranger.destroy();
    member.destroy();
  });

  it('replaces a stale record (dead pid, or a port that answers without our secret) at once', async () => {
    const dead = { pid: 2 ** 22 + 17, port: 9, secret: 'old', stateDir: ws.stateDir, s3Root: ws.s3Root, region: 'us-west-2', idleMs: 60_000, startedAt: '2020-01-01T00:00:00Z' };
    const options = { stateDir: ws.stateDir, s3Root: ws.s3Root, region: 'us-west-2', idleMs: 120_000 };
    const live = await ensureLocalService(options);
    // A record naming a live process (this test runner) whose port is not the service's.
    writeFileSync(recordPath(ws.stateDir), JSON.stringify({ ...dead, pid: process.pid, port: live.record.port, secret: 'wrong' }), { mode: 0o600 });
    const started = Date.now();
    const replacement = await ensureLocalService(options);
    expect(replacement.record.pid).not.toBe(process.pid);
    expect(replacement.record.pid).not.toBe(live.record.pid);
    // The replaced service notices its record is gone and stops by itself.
    await waitUntil(() => !processAlive(live.record.pid));
    writeFileSync(recordPath(ws.stateDir), JSON.stringify(dead), { mode: 0o600 });
    await stopLocalService(ws.stateDir); // nothing to stop: the record's pid is dead
    const fresh = await ensureLocalService(options);
    expect(fresh.record.pid).not.toBe(dead.pid);
    expect(Date.now() - started).toBeLessThan(45_000);
    await waitUntil(() => !processAlive(replacement.record.pid));
  });

  it('kills and replaces a service whose process lives but does not answer', async () => {
    const options = { stateDir: ws.stateDir, s3Root: ws.s3Root, region: 'us-west-2', idleMs: 120_000 };
    const hung = await ensureLocalService(options);
    process.kill(hung.record.pid, 'SIGSTOP'); // alive, port open, never answers
    try {
      const replacement = await ensureLocalService(options);
      expect(replacement.record.pid).not.toBe(hung.record.pid);
      await waitUntil(() => !processAlive(hung.record.pid));
    } finally {
      if (processAlive(hung.record.pid)) process.kill(hung.record.pid, 'SIGKILL');
    }
  });

  it('ends with one service when several processes start it at once', async () => {
    const runs = await Promise.all([1, 2, 3].map(() => runCli(['status', '--config', ws.configPath], { cwd: ws.dir, env: SHARED })));
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const record = readRecord(ws.stateDir)!;
    expect((await findLocalService(ws.stateDir))?.record.pid).toBe(record.pid);
    const services = (await import('node:child_process')).execFileSync('pgrep', ['-f', `sparkify-service.js .*${ws.stateDir}`], { encoding: 'utf8' }).trim().split('\n');
    expect(services).toEqual([String(record.pid)]);
  });

  it('reads the idle time from [LOCAL] SERVICE_IDLE_MINUTES (default 30), and the suite keeps it short', async () => {
    const fromEnv = process.env.SPARKIFY_SERVICE_IDLE_MINUTES;
    try {
      delete process.env.SPARKIFY_SERVICE_IDLE_MINUTES;
      expect(serviceIdleMsFor(ws.config())).toBe(30 * 60_000);
      appendFileSync(ws.configPath, 'SERVICE_IDLE_MINUTES = 0.5\n'); // [LOCAL] is the file's last section
      expect(serviceIdleMsFor(ws.config())).toBe(30_000);
    } finally {
      process.env.SPARKIFY_SERVICE_IDLE_MINUTES = fromEnv;
    }
    await runCli(['status', '--config', ws.configPath], { cwd: ws.dir, env: { ...SHARED, SPARKIFY_SERVICE_IDLE_MINUTES: '' } });
    expect(readRecord(ws.stateDir)?.idleMs).toBe(30_000);
  });

  it('stops by itself after the configured idle time', async () => {
    const service = await ensureLocalService({ stateDir: ws.stateDir, s3Root: ws.s3Root, region: 'us-west-2', idleMs: 1_500 });
    await waitUntil(() => !processAlive(service.record.pid));
    expect(readRecord(ws.stateDir)).toBeUndefined();
  });
});
