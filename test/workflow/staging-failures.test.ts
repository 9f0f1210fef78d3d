// The staging step when something fails beside the load: a COPY that fails stops its sibling at
// once, and S3 that the operator cannot read costs the source-count checks, not the load.
import { afterEach, describe, expect, it } from 'vitest';
import type { SqlRunner } from '../../src/services/data-api.js';
import { findRole } from '../../src/services/iam-role.js';
import { insertStarTables, loadStaging, REPORT_ONLY, runQualityChecks, type EtlDeps, type EtlSources } from '../../src/workflow/etl.js';
import type { Warehouse } from '../../src/workflow/warehouse.js';
import { UserError } from '../../src/services/errors.js';
import { createWorkspace, openTestWarehouse, openWarehouseWithTables, recordEvents, type Workspace } from '../helpers/workspace.js';

let ws: Workspace | undefined;
let warehouse: Warehouse | undefined;
afterEach(async () => {
  await warehouse?.close();
  ws?.remove();
  ws = warehouse = undefined;
});

async function stagingSetup(): Promise<{ deps: EtlDeps; sources: EtlSources }> {
  ws = createWorkspace();
  warehouse = await openWarehouseWithTables(ws);
  const config = ws.config();
  const roleArn = (await findRole(warehouse.clients.iam, config.dwh.iamRoleName))!.arn;
  return {
    deps: { sql: warehouse.sql, s3: warehouse.clients.s3, pollMs: 20, localS3Root: config.local.s3Root },
    sources: { ...config.s3, s3Region: config.s3.region ?? config.aws.region, roleArn },
  };
}

describe('a COPY that fails while the other still runs', () => {
  it('cancels the other one and reports the one that failed', async () => {
    const { deps, sources } = await stagingSetup();
    const real = deps.sql;
    // The wait for the song COPY is held open until it is told to stop, as for a long load of song-data;
    // the runner's own waitFor then cancels the statement (test/services/data-api-cancel.test.ts).
    const songCopies: string[] = [];
    const stopReasons: string[] = [];
    const sql: SqlRunner = {
      ...real,
      start: async (text, options) => {
        const id = await real.start(text, options);
        if (/^COPY staging_songs/m.test(text)) songCopies.push(id);
        return id;
      },
      waitFor: async (id, options) => {
        if (songCopies.includes(id)) {
          await new Promise((resolve) => options?.signal?.addEventListener('abort', resolve));
          stopReasons.push((options!.signal!.reason as Error).message);
        }
        return real.waitFor(id, options);
      },
    };
    const { emit, of } = recordEvents();
    const badPaths = { ...sources, logJsonPath: 's3://udacity-dend/no_such_jsonpaths.json' };
    await expect(loadStaging({ ...deps, sql }, badPaths, emit)).rejects.toThrow(/COPY into staging_events from s3:\/\/udacity-dend\/log_data failed/);
    const songStep = of('step').filter((e) => e.id === 'copy:staging_songs').at(-1);
    expect(songStep).toMatchObject({ status: 'failed', detail: 'stopped: the other COPY failed' });
    expect(songCopies).toHaveLength(1);
    expect(stopReasons).toEqual(['stopped: the other COPY failed']);
  });
});

describe('source counts', () => {
  it('come from the COPYs’ own per-file rows by default: not one object is downloaded or listed (AWS: one GET per object otherwise)', async () => {
    const { deps, sources } = await stagingSetup();
    const commands: string[] = [];
    deps.s3.middlewareStack.add((next, context) => async (args) => {
      commands.push(String(context.commandName));
      return next(args);
    }, { step: 'initialize', name: 'countS3Commands' });
    const { emit, of } = recordEvents();
    // As on AWS: no local folder to read, so the old count did a GetObject per source object.
    const sourceCounts = await (await loadStaging({ ...deps, localS3Root: undefined }, sources, emit)).sourceCounts;
    expect(commands).toEqual([]);
    expect(sourceCounts).toEqual({
      staging_events: { records: 8056, files: 30, bytes: expect.any(Number) },
      staging_songs: { records: 71, files: 71, bytes: expect.any(Number) },
    });
    expect(of('notice').map((n) => n.message)).toContain('Loading 30 log files and 71 song files');
    const done = of('copy.progress').filter((e) => e.status === 'done').map((e) => [e.table, e.filesDone, e.filesTotal]).sort();
    expect(done).toEqual([['staging_events', 30, 30], ['staging_songs', 71, 71]]);
  });
});

describe('S3 that cannot be read for the source count (--verify-sources)', () => {
  it('keeps the load, warns, and reports the two source-count checks instead of failing them', async () => {
    const { deps, sources } = await stagingSetup();
    const { emit, of } = recordEvents();
    const unreadable = { ...deps, localS3Root: '/nonexistent/sparkify-s3', verifySources: true };
    const sourceCounts = await (await loadStaging(unreadable, sources, emit)).sourceCounts;
    expect(sourceCounts).toEqual({});
    expect(of('notice').find((n) => n.level === 'warn')?.message).toMatch(/^Could not read the S3 sources to count their records \(.*\)\. The two source-count checks are reported, not enforced\.$/);
    expect(of('step').filter((e) => e.step === 'copy' && e.status === 'done')).toHaveLength(2);

    await insertStarTables(deps, () => {});
    const checks = await runQualityChecks(deps, sourceCounts, () => {});
    const sourceChecks = checks.filter((c) => c.name.includes('records in S3'));
    expect(sourceChecks.map((c) => [c.expected, c.actual, c.passed])).toEqual([
      [REPORT_ONLY, '8056', true],
      [REPORT_ONLY, '71', true],
    ]);
    expect(checks.every((c) => c.passed)).toBe(true);
  });
});

describe('an ETL before the tables exist', () => {
  it('says to create the tables first', async () => {
    ws = createWorkspace();
    warehouse = await openTestWarehouse(ws);
    await warehouse.ensureCluster(() => {});
    const failure = await warehouse.runEtl(() => {}).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(UserError);
    expect((failure as UserError).message).toMatch(/relation "staging_\w+" does not exist/);
    expect((failure as UserError).hint).toBe('The warehouse tables have not been created: run "sparkify tables" first (or "sparkify run" for every step).');
  });
});
