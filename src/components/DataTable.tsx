// A result table that always fits `width`: columns share the space by their content, long cells
// are cut with an ellipsis, and rows past `maxRows` are counted (or, given an `offset`, scrolled).
import { Box, Text } from 'ink';
import { scrollNote } from './BarChart.js';
import { clampOffset, formatCount, truncate } from './format.js';

type Cell = string | number | boolean | null | undefined;

export function columnWidths(columns: string[], rows: Cell[][], width: number): number[] {
  const gap = 2;
  const natural = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => cellText(r[i]).length), 1));
  const available = Math.max(columns.length, width - gap * (columns.length - 1));
  if (natural.reduce((a, b) => a + b, 0) <= available) return natural;
  // Shrink the widest columns first until the row fits; every column keeps at least 3 cells.
  const widths = natural.slice();
  let excess = widths.reduce((a, b) => a + b, 0) - available;
  while (excess > 0) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest] <= 3) break;
    widths[widest] -= 1;
    excess -= 1;
  }
  return widths;
}

export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return 'NULL';
  if (typeof cell === 'number') return Number.isInteger(cell) ? formatCount(cell) : String(cell);
  return String(cell).replace(/\s+/g, ' ');
}

export function DataTable({ columns, rows, width, maxRows = 8, offset }: { columns: string[]; rows: Cell[][]; width: number; maxRows?: number; offset?: number }) {
  const start = offset === undefined ? 0 : clampOffset(offset, rows.length, maxRows);
  const shown = rows.slice(start, start + maxRows);
  // Widths from every row, so scrolling does not shift the columns.
  const widths = columnWidths(columns, rows, width);
  const line = (cells: string[]) => cells.map((c, i) => truncate(c, widths[i]).padEnd(widths[i])).join('  ').trimEnd();
  return (
    <Box flexDirection="column">
      <Text bold>{line(columns)}</Text>
      <Text dimColor>{widths.map((w) => '─'.repeat(w)).join('  ')}</Text>
      {shown.map((r, i) => (
        <Text key={i}>{line(columns.map((_, c) => cellText(r[c])))}</Text>
      ))}
      {rows.length === 0 ? <Text dimColor>(no rows)</Text> : null}
      {rows.length > shown.length && offset !== undefined ? <Text dimColor>{scrollNote(start, shown.length, rows.length)}</Text> : null}
      {rows.length > shown.length && offset === undefined ? <Text dimColor>… {rows.length - shown.length} more rows</Text> : null}
    </Box>
  );
}
