// DuckDB error text → the wording Redshift uses, so callers see "ERROR: …" messages they recognise.

/** A statement error already phrased the Redshift way (message without the "ERROR: " prefix). */
export class RedshiftSqlError extends Error {}

const RULES: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/CHECK constraint failed on table \S+ with expression CHECK\(\(strlen\("?([^")]+)"?\) <= (\d+)\)\)/, (m) => `value too long for type character varying(${m[2]})`],
  [/NOT NULL constraint failed: [^.]+\.(\S+)/, (m) => `Cannot insert a NULL value into column ${m[1]}`],
  [/Table with name (\S+) does not exist/, (m) => `relation "${m[1].toLowerCase()}" does not exist`],
  [/Table with name "?([^"\s]+)"? already exists/, (m) => `relation "${m[1].toLowerCase()}" already exists`],
  [/Could not convert string '([^']*)' to INT\d+/, (m) => `invalid input syntax for integer: "${m[1]}"`],
  [/Could not convert string '([^']*)' to (DOUBLE|FLOAT)/, (m) => `invalid input syntax for type double precision: "${m[1]}"`],
  [/Referenced column "?([^"\s]+)"? not found/, (m) => `column "${m[1]}" does not exist`],
  [/syntax error at or near "([^"]*)"/, (m) => `syntax error at or near "${m[1]}"`],
  [/syntax error at end of input/, () => 'syntax error at end of input'],
  [/Division by zero/i, () => 'division by zero'],
  [/Current transaction is aborted/i, () => 'current transaction is aborted, commands ignored until end of transaction block'],
  [/Catalog Error: Scalar Function with name (\S+) does not exist/, (m) => `function ${m[1]} does not exist`],
];

/** The "ERROR: …" string DescribeStatement shows for a failed statement. */
export function redshiftErrorMessage(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  if (err instanceof RedshiftSqlError) return `ERROR: ${raw}`;
  for (const [pattern, render] of RULES) {
    const m = raw.match(pattern);
    if (m) return `ERROR: ${render(m)}`;
  }
  const firstLine = raw.split('\n')[0].replace(/^[A-Za-z ]+ Error: /, '');
  return `ERROR: ${firstLine}`;
}
