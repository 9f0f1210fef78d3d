// Two `etl` at once on one local cluster: the second waits for the first's load lock with a notice
// naming the running load, then runs; both end with the exact counts and no DuckDB lock error.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseNdjson, runCli } from '../helpers/run-cli.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';
import { stopLocalService } from '../../src/emulator/service/local-service.js';
import { acquireLoadLock, loadLockPath, readLoadLock } from '../../src/workflow/load-lock.js';

const SHARED = { SPARKIFY_LOCAL_SERVICE: 'shared' };
const COUNTS = { staging_events: 8056, staging_songs: 71, songplays: 6820, users: 96, songs: 71, artists: 69, time: 6813 };

describe('two etl at once', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = createWorkspace();
    const run = await runCli(['run', '--yes', '--json'], { cwd: ws.dir, env: SHARED });
    expect(run.code, run.stderr).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await stopLocalService(ws.stateDir);
    ws.remove();
  });

  it('runs them one after the other: the second waits with a notice naming the first, both end exact', async () => {
    const runs = await Promise.all([1, 2].map(() => runCli(['etl', '--yes', '--json'], { cwd: ws.dir, env: SHARED })));
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr + run.stdout).not.toMatch(/in use by another process|Could not set lock/i);
      expect(parseNdjson(run.stdout).find((e) => e.type === 'table.counts')?.counts).toEqual(COUNTS);
    }
    const notices = runs.map((run) => parseNdjson(run.stdout).filter((e) => e.type === 'notice').map((e) => String(e.message)));
    const waited = notices.filter((list) => list.some((m) => /Waiting for the running load \(etl\) on cluster sparkify-dwh \(pid \d+/.test(m)));
    expect(waited).toHaveLength(1);
    const count = await runCli(['query', 'select count(*) from songplays'], { cwd: ws.dir, env: SHARED });
    expect(count.stdout).toMatch(/\n6820\s*\n/);
    expect(readLoadLock(ws.stateDir, 'sparkify-dwh')).toBeUndefined(); // released
  }, 180_000);

  it('takes over a lock whose process died, without waiting', async () => {
    writeFileSync(loadLockPath(ws.stateDir, 'sparkify-dwh'), JSON.stringify({ pid: 2 ** 22 + 17, what: 'load (etl)', cluster: 'sparkify-dwh', startedAt: 'x' }));
    const notices: string[] = [];
    const release = await acquireLoadLock(ws.stateDir, 'sparkify-dwh', 'test', (e) => e.type === 'notice' && notices.push(e.message));
    expect(readLoadLock(ws.stateDir, 'sparkify-dwh')?.pid).toBe(process.pid);
    expect(notices).toEqual([]);
    release();
    expect(readLoadLock(ws.stateDir, 'sparkify-dwh')).toBeUndefined();
  });
});
