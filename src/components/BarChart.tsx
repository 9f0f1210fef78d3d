// Horizontal text bars: label column, bar scaled to the largest value, the value itself.
import { Box, Text } from 'ink';
import { formatCount, truncate } from './format.js';
import { tone } from './theme.js';

export interface BarDatum {
  label: string;
  value: number;
}

export function BarChart({ data, width, maxRows = 10 }: { data: BarDatum[]; width: number; maxRows?: number }) {
  const shown = data.slice(0, maxRows);
  const max = Math.max(0, ...shown.map((d) => d.value));
  const valueWidth = Math.max(...shown.map((d) => formatCount(d.value).length), 1);
  const labelWidth = Math.min(Math.max(...shown.map((d) => d.label.length), 4), Math.floor(width * 0.4));
  const barWidth = Math.max(4, width - labelWidth - valueWidth - 3);
  return (
    <Box flexDirection="column">
      {shown.map((d, i) => {
        const cells = max > 0 ? Math.max(d.value > 0 ? 1 : 0, Math.round((d.value / max) * barWidth)) : 0;
        return (
          <Text key={i}>
            {truncate(d.label, labelWidth).padEnd(labelWidth)}{' '}
            <Text color={tone('cyan')}>{'▇'.repeat(cells)}</Text>
            {' '.repeat(barWidth - cells)} {formatCount(d.value).padStart(valueWidth)}
          </Text>
        );
      })}
      {data.length > shown.length ? <Text dimColor>… {data.length - shown.length} more rows</Text> : null}
    </Box>
  );
}

/**
 * A result set reads as a bar chart when its last column is numeric and the rest name the bar
 * (e.g. song, artist, plays). Returns undefined when a table is the better fit.
 */
export function asBarData(columns: string[], rows: Array<Array<string | number | boolean | null>>): BarDatum[] | undefined {
  if (columns.length < 2 || columns.length > 3 || rows.length === 0) return undefined;
  const last = columns.length - 1;
  const numeric = rows.every((r) => r[last] !== null && r[last] !== '' && Number.isFinite(Number(r[last])));
  if (!numeric) return undefined;
  return rows.map((r) => ({ label: r.slice(0, last).map((c) => (c === null ? 'NULL' : String(c))).join(' — '), value: Number(r[last]) }));
}
