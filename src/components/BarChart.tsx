// Horizontal text bars: label column, bar scaled to the largest value, the value itself (the bar is
// always the number printed beside it), and further numbers as dim notes. Long results scroll.
import { Box, Text } from 'ink';
import { clampOffset, formatCount, truncate } from './format.js';
import { tone } from './theme.js';

export interface BarDatum {
  label: string;
  value: number;
  /** Other numbers of the row, e.g. "22 users"; shown after the value, never drawn as the bar. */
  note?: string;
}

export interface BarData {
  /** The column the bars measure, e.g. "plays". */
  measure: string;
  bars: BarDatum[];
}

/** The least a bar may be given before labels are cut. */
const MIN_BAR = 12;

export function BarChart({ data, width, rows = 10, offset = 0 }: { data: BarDatum[]; width: number; rows?: number; offset?: number }) {
  const start = clampOffset(offset, data.length, rows);
  const shown = data.slice(start, start + rows);
  // Scale and columns from every row, so scrolling does not change the bars' lengths.
  const max = Math.max(0, ...data.map((d) => d.value));
  const valueWidth = Math.max(...data.map((d) => formatCount(d.value).length), 1);
  const noteWidth = Math.max(0, ...data.map((d) => (d.note ? d.note.length + 2 : 0)));
  const naturalLabel = Math.max(...data.map((d) => d.label.length), 4);
  const labelWidth = Math.max(4, Math.min(naturalLabel, width - valueWidth - noteWidth - 3 - MIN_BAR));
  const barWidth = Math.max(4, width - labelWidth - valueWidth - noteWidth - 3);
  const above = start;
  const below = data.length - start - shown.length;
  return (
    <Box flexDirection="column">
      {shown.map((d, i) => {
        const cells = max > 0 ? Math.max(d.value > 0 ? 1 : 0, Math.round((d.value / max) * barWidth)) : 0;
        return (
          <Text key={start + i}>
            {truncate(d.label, labelWidth).padEnd(labelWidth)}{' '}
            <Text color={tone('cyan')}>{'▇'.repeat(cells)}</Text>
            {' '.repeat(barWidth - cells)} {formatCount(d.value).padStart(valueWidth)}
            {d.note ? <Text dimColor>{`  ${d.note}`}</Text> : null}
          </Text>
        );
      })}
      {above > 0 || below > 0 ? <Text dimColor>{scrollNote(start, shown.length, data.length)}</Text> : null}
    </Box>
  );
}

/** "rows 13–24 of 24 · ↑/↓ scroll": where the window is, and how to move it. */
export function scrollNote(start: number, shown: number, total: number): string {
  return `rows ${start + 1}–${start + shown} of ${total} · ↑/↓ PgUp/PgDn scroll`;
}

const isNumeric = (v: unknown) => v !== null && v !== '' && typeof v !== 'boolean' && Number.isFinite(Number(v));

/**
 * A result set reads as a bar chart when, after the first column, a column is numeric in every row:
 * the columns before it name the bar, it is the bar, and the numbers after it are notes (so
 * `level, plays, users` draws plays, labelled "paid", with "22 users" beside it).
 * Returns undefined when a table is the better fit.
 */
export function asBarData(columns: string[], rows: Array<Array<string | number | boolean | null>>): BarData | undefined {
  if (columns.length < 2 || columns.length > 4 || rows.length === 0) return undefined;
  const measure = columns.findIndex((_, i) => i > 0 && rows.every((r) => isNumeric(r[i])));
  if (measure === -1) return undefined;
  const rest = columns.slice(measure + 1);
  if (!rest.every((_, j) => rows.every((r) => isNumeric(r[measure + 1 + j])))) return undefined;
  return {
    measure: columns[measure],
    bars: rows.map((r) => ({
      label: r.slice(0, measure).map((c) => (c === null ? 'NULL' : String(c))).join(' — '),
      value: Number(r[measure]),
      note: rest.length > 0 ? rest.map((name, j) => `${formatCount(Number(r[measure + 1 + j]))} ${name}`).join(', ') : undefined,
    })),
  };
}
