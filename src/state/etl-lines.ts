// The ETL screen's lines as text, pure: a COPY's phase and numbers, its ETA counted down between
// updates (or how long nothing moved), the checks' shown values and the tables' final counts.
import type { CheckView, CopyView } from './view-state.js';

/** No new progress for this long reads as a stall, said instead of an ETA that would freeze. */
export const STALL_MS = 3000;

export interface Formatters {
  count: (n: number) => string;
  bytes: (n: number) => string;
  duration: (ms: number) => string;
}

/**
 * One line for a COPY. `sinceUpdateMs` is how long ago (wall clock) its last progress event came:
 * the ETA counts down meanwhile, and a long gap is said as such.
 */
export function copyStats(c: CopyView, f: Formatters, sinceUpdateMs = 0): string {
  if (c.status === 'running' && c.filesTotal === 0 && c.filesDone === 0) return `listing ${c.source}…`;
  const parts = [
    `${f.count(c.filesDone)}/${f.count(c.filesTotal)} files`,
    c.bytesTotal > 0 ? `${f.bytes(c.bytesDone)}/${f.bytes(c.bytesTotal)}` : undefined,
    `${f.count(c.rows)} rows`,
    c.bytesPerSec !== undefined && c.bytesPerSec > 0 ? `${f.bytes(c.bytesPerSec)}/s` : c.rowsPerSec !== undefined ? `${f.count(Math.round(c.rowsPerSec))} rows/s` : undefined,
  ];
  if (c.status === 'running') {
    if (c.filesDone === 0 && c.rows === 0) parts.push('starting…');
    else if (sinceUpdateMs >= STALL_MS) parts.push(`no progress for ${Math.floor(sinceUpdateMs / 1000)}s`);
    else if (c.etaMs !== undefined && c.fraction < 1) parts.push(`ETA ${f.duration(Math.max(1000, c.etaMs - sinceUpdateMs))}`);
  } else parts.push(f.duration(c.elapsedMs));
  return parts.filter(Boolean).join(' · ');
}

/** What a check shows: a measurement (`report`) its value, a failure actual≠expected, a pass nothing more. */
export function checkText(c: CheckView): string {
  if (c.expected === '(report)') return `${c.name}: ${c.actual}`;
  return c.passed ? c.name : `${c.name} (${c.actual}≠${c.expected})`;
}

const TABLE_ORDER = ['staging_events', 'staging_songs', 'songplays', 'users', 'songs', 'artists', 'time'];

/** "staging_events 8,056 · … · time 6,813": the tables' row counts in load order. */
export function countsLine(counts: Record<string, number>, count: (n: number) => string): string {
  const names = Object.keys(counts).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return names.map((t) => `${t} ${count(counts[t])}`).join(' · ');
}

const rank = (t: string) => (TABLE_ORDER.includes(t) ? TABLE_ORDER.indexOf(t) : TABLE_ORDER.length);
