// The build `npm ci` makes (prepare → scripts/build.mjs): the bundle finds sql/, package.json and
// DuckDB's native binding from its own folder, and runs the pipeline with the exact counts.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { findLocalService, probe, stopLocalService } from '../../src/emulator/service/local-service.js';
import { parseNdjson, type CliRun } from '../helpers/run-cli.js';
import { createWorkspace, PROJECT_ROOT, type Workspace } from '../helpers/workspace.js';

// Its own folder beside dist/: other test files may be running bin/sparkify.js on dist/ meanwhile.
const OUTDIR = `.test-build-${process.pid}`;
const ENTRY = join(PROJECT_ROOT, OUTDIR, 'cli/main.js');

function runBuilt(args: string[], cwd: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ENTRY, ...args], { cwd, env: { ...process.env, CI: 'true', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the build in dist/', () => {
  let ws: Workspace;
  beforeAll(() => {
    execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts/build.mjs')], { cwd: PROJECT_ROOT, env: { ...process.env, SPARKIFY_BUILD_OUTDIR: OUTDIR } });
    ws = createWorkspace();
  }, 120_000);
  afterAll(() => {
    ws?.remove();
    rmSync(join(PROJECT_ROOT, OUTDIR), { recursive: true, force: true });
  });

  it('is an ES module entry with lazily loaded chunks', () => {
    expect(existsSync(ENTRY)).toBe(true);
  });

  it('starts the local service from its own entry in the bundle', async () => {
    const stateDir = join(ws.dir, 'service-state');
    const entry = join(PROJECT_ROOT, OUTDIR, 'emulator/service-main.js');
    const options = { stateDir, s3Root: ws.s3Root, region: 'us-west-2', delays: {}, idleMs: 60_000 };
    const child = spawn(process.execPath, [entry, JSON.stringify(options)], { stdio: 'ignore' });
    try {
      const found = await vi.waitFor(async () => {
        const service = await findLocalService(stateDir);
        if (!service) throw new Error('no service record yet');
        return service;
      }, { timeout: 60_000, interval: 100 });
      expect(found.record.pid).toBe(child.pid);
      expect(await probe(found.record)).toBeDefined();
    } finally {
      await stopLocalService(stateDir);
      child.kill();
    }
  }, 90_000);

  it('prints the version and help from the bundle', async () => {
    expect((await runBuilt(['--version'], ws.dir)).stdout).toMatch(/^sparkify \d+\.\d+\.\d+\n$/);
    expect((await runBuilt(['query', '--help'], ws.dir)).stdout).toMatch(/^Usage: sparkify query <SQL>/);
  });

  it('runs the whole pipeline (sql/ files, DuckDB) with the exact counts, then answers a query', async () => {
    const run = await runBuilt(['run', '--yes', '--json'], ws.dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const events = parseNdjson(run.stdout);
    expect(events.at(-1)).toMatchObject({ type: 'result', command: 'run', ok: true, counts: { staging_events: 8056, staging_songs: 71, songplays: 6820, users: 96, songs: 71, artists: 69, time: 6813 } });
    const query = await runBuilt(['query', 'select count(*) from songplays'], ws.dir);
    expect(query.stdout).toMatch(/^count\s*\n-+\s*\n6820\s*\n/);
  }, 120_000);
});
