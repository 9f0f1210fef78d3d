// Child: our local ETL on one generated dataset, as `sparkify run` does it (the shared local service,
// the CLI's default polling, source counts from the COPYs' own rows), timing each step from the
// workflow's own events.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/index.js';
import type { ProgressEvent } from '../src/workflow/events.js';
import { openWarehouse } from '../src/workflow/warehouse.js';
import { readRecord } from '../src/emulator/service/service-files.js';
import { peakRssBytes, writeBenchConfig, type ChildCost, removeBenchFolder } from './child-process.js';

export interface EtlRun extends ChildCost {
  upMs: number;
  tablesMs: number;
  /** Step id (copy:staging_events, insert:songplays, checks…) → elapsed ms, from the step events. */
  steps: Record<string, number>;
  stagingMs: number;
  starMs: number;
  checksMs: number;
  etlMs: number;
  counts: Record<string, number>;
  checksPassed: boolean;
  /** The local service's peak resident set (VmHWM), 0 when the emulator ran in this process. */
  servicePeakRssBytes: number;
}

function servicePeakRss(stateDir: string): number {
  const pid = readRecord(stateDir)?.pid;
  if (!pid) return 0;
  const kib = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kib ?? 0) * 1024;
}

async function main(dataDir: string): Promise<EtlRun> {
  const dir = mkdtempSync(join(tmpdir(), 'sparkify-bench-etl-'));
  try {
    const { config } = loadConfig(writeBenchConfig(dataDir, dir));
    const warehouse = await openWarehouse(config, {});
    try {
      const marks: Array<{ at: number; event: ProgressEvent }> = [];
      const emit = (event: ProgressEvent) => marks.push({ at: Date.now(), event });
      let t = Date.now();
      await warehouse.ensureCluster(emit);
      const upMs = Date.now() - t;
      t = Date.now();
      await warehouse.createTables(emit);
      const tablesMs = Date.now() - t;
      const etlStart = Date.now();
      const summary = await warehouse.runEtl(emit);
      const etlMs = Date.now() - etlStart;
      const steps: Record<string, number> = {};
      const at = (pred: (e: ProgressEvent) => boolean, pickLast: boolean) => {
        const hits = marks.filter((m) => pred(m.event)).map((m) => m.at);
        return pickLast ? Math.max(...hits) : Math.min(...hits);
      };
      for (const { event } of marks) if (event.type === 'step' && event.status === 'done' && event.elapsedMs !== undefined) steps[event.id] = event.elapsedMs;
      const isStep = (step: string, status: string) => (e: ProgressEvent) => e.type === 'step' && e.step === step && e.status === status;
      // Staging runs from the start of the ETL (listing, truncate) to the last COPY done.
      const stagingMs = at(isStep('copy', 'done'), true) - etlStart;
      const starMs = at(isStep('insert', 'done'), true) - at(isStep('insert', 'running'), false);
      const checksMs = etlStart + etlMs - at(isStep('insert', 'done'), true);
      // With the shared local service (the default), DuckDB runs in the service process: its peak counts too.
      const servicePeakRssBytes = servicePeakRss(config.local.stateDir);
      const maxRssBytes = peakRssBytes() + servicePeakRssBytes;

      return { upMs, tablesMs, steps, stagingMs, starMs, checksMs, etlMs, counts: summary.counts, checksPassed: summary.ok, maxRssBytes, servicePeakRssBytes };
    } finally {
      await warehouse.close();
    }
  } finally {
    await removeBenchFolder(dir);
  }
}

process.stdout.write(JSON.stringify(await main(process.argv[2])) + '\n');
