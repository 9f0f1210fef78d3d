// Number and time formatting shared by the screens; fixed en-US so frames are stable in tests.
import { formatCount } from '../workflow/format-count.js';

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 60) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)}s`;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return hours > 0 ? `${hours}h${String(minutes).padStart(2, '0')}m` : `${minutes}m${String(seconds).padStart(2, '0')}s`;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)}${units[unit]}`;
}

export { formatCount };

export function formatUsd(amount: number): string {
  return `$${amount.toFixed(2)}`;
}

/** Cuts to `width` columns with an ellipsis; the layout never relies on the terminal wrapping. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text;
  return width === 1 ? '…' : `${text.slice(0, width - 1)}…`;
}

/** A ticking clock (elapsed, time a cluster has existed): whole seconds, never milliseconds. */
export function formatClock(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  return ms < 60_000 ? `${Math.floor(Math.max(0, ms) / 1000)}s` : formatDuration(ms);
}

/**
 * Groups the digits of counts inside a line written elsewhere ("8056 rows" → "8,056 rows"), so the
 * scrollback and the live area show one number format. Only a count followed by a unit word is
 * touched: ids, ports, years and ARNs keep their digits.
 */
export function groupCountsIn(text: string): string {
  return text.replace(/(^|[\s(])(\d{4,})(?=\s(?:rows|songplays|records|files|statements|events|songs|users)\b)/g, (_, pre: string, n: string) => pre + formatCount(Number(n)));
}

/** The first row to show when `visible` of `total` rows fit and the view asks to start at `offset`. */
export function clampOffset(offset: number, total: number, visible: number): number {
  return Math.max(0, Math.min(offset, total - Math.max(1, visible)));
}
