// Result rows as CSV text (RFC 4180: fields with a comma, quote or line break are quoted, quotes
// doubled; NULL is an empty field), the form GetStatementResultV2's CSVRecords carries.
// Hand-written: a dozen lines, and no CSV writer is among the project's dependencies.
function field(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecords(header: string[] | undefined, rows: unknown[][]): string {
  const lines = rows.map((row) => row.map(field).join(','));
  if (header) lines.unshift(header.map(field).join(','));
  return lines.map((l) => `${l}\n`).join('');
}
