// Soak: 200 concurrent Data API statements and 20 ETL runs back to back on one emulator, which must
// end with the exact counts every time and without leaking memory, file handles or DuckDB/stage files.
import { readdirSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';
import { EXPECTED_COUNTS, openFaultyTarget, type FaultyTarget } from '../reliability/faulty-target.js';

const ETL_RUNS = 20;
const CONCURRENT_STATEMENTS = 200;

// A full GC before each measurement, so the heap compares live objects only.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function openFileCount(): number {
  return readdirSync('/proc/self/fd').length;
}

function liveHeapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** COPY stage files (Parquet/JSON in the temp folder) the emulator in this process left behind. */
function strayStageFiles(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith(`sparkify-copy-${process.pid}-`));
}

describe('soak', () => {
  let ws: Workspace;
  let target: FaultyTarget;

  beforeAll(async () => {
    ws = createWorkspace();
    target = await openFaultyTarget(ws);
    await target.warehouse.ensureCluster(() => {});
    await target.warehouse.createTables(() => {});
    await target.warehouse.runEtl(() => {}); // warm-up: engine open, SQL files read, sockets pooled
  });
  afterAll(async () => {
    await target?.close();
    ws?.remove();
  });

  it(`answers ${CONCURRENT_STATEMENTS} concurrent Data API statements, each correctly`, async () => {
    const { sql } = target.warehouse;
    const expected = await sql.execute('SELECT user_id % 200 AS bucket, COUNT(*) AS n FROM songplays GROUP BY 1');
    const byBucket = new Map(expected.rows.map((r) => [Number(r.bucket), Number(r.n)]));
    const results = await Promise.all(
      Array.from({ length: CONCURRENT_STATEMENTS }, (_, i) => sql.execute(`SELECT ${i} AS bucket, COUNT(*) AS n FROM songplays WHERE user_id % 200 = ${i}`, { label: `soak ${i}` })),
    );
    results.forEach((result, i) => expect(Number(result.rows[0].n), `bucket ${i}`).toBe(byBucket.get(i) ?? 0));
  }, 120_000);

  it(`runs ${ETL_RUNS} ETLs back to back with exact counts and no leaks`, async () => {
    const filesBefore = openFileCount();
    const heapBefore = liveHeapMb();
    for (let run = 1; run <= ETL_RUNS; run++) {
      const summary = await target.warehouse.runEtl(() => {});
      expect(summary.counts, `run ${run}`).toEqual(EXPECTED_COUNTS);
      expect(summary.ok, `run ${run}`).toBe(true);
    }
    const heapGrowthMb = liveHeapMb() - heapBefore;
    const fileGrowth = openFileCount() - filesBefore;
    // Generous bounds: a leak of one statement result, socket or engine per run would exceed them.
    expect(heapGrowthMb, `heap grew ${heapGrowthMb.toFixed(1)} MB`).toBeLessThan(40);
    expect(fileGrowth, `open files grew by ${fileGrowth}`).toBeLessThanOrEqual(4);
    expect(strayStageFiles()).toEqual([]);
    expect(readdirSync(join(ws.stateDir, 'clusters')).filter((f) => !/^sparkify-dwh\.duckdb(\.wal)?$/.test(f))).toEqual([]);
    // Idle, the engine folds the 20 runs' WAL into the database file instead of keeping it (and its pages) for good.
    await vi.waitFor(() => expect(readdirSync(join(ws.stateDir, 'clusters'))).toEqual(['sparkify-dwh.duckdb']), { timeout: 60_000, interval: 100 });
  }, 180_000);

  it('closes cleanly: the database file goes with the cluster and no handle stays open on it', async () => {
    await target.warehouse.teardown({}, () => {});
    expect(readdirSync(join(ws.stateDir, 'clusters'))).toEqual([]);
    expect(readdirSync(join(ws.stateDir, 'tmp')), 'scratch folder (stages, spilled pages)').toEqual([]);
    const openOnState = readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`).startsWith(ws.stateDir);
      } catch {
        return false;
      }
    });
    expect(openOnState).toEqual([]);
    expect(strayStageFiles()).toEqual([]);
  });
});
