// `npm run bench`: for each size, generate (or reuse) data under bench/out/, then in separate child
// processes run our local ETL, the honest floor (DuckDB's typed read_json + the same star SQL), the
// bulk-PostgreSQL peer (\copy into jsonb, INSERT … SELECT) and the naive peer (INSERT per row); then
// CLI start-up against `node -e 0`; print the table and the targets. The three loads run in
// interleaved rounds and the table shows each one's median run. Options: --sizes 10k,100k,1m
// --rounds 3 --seed 42 --naive-rows 5000 --startup-rounds 5 --diagnostics (the COPYs alone) --markdown.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SUMMARY_FILE, type DatasetSummary } from '../src/generate/dataset.js';
import { PROJECT_ROOT, runChild } from './child-process.js';
import type { CopyAloneRun } from './copy-alone-child.js';
import type { EtlRun } from './etl-child.js';
import type { FloorRun } from './floor-child.js';
import type { NaiveRun } from './naive-child.js';
import type { PgRun } from './pg-child.js';
import type { StartupRun } from './startup-child.js';
import { printResults, type SizeResult } from './report.js';

/** The run whose time is the median (the lower middle of an even count): its breakdown stays its own. */
function medianRun<T>(runs: T[], time: (run: T) => number): T {
  return [...runs].sort((a, b) => time(a) - time(b))[Math.floor((runs.length - 1) / 2)];
}

const parseCount = (s: string): number => Math.round(Number(s.toLowerCase().replace(/k$/, 'e3').replace(/m$/, 'e6')));

async function dataset(events: number, songs: number, seed: number): Promise<{ dir: string; summary: DatasetSummary }> {
  const dir = join(PROJECT_ROOT, 'bench', 'out', `events-${events}-songs-${songs}-seed-${seed}`);
  const marker = join(dir, SUMMARY_FILE);
  if (existsSync(marker)) {
    const saved = JSON.parse(readFileSync(marker, 'utf8')) as { options: { events: number; songs: number; seed: number }; summary: DatasetSummary };
    if (saved.options.events === events && saved.options.songs === songs && saved.options.seed === seed) {
      process.stderr.write(`reusing ${dir}\n`);
      return { dir, summary: saved.summary };
    }
  }
  process.stderr.write(`generating ${events.toLocaleString('en-US')} events, ${songs.toLocaleString('en-US')} songs…\n`);
  const { result } = await runChild<DatasetSummary>('src/generate/cli.ts', ['--events', String(events), '--songs', String(songs), '--seed', String(seed), '--out', dir, '--json']);
  return { dir, summary: result };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '10k,100k,1m' },
      seed: { type: 'string', default: '42' },
      'naive-rows': { type: 'string', default: '5000' },
      'startup-rounds': { type: 'string', default: '5' },
      rounds: { type: 'string', default: '3' },
      diagnostics: { type: 'boolean', default: false },
      markdown: { type: 'boolean', default: false },
    },
  });
  const seed = Number(values.seed);
  const naiveLimit = parseCount(values['naive-rows']);
  const rounds = Math.max(1, Number(values.rounds));
  const results: SizeResult[] = [];
  for (const events of values.sizes.split(',').map(parseCount)) {
    const songs = Math.max(1, Math.round(events / 10)); // songs scale along: one catalogue song per 10 events
    const { dir, summary } = await dataset(events, songs, seed);
    const bucketDir = join(dir, summary.bucket);
    // Interleaved rounds (ours, floor, bulk-pg, then again): a slow minute of the machine hits all three.
    const etls: EtlRun[] = [];
    const floors: FloorRun[] = [];
    const pgs: PgRun[] = [];
    for (let round = 1; round <= rounds; round++) {
      const of = rounds > 1 ? ` (round ${round} of ${rounds})` : '';
      process.stderr.write(`[${events}] our ETL${of}…\n`);
      etls.push((await runChild<EtlRun>('bench/etl-child.ts', [dir])).result);
      process.stderr.write(`[${events}] floor (DuckDB read_json, same star SQL)${of}…\n`);
      floors.push((await runChild<FloorRun>('bench/floor-child.ts', [bucketDir])).result);
      if (pgs[0]?.skipped) continue; // not installed: the later rounds would skip it too
      process.stderr.write(`[${events}] bulk PostgreSQL (\\copy into jsonb, INSERT … SELECT)${of}…\n`);
      pgs.push((await runChild<PgRun>('bench/pg-child.ts', [bucketDir])).result);
    }
    process.stderr.write(`[${events}] naive peer (INSERT per row, up to ${naiveLimit.toLocaleString('en-US')} rows of each kind)…\n`);
    const naive = await runChild<NaiveRun>('bench/naive-child.ts', [bucketDir, String(naiveLimit)]);
    let copyAlone: CopyAloneRun | undefined;
    let floorLocked: FloorRun | undefined;
    if (values.diagnostics) {
      process.stderr.write(`[${events}] diagnostic: the COPYs with nothing beside them…\n`);
      copyAlone = (await runChild<CopyAloneRun>('bench/copy-alone-child.ts', [dir])).result;
      process.stderr.write(`[${events}] diagnostic: the floor under the emulator's DuckDB lockdown…\n`);
      floorLocked = (await runChild<FloorRun>('bench/floor-child.ts', [bucketDir, '--locked'])).result;
    }
    results.push({
      events, songs, summary, naive: naive.result, copyAlone, floorLocked,
      etl: medianRun(etls, (r) => r.etlMs), floor: medianRun(floors, (r) => r.totalMs), pg: medianRun(pgs, (r) => r.totalMs ?? 0),
      rounds: {
        count: etls.length,
        etlMs: etls.map((r) => r.etlMs),
        floorMs: floors.map((r) => r.totalMs),
        pgMs: pgs.flatMap((r) => (r.totalMs === undefined ? [] : [r.totalMs])),
      },
    });
    // Kept as it goes, so a failure at a later size does not lose the measured ones.
    writeFileSync(join(PROJECT_ROOT, 'bench', 'out', `result-${events}.json`), JSON.stringify(results.at(-1), null, 2));
  }
  process.stderr.write('CLI start-up against node -e 0…\n');
  const startup = (await runChild<StartupRun>('bench/startup-child.ts', [values['startup-rounds']])).result;
  const machine = {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? 'unknown',
    ramGiB: totalmem() / 2 ** 30,
    node: process.version,
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
  };
  printResults(results, startup, machine, values.markdown);
  return results.every((r) => r.etl.checksPassed) ? 0 : 1;
}

process.exitCode = await main();
