// The benchmark's table: per size, our per-step times, throughput and peak memory beside the floor
// and the naive peer, the ratios, and whether each target holds. Every number comes from a run.
import type { DatasetSummary } from '../src/generate/dataset.js';
import type { CopyAloneRun } from './copy-alone-child.js';
import type { EtlRun } from './etl-child.js';
import type { FloorRun } from './floor-child.js';
import type { NaiveRun } from './naive-child.js';

export interface SizeResult {
  events: number;
  songs: number;
  summary: DatasetSummary;
  etl: EtlRun;
  floor: FloorRun;
  naive: NaiveRun;
  copyAlone: CopyAloneRun;
}

export interface Machine {
  cores: number;
  cpu: string;
  ramGiB: number;
  node: string;
}

const GiB = 2 ** 30;
const s = (ms: number): string => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
const n = (x: number): string => Math.round(x).toLocaleString('en-US');
const mib = (bytes: number): string => `${Math.round(bytes / 2 ** 20)} MiB`;
const x = (r: number): string => `${r.toFixed(r < 10 ? 2 : 0)}×`;

/** The naive peer's full time: measured when it loaded everything, else its measured rate × all rows. */
export function naiveTotal(r: SizeResult): { ms: number; note: string } {
  const { naive, summary } = r;
  const full = naive.eventRows >= summary.events && naive.songRows >= summary.songFiles;
  const ms = (naive.eventRows ? (naive.eventsMs / naive.eventRows) * summary.events : 0) + (naive.songRows ? (naive.songsMs / naive.songRows) * summary.songFiles : 0);
  return { ms, note: full ? 'measured' : `extrapolated from ${n(naive.eventRows)} event + ${n(naive.songRows)} song rows` };
}

export function printResults(results: SizeResult[], machine: Machine, markdown: boolean): void {
  const header = ['events', 'songs', 'input MB', 'up s', 'tables s', 'COPY events s', 'COPY songs s', 'staging s', 'star s', 'checks s', 'ETL s', 'rows/s', 'MB/s', 'peak RSS', 'floor s', 'floor RSS', 'naive s', 'ours/floor', 'naive/ours'];
  const rows = results.map((r) => {
    const bytes = r.summary.logBytes + r.summary.songBytes;
    const rowsIn = r.summary.events + r.summary.songFiles;
    const naive = naiveTotal(r);
    return [n(r.events), n(r.songs), (bytes / 1e6).toFixed(1), s(r.etl.upMs), s(r.etl.tablesMs), s(r.etl.steps['copy:staging_events']), s(r.etl.steps['copy:staging_songs']),
      s(r.etl.stagingMs), s(r.etl.starMs), s(r.etl.checksMs), s(r.etl.etlMs), n(rowsIn / (r.etl.etlMs / 1000)), (bytes / 1e6 / (r.etl.etlMs / 1000)).toFixed(1),
      mib(r.etl.maxRssBytes), s(r.floor.totalMs), mib(r.floor.maxRssBytes), `${s(naive.ms)}${naive.note === 'measured' ? '' : '*'}`,
      x(r.etl.etlMs / r.floor.totalMs), x(naive.ms / r.etl.etlMs)];
  });
  const out = process.stdout;
  out.write(`\nMachine: ${machine.cores} cores, ${machine.cpu}, ${machine.ramGiB.toFixed(1)} GiB RAM, Node ${machine.node}\n\n`);
  if (markdown) {
    out.write(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|\n`);
    for (const row of rows) out.write(`| ${row.join(' | ')} |\n`);
  } else {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    out.write(header.map((h, i) => h.padStart(widths[i])).join('  ') + '\n');
    for (const row of rows) out.write(row.map((c, i) => c.padStart(widths[i])).join('  ') + '\n');
  }
  out.write('\nETL = staging (listing, truncate, both COPYs) + star inserts + quality checks; up/tables are not in it.\n');
  for (const r of results) {
    const naive = naiveTotal(r);
    if (naive.note !== 'measured') out.write(`* naive at ${n(r.events)} events: ${naive.note} (${n(r.naive.eventRows / (r.naive.eventsMs / 1000))} event rows/s, ${n(r.naive.songRows / (r.naive.songsMs / 1000))} song rows/s).\n`);
  }
  out.write('\nSource-record count (listed through the emulator S3, every object read from the S3 folder as the local ETL does), timed alone after the ETL:\n');
  for (const r of results) {
    out.write(`  ${n(r.events)} events / ${n(r.songs)} song files: songs ${s(r.etl.songCountMs)} s (listing ${s(r.etl.songListMs)} s) vs COPY staging_songs ${s(r.etl.steps['copy:staging_songs'])} s; logs ${s(r.etl.logCountMs)} s vs COPY staging_events ${s(r.etl.steps['copy:staging_events'])} s\n`);
  }
  out.write('\nThe same COPYs with nothing running beside them (diagnostic): events alone, songs alone, both at once:\n');
  for (const r of results) {
    out.write(`  ${n(r.events)} events: ${s(r.copyAlone.eventsAloneMs)} s, ${s(r.copyAlone.songsAloneMs)} s, ${s(r.copyAlone.bothAtOnceMs)} s at once (in the ETL: staging ${s(r.etl.stagingMs)} s)\n`);
  }
  out.write('\nTargets:\n');
  const largest = results.reduce((a, b) => (b.events > a.events ? b : a));
  const million = results.find((r) => r.events >= 1_000_000) ?? largest;
  const tenth = results.find((r) => r.events * 10 === million.events);
  const check = (ok: boolean, text: string) => out.write(`  [${ok ? 'met' : 'MISSED'}] ${text}\n`);
  check(million.etl.etlMs <= 3 * million.floor.totalMs, `ETL within 3× of the floor at ${n(million.events)} events: ${x(million.etl.etlMs / million.floor.totalMs)}`);
  check(naiveTotal(million).ms >= 50 * million.etl.etlMs, `≥ 50× faster than the naive peer at ${n(million.events)} events: ${x(naiveTotal(million).ms / million.etl.etlMs)}`);
  const worst = results.reduce((a, b) => (b.etl.maxRssBytes > a.etl.maxRssBytes ? b : a));
  check(results.every((r) => r.etl.maxRssBytes < GiB), `peak RSS under 1 GiB at every size: max ${mib(worst.etl.maxRssBytes)} at ${n(worst.events)} events`);
  if (tenth) check(million.etl.etlMs <= 12 * tenth.etl.etlMs, `linear: ${n(million.events)} run ${x(million.etl.etlMs / tenth.etl.etlMs)} the ${n(tenth.events)} run (≤ 12×)`);
  out.write(results.every((r) => r.etl.checksPassed) ? '  all quality checks passed at every size\n' : '  QUALITY CHECKS FAILED at some size\n');
}
