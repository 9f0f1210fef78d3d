// Result column names as Redshift reports them. DuckDB names an unaliased expression after its text
// (`count_star()`, `sum(x)`, `(a + b)`); Redshift, like PostgreSQL, names a function call after the
// function, anything else without a name `?column?`, and folds every identifier to lower case.
const FUNCTION_CALL = /^"?([A-Za-z_][A-Za-z0-9_]*)"?\((.*)\)$/s;
/** DuckDB's names for unaliased operators and literals: `(a + b)`, `1`, `'x'`. */
const UNNAMED_EXPRESSION = /^(\(.*\)|-?\d+(\.\d+)?|'.*')$/s;
const CAST = /^CAST\("?([A-Za-z_][A-Za-z0-9_$]*)"? AS [^)]*\)$/is;

export function redshiftColumnName(duckName: string): string {
  if (duckName === 'count_star()') return 'count';
  const cast = CAST.exec(duckName);
  if (cast) return cast[1].toLowerCase();
  const call = FUNCTION_CALL.exec(duckName);
  if (call && call[1].toUpperCase() !== 'CAST') return call[1].toLowerCase();
  if (UNNAMED_EXPRESSION.test(duckName)) return '?column?';
  // A column or an alias (DuckDB gives aliases without their quotes).
  return duckName.toLowerCase();
}
