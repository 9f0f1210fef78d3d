// Start-up: each command loads only what it needs (issue 11). Run from the TypeScript sources with
// a module hook that records every module resolved, so the test sees the imports themselves (the
// bundle in dist/ would hide packages inside its chunks).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, PROJECT_ROOT, type Workspace } from '../helpers/workspace.js';

const HOOK = join(import.meta.dirname, 'fixtures/record-imports.mjs');

function packagesLoadedBy(args: string[], cwd: string, env: Record<string, string> = {}): { code: number | null; packages: Set<string> } {
  const log = join(cwd, `imports-${Math.random().toString(36).slice(2)}.log`);
  const run = spawnSync(process.execPath, ['--import', HOOK, join(PROJECT_ROOT, 'bin/sparkify.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', SPARKIFY_FROM_SOURCE: '1', SPARKIFY_IMPORT_LOG: log, ...env },
    timeout: 60_000,
  });
  const urls = existsSync(log) ? readFileSync(log, 'utf8').split('\n') : [];
  rmSync(log, { force: true });
  const packages = new Set(urls.map((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1]).filter((p): p is string => Boolean(p)));
  return { code: run.status, packages };
}

const HEAVY = ['ink', 'react', '@duckdb/node-api', '@aws-sdk/client-s3', '@aws-sdk/client-redshift', '@aws-sdk/client-iam', 'zod'];

describe('what each command loads before it works', () => {
  let ws: Workspace;
  beforeAll(() => {
    ws = createWorkspace();
  });
  afterAll(() => ws?.remove());

  it('--help, --version and a usage error load no SDK, DuckDB, ink, react or zod', () => {
    for (const args of [['--help'], ['--version'], ['query', '--help'], ['status', 'extra-arg']]) {
      const { code, packages } = packagesLoadedBy(args, ws.dir);
      expect(code, args.join(' ')).toBe(args[1] === 'extra-arg' ? 2 : 0);
      // The hook saw the run: tsx itself is resolved from node_modules.
      expect(packages.has('tsx'), args.join(' ')).toBe(true);
      for (const heavy of HEAVY) expect(packages.has(heavy), `${args.join(' ')} loaded ${heavy}`).toBe(false);
    }
  }, 120_000);

  it('a query loads the SDK and DuckDB (the in-process emulator) but not ink or react', () => {
    const { code, packages } = packagesLoadedBy(['query', 'select 1'], ws.dir);
    expect(code).toBe(1); // no cluster yet: the point is what was loaded to find that out
    expect(packages.has('@aws-sdk/client-redshift-data')).toBe(true);
    expect(packages.has('@duckdb/node-api')).toBe(true);
    expect(packages.has('ink')).toBe(false);
    expect(packages.has('react')).toBe(false);
  }, 60_000);

  it('against an emulator served elsewhere (SPARKIFY_EMULATOR_ENDPOINT), a query does not load DuckDB', () => {
    const { code, packages } = packagesLoadedBy(['query', 'select 1'], ws.dir, { SPARKIFY_EMULATOR_ENDPOINT: 'http://127.0.0.1:9' });
    expect(code).toBe(1); // nothing listens on port 9
    expect(packages.has('@aws-sdk/client-redshift-data')).toBe(true);
    expect(packages.has('@duckdb/node-api')).toBe(false);
  }, 60_000);
});
