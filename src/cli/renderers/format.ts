// Text tables for the plain renderer; numbers and durations use the same formatters as the wizard.
export { formatBytes, formatCount, formatDuration } from '../../components/format.js';

/** A fixed-width text table; cells longer than maxCell are cut with an ellipsis. */
export function formatTable(columns: string[], rows: Array<Array<unknown>>, maxCell = 40): string {
  const text = (v: unknown) => {
    const s = v === null || v === undefined ? 'NULL' : String(v);
    return s.length > maxCell ? s.slice(0, maxCell - 1) + '…' : s;
  };
  const cells = rows.map((r) => r.map(text));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]?.length ?? 0)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
