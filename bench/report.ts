// The benchmark's table: per size, our ETL beside the honest floor (DuckDB's own readers, same
// files, same star tables), the bulk-PostgreSQL peer and the naive row-by-row peer, the ratios,
// peak memory, and whether each of issue 11's targets holds. Every number comes from this run.
import type { DatasetSummary } from '../src/generate/dataset.js';
import type { CopyAloneRun } from './copy-alone-child.js';
import type { EtlRun } from './etl-child.js';
import type { FloorRun } from './floor-child.js';
import type { NaiveRun } from './naive-child.js';
import type { PgRun } from './pg-child.js';
import type { StartupRun } from './startup-child.js';

export interface SizeResult {
  events: number;
  songs: number;
  summary: DatasetSummary;
  etl: EtlRun;
  floor: FloorRun;
  pg: PgRun;
  naive: NaiveRun;
  copyAlone?: CopyAloneRun;
  /** The floor with the emulator's lockdown applied (--diagnostics). */
  floorLocked?: FloorRun;
  /** Every round's time; etl, floor and pg above are each the median round's run. */
  rounds?: { count: number; etlMs: number[]; floorMs: number[]; pgMs: number[] };
}

export interface Machine {
  cores: number;
  cpu: string;
  ramGiB: number;
  node: string;
  date: string;
}

const GiB = 2 ** 30;
const s = (ms: number | undefined): string => (ms === undefined ? '–' : (ms / 1000).toFixed(ms < 10_000 ? 2 : 1));
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

/** Tables whose row count differs between our ETL and a peer ('' when all agree). */
function countMismatch(ours: Record<string, number>, theirs: Record<string, number> | undefined): string {
  if (!theirs) return '';
  return Object.keys(theirs).filter((t) => ours[t] !== theirs[t]).map((t) => `${t} ${ours[t]} vs ${theirs[t]}`).join(', ');
}

