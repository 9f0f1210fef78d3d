// Result column names as Redshift reports them. DuckDB names an unaliased expression after its text
// (`count_star()`, `sum(x)`, `(a + b)`); Redshift, like PostgreSQL, names a function call after the
// function, anything else without a name `?column?`, and folds every identifier to lower case.
const FUNCTION_CALL = /^"?([A-Za-z_][A-Za-z0-9_]*)"?\((.*)\)$/s;
/** DuckDB's names for unaliased operators and literals: `(a + b)`, `1`, `'x'`. */
const UNNAMED_EXPRESSION = /^(\(.*\)|-?\d+(\.\d+)?|'.*')$/s;
const CAST = /^CAST\("?([A-Za-z_][A-Za-z0-9_$]*)"? AS [^)]*\)$/is;
const IDENTIFIER = /^"?([A-Za-z_][A-Za-z0-9_$]*)"?$/;

/** The emulator's stand-in macros (engine-setup.ts), named as the Redshift function they replace. */
const STAND_INS: Record<string, string> = {
  redshift_current_user: 'current_user', redshift_current_database: 'current_database', redshift_version: 'version',
  redshift_to_char: 'to_char', redshift_strtol: 'strtol', redshift_dateadd: 'date_add',
};

export function redshiftColumnName(duckName: string): string {
  if (duckName === 'count_star()') return 'count';
  // Macros and some built-ins (EXTRACT → main.date_part) come qualified with their schema.
  const name = duckName.replace(/^"?main"?\./, '');
  const cast = CAST.exec(name);
  if (cast) return cast[1].toLowerCase();
  const call = FUNCTION_CALL.exec(name);
  if (call && call[1].toUpperCase() !== 'CAST') {
    const fn = call[1].toLowerCase();
    if (fn === 'redshift_varchar') {
      // PostgreSQL names `col::varchar(n)` after the column, `'x'::varchar(n)` after the type.
      const arg = IDENTIFIER.exec(call[2].slice(0, call[2].lastIndexOf(',')).trim());
      return arg ? arg[1].toLowerCase() : 'varchar';
    }
    return STAND_INS[fn] ?? fn;
  }
  if (UNNAMED_EXPRESSION.test(name)) return '?column?';
  // A column or an alias (DuckDB gives aliases without their quotes).
  return name.toLowerCase();
}