function table(header: string[], rows: string[][], markdown: boolean): void {
  const out = process.stdout;
  if (markdown) {
    out.write(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|\n`);
    for (const row of rows) out.write(`| ${row.join(' | ')} |\n`);
    return;
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  out.write(header.map((h, i) => h.padStart(widths[i])).join('  ') + '\n');
  for (const row of rows) out.write(row.map((c, i) => c.padStart(widths[i])).join('  ') + '\n');
}

export function printResults(results: SizeResult[], startup: StartupRun | undefined, machine: Machine, markdown: boolean): boolean {
  const out = process.stdout;
  out.write(`\nMachine: ${machine.cores} cores, ${machine.cpu}, ${machine.ramGiB.toFixed(1)} GiB RAM, Node ${machine.node}; run ${machine.date}\n\n`);
  table(
    ['events / songs', 'input MB', 'our ETL s', 'floor s', 'bulk-pg s', 'naive s', 'ours / floor', 'ours / bulk-pg', 'naive / ours', 'our peak RSS (CLI + service)', 'floor peak RSS', 'counts'],
    results.map((r) => {
      const naive = naiveTotal(r);
      const mismatch = [countMismatch(r.etl.counts, r.floor.counts), countMismatch(r.etl.counts, r.pg.counts)].filter(Boolean).join('; ');
      return [`${n(r.events)} / ${n(r.songs)}`, ((r.summary.logBytes + r.summary.songBytes) / 1e6).toFixed(1), s(r.etl.etlMs), s(r.floor.totalMs),
        r.pg.skipped ? 'skipped' : s(r.pg.totalMs), `${s(naive.ms)}${naive.note === 'measured' ? '' : '*'}`, x(r.etl.etlMs / r.floor.totalMs),
        r.pg.totalMs ? x(r.etl.etlMs / r.pg.totalMs) : '–', x(naive.ms / r.etl.etlMs), mib(r.etl.maxRssBytes), mib(r.floor.maxRssBytes),
        mismatch ? `DIFFER: ${mismatch}` : 'equal'];
    }),
    markdown,
  );
  const roundCount = results[0]?.rounds?.count ?? 1;
  out.write(`\nEach load's median of ${roundCount} interleaved round${roundCount === 1 ? '' : 's'}${roundCount > 1 ? ' (the spread is below)' : ''}.\n`);
  out.write('ETL = staging (both COPYs, listing, truncate) + star inserts + quality checks, timed from the workflow\'s events; up/tables are not in it.\n');
  out.write('Floor and bulk-pg = the same files into staging and the same five star tables (sql/insert_*.sql), counts compared above; neither runs the quality checks.\n');
  for (const r of results) {
    const naive = naiveTotal(r);
    if (naive.note !== 'measured') out.write(`* naive at ${n(r.events)} events: ${naive.note} (${n(r.naive.eventRows / (r.naive.eventsMs / 1000))} event rows/s, ${n(r.naive.songRows / (r.naive.songsMs / 1000))} song rows/s); staging only.\n`);
    if (r.pg.skipped) out.write(`  bulk-pg at ${n(r.events)} events: skipped (${r.pg.skipped})\n`);
  }
  out.write('\nWhere the time goes (s): ours COPY events | COPY songs | staging | star | checks — floor events | songs | star — bulk-pg \\copy | typed staging | star\n');
  for (const r of results) {
    const e = r.etl;
    out.write(`  ${n(r.events)}: ${s(e.steps['copy:staging_events'])} | ${s(e.steps['copy:staging_songs'])} | ${s(e.stagingMs)} | ${s(e.starMs)} | ${s(e.checksMs)}` +
      ` — ${s(r.floor.eventsMs)} | ${s(r.floor.songsMs)} | ${s(r.floor.starMs)}` +
      (r.pg.skipped ? ' — skipped\n' : ` — ${s(r.pg.copyMs)} | ${s(r.pg.stagingMs! - r.pg.copyMs!)} | ${s(r.pg.starMs)}\n`));
    if (r.copyAlone) out.write(`     COPYs with nothing beside them: events ${s(r.copyAlone.eventsAloneMs)}, songs ${s(r.copyAlone.songsAloneMs)}, both at once ${s(r.copyAlone.bothAtOnceMs)}\n`);
    if (r.floorLocked) out.write(`     floor under the emulator's DuckDB lockdown: ${s(r.floorLocked.totalMs)} (${(r.floorLocked.totalMs / r.floor.totalMs).toFixed(2)}× the floor; events ${s(r.floorLocked.eventsMs)}, songs ${s(r.floorLocked.songsMs)})\n`);
  }
  if (results.some((r) => (r.rounds?.count ?? 1) > 1)) {
    out.write('\nSpread over the rounds (s, fastest–slowest): ours | floor | bulk-pg — ours / floor\n');
    for (const r of results) {
      const k = r.rounds;
      if (!k || k.count < 2) continue;
      const span = (ms: number[]) => (ms.length ? `${s(Math.min(...ms))}–${s(Math.max(...ms))}` : '–');
      const ratios = k.etlMs.map((ms, i) => ms / k.floorMs[i]);
      out.write(`  ${n(r.events)}: ${span(k.etlMs)} | ${span(k.floorMs)} | ${span(k.pgMs)} — ${x(Math.min(...ratios))}–${x(Math.max(...ratios))} round by round\n`);
    }
  }
  if (startup) {
    out.write(`\nCLI start-up (median of ${startup.rounds}): node -e 0 ${startup.nodeMs.toFixed(0)} ms, sparkify --help ${startup.helpMs.toFixed(0)} ms, sparkify query "select 1" ${startup.queryMs.toFixed(0)} ms\n`);
  }

  out.write('\nTargets:\n');
  let allMet = true;
  const check = (ok: boolean, text: string) => {
    allMet &&= ok;
    out.write(`  [${ok ? 'met' : 'NOT MET'}] ${text}\n`);
  };
  for (const r of results.filter((r) => r.events >= 100_000)) {
    check(r.etl.etlMs <= 1.5 * r.floor.totalMs, `ETL ≤ 1.5× the floor at ${n(r.events)} events: ${x(r.etl.etlMs / r.floor.totalMs)}`);
  }
  for (const r of results) {
    if (r.pg.skipped) out.write(`  [skipped] faster than bulk-pg at ${n(r.events)} events: ${r.pg.skipped}\n`);
    else check(r.etl.etlMs < r.pg.totalMs!, `faster than bulk-pg at ${n(r.events)} events: ${x(r.etl.etlMs / r.pg.totalMs!)} of its time`);
  }
  const million = results.find((r) => r.events === 1_000_000);
  if (million) check(million.etl.maxRssBytes < GiB, `peak RSS < 1 GiB at 1,000,000 events: ${mib(million.etl.maxRssBytes)}`);
  const tenth = results.find((r) => r.events === 100_000);
  if (million && tenth) check(million.etl.etlMs <= 10 * tenth.etl.etlMs, `100k → 1M ≤ 10×: ${x(million.etl.etlMs / tenth.etl.etlMs)}`);
  if (startup) {
    check(startup.helpMs <= 3 * startup.nodeMs, `sparkify --help ≤ 3× node -e 0: ${x(startup.helpMs / startup.nodeMs)}`);
    check(startup.queryMs <= 6 * startup.nodeMs, `sparkify query "select 1" ≤ 6× node -e 0: ${x(startup.queryMs / startup.nodeMs)}`);
  }
  const countsOk = results.every((r) => !countMismatch(r.etl.counts, r.floor.counts) && !countMismatch(r.etl.counts, r.pg.counts));
  check(countsOk, 'every count equal between our ETL, the floor and bulk-pg');
  check(results.every((r) => r.etl.checksPassed), 'all quality checks passed at every size');
  return allMet;
}
